"""The privacy policy, table-driven: every profile field, every visibility and
every kind of viewer."""

import pytest

from people import roles
from people.consent import grant_consent, revoke_consent
from people.models import Audience, ConsentRecord, Profile
from people.policy import can_see_field, field_visible_q, visible_profile, visible_profiles
from people.visibility import PROFILE_FIELDS, Visibility

pytestmark = pytest.mark.django_db

VIEWERS = [
    "anonymous",
    "self",
    "member",
    "council peer",
    "facilitator",
    "organisation with consent",
    "organisation without consent",
    "site admin",
]

# Who sees a field at each visibility.
EXPECTED = {
    Visibility.ONLY_ME: {"self"},
    Visibility.COUNCILS: {"self", "council peer", "facilitator"},
    Visibility.ORGANISATIONS: {"self", "organisation with consent"},
    Visibility.MEMBERS: set(VIEWERS) - {"anonymous"},
    Visibility.PUBLIC: set(VIEWERS),
}


@pytest.fixture
def world(user_factory):
    """A survivor, and one person of every kind around them."""
    from django.contrib.auth.models import AnonymousUser

    subject = user_factory(display_name="River", roles=[roles.SURVIVOR_LEADERS])
    profile = Profile.for_user(subject)
    profile.pronouns = "they/them"
    profile.bio = "<p>Trainer.</p>"
    profile.languages = ["en", "th"]
    profile.country = "TH"
    profile.available_for_speaking = True
    profile.save()

    council = Audience.create(kind=Audience.Kind.COUNCIL, name="Council")
    other_council = Audience.create(kind=Audience.Kind.COUNCIL, name="Another council")
    with_consent = Audience.create(kind=Audience.Kind.ORGANISATION, name="A", verified=True)
    without_consent = Audience.create(kind=Audience.Kind.ORGANISATION, name="B", verified=True)

    peer = user_factory()
    facilitator = user_factory(roles=[roles.COUNCIL_FACILITATORS])
    stranger_in_other_council = user_factory()
    org_a = user_factory(roles=[roles.ORGANISATION_MEMBERS])
    org_b = user_factory(roles=[roles.ORGANISATION_MEMBERS])
    for person in (subject, peer, facilitator):
        council.add_member(person)
    other_council.add_member(stranger_in_other_council)
    with_consent.add_member(org_a)
    without_consent.add_member(org_b)
    for field in PROFILE_FIELDS:
        grant_consent(
            subject,
            kind=ConsentRecord.Kind.PROFILE_FIELD,
            field_name=field,
            audience=with_consent,
            purpose="Application",
        )
    viewers = {
        "anonymous": AnonymousUser(),
        "self": subject,
        "member": stranger_in_other_council,
        "council peer": peer,
        "facilitator": facilitator,
        "organisation with consent": org_a,
        "organisation without consent": org_b,
        "site admin": user_factory(is_staff=True, is_superuser=True, roles=[roles.SITE_ADMINS]),
    }
    return profile, viewers, with_consent


def fresh(user):
    """A new user object, so no cached circles carry over between checks."""
    return type(user).objects.get(pk=user.pk) if user.is_authenticated else user


@pytest.mark.parametrize("visibility", list(Visibility))
@pytest.mark.parametrize("field", list(PROFILE_FIELDS))
def test_every_field_every_visibility_every_viewer(world, field, visibility):
    profile, viewers, _ = world
    profile.visibility = {**profile.visibility, field: visibility.value}
    profile.save()
    for kind, user in viewers.items():
        expected = kind in EXPECTED[visibility]
        assert can_see_field(fresh(user), profile, field) is expected, (kind, field, visibility)
        shown = visible_profile(fresh(user), profile)
        assert (field in shown) is expected, (kind, field, visibility)
        # The SQL form of the same rule, which listings filter and paginate with.
        in_sql = Profile.objects.filter(field_visible_q(fresh(user), field), pk=profile.pk)
        assert in_sql.exists() is expected, (kind, field, visibility, "sql")


def test_consent_for_one_field_reveals_no_other(world, user_factory):
    profile, viewers, _organisation = world
    profile.visibility = dict.fromkeys(PROFILE_FIELDS, Visibility.ORGANISATIONS.value)
    profile.save()
    ConsentRecord.objects.filter(field_name="bio").update(revoked_at="2026-01-01T00:00Z")
    shown = visible_profile(fresh(viewers["organisation with consent"]), profile)
    assert "bio" not in shown
    assert "pronouns" in shown


def test_revoking_takes_effect_on_the_next_request(world):
    profile, viewers, _organisation = world
    profile.visibility = {**profile.visibility, "pronouns": Visibility.ORGANISATIONS.value}
    profile.save()
    viewer = viewers["organisation with consent"]
    assert can_see_field(fresh(viewer), profile, "pronouns")
    record = ConsentRecord.objects.get(field_name="pronouns")
    revoke_consent(record, actor=profile.user)
    assert not can_see_field(fresh(viewer), profile, "pronouns")


def test_an_expired_consent_stops_counting_by_itself(world):
    from django.utils import timezone

    profile, viewers, _organisation = world
    profile.visibility = {**profile.visibility, "bio": Visibility.ORGANISATIONS.value}
    profile.save()
    ConsentRecord.objects.filter(field_name="bio").update(
        expires_at=timezone.now() - timezone.timedelta(seconds=1)
    )
    assert not can_see_field(fresh(viewers["organisation with consent"]), profile, "bio")


def test_a_disabled_account_shows_nothing(world):
    profile, viewers, _ = world
    profile.visibility = dict.fromkeys(PROFILE_FIELDS, Visibility.PUBLIC.value)
    profile.save()
    profile.user.is_active = False
    profile.user.save()
    assert not can_see_field(fresh(viewers["member"]), profile, "pronouns")
    assert visible_profile(fresh(viewers["member"]), profile).fields == {}


def test_the_sql_rule_also_hides_disabled_accounts_and_expired_consents(world):
    from django.utils import timezone

    profile, viewers, _ = world
    profile.visibility = {**profile.visibility, "bio": Visibility.ORGANISATIONS.value}
    profile.save()
    viewer = viewers["organisation with consent"]
    ConsentRecord.objects.filter(field_name="bio").update(
        expires_at=timezone.now() - timezone.timedelta(seconds=1)
    )
    assert not Profile.objects.filter(field_visible_q(fresh(viewer), "bio")).exists()
    profile.visibility = {**profile.visibility, "pronouns": Visibility.PUBLIC.value}
    profile.save()
    profile.user.is_active = False
    profile.user.save()
    member = fresh(viewers["member"])
    assert not Profile.objects.filter(field_visible_q(member, "pronouns")).exists()


def test_defaults_are_private(user_factory):
    profile = Profile.for_user(user_factory())
    assert set(profile.visibility.values()) == {Visibility.ONLY_ME.value}


def test_listing_costs_a_fixed_number_of_queries(world, user_factory):
    _profile, viewers, _ = world
    for _ in range(5):
        Profile.for_user(user_factory())
    org_viewer = fresh(viewers["organisation with consent"])

    def count(n_profiles):
        profiles = list(
            Profile.objects.select_related("user").prefetch_related("topics")[:n_profiles]
        )
        viewer = fresh(org_viewer)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            visible_profiles(viewer, profiles)
        return len(ctx.captured_queries)

    few = count(2)
    for _ in range(20):
        Profile.for_user(user_factory())
    assert count(25) == few
