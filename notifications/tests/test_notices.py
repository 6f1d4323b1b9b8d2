"""Notices: made once per event, shown at read time with what the reader may
see, and emailed as the member chose (discreet unless they asked for detail)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from notifications.models import Email, Notice, NoticePreference, OutboxEmail
from notifications.notices import (
    DIGEST_EMAIL,
    NOTICE_EMAIL,
    notify,
    register_notice,
    send_daily_digests,
    show,
)

from .conftest import SECRET_TITLE

DISCREET_BODY = "You have a new notice. Sign in to read it.\n"

pytestmark = pytest.mark.django_db


def _prefer(user, kind, email=Email.IMMEDIATELY, detailed=False):
    NoticePreference.objects.create(user=user, kind=kind, email=email, detailed=detailed)


def test_an_unknown_kind_is_refused(user_factory):
    with pytest.raises(ValueError, match="Unknown notice kind"):
        notify(user_factory(), "nobody.declared_this", {})


def test_a_kind_declared_twice_with_another_function_is_refused(sample_kind):
    with pytest.raises(ValueError, match="declared twice"):
        register_notice(sample_kind, label="Again", show=lambda params, reader: None)


def test_an_event_notifies_once_per_dedupe_key(user_factory, sample_kind, secret_page):
    user = user_factory()
    first = notify(user, sample_kind, {"page": secret_page.pk}, dedupe_key="page:1")
    again = notify(user, sample_kind, {"page": secret_page.pk}, dedupe_key="page:1")
    assert first is not None and again is None
    assert Notice.objects.filter(user=user).count() == 1
    assert len(mail.outbox) == 1


def test_an_inactive_member_gets_no_notice(user_factory, sample_kind, secret_page):
    user = user_factory(is_active=False)
    assert notify(user, sample_kind, {"page": secret_page.pk}) is None
    assert not Notice.objects.exists() and mail.outbox == []


def test_the_notice_is_written_when_read_and_says_nothing_once_gone(
    user_factory, sample_kind, secret_page
):
    reader = user_factory()
    notice = notify(reader, sample_kind, {"page": secret_page.pk})
    assert notice.params == {"page": secret_page.pk}  # ids only
    shown = show(notice, reader)
    assert SECRET_TITLE in shown.text and shown.url == secret_page.url
    secret_page.unpublish()
    shown = show(notice, reader)
    assert SECRET_TITLE not in shown.text and shown.url == ""
    assert "no longer available" in shown.text


def test_by_default_the_email_is_sent_at_once_and_discreet(user_factory, sample_kind, secret_page):
    user = user_factory(display_name="Rosa Example")
    notify(user, sample_kind, {"page": secret_page.pk})
    (email,) = mail.outbox
    assert email.to == [user.email]
    assert email.subject == "You have a new notice"
    assert email.body == DISCREET_BODY
    assert email.from_email.startswith("Notices <")
    everything = email.subject + email.body + str(email.message())
    for detail in (SECRET_TITLE, "Rosa", "http", secret_page.url):
        assert detail not in everything


def test_the_subject_and_sender_come_from_the_safety_settings(
    user_factory, sample_kind, secret_page
):
    from wagtail.models import Site

    from home.models import SafetySettings

    settings = SafetySettings.for_site(Site.objects.get(is_default_site=True))
    settings.email_sender_name = "Book club"
    settings.notice_email_subject = "Reading list"
    settings.save()
    notify(user_factory(), sample_kind, {"page": secret_page.pk})
    (email,) = mail.outbox
    assert email.subject == "Reading list" and email.from_email.startswith("Book club <")


def test_a_detailed_email_says_what_and_links_to_it(user_factory, sample_kind, secret_page):
    user = user_factory()
    _prefer(user, sample_kind, detailed=True)
    notify(user, sample_kind, {"page": secret_page.pk})
    (email,) = mail.outbox
    assert email.subject == "You have a new notice"
    assert SECRET_TITLE in email.body
    assert "http://localhost" + secret_page.url in email.body


def test_detail_is_for_the_kind_chosen_only(user_factory, sample_kind, secret_page):
    user = user_factory()
    _prefer(user, "some.other_kind", detailed=True)
    notify(user, sample_kind, {"page": secret_page.pk})
    assert mail.outbox[0].body == DISCREET_BODY


def test_a_detailed_email_about_something_gone_has_no_detail(
    user_factory, sample_kind, secret_page
):
    user = user_factory()
    _prefer(user, sample_kind, detailed=True)
    with pytest.MonkeyPatch.context() as patch:
        # Hold delivery back until the page is gone.
        patch.setattr("notifications.outbox.kick_delivery", lambda tasks=1: None)
        notify(user, sample_kind, {"page": secret_page.pk})
    secret_page.unpublish()
    from notifications.outbox import kick_delivery

    kick_delivery()
    (email,) = mail.outbox
    assert SECRET_TITLE not in email.body and "http" not in email.body


def test_never_means_no_email_but_still_a_notice(user_factory, sample_kind, secret_page):
    user = user_factory()
    _prefer(user, sample_kind, email=Email.NEVER)
    notify(user, sample_kind, {"page": secret_page.pk})
    assert Notice.objects.filter(user=user).count() == 1
    assert mail.outbox == [] and not OutboxEmail.objects.exists()


def test_a_notice_read_before_its_email_goes_is_not_emailed(user_factory, sample_kind, secret_page):
    user = user_factory()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("notifications.outbox.kick_delivery", lambda tasks=1: None)
        notice = notify(user, sample_kind, {"page": secret_page.pk})
    Notice.objects.filter(pk=notice.pk).update(read_at=timezone.now())
    from notifications.outbox import kick_delivery

    kick_delivery()
    assert mail.outbox == []
    assert OutboxEmail.objects.get(kind=NOTICE_EMAIL).state == OutboxEmail.State.CANCELLED


def _yesterday_notice(user, kind, page):
    notice = notify(user, kind, {"page": page.pk})
    Notice.objects.filter(pk=notice.pk).update(created_at=timezone.now() - timedelta(days=1))
    return notice


def test_daily_notices_wait_for_one_discreet_summary(user_factory, sample_kind, secret_page):
    daily, other = user_factory(), user_factory()
    _prefer(daily, sample_kind, email=Email.DAILY)
    for _ in range(3):
        _yesterday_notice(daily, sample_kind, secret_page)
    notify(daily, sample_kind, {"page": secret_page.pk})  # today's: tomorrow's summary
    _prefer(other, sample_kind, email=Email.NEVER)
    _yesterday_notice(other, sample_kind, secret_page)
    assert mail.outbox == []

    assert send_daily_digests() == 1
    (email,) = mail.outbox
    assert email.to == [daily.email]
    assert email.subject == "You have a new notice"
    assert email.body == "You have 3 new notices. Sign in to read them.\n"
    assert SECRET_TITLE not in email.body


def test_the_summary_runs_twice_and_sends_once(user_factory, sample_kind, secret_page):
    user = user_factory()
    _prefer(user, sample_kind, email=Email.DAILY)
    _yesterday_notice(user, sample_kind, secret_page)
    assert send_daily_digests() == 1
    assert send_daily_digests() == 0
    assert len(mail.outbox) == 1
    assert OutboxEmail.objects.filter(kind=DIGEST_EMAIL).count() == 1
    # Tomorrow, nothing new: nothing sent.
    assert send_daily_digests(timezone.now() + timedelta(days=1)) == 0
    assert len(mail.outbox) == 1


def test_no_summary_when_everything_was_read(user_factory, sample_kind, secret_page):
    user = user_factory()
    _prefer(user, sample_kind, email=Email.DAILY)
    notice = _yesterday_notice(user, sample_kind, secret_page)
    Notice.objects.filter(pk=notice.pk).update(read_at=timezone.now())
    assert send_daily_digests() == 0
    assert mail.outbox == []
    assert Notice.objects.get(pk=notice.pk).digested_at is not None


def test_the_summary_job_is_scheduled_daily():
    from background.schedule import jobs

    (job,) = [job for job in jobs() if job.name == "notifications.daily_digest"]
    assert job.at is not None and job.interval is None and job.weekday is None
