"""Periodic jobs about opportunities (background.schedule): the weekly digest
of matching opportunities, and flagging engagements still unpaid 30 days
after delivery. Both are safe to run twice, or on two workers at once: each
person's digest and each engagement's flag is claimed by one run."""

from __future__ import annotations

import hashlib

from django.utils import timezone

from background.schedule import daily, weekly
from background.work import background_task
from notifications.outbox import queue_email
from people import roles

from .emails import DIGEST, OVERDUE_PAYMENTS
from .matching import matching_opportunities
from .models import Engagement, OpportunityPreferences, SpeakingOpportunity
from .models.engagement import OVERDUE_AFTER


def overdue_engagements(now=None):
    now = now or timezone.now()
    return Engagement.objects.filter(
        is_unpaid=False,
        cancelled_at__isnull=True,
        delivered_at__lte=now - OVERDUE_AFTER,
        payment_confirmed_at__isnull=True,
    ).select_related("application__opportunity__organisation")


def flag_overdue_payments(now=None) -> int:
    """Flag each newly overdue engagement once (the speaker sees the flag on
    their engagements page) and tell the site admins. Returns how many."""
    now = now or timezone.now()
    candidates = overdue_engagements(now).filter(overdue_flagged_at__isnull=True)
    flagged = [
        pk
        for pk in candidates.values_list("pk", flat=True)
        if Engagement.objects.filter(pk=pk, overdue_flagged_at__isnull=True).update(
            overdue_flagged_at=now
        )
    ]
    if flagged:
        batch = hashlib.sha256(",".join(map(str, sorted(flagged))).encode()).hexdigest()[:16]
        for admin in roles.site_admin_accounts().exclude(email=""):
            queue_email(
                OVERDUE_PAYMENTS,
                recipient=admin,
                params={"engagements": flagged},
                dedupe_key=f"overdue-payments:{batch}:{admin.pk}",
            )
    return len(flagged)


def send_opportunity_digests(now=None) -> int:
    """Queue each survivor leader who asked for it the new opportunities that
    match (only those listed since their last digest). Returns how many."""
    now = now or timezone.now()
    preferences = (
        OpportunityPreferences.objects.filter(
            user__is_active=True,
            user__profile__notify_opportunity_digest=True,
            user__groups__name=roles.SURVIVOR_LEADERS,
        )
        .select_related("user")
        .prefetch_related("topics")
    )
    listed = list(SpeakingOpportunity.objects.listed())
    queued = 0
    for preference in preferences:
        since = preference.last_digest_at
        # Claimed by moving `last_digest_at` on from what this run read.
        claimed = (
            OpportunityPreferences.objects.filter(pk=preference.pk, last_digest_at=since)
            if since is not None
            else OpportunityPreferences.objects.filter(
                pk=preference.pk, last_digest_at__isnull=True
            )
        )
        if not claimed.update(last_digest_at=now):
            continue
        fresh = [o for o in listed if since is None or o.created_at > since]
        matches = matching_opportunities(preference, fresh)
        if matches:
            queue_email(
                DIGEST,
                recipient=preference.user,
                params={"opportunities": [o.pk for o in matches]},
                dedupe_key=f"opportunity-digest:{preference.pk}:{now.isoformat()}",
            )
            queued += 1
    return queued


@background_task()
def flag_overdue_payments_task() -> int:
    return flag_overdue_payments()


@background_task()
def send_opportunity_digests_task() -> int:
    return send_opportunity_digests()


daily(at="06:00", name="opportunities.overdue_payments", job=flag_overdue_payments_task)
weekly(on="monday", at="07:00", name="opportunities.digest", job=send_opportunity_digests_task)
