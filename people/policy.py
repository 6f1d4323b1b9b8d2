"""The one place that decides what a viewer may learn about a person.

Templates, views, feeds and socket consumers call these functions and nothing
else. Listings use `visible_profiles()`, which costs a fixed number of queries
however many profiles it is given.

Circles (see `people.visibility.Visibility`):
- only me: the person themself;
- my councils: people who share an advisory council with them (council audiences);
- organisations I applied to: people acting for an organisation that holds an
  active consent for that very field;
- signed-in members: anyone signed in (site admins get no more than this);
- everyone: anyone, signed in or not.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.safestring import mark_safe
from guardian.shortcuts import get_perms

from .models import Audience, ConsentRecord, Profile, StoryPart
from .visibility import PROFILE_FIELDS, NameContext, Visibility


@dataclass(frozen=True)
class Viewer:
    """What the policy needs to know about the person looking."""

    user_id: int | None
    council_ids: frozenset[int] = frozenset()
    organisation_ids: frozenset[int] = frozenset()

    @property
    def is_authenticated(self) -> bool:
        return self.user_id is not None

    @classmethod
    def of(cls, user) -> Viewer:
        """Build (once per user object) the viewer's circles: one query."""
        if user is None or not user.is_authenticated or not user.is_active:
            return cls(user_id=None)
        cached = getattr(user, "_privacy_viewer", None)
        if cached is not None:
            return cached
        councils, organisations = set(), set()
        for audience_id, kind in Audience.objects.filter(group__user=user).values_list(
            "id", "kind"
        ):
            if kind == Audience.Kind.COUNCIL:
                councils.add(audience_id)
            elif kind == Audience.Kind.ORGANISATION:
                organisations.add(audience_id)
        viewer = cls(user.pk, frozenset(councils), frozenset(organisations))
        user._privacy_viewer = viewer
        return viewer


@dataclass
class VisibleProfile:
    """The part of a profile one viewer may see; hidden fields are absent."""

    profile: Profile
    fields: dict[str, Any] = field(default_factory=dict)

    def __contains__(self, name: str) -> bool:
        return name in self.fields

    @property
    def user_id(self) -> int:
        return self.profile.user_id

    def name_in(self, context: str) -> str:
        """The pseudonym chosen for `context`, else the display name if this
        viewer may see it, else "" (templates then say "a survivor leader")."""
        return self.profile.pseudonym_for(context) or self.fields.get("display_name", "")

    @property
    def application_name(self) -> str:
        return self.name_in(NameContext.APPLICATION)


def _field_value(profile: Profile, name: str) -> Any:
    if name == "display_name":
        return profile.user.display_name
    if name == "bio":
        # Sanitised when saved (people.forms), so it is safe to render as HTML.
        return mark_safe(profile.bio)  # noqa: S308
    if name == "topics":
        return [topic.name for topic in profile.topics.all()]
    if name == "languages":
        return list(profile.languages or [])
    if name == "region":
        return profile.region
    if name == "availability":
        return {"available": profile.available_for_speaking, "note": profile.availability_note}
    if name == "photo":
        return reverse("people:photo", args=[profile.pk]) if profile.photo else ""
    return getattr(profile, name)


class _Circles:
    """Relationships between one viewer and many subjects, fetched in bulk."""

    def __init__(self, viewer: Viewer, subject_ids: Iterable[int]):
        self.viewer = viewer
        subject_ids = set(subject_ids)
        self.shares_council: set[int] = set()
        self.consented_fields: set[tuple[int, str]] = set()
        if not viewer.is_authenticated or not subject_ids:
            return
        if viewer.council_ids:
            self.shares_council = set(
                Audience.objects.filter(
                    pk__in=viewer.council_ids, group__user__in=subject_ids
                ).values_list("group__user", flat=True)
            )
        if viewer.organisation_ids:
            self.consented_fields = set(
                ConsentRecord.objects.active()
                .filter(
                    kind=ConsentRecord.Kind.PROFILE_FIELD,
                    subject_id__in=subject_ids,
                    audience_id__in=viewer.organisation_ids,
                )
                .values_list("subject_id", "field_name")
            )

    def allows(self, profile: Profile, name: str) -> bool:
        subject_id = profile.user_id
        if self.viewer.user_id == subject_id:
            return True
        level = profile.visibility_of(name)
        if level == Visibility.PUBLIC:
            return True
        if not self.viewer.is_authenticated:
            return False
        if level == Visibility.MEMBERS:
            return True
        if level == Visibility.COUNCILS:
            return subject_id in self.shares_council
        if level == Visibility.ORGANISATIONS:
            return (subject_id, name) in self.consented_fields
        return False


def can_see_field(user, profile: Profile, name: str) -> bool:
    """May `user` (anyone, even anonymous) see field `name` of `profile`?"""
    if name not in PROFILE_FIELDS:
        raise KeyError(name)
    if not profile.user.is_active:
        return False
    viewer = Viewer.of(user)
    return _Circles(viewer, [profile.user_id]).allows(profile, name)


def field_visible_q(user, name: str) -> Q:
    """A filter on `Profile` querysets: profiles whose field `name` `user` may
    see. The same rules as `_Circles.allows`, in SQL, so that a listing can
    filter and paginate in the database and never on what a viewer may not see."""
    if name not in PROFILE_FIELDS:
        raise KeyError(name)
    viewer = Viewer.of(user)
    level = f"visibility__{name}"
    visible = Q(**{level: Visibility.PUBLIC.value})
    if not viewer.is_authenticated:
        return visible & Q(user__is_active=True)
    visible |= Q(user_id=viewer.user_id) | Q(**{level: Visibility.MEMBERS.value})
    if viewer.council_ids:
        shares_council = Audience.objects.filter(
            pk__in=viewer.council_ids, group__user=OuterRef("user_id")
        )
        visible |= Q(**{level: Visibility.COUNCILS.value}) & Exists(shares_council)
    if viewer.organisation_ids:
        consented = ConsentRecord.objects.active().filter(
            kind=ConsentRecord.Kind.PROFILE_FIELD,
            subject_id=OuterRef("user_id"),
            field_name=name,
            audience_id__in=viewer.organisation_ids,
        )
        visible |= Q(**{level: Visibility.ORGANISATIONS.value}) & Exists(consented)
    return visible & (Q(user__is_active=True) | Q(user_id=viewer.user_id))


def visible_profiles(user, profiles: Iterable[Profile]) -> list[VisibleProfile]:
    """What `user` may see of each profile. Callers select_related("user") and
    prefetch_related("topics") on the queryset; this adds at most three queries."""
    profiles = list(profiles)
    viewer = Viewer.of(user)
    circles = _Circles(viewer, [p.user_id for p in profiles])
    result = []
    for profile in profiles:
        shown = VisibleProfile(profile)
        if profile.user.is_active or profile.user_id == viewer.user_id:
            for name in PROFILE_FIELDS:
                if circles.allows(profile, name):
                    shown.fields[name] = _field_value(profile, name)
        result.append(shown)
    return result


def visible_profile(user, profile: Profile) -> VisibleProfile:
    return visible_profiles(user, [profile])[0]


def shared_story_audience(user, part: StoryPart) -> Audience | None:
    """The audience through which `user` may read someone else's story part:
    an active consent to an audience they belong to, with the django-guardian
    grant behind it still in place. None when they may not read it."""
    if not user.is_authenticated or part.owner_id == user.pk or part.never_share:
        return None
    record = (
        ConsentRecord.objects.active()
        .filter(story_part=part, audience__group__user=user)
        .select_related("audience")
        .first()
    )
    if record is None or "view_shared_storypart" not in get_perms(user, part):
        return None
    return record.audience


def can_read_story_part(user, part: StoryPart) -> bool:
    """The owner always; others only through `shared_story_audience()`."""
    if user.is_authenticated and part.owner_id == user.pk:
        return True
    return shared_story_audience(user, part) is not None
