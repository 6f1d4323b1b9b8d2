"""Notices: what members read on the site when something they care about
happens, and the emails that tell them so.

A feature app declares each kind of notice it sends, in its `AppConfig.ready()`:

    register_notice(
        "opportunities.accepted",
        label=_("Your application was accepted"),
        show=show_accepted,
    )

`show(params, reader)` returns what the notice says and where it leads, as a
`Shown`, worked out when it is read, in the reader's language, from the ids in
`params`; or None when the thing is gone or the reader may no longer see it,
and the notice then says only that, with no link. So `params` holds ids, never
names or case detail.

`notify(user, kind, params, dedupe_key=...)` makes the notice, and queues the
email the member chose for that kind: straight away (one email per notice),
in a daily summary (`send_daily_digests`), or never. Emails are discreet
unless the member asked for detail for that kind: a neutral subject and
"You have a new notice. Sign in to read it.", because someone else may read
their inbox.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from . import outbox
from .discretion import notice_subject
from .links import site_url
from .models import Email, Notice, NoticePreference

__all__ = [
    "DIGEST_EMAIL",
    "NOTICE_EMAIL",
    "NoticeKind",
    "Shown",
    "flag_stale_pages",
    "kinds",
    "notify",
    "preferences_of",
    "register_notice",
    "send_daily_digests",
    "show",
    "stale_before",
    "unregister_notice",
    "without_emails",
]

# The outbox kinds of the emails notices send.
NOTICE_EMAIL = "notifications.notice"
DIGEST_EMAIL = "notifications.digest"


@dataclass(frozen=True)
class Shown:
    """A notice as one reader reads it now: its text, and a link if there is
    somewhere to go."""

    text: str
    url: str = ""


@dataclass(frozen=True)
class NoticeKind:
    name: str
    label: str | Promise  # for the preferences page
    show: Callable[[dict[str, Any], Any], Shown | None]


_kinds: dict[str, NoticeKind] = {}


def register_notice(
    name: str, *, label: str | Promise, show: Callable[[dict[str, Any], Any], Shown | None]
) -> NoticeKind:
    """Declare a kind of notice ("app.what"). Declaring it again with the same
    function is harmless (apps may be set up twice in tests)."""
    kind = NoticeKind(name=name, label=label, show=show)
    existing = _kinds.get(name)
    if existing is not None and existing.show is not show:
        raise ValueError(f"Notice kind {name!r} is declared twice.")
    _kinds[name] = kind
    return kind


def unregister_notice(name: str) -> None:
    _kinds.pop(name, None)


def kinds() -> list[NoticeKind]:
    """Every kind of notice, in the order the preferences page lists them."""
    return sorted(_kinds.values(), key=lambda kind: str(kind.label))


def preferences_of(user) -> dict[str, NoticePreference]:
    """The member's choices per kind; kinds without a row use the default."""
    saved = {p.kind: p for p in NoticePreference.objects.filter(user=user)}
    return {
        kind.name: saved.get(kind.name) or NoticePreference(user=user, kind=kind.name)
        for kind in kinds()
    }


_emails_on: contextvars.ContextVar[bool] = contextvars.ContextVar("notice_emails", default=True)


@contextmanager
def without_emails():
    """Notices made inside are shown on the site but never emailed (the demo
    site is built as if it had already happened)."""
    token = _emails_on.set(False)
    try:
        yield
    finally:
        _emails_on.reset(token)


def notify(
    user,
    kind: str,
    params: dict[str, Any] | None = None,
    *,
    dedupe_key: str | None = None,
) -> Notice | None:
    """Tell `user` that something of `kind` happened: a notice, and the email
    they chose for that kind (one setting per kind, on the notice settings
    page; features keep no email switches of their own). With `dedupe_key`,
    an event already notified is not notified again (returns None). Inside a
    transaction, both go with it: a rolled-back event leaves no notice and no
    email."""
    if kind not in _kinds:
        raise ValueError(f"Unknown notice kind {kind!r}: declare it with register_notice().")
    if not user.is_active:
        return None
    preference = NoticePreference.objects.filter(user=user, kind=kind).first()
    email = preference.email if preference else Email.IMMEDIATELY
    if not _emails_on.get():
        email = Email.NEVER
    try:
        with transaction.atomic():
            notice = Notice.objects.create(
                user=user, kind=kind, params=params or {}, email=email, dedupe_key=dedupe_key
            )
    except IntegrityError:
        if dedupe_key is None:
            raise
        return None  # Notified before.
    if email == Email.IMMEDIATELY:
        outbox.queue_email(
            NOTICE_EMAIL,
            recipient=user,
            params={"notice": notice.pk},
            dedupe_key=f"notice:{notice.pk}",
        )
    return notice


def show(notice: Notice, reader) -> Shown:
    """What `notice` says to `reader` now. When what it was about is gone, or
    the reader may no longer see it, it says so and leads nowhere."""
    kind = _kinds.get(notice.kind)
    shown = kind.show(notice.params, reader) if kind is not None else None
    if shown is None:
        return Shown(text=_("This notice is about something that is no longer available to you."))
    return shown


DISCREET_BODY = gettext_noop("You have a new notice. Sign in to read it.")


@outbox.register(NOTICE_EMAIL)
def write_notice_email(email, memo) -> outbox.Written | None:
    """One notice, written when it is sent: discreet, or with what the notice
    says and its link if the member asked for detail for this kind. Not sent
    once the member has read the notice on the site."""
    notice = Notice.objects.filter(pk=email.params["notice"], user_id=email.recipient_id).first()
    if notice is None or notice.read_at is not None:
        return None
    subject = notice_subject(memo)
    detailed = NoticePreference.objects.filter(
        user_id=notice.user_id, kind=notice.kind, detailed=True
    ).exists()
    if not detailed:
        return outbox.Written(subject=subject, body=_(DISCREET_BODY) + "\n")
    shown = show(notice, email.recipient)
    body = shown.text + "\n"
    if shown.url:
        body += "\n" + site_url(shown.url, memo) + "\n"
    return outbox.Written(subject=subject, body=body)


@outbox.register(DIGEST_EMAIL)
def write_digest_email(email, memo) -> outbox.Written | None:
    """The daily summary: how many of the day's notices are still unread,
    nothing more. Not sent when the member has read them all."""
    unread = Notice.objects.unread().filter(
        pk__in=email.params["notices"], user_id=email.recipient_id
    )
    count = unread.count()
    if not count:
        return None
    body = ngettext(
        "You have %(count)d new notice. Sign in to read it.",
        "You have %(count)d new notices. Sign in to read them.",
        count,
    ) % {"count": count}
    return outbox.Written(subject=notice_subject(memo), body=body + "\n")


def send_daily_digests(now: datetime | None = None) -> int:
    """Queue each member's daily summary of the notices they asked to hear of
    daily, made before today (UTC). Safe to run twice, or on two workers at
    once: each notice is taken by one run (a conditional update), and each
    member gets at most one summary a day (its dedupe key). Returns how many
    summaries it queued."""
    now = now or timezone.now()
    day = now.astimezone(UTC).date()
    cutoff = datetime.combine(day, time.min, tzinfo=UTC)
    waiting = Notice.objects.filter(
        email=Email.DAILY, digested_at__isnull=True, created_at__lt=cutoff
    )
    queued = 0
    for user_id in list(waiting.values_list("user_id", flat=True).distinct().order_by("user_id")):
        # Taking the notices and queueing the summary commit together: a run
        # stopped in between leaves the notices for the next run.
        with transaction.atomic():
            if _queue_digest(waiting, user_id, now, day):
                queued += 1
    return queued


def _queue_digest(waiting, user_id: int, now: datetime, day) -> bool:
    ids = list(waiting.filter(user_id=user_id).values_list("pk", flat=True))
    taken = Notice.objects.filter(pk__in=ids, digested_at__isnull=True).update(digested_at=now)
    if not taken:
        return False  # Another run has them.
    if not Notice.objects.unread().filter(pk__in=ids).exists():
        return False  # Read on the site already.
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return False
    return bool(
        outbox.queue_email(
            DIGEST_EMAIL,
            recipient=user,
            params={"notices": ids},
            dedupe_key=f"notice-digest:{user_id}:{day.isoformat()}",
        )
    )


# How long a page may go unchanged before its leads are asked to look at it.
STALE_AFTER = timedelta(days=180)


def flag_stale_pages(pages, *, kind: str, leads_of, now: datetime | None = None) -> int:
    """Ask the leads of each page (`leads_of(page)`: active accounts) whether
    it is still right, once for every STALE_AFTER the page has gone without a
    new version. `pages` are live pages with `last_published_at`; publishing
    again starts the count anew. Safe to run twice: each notice has its
    dedupe key (kind, page, the version's time, the period, the lead).
    Returns how many notices it made."""
    now = now or timezone.now()
    made = 0
    for page in pages:
        published = page.last_published_at
        if published is None:
            continue
        period = (now - published) // STALE_AFTER
        if period < 1:
            continue
        for lead in leads_of(page):
            key = f"stale:{kind}:{page.pk}:{published.timestamp():.0f}:{period}:{lead.pk}"
            if notify(lead, kind, {"page": page.pk}, dedupe_key=key):
                made += 1
    return made


def stale_before(now: datetime | None = None) -> datetime:
    """Pages last published before this are stale."""
    return (now or timezone.now()) - STALE_AFTER
