from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from core.text_limits import length_limit
from pathways import freshness


class RemedyDeadline(Orderable):
    """How long a survivor has to seek a remedy in one jurisdiction: a record
    with its source and the date an editor last checked it against that
    source. A remedy page's deadline table is built from these, and a record
    not checked for twelve months is marked on the page and flagged to
    editors."""

    class Kind(models.TextChoices):
        LIMITATION = "limitation", _("Time limit")
        NONE = "none", _("No fixed time limit")
        VARIES = "varies", _("Depends on the case")

    page = ParentalKey("pathways.RemedyPage", on_delete=models.CASCADE, related_name="deadlines")
    jurisdiction = models.ForeignKey(
        "pathways.Jurisdiction",
        on_delete=models.PROTECT,
        related_name="deadlines",
        verbose_name=_("jurisdiction"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    period = models.CharField(
        _("time limit"),
        max_length=200,
        blank=True,
        help_text=_("In plain words, e.g. '10 years from when the harm ended'."),
    )
    years = models.DecimalField(
        _("years"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("The time limit in years, when it is a plain number; for sorting."),
    )
    notes = models.TextField(_("notes"), max_length=1000, blank=True)
    source_title = models.CharField(_("source"), max_length=300)
    source_url = models.URLField(_("source address"), blank=True)
    checked_on = models.DateField(_("checked against the source on"))

    panels = [
        FieldPanel("jurisdiction"),
        FieldPanel("kind"),
        FieldPanel("period"),
        FieldPanel("years"),
        FieldPanel("notes"),
        FieldPanel("source_title"),
        FieldPanel("source_url"),
        FieldPanel("checked_on"),
    ]

    class Meta(Orderable.Meta):
        constraints = [length_limit("notes", 1000)]
        verbose_name = _("deadline")

    def __str__(self) -> str:
        return f"{self.jurisdiction}: {self.period or self.get_kind_display()}"

    @property
    def check_is_stale(self) -> bool:
        """Not checked against its source in the last twelve months."""
        return freshness.is_stale(self.checked_on)
