"""Your data, part one: the download holds everything about you, and nothing
secret or about anyone else."""

import io
import json
import zipfile

import pytest
from allauth.mfa.models import Authenticator
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from people import roles
from people.consent import grant_consent, record_access, revoke_consent
from people.data_export import build_export, register_exporter, unregister_exporter
from people.factories import DEFAULT_PASSWORD, enable_mfa
from people.models import (
    Audience,
    ConsentRecord,
    ContentWarningTopic,
    DisclosureAccess,
    ExpertiseTopic,
    Profile,
    SignInSession,
    StoryPart,
)

pytestmark = pytest.mark.django_db


def png_bytes(colour=(200, 30, 60)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), colour).save(buffer, "PNG")
    return buffer.getvalue()


def unzip(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert archive.testzip() is None
        return {name: archive.read(name) for name in archive.namelist()}


def export_data(user) -> tuple[dict, dict[str, bytes]]:
    files = unzip(build_export(user))
    return json.loads(files["data.json"]), files


@pytest.fixture
def person(user_factory):
    """Someone who has used every part of the platform."""
    user = user_factory(
        email="noor.export@example.org",
        display_name="Noor Export",
        roles=[roles.SURVIVOR_LEADERS],
    )
    topic = ExpertiseTopic.objects.create(name="Labour trafficking", slug="labour")
    warning = ContentWarningTopic.objects.create(name="Violence", slug="violence")
    profile = Profile.for_user(user)
    profile.pronouns = "they/them"
    profile.bio = "<p>Trainer and organiser</p>"
    profile.languages = ["th", "en"]
    profile.country = "TH"
    profile.subdivision = "Chiang Mai"
    profile.available_for_speaking = True
    profile.availability_note = "Weekday mornings"
    profile.public_pseudonym = "N. on campaigns"
    profile.council_pseudonym = "Noor in council"
    profile.application_pseudonym = "Noor K."
    profile.in_directory = True
    profile.preferred_language = "th"
    profile.visibility = {**profile.visibility, "pronouns": "members", "bio": "public"}
    profile.photo.save("face.png", ContentFile(png_bytes()), save=False)
    profile.save()
    profile.topics.add(topic)
    profile.content_warning_topics.add(warning)

    part = StoryPart.objects.create(
        owner=user, title="How I got out", body="<p>It started in 2015.</p>", position=1
    )
    StoryPart.objects.create(
        owner=user, title="Only for me", body="<p>Private part</p>", never_share=True
    )
    organisation = Audience.create(kind=Audience.Kind.ORGANISATION, name="Safe Harbour NGO")
    council = Audience.create(kind=Audience.Kind.COUNCIL, name="Mekong council")
    council.add_member(user)
    grant_consent(
        user,
        kind=ConsentRecord.Kind.STORY_PART,
        story_part=part,
        audience=organisation,
        purpose="Speaker application",
        actor=user,
    )
    public = grant_consent(
        user,
        kind=ConsentRecord.Kind.PROFILE_FIELD,
        field_name="bio",
        purpose="Campaign page",
        actor=user,
    )
    revoke_consent(public, actor=user)
    reviewer = user_factory(display_name="Reviewer Rosa")
    organisation.add_member(reviewer)
    record_access(viewer=reviewer, subject=user, what="Story: How I got out", audience=organisation)
    SignInSession.objects.create(user=user, session_key="k" * 32, device="Firefox on Android")
    return user


def test_export_holds_every_category(person):
    data, files = export_data(person)

    assert data["format_version"] == "1.0"
    assert data["generated_at"]
    for section in ("account", "profile", "story_parts", "consents", "access_log", "files"):
        assert section in data["documentation"]

    account = data["account"]
    assert account["email"] == "noor.export@example.org"
    assert account["display_name"] == "Noor Export"
    assert account["date_joined"]
    assert "last_login" in account
    assert account["language"] == "th"
    assert account["email_addresses"] == [
        {"email": "noor.export@example.org", "verified": True, "primary": True}
    ]
    assert account["roles"] == [roles.SURVIVOR_LEADERS]  # audience groups are not roles
    assert account["acting_for"] == [{"kind": "council", "name": "Mekong council"}]
    assert account["two_step_verification"] == {"enabled": False, "kinds": [], "authenticators": []}

    profile = data["profile"]
    assert profile["pronouns"] == "they/them"
    assert profile["bio"] == "<p>Trainer and organiser</p>"
    assert profile["topics"] == ["Labour trafficking"]
    assert profile["languages"] == ["th", "en"]
    assert profile["country_code"] == "TH"
    assert profile["subdivision"] == "Chiang Mai"
    assert profile["available_for_speaking"] is True
    assert profile["availability_note"] == "Weekday mornings"
    assert profile["visibility"]["pronouns"] == "members"
    assert profile["visibility"]["bio"] == "public"
    assert profile["visibility"]["photo"] == "only_me"
    assert profile["pseudonyms"] == {
        "public": "N. on campaigns",
        "council": "Noor in council",
        "application": "Noor K.",
    }
    assert profile["in_directory"] is True
    assert profile["preferences"]["collapse_content_about"] == ["Violence"]
    assert profile["preferences"]["language"] == "th"

    parts = {part["title"]: part for part in data["story_parts"]}
    assert parts["How I got out"]["body"] == "<p>It started in 2015.</p>"
    assert parts["How I got out"]["never_share"] is False
    assert parts["Only for me"]["never_share"] is True
    assert parts["How I got out"]["created_at"]

    consents = {c["purpose"]: c for c in data["consents"]}
    story = consents["Speaker application"]
    assert story["what"] == "story_part"
    assert story["to"] == {"kind": "organisation", "name": "Safe Harbour NGO"}
    assert story["story_part"]["title"] == "How I got out"
    assert story["status"] == "active"
    assert story["granted_at"]
    assert [e["action"] for e in story["events"]] == ["granted"]
    public = consents["Campaign page"]
    assert public["to"] == {"kind": "public", "name": "the public"}
    assert public["field"] == "bio"
    assert public["revoked_at"]
    assert [e["action"] for e in public["events"]] == ["granted", "revoked"]
    assert all(e["by_you"] for e in public["events"])

    [access] = data["access_log"]
    assert access["who"] == "Reviewer Rosa"
    assert access["acting_for"] == {"kind": "organisation", "name": "Safe Harbour NGO"}
    assert access["what"] == "Story: How I got out"
    assert access["at"]

    assert data["sign_ins"] == [
        {"device": "Firefox on Android", "signed_in_at": data["sign_ins"][0]["signed_in_at"]}
    ]
    assert "README.txt" in files


def test_export_includes_the_profile_photo(person):
    data, files = export_data(person)
    photo_path = data["profile"]["photo"]
    assert photo_path.startswith("files/")
    assert data["files"] == [photo_path]
    stored = Profile.objects.get(user=person).photo.open("rb").read()
    assert files[photo_path] == stored


def test_export_is_a_deflated_zip(person):
    with zipfile.ZipFile(io.BytesIO(build_export(person))) as archive:
        assert {info.compress_type for info in archive.infolist()} == {zipfile.ZIP_DEFLATED}


def test_export_never_holds_a_password_hash_or_second_factor_secrets(person):
    enable_mfa(person)
    secret, codes = person.totp_secret, person.recovery_codes
    assert len(codes) >= 5
    person.refresh_from_db()
    password_hash = person.password
    assert password_hash

    content = build_export(person)
    members = unzip(content)
    needles = [secret, password_hash, password_hash.rsplit("$", 1)[-1], *codes]
    seeds = [
        str(value)
        for authenticator in Authenticator.objects.filter(user=person)
        for value in authenticator.data.values()
        if isinstance(value, str) and len(value) >= 16
    ]
    assert seeds  # the recovery-code seed and the TOTP secret are in `data`
    needles += seeds
    # Both the raw zip and every decompressed member (compression would hide them).
    haystacks = [content, *members.values()]
    for needle in needles:
        for haystack in haystacks:
            assert needle.encode() not in haystack
            assert needle.lower().encode() not in haystack.lower()

    data = json.loads(members["data.json"])
    mfa = data["account"]["two_step_verification"]
    assert mfa["enabled"] is True
    assert mfa["kinds"] == ["recovery_codes", "totp"]
    assert "password" not in data["account"]


def test_another_persons_data_never_appears(person, user_factory):
    other = user_factory(email="other.secret@example.org", display_name="Other Hidden Name")
    profile = Profile.for_user(other)
    profile.bio = "Other private biography"
    profile.subdivision = "Otherprovince"
    profile.public_pseudonym = "Other pseudonym"
    profile.save()
    part = StoryPart.objects.create(owner=other, title="Other story title", body="Other body")
    audience = Audience.create(kind=Audience.Kind.ORGANISATION, name="Org of other")
    grant_consent(
        other,
        kind=ConsentRecord.Kind.STORY_PART,
        story_part=part,
        audience=audience,
        purpose="Other consent purpose",
    )
    # Our person opened something of the other's: that is the other's log, not ours.
    DisclosureAccess.objects.create(
        subject=other,
        viewer=person,
        viewer_label=str(person),
        what="Story: Other story title",
        audience=audience,
    )
    SignInSession.objects.create(user=other, session_key="o" * 32, device="Other device label")

    data, files = export_data(person)
    text = b"\n".join(files.values()).decode("utf-8", "replace").lower()
    for value in [
        "other.secret@example.org",
        "Other Hidden Name",
        "Other private biography",
        "Otherprovince",
        "Other pseudonym",
        "Other story title",
        "Other body",
        "Other consent purpose",
        "Org of other",
        "Other device label",
    ]:
        assert value.lower() not in text, value
    assert len(data["access_log"]) == 1


def test_registered_exporters_add_their_own_section(person):
    # A name no real feature app uses, so the real exporters stay registered.
    register_exporter("example_feature", lambda user: {"things": [f"made by {user.pk}"]})
    try:
        data, _files = export_data(person)
    finally:
        unregister_exporter("example_feature")
    # Feature apps register their own sections too, so look only at this one.
    assert data["features"]["example_feature"] == {"things": [f"made by {person.pk}"]}
    data, _files = export_data(person)
    assert "example_feature" not in data["features"]
    with pytest.raises(TypeError):
        register_exporter("broken", "not a function")


# --------------------------------------------------------------------- views


def reauthenticate(client):
    response = client.post(reverse("account_reauthenticate"), {"password": DEFAULT_PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]


def test_your_data_page_needs_sign_in_and_shows_both_forms(client, person):
    url = reverse("people:your_data")
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))

    client.force_login(person)
    page = client.get(url).content.decode()
    assert f'action="{reverse("people:export")}"' in page
    assert f'action="{reverse("people:erase")}"' in page
    assert 'name="public_contributions"' in page
    assert 'name="password"' in page
    assert "<script>" not in page and "style=" not in page


def test_export_view_needs_sign_in(client, person):
    response = client.post(reverse("people:export"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_export_view_is_post_only(client, person):
    client.force_login(person)
    reauthenticate(client)
    assert client.get(reverse("people:export")).status_code == 405


def test_export_view_asks_for_the_password_again(client, person):
    client.force_login(person)
    response = client.post(reverse("people:export"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_reauthenticate"))


def test_export_view_downloads_the_zip_after_signing_in_again(client, person):
    client.force_login(person)
    reauthenticate(client)
    response = client.post(reverse("people:export"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    today = timezone.localdate().strftime("%Y-%m-%d")
    assert response["Content-Disposition"] == f'attachment; filename="my-data-{today}.zip"'
    assert response["Cache-Control"] == "no-store"
    data = json.loads(unzip(response.content)["data.json"])
    assert data["account"]["email"] == person.email


def test_export_resumes_after_signing_in_again(client, person):
    client.force_login(person)
    url = reverse("people:export")
    first = client.post(url)
    assert first.status_code == 302
    response = client.post(first.url, {"password": DEFAULT_PASSWORD})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert json.loads(unzip(response.content)["data.json"])["account"]["email"] == person.email
