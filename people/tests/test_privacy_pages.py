"""The privacy pages: every page checks on the server that it is yours."""

import asyncio
import io

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.contrib.sessions.models import Session
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from core.realtime import ACCOUNT_REVOKED, user_group
from people import roles
from people.consent import grant_consent
from people.models import (
    Audience,
    ConsentRecord,
    DisclosureAccess,
    ExpertiseTopic,
    Profile,
    SignInSession,
    StoryPart,
)
from people.visibility import PROFILE_FIELDS, Visibility

pytestmark = pytest.mark.django_db

PAGES = [
    "/me/",
    "/me/profile/",
    "/me/preferences/",
    "/me/sessions/",
    "/me/access-log/",
    "/me/consents/",
    "/me/story/",
    "/me/story/new/",
    "/me/data/",
    "/me/data/erase/",
    "/directory/",
]


@pytest.mark.parametrize("path", PAGES)
def test_pages_need_sign_in(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


@pytest.mark.parametrize("path", [p for p in PAGES if p != "/directory/"])
def test_pages_open_for_their_owner(client, user_factory, path):
    client.force_login(user_factory())
    assert client.get(path).status_code == 200


def test_profile_form_saves_fields_and_visibility(client, user_factory):
    user = user_factory()
    topic = ExpertiseTopic.objects.create(name="Safe migration", slug="safe-migration")
    client.force_login(user)
    data = {
        "display_name": "Mai",
        "pronouns": "she/her",
        "bio": '<p>Trainer</p><script>alert("x")</script>',
        "topics": [topic.pk],
        "languages": ["th", "en"],
        "country": "TH",
        "subdivision": "Chiang Mai",
        "available_for_speaking": "on",
        "availability_note": "Weekdays",
        "public_pseudonym": "M.",
        "council_pseudonym": "Mai",
        "application_pseudonym": "Mai K.",
        "in_directory": "on",
    }
    for field in ["display_name", "pronouns", "bio", "topics", "languages", "region"]:
        data[f"visibility_{field}"] = Visibility.MEMBERS
    for field in ["availability", "photo"]:
        data[f"visibility_{field}"] = Visibility.ONLY_ME
    response = client.post("/me/profile/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    profile = Profile.objects.get(user=user)
    assert profile.bio == "<p>Trainer</p>"
    assert profile.visibility["bio"] == "members"
    assert profile.visibility["photo"] == "only_me"
    assert profile.region == "Chiang Mai, Thailand"
    assert list(profile.topics.all()) == [topic]
    user.refresh_from_db()
    assert user.display_name == "Mai"


def test_an_address_is_refused_as_region(client, user_factory):
    client.force_login(user_factory())
    response = client.post(
        "/me/profile/",
        {"country": "TH", "subdivision": "12 Moo 3, Soi 5", "visibility_bio": "only_me"},
    )
    assert response.status_code == 200
    assert "without numbers" in response.content.decode()
    assert not Profile.objects.filter(subdivision__contains="12").exists()


def private_visibility(**overrides) -> dict:
    data = {f"visibility_{name}": "only_me" for name in PROFILE_FIELDS}
    data.update({f"visibility_{name}": level for name, level in overrides.items()})
    return data


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (20, 20), "teal")
    exif = Image.Exif()
    gps = exif.get_ifd(0x8825)
    gps[2] = (13.0, 45.0, 0.0)  # latitude
    gps[1] = "N"
    exif[0x010F] = "PhoneMaker"
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def test_profile_photo_is_stored_without_gps_and_served_only_to_allowed_viewers(
    client, user_factory
):
    owner = user_factory()
    client.force_login(owner)
    raw = jpeg_with_gps()
    assert b"PhoneMaker" in raw
    response = client.post(
        "/me/profile/",
        {
            "photo": SimpleUploadedFile("me.jpg", raw, "image/jpeg"),
            **private_visibility(photo="members"),
        },
    )
    assert response.status_code == 302
    profile = Profile.objects.get(user=owner)
    stored = profile.photo.open("rb").read()
    assert b"PhoneMaker" not in stored
    assert b"Exif" not in stored
    url = f"/people/{profile.pk}/photo/"
    assert client.get(url).status_code == 200
    assert Client().get(url).status_code == 404  # anonymous
    other = Client()
    other.force_login(user_factory())
    assert other.get(url).status_code == 200  # signed-in member
    profile.visibility = {**profile.visibility, "photo": "only_me"}
    profile.save()
    assert other.get(url).status_code == 404


async def receive_within(layer, channel, seconds):
    return await asyncio.wait_for(layer.receive(channel), seconds)


@pytest.fixture
def shared_story(user_factory):
    owner = user_factory()
    part = StoryPart.objects.create(owner=owner, title="Leaving", body="<p>Words</p>")
    organisation = Audience.create(kind=Audience.Kind.ORGANISATION, name="Org", verified=True)
    reviewer = user_factory(roles=[roles.ORGANISATION_MEMBERS])
    organisation.add_member(reviewer)
    return owner, part, organisation, reviewer


def test_sharing_a_story_part_through_the_form(client, shared_story):
    owner, part, organisation, reviewer = shared_story
    client.force_login(owner)
    response = client.post(
        f"/me/story/{part.pk}/share/", {"audience": organisation.pk, "purpose": "Application"}
    )
    assert response.status_code == 302
    record = ConsentRecord.objects.get()
    assert (record.subject, record.story_part, record.audience) == (owner, part, organisation)
    reader = Client()
    reader.force_login(reviewer)
    page = reader.get(f"/shared/story/{part.pk}/")
    assert page.status_code == 200
    assert "Words" in page.content.decode()
    log = DisclosureAccess.objects.get()
    assert (log.viewer, log.subject, log.audience) == (reviewer, owner, organisation)


def test_revoking_on_my_consents_page_closes_access_on_the_next_request(client, shared_story):
    owner, part, organisation, reviewer = shared_story
    record = grant_consent(
        owner, kind="story_part", story_part=part, audience=organisation, purpose="Talk"
    )
    reader = Client()
    reader.force_login(reviewer)
    assert reader.get(f"/shared/story/{part.pk}/").status_code == 200
    client.force_login(owner)
    page = client.get("/me/consents/").content.decode()
    assert f"/me/consents/{record.pk}/revoke/" in page
    assert client.post(f"/me/consents/{record.pk}/revoke/").status_code == 302
    assert reader.get(f"/shared/story/{part.pk}/").status_code == 404


def test_nobody_else_can_revoke_edit_share_or_read_my_things(client, shared_story, user_factory):
    owner, part, organisation, _reviewer = shared_story
    record = grant_consent(
        owner, kind="story_part", story_part=part, audience=organisation, purpose="Talk"
    )
    client.force_login(user_factory())
    assert client.post(f"/me/consents/{record.pk}/revoke/").status_code == 404
    assert client.get(f"/me/story/{part.pk}/").status_code == 404
    assert client.post(f"/me/story/{part.pk}/delete/").status_code == 404
    assert client.get(f"/me/story/{part.pk}/share/").status_code == 404
    assert client.get(f"/shared/story/{part.pk}/").status_code == 404
    record.refresh_from_db()
    assert record.is_active
    assert StoryPart.objects.filter(pk=part.pk).exists()


def test_a_never_share_part_cannot_be_shared_through_the_form(client, shared_story):
    owner, part, organisation, _ = shared_story
    part.never_share = True
    part.save()
    client.force_login(owner)
    response = client.post(
        f"/me/story/{part.pk}/share/", {"audience": organisation.pk, "purpose": "x"}
    )
    assert response.status_code == 200
    assert "never share" in response.content.decode()
    assert not ConsentRecord.objects.exists()


def test_story_parts_are_sanitised_and_shown_only_to_the_owner(client, user_factory):
    owner = user_factory()
    client.force_login(owner)
    client.post(
        "/me/story/new/",
        {"title": "Part one", "body": "<p>Hi</p><img src=x onerror=alert(1)>", "position": 0},
    )
    part = StoryPart.objects.get()
    assert part.body == "<p>Hi</p>"
    assert "Part one" in client.get("/me/story/").content.decode()
    other = Client()
    other.force_login(user_factory())
    assert "Part one" not in other.get("/me/story/").content.decode()


def test_deleting_a_shared_part_revokes_its_consents(client, shared_story):
    owner, part, organisation, _ = shared_story
    record = grant_consent(
        owner, kind="story_part", story_part=part, audience=organisation, purpose="Talk"
    )
    client.force_login(owner)
    client.post(f"/me/story/{part.pk}/delete/")
    assert not StoryPart.objects.exists()
    assert not ConsentRecord.objects.filter(pk=record.pk).exists()  # cascaded with the part


def test_directory_is_only_for_verified_organisations(client, user_factory):
    listed = user_factory(display_name="Listed")
    profile = Profile.for_user(listed)
    profile.in_directory = True
    profile.application_pseudonym = "Speaker K."
    profile.visibility = {**profile.visibility, "languages": "members"}
    profile.languages = ["km"]
    profile.save()

    client.force_login(user_factory())
    assert client.get("/directory/").status_code == 403

    unverified = Audience.create(kind=Audience.Kind.ORGANISATION, name="New org")
    member = user_factory()
    unverified.add_member(member)
    client.force_login(member)
    assert client.get("/directory/").status_code == 403

    verified = Audience.create(kind=Audience.Kind.ORGANISATION, name="NGO", verified=True)
    org_member = user_factory()
    verified.add_member(org_member)
    client.force_login(org_member)
    page = client.get("/directory/").content.decode()
    assert "Speaker K." in page
    assert "Listed" not in page  # display name stays "only me"
    assert "Speaker K." in client.get("/directory/?language=km").content.decode()
    assert "Speaker K." not in client.get("/directory/?language=th").content.decode()
    # Filtering on a hidden field finds nothing, so it reveals nothing.
    profile.country = "KH"
    profile.save()
    assert "Speaker K." not in client.get("/directory/?country=KH").content.decode()

    profile.visibility = {**profile.visibility, "region": "organisations"}
    profile.save()
    assert "Speaker K." not in client.get("/directory/?country=KH").content.decode()
    grant_consent(
        listed,
        kind=ConsentRecord.Kind.PROFILE_FIELD,
        field_name="region",
        audience=verified,
        purpose="Application",
    )
    assert "Speaker K." in client.get("/directory/?country=kh").content.decode()

    client.get(f"/directory/{profile.pk}/")
    assert DisclosureAccess.objects.filter(subject=listed, viewer=org_member).count() == 1
    owner = Client()
    owner.force_login(listed)
    assert "NGO" in owner.get("/me/access-log/").content.decode()


def test_directory_filters_and_pages_in_the_database(
    client, user_factory, django_assert_max_num_queries
):
    verified = Audience.create(kind=Audience.Kind.ORGANISATION, name="NGO", verified=True)
    org_member = user_factory()
    verified.add_member(org_member)

    def list_people(count, language):
        for index in range(count):
            profile = Profile.for_user(user_factory(display_name=f"Listed {index}"))
            profile.in_directory = True
            profile.application_pseudonym = f"Speaker {language}{index}"
            profile.visibility = {**profile.visibility, "languages": "members"}
            profile.languages = [language, "en"]
            profile.save()

    list_people(3, "km")
    client.force_login(org_member)
    client.get("/directory/?language=km")  # warm per-session caches
    with django_assert_max_num_queries(50) as few:
        page = client.get("/directory/?language=km").content.decode()
    assert page.count("Speaker km") == 3
    list_people(30, "th")
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get("/directory/?language=km").content.decode()
    assert page.count("Speaker km") == 3 and "Speaker th" not in page
    everyone = client.get("/directory/?language=en").content.decode()
    assert everyone.count("Speaker") == 20  # one page of PAGE_SIZE, counted in SQL
    assert "page=2" in everyone


def test_sign_out_everywhere_ends_every_session_and_closes_sockets(
    user_factory, django_capture_on_commit_callbacks
):
    user = user_factory()
    devices = [Client(HTTP_USER_AGENT=ua) for ua in ("Firefox/130 Android", "Chrome/1 Windows")]
    for device in devices:
        response = device.post(
            "/accounts/login/", {"login": user.email, "password": "a-long-test-password-1"}
        )
        assert response.status_code == 302
    assert SignInSession.objects.filter(user=user).count() == 2
    labels = set(SignInSession.objects.values_list("device", flat=True))
    assert labels == {"Firefox on Android", "Chrome on Windows"}
    page = devices[0].get("/me/sessions/").content.decode()
    assert "Firefox on Android" in page
    assert "Chrome on Windows" in page

    layer = get_channel_layer()
    channel = async_to_sync(layer.new_channel)()
    async_to_sync(layer.group_add)(user_group(user.pk), channel)
    with django_capture_on_commit_callbacks(execute=True):
        response = devices[0].post("/me/sessions/end-all/")
    assert response.status_code == 302
    assert not SignInSession.objects.filter(user=user).exists()
    assert not Session.objects.exists()
    assert devices[1].get("/me/").status_code == 302  # signed out there too
    message = async_to_sync(receive_within)(layer, channel, 5)
    assert message["type"] == ACCOUNT_REVOKED


def test_preferences_save_and_switch_language(client, user_factory):
    client.force_login(user_factory())
    response = client.post(
        "/me/preferences/", {"preferred_language": "vi", "notify_opportunity_digest": "on"}
    )
    assert response.status_code == 302
    assert response.url == "/vi/me/preferences/"
    assert response.cookies["django_language"].value == "vi"


def test_disabling_an_account_signs_it_out_and_closes_its_sockets(
    user_factory, django_capture_on_commit_callbacks
):
    user = user_factory()
    device = Client()
    device.post("/accounts/login/", {"login": user.email, "password": "a-long-test-password-1"})
    layer = get_channel_layer()
    channel = async_to_sync(layer.new_channel)()
    async_to_sync(layer.group_add)(user_group(user.pk), channel)
    with django_capture_on_commit_callbacks(execute=True):
        user.is_active = False
        user.save()
    assert not Session.objects.exists()
    assert async_to_sync(receive_within)(layer, channel, 5)["type"] == ACCOUNT_REVOKED
