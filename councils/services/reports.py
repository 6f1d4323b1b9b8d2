"""Members flag messages for their council's facilitators, who resolve them."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import events, permissions
from ..models import Report
from .errors import CouncilActionError, require
from .messages import message_in

__all__ = ["report_message", "resolve_report"]


@transaction.atomic
def report_message(*, user, council_id: int, message_id: int, reason: str) -> Report:
    """A member flags a message for the council's facilitators."""
    membership = permissions.active_membership(user, council_id)
    require(permissions.can_read(membership))
    message = message_in(membership, message_id)
    reason = (reason or "").strip()
    if not reason:
        raise CouncilActionError(
            events.ERROR_INVALID, _("Please say a few words about what worries you.")
        )
    return Report.objects.create(message=message, reporter=user, reason=reason[:2000])


@transaction.atomic
def resolve_report(*, user, report: Report, resolution: str) -> Report:
    membership = permissions.active_membership(user, report.message.room.council_id)
    require(permissions.can_facilitate(membership))
    report.resolved_at = timezone.now()
    report.resolved_by = user
    report.resolution = (resolution or "").strip()[:2000]
    report.save()
    return report
