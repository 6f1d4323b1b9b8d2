"""The emails about opportunities, written when they are sent
(notifications.outbox) in the recipient's language."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.locales import long_date
from notifications.links import site_url
from notifications.outbox import Written, register

from .models import Engagement, SpeakingOpportunity
from .timezones import in_zone

DIGEST = "opportunities.digest"
OVERDUE_PAYMENTS = "opportunities.overdue_payments"


@register(DIGEST)
def write_digest(email, memo) -> Written | None:
    """The week's new matching opportunities that are still open."""
    wanted = email.params["opportunities"]
    listed = {o.pk: o for o in SpeakingOpportunity.objects.listed().filter(pk__in=wanted)}
    matches = [listed[pk] for pk in wanted if pk in listed]
    if not matches:
        return None
    lines = [
        f"- {o.title} ({o.organisation.name}) · {o.fee_display} · "
        f"{site_url(reverse('opportunities:detail', args=[o.pk]), memo)}"
        for o in matches
    ]
    return Written(
        subject=_("New speaking opportunities for you"),
        body=_("Opportunities that match what you asked for:")
        + "\n\n"
        + "\n".join(lines)
        + "\n\n"
        + _("Change or stop these emails in your preferences."),
    )


def _overdue_line(engagement: Engagement) -> str:
    """One engagement, in one sentence the reader's language can order as it
    needs; delivered on the day it was in the engagement's own time zone."""
    opportunity = engagement.application.opportunity
    return _(
        "%(organisation)s: “%(title)s”, %(fee)s, delivered on %(date)s (engagement %(number)s)"
    ) % {
        "organisation": opportunity.organisation.name,
        "title": opportunity.title,
        "fee": engagement.fee_display,
        "date": long_date(in_zone(engagement.delivered_at, engagement.time_zone)),
        "number": engagement.pk,
    }


@register(OVERDUE_PAYMENTS)
def write_overdue_payments(email, memo) -> Written | None:
    """To a site admin: engagements unpaid 30 days after delivery. It names the
    organisation and the opportunity, never the speaker."""
    engagements = Engagement.objects.filter(pk__in=email.params["engagements"]).select_related(
        "application__opportunity__organisation"
    )
    lines = [f"- {_overdue_line(engagement)}" for engagement in engagements]
    if not lines:
        return None
    return Written(
        subject=ngettext(
            "%(count)d speaker payment overdue by more than 30 days",
            "%(count)d speaker payments overdue by more than 30 days",
            len(lines),
        )
        % {"count": len(lines)},
        body=_(
            "These engagements were delivered more than 30 days ago and the speaker "
            "has not confirmed payment:"
        )
        + "\n\n"
        + "\n".join(lines),
    )
