"""Admin behaviour for campaigns: what leaders see in the page explorer,
and keeping each campaign's audience in step."""

from django.db.models import Q
from wagtail import hooks

from .leads import sync_campaign_audience
from .models import CampaignPage, CampaignUpdatePage
from .policy import campaigns_led_by


@hooks.register("construct_explorer_page_queryset")
def hide_other_leaders_drafts(parent_page, pages, request):
    """Leaders never see the drafts of campaigns (or updates) they do not lead."""
    user = request.user
    if user.is_superuser:
        return pages
    led_paths = list(campaigns_led_by(user).values_list("path", flat=True))
    led_updates = Q(pk__in=[])
    for path in led_paths:
        led_updates |= Q(path__startswith=path)
    hidden_campaigns = CampaignPage.objects.filter(live=False).exclude(
        pk__in=campaigns_led_by(user).values("pk")
    )
    hidden_updates = CampaignUpdatePage.objects.filter(live=False).exclude(led_updates)
    return pages.exclude(pk__in=hidden_campaigns.values("pk")).exclude(
        pk__in=hidden_updates.values("pk")
    )


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def keep_audience_in_step(request, page):
    if isinstance(page.specific, CampaignPage):
        sync_campaign_audience(page.specific)
