from django.db import models
from django.utils.translation import gettext_lazy as _


class JusticePathway(models.TextChoices):
    """The three pathways survivors describe: through the justice system, by
    repairing harm, and by changing what allowed it. Remedy pages and reform
    proposals are both grouped by them."""

    PROCEDURAL = "procedural", _("Procedural justice")
    RESTORATIVE = "restorative", _("Restorative justice")
    TRANSFORMATIONAL = "transformational", _("Transformational justice")
