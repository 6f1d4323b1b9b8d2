"""Who may do what with a campaign: the one place these rules live.

Leads of a campaign are its page owner plus its co-leads (`CampaignLead`, a
per-campaign grant). Updates belong to their campaign: the campaign's leads
are theirs too. Views, the admin permission tester, the review task and the
export all ask here.
"""

from __future__ import annotations

from wagtail.models import Page

from content.translations import in_source_language
from people import roles
from people.roles import is_site_admin


def campaign_of(page: Page):
    """The campaign a campaign or update page belongs to (None for other pages)."""
    from .models import CampaignPage, CampaignUpdatePage

    specific_class = page.specific_class
    if specific_class is None:
        return None
    if issubclass(specific_class, CampaignPage):
        return page if isinstance(page, CampaignPage) else CampaignPage.objects.get(pk=page.pk)
    if issubclass(specific_class, CampaignUpdatePage):
        parent = page.get_parent()
        return CampaignPage.objects.filter(pk=parent.pk).first() if parent else None
    return None


def lead_ids(campaign) -> set[int]:
    """User ids of everyone leading `campaign`: its owner and its co-leads."""
    cached = getattr(campaign, "_lead_ids", None)
    if cached is None:
        from .models import CampaignLead

        # From the database, never from a draft revision's in-memory copy:
        # who may act on a campaign is what is saved, not what someone typed.
        cached = set(
            CampaignLead.objects.filter(page_id=campaign.pk).values_list("user_id", flat=True)
        )
        if campaign.owner_id:
            cached.add(campaign.owner_id)
        campaign._lead_ids = cached
    return cached


def is_lead_of(user, page: Page) -> bool:
    """Whether `user` leads the campaign that `page` is (or belongs to)."""
    if not user.is_authenticated or not user.is_active:
        return False
    campaign = campaign_of(page)
    return campaign is not None and user.pk in lead_ids(campaign)


def can_manage_campaign(user, campaign) -> bool:
    """Leads and site admins: export pledges, see the pledge chart."""
    return is_site_admin(user) or is_lead_of(user, campaign)


def may_review_anything(user) -> bool:
    """Survivor leaders and council facilitators review; superusers may too."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or bool(
        roles.role_names(user) & {roles.SURVIVOR_LEADERS, roles.COUNCIL_FACILITATORS}
    )


def may_review(user, page: Page) -> bool:
    """May `user` approve `page` in the survivor review? Never its own leads."""
    return may_review_anything(user) and not is_lead_of(user, page)


def campaigns_led_by(user):
    """The campaigns `user` leads (owner or co-lead), as a queryset (source
    pages: a translation copies its leads, and is not another campaign)."""
    from django.db.models import Q

    from .models import CampaignPage

    if not user.is_authenticated:
        return CampaignPage.objects.none()
    led = CampaignPage.objects.filter(Q(owner=user) | Q(co_leads__user=user))
    return in_source_language(led).distinct()


def pages_of_campaigns_led_by(user):
    """Pages `user` leads: the campaigns they lead and everything under them
    (their updates), as a queryset of base pages. Two queries at most."""
    from django.db.models import Q

    led_paths = list(campaigns_led_by(user).values_list("path", flat=True))
    if not led_paths:
        return Page.objects.none()
    led = Q()
    for path in led_paths:
        led |= Q(path__startswith=path)
    return Page.objects.filter(led)
