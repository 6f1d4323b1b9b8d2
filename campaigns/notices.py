"""The notices campaigns send (notifications.notices): a campaign reached its
goal, and a live campaign has gone six months without a change. Each is for
the campaign's leads, and says what it is about only while the reader still
leads it."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from notifications.notices import Shown, register_notice

from .models import CampaignPage
from .policy import lead_ids

GOAL_REACHED = "campaigns.goal_reached"
STALE = "campaigns.stale"


def _led_by(pk, reader) -> CampaignPage | None:
    campaign = CampaignPage.objects.filter(pk=pk).first()
    if campaign is None or not reader.is_active or reader.pk not in lead_ids(campaign):
        return None
    return campaign


def _address(campaign: CampaignPage) -> str:
    return campaign.url if campaign.live else reverse("wagtailadmin_pages:edit", args=[campaign.pk])


def show_goal_reached(params, reader) -> Shown | None:
    campaign = _led_by(params["campaign"], reader)
    if campaign is None:
        return None
    return Shown(
        _(
            "Your campaign “%(title)s” has reached its goal of %(target)s confirmed pledges. "
            "Thank you for leading it."
        )
        % {"title": campaign.title, "target": campaign.pledge_target},
        _address(campaign),
    )


def show_stale(params, reader) -> Shown | None:
    campaign = _led_by(params["page"], reader)
    if campaign is None:
        return None
    return Shown(
        _("“%(title)s” has not changed for 6 months: is it still right?")
        % {"title": campaign.title},
        reverse("wagtailadmin_pages:edit", args=[campaign.pk]),
    )


def register() -> None:
    register_notice(
        GOAL_REACHED,
        label=gettext_lazy("A campaign you lead reached its goal"),
        show=show_goal_reached,
    )
    register_notice(
        STALE, label=gettext_lazy("A campaign you lead is 6 months unchanged"), show=show_stale
    )
