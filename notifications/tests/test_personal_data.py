"""Notices and email choices in the data export; erasure takes them, and the
emails still waiting for the person, away."""

import io
import json
import zipfile

import pytest

from notifications.models import Email, Notice, NoticePreference, OutboxEmail
from notifications.notices import notify
from people.data_export import build_export
from people.erasure import erase_account

from .conftest import SECRET_TITLE

pytestmark = pytest.mark.django_db


def test_the_export_holds_notices_as_they_read_now(user_factory, sample_kind, secret_page):
    user = user_factory()
    NoticePreference.objects.create(user=user, kind=sample_kind, email=Email.NEVER)
    notify(user, sample_kind, {"page": secret_page.pk})
    data = json.loads(zipfile.ZipFile(io.BytesIO(build_export(user))).read("data.json"))
    section = data["features"]["notices"]
    (notice,) = section["notices"]
    assert notice["kind"] == sample_kind and SECRET_TITLE in notice["says"]
    assert section["email_choices"] == [{"kind": sample_kind, "email": "never", "detailed": False}]


@pytest.mark.parametrize("mode", ["delete", "anonymise"])
def test_erasure_takes_notices_choices_and_waiting_emails(
    user_factory, sample_kind, secret_page, mode, monkeypatch
):
    user, other = user_factory(), user_factory()
    address = user.email
    monkeypatch.setattr("notifications.outbox.kick_delivery", lambda tasks=1: None)
    NoticePreference.objects.create(user=user, kind=sample_kind, detailed=True)
    notify(user, sample_kind, {"page": secret_page.pk})
    notify(other, sample_kind, {"page": secret_page.pk})
    OutboxEmail.objects.create(kind="message", address=address.upper(), message={})
    OutboxEmail.objects.create(kind="message", address="someone@example.net", message={})

    erase_account(user, public_contributions=mode)

    assert not Notice.objects.filter(user_id=user.pk).exists()
    assert not NoticePreference.objects.filter(user_id=user.pk).exists()
    assert not OutboxEmail.objects.filter(recipient_id=user.pk).exists()
    assert not OutboxEmail.objects.filter(address__iexact=address).exists()
    assert Notice.objects.filter(user=other).count() == 1
    assert OutboxEmail.objects.filter(recipient=other).count() == 1
    assert OutboxEmail.objects.filter(address="someone@example.net").exists()
