"""Progress toward a campaign's goal: reaching it, and the leads' chart."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db.models.functions import TruncDate
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from content.translations import for_source_pages
from core import page_cache
from notifications.notices import notify

from .models import CampaignPage, Pledge
from .notices import GOAL_REACHED
from .policy import lead_ids


def check_goal_reached(campaign: CampaignPage) -> bool:
    """Switch an active campaign to "goal reached" when confirmed pledges meet
    the target, and email its leads, once. Returns True if this call did it."""
    if campaign.confirmed_pledge_count < campaign.pledge_target:
        return False
    if campaign.status == CampaignPage.Status.ACTIVE:
        CampaignPage.objects.filter(pk=campaign.pk).update(status=CampaignPage.Status.GOAL_REACHED)
        campaign.status = CampaignPage.Status.GOAL_REACHED
        # Written without a save: the page, its card and the lists by status change.
        page_cache.invalidate(page_cache.page_tag(campaign.pk), page_cache.pages_tag(CampaignPage))
    claimed = CampaignPage.objects.filter(
        pk=campaign.pk, goal_reached_notified_at__isnull=True
    ).update(goal_reached_notified_at=timezone.now())
    if not claimed:
        return False
    for lead in get_user_model().objects.filter(pk__in=lead_ids(campaign), is_active=True):
        notify(
            lead,
            GOAL_REACHED,
            {"campaign": campaign.pk},
            dedupe_key=f"campaign-goal:{campaign.pk}:{lead.pk}",
        )
    return True


def pledges_per_day(campaign: CampaignPage) -> list[tuple[date, int]]:
    """Cumulative confirmed pledges at the end of each day with a confirmation."""
    rows = (
        Pledge.objects.confirmed()
        .filter(campaign=campaign)
        .annotate(day=TruncDate("confirmed_at"))
        .values_list("day", flat=True)
        .order_by("day")
    )
    totals: dict[date, int] = {}
    for running, day in enumerate(rows, start=1):
        totals[day] = running
    return sorted(totals.items())


def pledge_chart_svg(campaign: CampaignPage, *, width: int = 600, height: int = 240) -> str:
    """A server-side SVG line chart of confirmed pledges over time, with the
    target as a dashed line; no scripts, no outside resources."""
    points = pledges_per_day(campaign)
    pad = 40
    plot_w, plot_h = width - 2 * pad, height - 2 * pad
    top = max([campaign.pledge_target, *(total for _day, total in points), 1])
    if points:
        start = points[0][0]
        end = max(points[-1][0], start + timedelta(days=1))
    else:
        start = timezone.localdate()
        end = start + timedelta(days=1)
    span = (end - start).days or 1

    def x(day: date) -> float:
        return round(pad + plot_w * (day - start).days / span, 1)

    def y(total: int) -> float:
        return round(pad + plot_h - plot_h * total / top, 1)

    path = " ".join(f"{x(day)},{y(total)}" for day, total in points)
    target_y = y(campaign.pledge_target)
    title = _("Confirmed pledges over time: %(count)s of %(target)s") % {
        "count": number_format(campaign.confirmed_pledge_count, force_grouping=True),
        "target": number_format(campaign.pledge_target, force_grouping=True),
    }
    return render_to_string(
        "campaigns/pledge_chart.svg",
        {
            "width": width,
            "height": height,
            "pad": pad,
            "right": width - pad,
            "bottom": height - pad,
            "points": path,
            "dots": [(x(day), y(total), day, total) for day, total in points],
            "target_y": target_y,
            "target": campaign.pledge_target,
            "title": title,
            "start": start,
            "end": end,
        },
    )


@for_source_pages
def recount_after_publish(sender, instance, **kwargs):
    """page_published receiver: a published revision carries the count it was
    saved with; set the real one (and the goal status) again."""
    count = Pledge.objects.confirmed().filter(campaign_id=instance.pk).count()
    CampaignPage.objects.filter(pk=instance.pk).update(confirmed_pledge_count=count)
    # Publishing forgot the page before this count was written.
    page_cache.invalidate(page_cache.page_tag(instance.pk))
    campaign = CampaignPage.objects.get(pk=instance.pk)
    check_goal_reached(campaign)
