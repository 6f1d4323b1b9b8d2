"""Granting and revoking consent: the ledger, its log and the grants behind it.

Every disclosure goes through `grant_consent()`; taking it back goes through
`revoke_consent()`. Both keep three things in step in one transaction: the
`ConsentRecord`, its `ConsentEvent` log, and the django-guardian permission
that lets the audience's group read a shared story part.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import django.dispatch
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm, remove_perm

from core import page_cache, site_wide

from .models import Audience, ConsentEvent, ConsentRecord, DisclosureAccess, StoryPart
from .visibility import PROFILE_FIELDS

STORY_PERMISSION = "people.view_shared_storypart"

# Sent after a consent stops counting (revoked or expired), once the
# transaction has committed: feature apps drop anything they cached or pushed.
consent_withdrawn = django.dispatch.Signal()  # args: record


@transaction.atomic
def grant_consent(
    subject,
    *,
    kind: str,
    purpose: str,
    audience: Audience | None = None,
    field_name: str = "",
    story_part: StoryPart | None = None,
    text: str = "",
    context=None,
    expires_at=None,
    actor=None,
) -> ConsentRecord:
    """Record that `subject` agrees to disclose something to `audience` (None:
    the public). Granting the same thing again returns the active record."""
    if kind == ConsentRecord.Kind.PROFILE_FIELD and field_name not in PROFILE_FIELDS:
        raise ValidationError(_("That is not a profile field."))
    if kind == ConsentRecord.Kind.STORY_PART:
        if story_part is None or story_part.owner_id != subject.pk:
            raise ValidationError(_("You can only share parts of your own story."))
        if story_part.never_share:
            raise ValidationError(
                _("This part is marked “never share”. Change that first if you want to share it.")
            )
        if audience is None:
            raise ValidationError(_("Choose who may read this part of your story."))
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError(_("The end date must be in the future."))
    if not purpose.strip():
        raise ValidationError(_("Say what this is for."))

    lookup = {
        "subject": subject,
        "kind": kind,
        "field_name": field_name,
        "story_part": story_part,
        "audience": audience,
    }
    if context is not None:
        lookup["context_type"] = ContentType.objects.get_for_model(context)
        lookup["context_id"] = context.pk
    existing = ConsentRecord.objects.active().filter(**lookup).first()
    if existing is not None:
        return existing

    record = ConsentRecord.objects.create(
        **lookup, text=text, purpose=purpose.strip(), expires_at=expires_at
    )
    ConsentEvent.objects.create(record=record, action=ConsentEvent.Action.GRANTED, actor=actor)
    if story_part is not None:
        assign_perm(STORY_PERMISSION, audience.group, story_part)
    return record


@transaction.atomic
def revoke_consent(record: ConsentRecord, *, actor=None) -> ConsentRecord:
    """Take a consent back, at once. Revoking twice changes nothing."""
    record = ConsentRecord.objects.select_for_update().get(pk=record.pk)
    if record.revoked_at is not None:
        return record
    record.revoked_at = timezone.now()
    record.save(update_fields=["revoked_at"])
    ConsentEvent.objects.create(record=record, action=ConsentEvent.Action.REVOKED, actor=actor)
    _drop_grant_if_unused(record)
    transaction.on_commit(lambda: consent_withdrawn.send(sender=ConsentRecord, record=record))
    return record


@transaction.atomic
def expire_consents(now=None) -> int:
    """Log expiry and remove grants of consents whose end date has passed.

    Expired consents already stop counting by themselves (every check uses
    `ConsentRecord.objects.active()`); this tidies the grants and the log.
    """
    now = now or timezone.now()
    logged = ConsentEvent.objects.filter(action=ConsentEvent.Action.EXPIRED).values("record")
    records = list(ConsentRecord.objects.expired(now).exclude(pk__in=logged))
    expired = 0
    for record in records:
        try:
            with transaction.atomic():
                ConsentEvent.objects.create(
                    record=record, action=ConsentEvent.Action.EXPIRED, at=now
                )
                _drop_grant_if_unused(record)
        except IntegrityError:
            continue  # Another run logged it first.
        expired += 1
        page_cache.invalidate(person_tag(record.subject_id))
        transaction.on_commit(
            lambda record=record: consent_withdrawn.send(sender=ConsentRecord, record=record)
        )
    return expired


def _drop_grant_if_unused(record: ConsentRecord) -> None:
    if record.story_part_id is None or record.audience_id is None:
        return
    still_granted = (
        ConsentRecord.objects.active()
        .filter(story_part_id=record.story_part_id, audience_id=record.audience_id)
        .exclude(pk=record.pk)
        .exists()
    )
    if not still_granted:
        remove_perm(STORY_PERMISSION, record.audience.group, record.story_part)


def record_access(*, viewer, subject, what: str, audience: Audience | None = None) -> None:
    """Access log: `viewer` (acting for `audience`) opened `what` of `subject`'s."""
    if viewer.pk == subject.pk:
        return
    DisclosureAccess.objects.create(
        subject=subject,
        viewer=viewer,
        viewer_label=str(viewer)[:200],
        audience=audience,
        what=what[:200],
    )


def person_tag(user_id: int) -> str:
    """Kept visitors' pages that show what this person consented to show
    (core.page_cache) depend on this tag."""
    return f"person:{user_id}"


def shows_consents_of(user_ids, records=()) -> None:
    """Called where a public page shows names by consent: the page depends
    on each person's consents, and lives no longer than the first of them."""
    page_cache.depends_on_all(person_tag(pk) for pk in user_ids)
    for record in records:
        if record.expires_at is not None:
            page_cache.valid_until(record.expires_at)


def kept_by_consent(key: tuple, subject_ids, read: Callable[[], tuple[Any, Iterable]]) -> Any:
    """What `read()` makes of people's public consents (names on a page),
    kept per process. `read()` returns that and the consent records it used.

    It holds exactly as long as a visitor's page kept by the page cache may
    show it: while each person's consents are unchanged (every grant,
    revocation and deletion bumps their person tag, in every process at its
    next request) and until the first of the records read runs out. The page
    being made depends on the same tags and moment (`shows_consents_of`)."""
    subject_ids = sorted(set(subject_ids))
    tags = tuple(person_tag(pk) for pk in subject_ids)
    page_cache.depends_on_all(tags)
    key = ("by-consent", *key, *subject_ids)
    held = site_wide.held(key, tags)
    if held is None or (held[1] is not None and timezone.now() >= held[1]):
        value, records = read()
        ends = [record.expires_at for record in records if record.expires_at is not None]
        held = (value, min(ends, default=None))
        site_wide.hold(key, held, tags)
    if held[1] is not None:
        page_cache.valid_until(held[1])
    return held[0]


def connect_page_cache_signals() -> None:
    page_cache.forget_when_changed(ConsentRecord, lambda record: [person_tag(record.subject_id)])
