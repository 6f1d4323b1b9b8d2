"""The name each member goes by in a council, decided by people.policy each
time it is asked (never cached), so a changed visibility or a revoked consent
shows in the very next event or page."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from people.models import Profile
from people.policy import Viewer, visible_profiles
from people.visibility import NameContext

from .models import Membership


class _FellowMember:
    """Stands for "any member of this council" when one event goes to all of
    them: people.policy then answers with what the "my councils" circle may see."""

    is_authenticated = True
    is_active = True
    pk = None

    def __init__(self, council):
        self._privacy_viewer = Viewer(user_id=0, council_ids=frozenset({council.audience_id}))


def former_member_name() -> str:
    return _("A former member")


def unnamed_member_name() -> str:
    return _("A council member")


def _loaded_profiles(memberships: list) -> list[Profile] | None:
    """The members' profiles when the memberships were loaded with
    select_related("user__profile"), else None (they are read here)."""
    user_field = Membership._meta.get_field("user")
    profile_of = Profile._meta.get_field("user").remote_field
    profiles = []
    for membership in memberships:
        if not user_field.is_cached(membership) or not profile_of.is_cached(membership.user):
            return None
        profile = profile_of.get_cached_value(membership.user)
        if profile is not None:
            profiles.append(profile)
    return profiles


def member_names(council, memberships: Iterable, viewer=None) -> dict[int, str]:
    """Names by user id for these memberships: the pseudonym chosen for this
    council, else the council name people.policy lets `viewer` (default: any
    fellow member) see. Three queries at most, however many members; one
    fewer when the memberships come with their profiles."""
    memberships = list(memberships)
    viewer = viewer if viewer is not None else _FellowMember(council)
    profiles = _loaded_profiles(memberships)
    if profiles is None:
        profiles = Profile.objects.filter(
            user_id__in={m.user_id for m in memberships}
        ).select_related("user")
    shown = {p.user_id: p.name_in(NameContext.COUNCIL) for p in visible_profiles(viewer, profiles)}
    names = {}
    for membership in memberships:
        name = membership.pseudonym or shown.get(membership.user_id, "")
        names[membership.user_id] = name or unnamed_member_name()
    return names
