from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable


class RemedySource(Orderable):
    """A citation a remedy page relies on: a statute, a court rule, a study, a
    legal centre's guide."""

    page = ParentalKey("pathways.RemedyPage", on_delete=models.CASCADE, related_name="sources")
    citation = models.CharField(
        _("citation"), max_length=400, help_text=_("e.g. 18 U.S.C. § 1595 (civil remedy).")
    )
    url = models.URLField(_("address"), blank=True)

    panels = [FieldPanel("citation"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("source")

    def __str__(self) -> str:
        return self.citation
