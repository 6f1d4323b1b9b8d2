"""What councils keep about a person, in their data export and erasure."""

from __future__ import annotations

from people.data_export import register_exporter
from people.erasure import register_eraser


def export_council_data(user) -> dict:
    """Memberships, messages written and named positions; anonymous ballots
    only as "you voted", since nothing links them to a choice."""
    from .models import DecisionBallot, Membership, Message, Position

    return {
        "memberships": [
            {
                "council": m.council.name,
                "role": m.role,
                "name_in_council": m.pseudonym,
                "shows_presence": m.show_presence,
                "shares_typing": m.share_typing,
                "joined_at": m.joined_at,
                "left_at": m.left_at,
            }
            for m in Membership.objects.filter(user=user).select_related("council")
        ],
        "messages": [
            {
                "council": m.room.council.name,
                "room": m.room.name,
                "seq": m.seq,
                "body": m.body,
                # "text": as typed; "html": saved before messages were plain text.
                "body_format": m.body_format,
                "content_warnings": [t.name for t in m.content_warnings.all()],
                "created_at": m.created_at,
                "edited_at": m.edited_at,
                "removed_at": m.redacted_at,
            }
            for m in Message.objects.filter(author=user)
            .select_related("room__council")
            .prefetch_related("content_warnings")
        ],
        "positions": [
            {
                "decision": p.decision.question,
                "choice": p.choice,
                "approved_options": p.approved_options,
                "reason": p.reason,
            }
            for p in Position.objects.filter(member=user).select_related("decision")
        ],
        "anonymous_ballots_cast": [
            b.decision.question
            for b in DecisionBallot.objects.filter(member=user).select_related("decision")
        ],
    }


def erase_council_data(user, mode: str) -> None:
    """ "delete": their messages and named positions go. "anonymise": their
    messages stay as "a former member" and named positions stay without them.
    Either way their memberships go; anonymous ballots were never linked."""
    from .models import DecisionBallot, Membership, Message, MessageRevision, Position, Report

    messages = Message.objects.filter(author=user)
    if mode == "delete":
        MessageRevision.objects.filter(message__in=messages).delete()
        messages.delete()
        Position.objects.filter(member=user).delete()
    else:
        messages.update(author=None)
        Position.objects.filter(member=user).update(member=None)
    MessageRevision.objects.filter(edited_by=user).update(edited_by=None)
    Report.objects.filter(reporter=user).update(reporter=None)
    DecisionBallot.objects.filter(member=user).delete()
    for membership in Membership.objects.filter(user=user):
        membership.delete()


def register_personal_data() -> None:
    register_exporter("councils", export_council_data)
    register_eraser("councils", erase_council_data)
