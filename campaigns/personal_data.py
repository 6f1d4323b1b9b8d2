"""Campaign records in a person's data export and in account erasure.

Pledges are tied to an email address, not an account, so a member's pledges
are those made with any of their email addresses.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Count, F

from core import page_cache
from people.addresses import email_addresses_of
from people.data_export import register_exporter
from people.erasure import register_eraser


def export_campaign_data(user) -> dict:
    """Pledges made with the person's addresses, and the campaigns they lead."""
    from .models import CampaignLead, CampaignPage, Pledge

    pledges = Pledge.objects.filter(email__in=email_addresses_of(user)).select_related("campaign")
    return {
        "pledges": [
            {
                "campaign": pledge.campaign.title,
                "name_shown": pledge.display_name,
                "email": pledge.email,
                "organisation": pledge.organisation,
                "wants_updates": pledge.wants_updates,
                "created_at": pledge.created_at,
                "confirmed_at": pledge.confirmed_at,
            }
            for pledge in pledges
        ],
        "campaigns_owned": list(
            CampaignPage.objects.filter(owner=user).values_list("title", flat=True)
        ),
        "campaigns_co_led": list(
            CampaignLead.objects.filter(user=user).values_list("page__title", flat=True)
        ),
    }


@transaction.atomic
def erase_campaign_data(user, mode: str) -> None:
    """Delete the person's pledges (taking confirmed ones out of the counts)
    and their co-lead records. Published campaigns stay (Wagtail keeps the
    page; its owner becomes empty when the account is deleted)."""
    from .models import CampaignLead, CampaignPage, Pledge

    pledges = Pledge.objects.filter(email__in=email_addresses_of(user))
    counts = pledges.filter(confirmed_at__isnull=False).values("campaign").annotate(n=Count("pk"))
    for row in counts:
        CampaignPage.objects.filter(pk=row["campaign"]).update(
            confirmed_pledge_count=F("confirmed_pledge_count") - row["n"]
        )
        page_cache.invalidate(page_cache.page_tag(row["campaign"]))
    pledges.delete()
    CampaignLead.objects.filter(user=user).delete()


def register_personal_data() -> None:
    register_exporter("campaigns", export_campaign_data)
    register_eraser("campaigns", erase_campaign_data)
