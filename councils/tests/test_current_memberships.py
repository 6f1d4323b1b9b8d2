"""The one read behind council permission checks gives what the queryset it
replaces gives: the same memberships, values of the same types, and council,
account and profile loaded, on SQLite and PostgreSQL alike."""

import pytest
from django.utils import timezone

from councils import current_memberships, permissions
from councils.factories import CouncilFactory
from councils.models import Membership
from people.models import Profile


def _orm(pairs) -> dict:
    """What the ORM says, for comparison."""
    pairs = set(pairs)
    found = Membership.objects.select_related("council", "user__profile").filter(
        council_id__in={c for c, _u in pairs},
        user_id__in={u for _c, u in pairs},
        left_at__isnull=True,
        user__is_active=True,
    )
    return {(m.council_id, m.user_id): m for m in found if (m.council_id, m.user_id) in pairs}


def _values(instance) -> dict:
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


@pytest.fixture
def people(db, add_member, user_factory):
    first, second = CouncilFactory(), CouncilFactory()
    with_profile = add_member(first, pseudonym="River")
    Profile.for_user(with_profile)
    without_profile = add_member(first, role=Membership.Role.OBSERVER)
    Profile.objects.filter(user=without_profile).delete()
    in_both = add_member(first)
    add_member(second, user=in_both)
    left = add_member(second)
    Membership.objects.filter(user=left).update(left_at=timezone.now())
    disabled = add_member(first)
    disabled.is_active = False
    disabled.save(update_fields=["is_active"])
    outsider = user_factory()
    return {
        "councils": (first, second),
        "users": (with_profile, without_profile, in_both, left, disabled, outsider),
    }


def test_the_same_memberships_with_the_same_values_as_the_orm(people):
    pairs = [(c.pk, u.pk) for c in people["councils"] for u in people["users"]]
    read, expected = current_memberships.read(pairs), _orm(pairs)
    assert sorted(read) == sorted(expected)
    assert len(read) == 4  # Left, disabled and outsider are not current.
    for key, membership in read.items():
        other = expected[key]
        for mine, theirs in (
            (membership, other),
            (membership.council, other.council),
            (membership.user, other.user),
        ):
            assert _values(mine) == _values(theirs)
            # Same types: aware datetimes, booleans, not SQLite's text and ints.
            assert {k: type(v) for k, v in _values(mine).items()} == {
                k: type(v) for k, v in _values(theirs).items()
            }
        theirs = getattr(other.user, "profile", None)
        mine = getattr(membership.user, "profile", None)
        assert (mine and _values(mine)) == (theirs and _values(theirs))
    assert read[people["councils"][0].pk, people["users"][0].pk].joined_at.tzinfo is not None


def test_only_the_pairs_asked_for(people):
    first, second = people["councils"]
    with_profile, _without, in_both, *_rest = people["users"]
    read = current_memberships.read([(second.pk, in_both.pk), (first.pk, with_profile.pk)])
    # in_both is also in first, and with_profile's council is asked about: neither
    # pair that was not asked for comes back.
    assert sorted(read) == sorted([(second.pk, in_both.pk), (first.pk, with_profile.pk)])


def test_council_account_and_profile_come_loaded(people, django_assert_num_queries):
    first = people["councils"][0]
    with_profile, without_profile = people["users"][:2]
    with django_assert_num_queries(1):
        read = current_memberships.read(
            [(first.pk, with_profile.pk), (first.pk, without_profile.pk)]
        )
        member = read[first.pk, with_profile.pk]
        assert member.council == first
        assert member.user.profile.user is member.user
        assert member.pseudonym == "River"
        assert member.can_post
        observer = read[first.pk, without_profile.pk]
        assert not hasattr(observer.user, "profile")  # Cached as missing: no query.
        assert not observer.can_post
    assert member._state.db == "default" and not member._state.adding


def test_active_membership_asks_the_same_read(people):
    first = people["councils"][0]
    with_profile, *_middle, disabled, outsider = people["users"]
    assert permissions.active_membership(with_profile, first.pk).user == with_profile
    assert permissions.active_membership(with_profile, str(first.pk)).council == first
    assert permissions.active_membership(disabled, first.pk) is None
    assert permissions.active_membership(outsider, first.pk) is None
    assert current_memberships.read([]) == {}


def test_an_id_beyond_any_row_matches_nothing(people):
    first = people["councils"][0]
    member = people["users"][0]
    assert current_memberships.read([(2**70, member.pk), (first.pk, -(2**70))]) == {}
    assert permissions.active_membership(member, 2**70) is None
