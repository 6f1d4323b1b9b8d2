"""Notices and email choices in a person's data export and in account erasure.

Erasure also takes the emails still waiting for them out of the outbox:
those addressed to their account, and those addressed to one of their email
addresses (a pledge's confirmation). Sent rows keep no address already.
"""

from __future__ import annotations

from django.db.models import Q

from people.addresses import email_addresses_of
from people.data_export import register_exporter
from people.erasure import register_eraser

from .models import Notice, NoticePreference, OutboxEmail
from .notices import show


def export_notices(user) -> dict:
    """Every notice, as it reads to them now, and their email choices."""
    notices = []
    for notice in Notice.objects.filter(user=user):
        shown = show(notice, user)
        notices.append(
            {
                "kind": notice.kind,
                "says": shown.text,
                "link": shown.url,
                "created_at": notice.created_at,
                "read_at": notice.read_at,
                "email": notice.email,
            }
        )
    return {
        "notices": notices,
        "email_choices": [
            {"kind": p.kind, "email": p.email, "detailed": p.detailed}
            for p in NoticePreference.objects.filter(user=user).order_by("kind")
        ],
    }


def erase_notices(user, mode: str) -> None:
    """Delete their notices, their choices and every email waiting for them."""
    Notice.objects.filter(user=user).delete()
    NoticePreference.objects.filter(user=user).delete()
    addressed = Q()
    for address in email_addresses_of(user):
        addressed |= Q(address__iexact=address)
    OutboxEmail.objects.filter(Q(recipient=user) | addressed).delete()


def register_personal_data() -> None:
    register_exporter("notices", export_notices)
    register_eraser("notices", erase_notices)
