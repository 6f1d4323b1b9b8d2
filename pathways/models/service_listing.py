from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel

from core.text_limits import length_limit


class ServiceCost(models.TextChoices):
    FREE = "free", _("Free")
    SLIDING = "sliding", _("Sliding scale")
    PAID = "paid", _("Paid")


class ServiceListing(ClusterableModel):
    """An organisation's entry in the directory of legal and support services:
    where it serves, what it offers, in which languages and at what cost.

    Built on `advocacy.organisations.Organisation`; only verified organisations
    are listed (`listed()`), whatever their listing says.
    """

    organisation = models.OneToOneField(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="service_listing",
        verbose_name=_("organisation"),
    )
    summary = models.TextField(_("what they offer"), max_length=600)
    services = models.ManyToManyField(
        "pathways.SupportService", related_name="listings", verbose_name=_("services")
    )
    jurisdictions = models.ManyToManyField(
        "pathways.Jurisdiction", related_name="listings", verbose_name=_("jurisdictions served")
    )
    cost = models.CharField(_("cost"), max_length=10, choices=ServiceCost.choices)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    contact_notes = models.CharField(
        _("how to get in touch"),
        max_length=300,
        blank=True,
        help_text=_("e.g. 'Call on weekdays; an interpreter can join.'"),
    )
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("organisation"),
        FieldPanel("summary"),
        FieldPanel("services"),
        FieldPanel("jurisdictions"),
        InlinePanel("languages", heading=_("Languages"), label=_("Language"), min_num=1),
        FieldPanel("cost"),
        FieldPanel("phone"),
        FieldPanel("contact_notes"),
    ]

    class Meta:
        constraints = [length_limit("summary", 600)]
        ordering = ["organisation__name", "pk"]
        verbose_name = _("directory listing")

    def __str__(self) -> str:
        return str(self.organisation)

    @classmethod
    def listed(cls):
        """The listings the public directory shows: verified organisations only."""
        return cls.objects.filter(organisation__verified=True)
