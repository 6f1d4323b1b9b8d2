from django.db import models
from django.utils.translation import gettext_lazy as _

from advocacy.organisations.models import Organisation

from .engagement import Engagement

# Fewer ratings than this are never shown, so no single speaker can be identified.
MINIMUM_RATINGS_SHOWN = 3


class ConductRating(models.Model):
    """A speaker's rating of how an organisation treated them. Anonymous to the
    organisation: only aggregates of at least three ratings are ever shown."""

    engagement = models.OneToOneField(
        Engagement, on_delete=models.CASCADE, related_name="conduct_rating"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="conduct_ratings"
    )
    paid_on_time = models.BooleanField(_("paid on time"))
    respected_boundaries = models.BooleanField(_("respected my boundaries"))
    trauma_informed = models.BooleanField(_("trauma-informed"))
    would_work_again = models.BooleanField(_("I would work with them again"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "advocacy_conductrating"
        verbose_name = _("conduct rating")

    def __str__(self) -> str:
        return f"Rating of {self.organisation}"
