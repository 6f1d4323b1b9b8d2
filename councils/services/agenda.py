"""A council's agenda: points put on the next meeting, and meetings that
gather the points waiting for one."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from ..models import AgendaItem, Council, Meeting

__all__ = ["add_agenda_item", "plan_meeting"]


@transaction.atomic
def add_agenda_item(
    council: Council, *, title: str, notes: str = "", link: str = "", meeting=None
) -> AgendaItem:
    """Put a point on the council's agenda: on `meeting`, else on the next
    planned meeting, else waiting until a facilitator plans one."""
    if meeting is None:
        meeting = (
            Meeting.objects.filter(council=council, starts_at__gte=timezone.now())
            .order_by("starts_at")
            .first()
        )
    position = AgendaItem.objects.filter(council=council, meeting=meeting).count() + 1
    item = AgendaItem(
        council=council,
        meeting=meeting,
        position=position,
        title=title[:200],
        notes=notes[:2000],
        link=link,
    )
    item.full_clean()
    item.save()
    return item


def plan_meeting(meeting: Meeting) -> Meeting:
    """Save a new meeting; points waiting for a meeting go on its agenda."""
    meeting.save()
    waiting = AgendaItem.objects.filter(council=meeting.council, meeting__isnull=True)
    start = AgendaItem.objects.filter(meeting=meeting).count()
    for offset, item in enumerate(waiting.order_by("position", "pk"), start=1):
        item.meeting = meeting
        item.position = start + offset
        item.save(update_fields=["meeting", "position"])
    return meeting
