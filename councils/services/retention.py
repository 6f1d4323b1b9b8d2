"""Each council's retention period: messages older than it are deleted."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from ..models import Council, Message, MessageRevision

__all__ = ["apply_retention"]


def apply_retention(now=None) -> int:
    """Delete messages (and their revisions and reports) older than each
    council's retention period. Returns how many messages were deleted."""
    now = now or timezone.now()
    deleted = 0
    for council in Council.objects.all():
        cutoff = now - timedelta(days=council.retention_days)
        old = Message.objects.filter(room__council=council, created_at__lt=cutoff)
        count = old.count()
        if count:
            MessageRevision.objects.filter(message__in=old).delete()
            old.delete()
        deleted += count
    return deleted
