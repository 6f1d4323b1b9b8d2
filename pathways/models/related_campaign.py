from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import PageChooserPanel
from wagtail.models import Orderable


class RelatedCampaign(Orderable):
    """A prevention campaign a remedy page points readers to. (Reform proposals
    name the remedy they want to change themselves: `ReformProposalPage.remedies`.)"""

    page = ParentalKey(
        "pathways.RemedyPage", on_delete=models.CASCADE, related_name="related_campaigns"
    )
    campaign = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("campaign"),
    )

    panels = [PageChooserPanel("campaign", page_type="campaigns.CampaignPage")]

    class Meta(Orderable.Meta):
        verbose_name = _("related campaign")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "campaign"], name="pathways_one_link_per_campaign"
            )
        ]

    def __str__(self) -> str:
        return str(self.campaign)
