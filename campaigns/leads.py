"""Each campaign owns a `people.Audience` (kind campaign) whose group holds its
leads, so that survivors can share story parts with a campaign."""

from content.translations import for_source_pages
from people.models import Audience

from .models import CampaignPage
from .policy import lead_ids


def sync_campaign_audience(campaign: CampaignPage) -> Audience:
    """Create the campaign's audience if needed and make its group exactly the leads."""
    if campaign.audience_id is None:
        audience = Audience.create(
            kind=Audience.Kind.CAMPAIGN, name=campaign.title[:200], owner=campaign
        )
        CampaignPage.objects.filter(pk=campaign.pk).update(audience=audience)
        campaign.audience = audience
    audience = campaign.audience
    if hasattr(campaign, "_lead_ids"):
        del campaign._lead_ids
    audience.group.user_set.set(lead_ids(campaign))
    return audience


@for_source_pages
def sync_audience_on_save(sender, instance, raw=False, **kwargs):
    """post_save / page_published receiver for campaign pages."""
    if not raw:
        sync_campaign_audience(instance)
