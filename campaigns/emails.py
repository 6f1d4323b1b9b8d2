"""The emails campaigns send, written when they are sent (notifications.outbox),
in the recipient's language: a pledger in the language they pledged in, a
lead in their own."""

from __future__ import annotations

from urllib.parse import urljoin

from django.template.loader import render_to_string

from notifications.outbox import Written, register

from .models import CampaignPage, CampaignUpdatePage, Pledge

PLEDGE_RECEIVED = "campaigns.pledge_received"
UPDATE = "campaigns.update"


def _written(template: str, context: dict) -> Written:
    return Written(
        subject=render_to_string(f"{template}_subject.txt", context).strip(),
        body=render_to_string(f"{template}.txt", context),
    )


@register(PLEDGE_RECEIVED)
def write_pledge_received(email, memo) -> Written | None:
    """The link that confirms a new pledge, or a note that it already counts.
    `params["site"]` is the address the pledger used."""
    pledge = Pledge.objects.filter(pk=email.params["pledge"]).select_related("campaign").first()
    if pledge is None:
        return None
    campaign = pledge.campaign
    site = email.params["site"]
    context = {"campaign": campaign, "pledge": pledge, "created": email.params.get("created")}
    if pledge.confirmed_at is None:
        from .pledges import confirmation_token

        path = campaign.url + campaign.reverse_subpage(
            "confirm_pledge", args=[confirmation_token(pledge)]
        )
        context["confirm_url"] = urljoin(site, path)
        return _written("campaigns/email/confirm_pledge", context)
    context["campaign_url"] = urljoin(site, campaign.url)
    return _written("campaigns/email/already_pledged", context)


@register(UPDATE)
def write_update(email, memo) -> Written | None:
    """A campaign update, to a pledger who asked for updates and has not
    unsubscribed since it was queued."""
    pledge = Pledge.objects.filter(pk=email.params["pledge"], unsubscribed_at__isnull=True).first()
    key = ("campaign-update", email.params["update"])
    if key not in memo:
        update = CampaignUpdatePage.objects.filter(pk=email.params["update"]).first()
        campaign = CampaignPage.objects.get(pk=update.get_parent().pk) if update else None
        memo[key] = (update, campaign)
    update, campaign = memo[key]
    if pledge is None or update is None or not update.live:
        return None
    from .pledges import unsubscribe_token

    unsubscribe_path = campaign.reverse_subpage("unsubscribe", args=[unsubscribe_token(pledge)])
    context = {
        "campaign": campaign,
        "update": update,
        "update_url": update.full_url,
        "unsubscribe_url": (campaign.full_url or "") + unsubscribe_path,
    }
    return _written("campaigns/email/update", context)
