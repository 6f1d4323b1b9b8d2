"""Your data, part two: erasing an account leaves nothing of the person behind,
and everybody else's records stay whole."""

import io

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.contrib.messages import get_messages
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse
from guardian.shortcuts import get_perms
from PIL import Image
from wagtail.log_actions import log
from wagtail.users.models import UserProfile

from people import roles
from people.consent import consent_withdrawn, grant_consent, record_access
from people.erasure import (
    FORMER_MEMBER,
    TOMBSTONE_FIELDS,
    LastSuperuserError,
    erase_account,
    register_eraser,
    unregister_eraser,
)
from people.factories import DEFAULT_PASSWORD, enable_mfa
from people.models import (
    Audience,
    ConsentEvent,
    ConsentRecord,
    DisclosureAccess,
    Profile,
    SignInSession,
    StoryPart,
    StoryPartGroupObjectPermission,
    User,
)

pytestmark = pytest.mark.django_db

MODES = ["delete", "anonymise"]

# Distinctive values: each must be gone from the whole database afterwards.
EMAIL = "zqxw.erase-me@example.org"
SECOND_EMAIL = "zqxw.second-address@example.net"
PERSONAL = {
    "display name": "Zqxw Displayname",
    "first name": "Zqxwfirst",
    "last name": "Zqxwlast",
    "pronouns": "zqxw-pronoun",
    "bio": "Zqxw biography words",
    "subdivision": "Zqxwprovince",
    "availability": "Zqxw availability note",
    "public pseudonym": "Zqxw public pseudonym",
    "council pseudonym": "Zqxw council pseudonym",
    "application pseudonym": "Zqxw application pseudonym",
    "story title": "Zqxw story title",
    "story body": "Zqxw story body text",
    "consent purpose": "Zqxw consent purpose",
    "quoted text": "Zqxw quoted words",
    "photo file name": "zqxwphoto",
    "device": "Zqxwbrowser on Zqxwphone",
}


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (3, 3), (10, 120, 200)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def world(user_factory):
    """The person to erase, with distinctive values everywhere, and the people
    and groups around them."""
    person = user_factory(
        email=EMAIL,
        display_name=PERSONAL["display name"],
        first_name=PERSONAL["first name"],
        last_name=PERSONAL["last name"],
        roles=[roles.SURVIVOR_LEADERS],
    )
    EmailAddress.objects.create(user=person, email=SECOND_EMAIL, verified=False, primary=False)
    profile = Profile.for_user(person)
    profile.pronouns = PERSONAL["pronouns"]
    profile.bio = f"<p>{PERSONAL['bio']}</p>"
    profile.country = "TH"
    profile.subdivision = PERSONAL["subdivision"]
    profile.availability_note = PERSONAL["availability"]
    profile.public_pseudonym = PERSONAL["public pseudonym"]
    profile.council_pseudonym = PERSONAL["council pseudonym"]
    profile.application_pseudonym = PERSONAL["application pseudonym"]
    profile.photo.save(f"{PERSONAL['photo file name']}.png", ContentFile(png_bytes()), save=False)
    profile.save()

    organisation = Audience.create(kind=Audience.Kind.ORGANISATION, name="Harbour NGO")
    council = Audience.create(kind=Audience.Kind.COUNCIL, name="River council")
    council.add_member(person)
    reviewer = user_factory(display_name="Reviewer Rosa")
    organisation.add_member(reviewer)

    part = StoryPart.objects.create(
        owner=person, title=PERSONAL["story title"], body=f"<p>{PERSONAL['story body']}</p>"
    )
    shared = grant_consent(
        person,
        kind=ConsentRecord.Kind.STORY_PART,
        story_part=part,
        audience=organisation,
        purpose=PERSONAL["consent purpose"],
        actor=person,
    )
    quote = grant_consent(
        person,
        kind=ConsentRecord.Kind.QUOTE,
        text=PERSONAL["quoted text"],
        purpose="Campaign quote",
        actor=person,
    )

    # Someone else's consent and records, which must stay as they are.
    other = user_factory(display_name="Other Person")
    other_part = StoryPart.objects.create(owner=other, title="Other's story", body="<p>Hers</p>")
    other_consent = grant_consent(
        other,
        kind=ConsentRecord.Kind.STORY_PART,
        story_part=other_part,
        audience=council,
        purpose="Council reading",
        actor=other,
    )
    # The person opened the other's story for the council: the other's log.
    record_access(viewer=person, subject=other, what="Story: Other's story", audience=council)
    # A reviewer opened the person's story: the person's log.
    record_access(
        viewer=reviewer, subject=person, what=f"Story: {PERSONAL['story title']}", audience=None
    )

    secret = enable_mfa(person).totp_secret
    SignInSession.objects.create(user=person, session_key="s" * 32, device=PERSONAL["device"])

    # Sessions: a real sign-in, and a session only its data ties to them.
    browser = Client()
    response = browser.post(
        reverse("account_login"), {"login": EMAIL, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302
    loose = SessionStore()
    loose["_auth_user_id"] = str(person.pk)
    loose["note"] = PERSONAL["display name"]
    loose.create()
    half_signed_in = SessionStore()
    half_signed_in["account_login"] = {"email": SECOND_EMAIL}
    half_signed_in.create()
    others_session = SessionStore()
    others_session["_auth_user_id"] = str(other.pk)
    others_session.create()

    # Wagtail keeps an admin profile and logs changes made to accounts.
    UserProfile.get_for_user(person)
    log(instance=person, action="wagtail.edit", user=reviewer)

    return {
        "person": person,
        "reviewer": reviewer,
        "other": other,
        "organisation": organisation,
        "council": council,
        "part": part,
        "active_consents": {shared.pk, quote.pk},
        "other_consent": other_consent,
        "other_session": others_session.session_key,
        "browser": browser,
        "photo": profile.photo.name,
        "needles": [EMAIL, SECOND_EMAIL, secret, *PERSONAL.values()],
    }


def dump_everything() -> str:
    """Every row of every model, plus every session's decoded data."""
    chunks = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        chunks.append(serializers.serialize("json", model._base_manager.all()))
    for session in Session.objects.all():
        chunks.append(repr(session.get_decoded()))
    return "\n".join(chunks).casefold()


def leftovers(needles) -> list[str]:
    dump = dump_everything()
    return [needle for needle in needles if needle.casefold() in dump]


@pytest.mark.parametrize("mode", MODES)
def test_nothing_personal_is_left_in_the_database(world, mode, django_capture_on_commit_callbacks):
    needles = world["needles"]
    # The dump really sees every value before erasure, so the check below can fail.
    assert leftovers(needles) == needles
    assert default_storage.exists(world["photo"])

    with django_capture_on_commit_callbacks(execute=True):
        erase_account(world["person"], public_contributions=mode)

    assert leftovers(needles) == []
    assert not default_storage.exists(world["photo"])
    for session in Session.objects.all():
        assert session.get_decoded().get("_auth_user_id") != str(world["person"].pk)
    assert Session.objects.filter(session_key=world["other_session"]).exists()
    assert world["browser"].get(reverse("people:account")).status_code == 302


def test_delete_removes_the_account(world):
    pk = world["person"].pk
    erase_account(world["person"], public_contributions="delete")
    assert not User.objects.filter(pk=pk).exists()


def test_anonymise_keeps_a_tombstone_with_nothing_personal(world):
    person = world["person"]
    person.is_staff = True
    person.save()
    erase_account(person, public_contributions="anonymise")
    tombstone = User.objects.get(pk=person.pk)
    assert tombstone.email.startswith("erased-")
    assert tombstone.email.endswith("@invalid")
    assert tombstone.display_name == FORMER_MEMBER
    assert str(tombstone) == FORMER_MEMBER
    assert tombstone.first_name == tombstone.last_name == ""
    assert not tombstone.has_usable_password()
    assert not tombstone.check_password(DEFAULT_PASSWORD)
    assert tombstone.is_active is False
    assert tombstone.is_staff is False
    assert tombstone.is_superuser is False
    assert tombstone.last_login is None
    assert not tombstone.groups.exists()
    assert not tombstone.user_permissions.exists()
    assert not Profile.objects.filter(user=tombstone).exists()
    assert not EmailAddress.objects.filter(user=tombstone).exists()
    assert not Authenticator.objects.filter(user=tombstone).exists()
    assert not SignInSession.objects.filter(user=tombstone).exists()
    assert not UserProfile.objects.filter(user=tombstone).exists()
    assert person.display_name == FORMER_MEMBER  # the instance passed in is refreshed


def test_two_tombstones_do_not_clash(user_factory):
    first, second = user_factory(), user_factory()
    erase_account(first, public_contributions="anonymise")
    erase_account(second, public_contributions="anonymise")
    assert User.objects.get(pk=first.pk).email != User.objects.get(pk=second.pk).email


def test_every_user_column_is_handled_by_the_tombstone():
    """A column added to the user model must be given a rule in erasure.py."""
    columns = {field.name for field in User._meta.concrete_fields}
    assert columns == set(TOMBSTONE_FIELDS)


@pytest.mark.parametrize("mode", MODES)
def test_other_peoples_records_stay_and_no_longer_name_them(world, mode):
    person, other = world["person"], world["other"]
    erase_account(person, public_contributions=mode)

    record = ConsentRecord.objects.get(pk=world["other_consent"].pk)
    assert record.is_active
    assert record.events.count() == 1
    assert "view_shared_storypart" in get_perms(world["council"].group, record.story_part)

    [entry] = DisclosureAccess.objects.filter(subject=other)
    assert entry.viewer_id is None
    assert entry.viewer_label == FORMER_MEMBER
    assert entry.what == "Story: Other's story"
    assert entry.audience == world["council"]

    assert not DisclosureAccess.objects.exclude(subject=other).exists()
    assert User.objects.filter(pk=world["reviewer"].pk, is_active=True).exists()
    assert world["organisation"].has_member(world["reviewer"])


@pytest.mark.parametrize("mode", MODES)
def test_consents_are_revoked_first_then_deleted(world, mode, django_capture_on_commit_callbacks):
    part, organisation = world["part"], world["organisation"]
    assert "view_shared_storypart" in get_perms(organisation.group, part)
    withdrawn = []

    def receiver(sender, record, **kwargs):
        withdrawn.append(record.pk)

    consent_withdrawn.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            erase_account(world["person"], public_contributions=mode)
    finally:
        consent_withdrawn.disconnect(receiver)

    assert set(withdrawn) == world["active_consents"]
    assert not ConsentRecord.objects.filter(pk__in=world["active_consents"]).exists()
    assert not ConsentEvent.objects.filter(record_id__in=world["active_consents"]).exists()
    assert not StoryPart.objects.filter(pk=part.pk).exists()
    assert not StoryPartGroupObjectPermission.objects.filter(content_object_id=part.pk).exists()
    assert not StoryPartGroupObjectPermission.objects.filter(group=organisation.group).exists()


@pytest.mark.parametrize("mode", MODES)
def test_feature_erasers_run_first_with_the_mode(world, mode):
    calls = []

    def eraser(user, given_mode):
        calls.append((user.pk, given_mode, Profile.objects.filter(user=user).exists()))

    register_eraser("test-feature", eraser)
    try:
        erase_account(world["person"], public_contributions=mode)
    finally:
        unregister_eraser("test-feature")
    assert calls == [(world["person"].pk, mode, True)]


def test_a_failing_eraser_rolls_everything_back(world):
    def broken(user, mode):
        raise RuntimeError("feature app failed")

    register_eraser("broken-feature", broken)
    try:
        with pytest.raises(RuntimeError):
            erase_account(world["person"], public_contributions="delete")
    finally:
        unregister_eraser("broken-feature")
    assert User.objects.filter(pk=world["person"].pk, email=EMAIL).exists()
    assert default_storage.exists(world["photo"])


def test_unknown_mode_is_refused(world):
    with pytest.raises(ValueError, match="public_contributions"):
        erase_account(world["person"], public_contributions="hide")
    assert Profile.objects.filter(user=world["person"]).exists()


def test_the_last_active_superuser_cannot_be_erased(user_factory):
    admin = user_factory(is_superuser=True, is_staff=True)
    Profile.for_user(admin)
    user_factory(is_superuser=True, is_staff=True, is_active=False)  # does not count
    for mode in MODES:
        with pytest.raises(LastSuperuserError, match="last active superuser"):
            erase_account(admin, public_contributions=mode)
    assert User.objects.filter(pk=admin.pk, is_superuser=True).exists()
    assert Profile.objects.filter(user=admin).exists()

    user_factory(is_superuser=True, is_staff=True)
    erase_account(admin, public_contributions="delete")
    assert not User.objects.filter(pk=admin.pk).exists()


# --------------------------------------------------------------------- views


def post_erase(client, **overrides):
    data = {
        "public_contributions": "delete",
        "confirm_email": EMAIL,
        "password": DEFAULT_PASSWORD,
        **overrides,
    }
    return client.post(reverse("people:erase"), data)


def assert_nothing_erased(world):
    person = User.objects.get(pk=world["person"].pk)
    assert person.email == EMAIL
    assert person.is_active
    assert Profile.objects.filter(user=person).exists()
    assert StoryPart.objects.filter(owner=person).exists()
    assert ConsentRecord.objects.active().filter(subject=person).count() == 2
    assert default_storage.exists(world["photo"])


def test_erase_page_needs_sign_in(client):
    response = client.get(reverse("people:erase"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_erase_page_explains_both_choices(client, world):
    client.force_login(world["person"])
    page = client.get(reverse("people:erase")).content.decode()
    assert 'value="delete"' in page
    assert 'value="anonymise"' in page
    assert "cannot be undone" in page
    assert "<script>" not in page and "style=" not in page


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"password": "not-the-password-1"}, "password"),
        ({"confirm_email": "someone.else@example.org"}, "confirm_email"),
        ({"public_contributions": ""}, "public_contributions"),
        ({"public_contributions": "hide"}, "public_contributions"),
    ],
)
def test_wrong_confirmation_erases_nothing(client, world, overrides, field):
    client.force_login(world["person"])
    response = post_erase(client, **overrides)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert_nothing_erased(world)
    assert client.get(reverse("people:account")).status_code == 200  # still signed in


def test_the_email_confirmation_ignores_case_and_spaces(client, world):
    client.force_login(world["person"])
    response = post_erase(client, confirm_email=f"  {EMAIL.upper()} ")
    assert response.status_code == 302


@pytest.mark.parametrize("mode", MODES)
def test_erasing_through_the_page_signs_out_and_says_so(client, world, mode):
    person = world["person"]
    client.force_login(person)
    response = post_erase(client, public_contributions=mode)
    assert response.status_code == 302
    assert response.url == "/"
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Your account has been erased."
    ]
    assert client.get(reverse("people:account")).status_code == 302
    assert not Profile.objects.filter(user_id=person.pk).exists()
    if mode == "delete":
        assert not User.objects.filter(pk=person.pk).exists()
    else:
        assert User.objects.get(pk=person.pk).display_name == FORMER_MEMBER


def test_the_last_superuser_gets_a_form_error_not_an_erasure(client, user_factory):
    # Staff must use MFA to reach the page.
    admin = user_factory(email="only.admin@example.org", is_superuser=True, is_staff=True, mfa=True)
    client.force_login(admin)
    response = client.post(
        reverse("people:erase"),
        {
            "public_contributions": "delete",
            "confirm_email": admin.email,
            "password": DEFAULT_PASSWORD,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert User.objects.filter(pk=admin.pk, is_active=True).exists()


def test_password_guessing_on_the_erase_form_is_rate_limited(client, user_factory):
    user = user_factory()
    client.force_login(user)
    for _ in range(10):
        client.post(
            "/me/data/erase/",
            {"public_contributions": "delete", "confirm_email": user.email, "password": "guess"},
        )
    response = client.post(
        "/me/data/erase/",
        {
            "public_contributions": "delete",
            "confirm_email": user.email,
            "password": DEFAULT_PASSWORD,
        },
    )
    assert "Too many attempts" in response.content.decode()
    assert type(user).objects.filter(pk=user.pk, is_active=True).exists()
