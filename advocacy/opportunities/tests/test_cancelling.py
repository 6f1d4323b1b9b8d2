"""Cancelling an engagement, by the speaker or by the organisation, before it
is delivered: the place is freed, the other side (only) gets a notice and a
discreet email, and a
cancelled engagement leaves the calendar, the overdue flags and the
delivered/paid/rating steps."""

import datetime
from decimal import Decimal
from io import StringIO

import icalendar
import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from advocacy.opportunities.models import (
    CalendarFeedToken,
    Engagement,
    OpportunityApplication,
)
from advocacy.opportunities.notices import CANCELLED, MARKED_PAID
from advocacy.opportunities.policy import application_consents
from advocacy.opportunities.workflow import (
    CannotCancel,
    cancel_engagement,
    decide,
    submit_application,
    withdraw_application,
)
from notifications.models import Email, Notice, NoticePreference
from notifications.notices import show

from .helpers import SpeakingOpportunityFactory, organisation_with_staff, survivor_leader

pytestmark = pytest.mark.django_db


@pytest.fixture
def commits(django_capture_on_commit_callbacks):
    """Emails go out after the transaction commits: `with commits():` runs them."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


REASON = "Our venue flooded; we will ask you first when we have a new date."
DISCREET_BODY = "You have a new notice. Sign in to read it.\n"


def the_notice(user, kind=CANCELLED):
    """The one notice `user` has, as they read it now (and nobody else has one)."""
    (notice,) = Notice.objects.filter(kind=kind)
    assert notice.user == user
    return show(notice, user)


@pytest.fixture
def booked():
    """An accepted application whose engagement is in ten days; the only place is taken."""
    organisation, admin, reviewer = organisation_with_staff()
    opportunity = SpeakingOpportunityFactory(
        organisation=organisation, title="Training for shelter staff", places=1
    )
    speaker = survivor_leader(email="speaker@example.org")
    application = submit_application(speaker, opportunity, pseudonym="Rosa", fields=["bio"])
    engagement = decide(
        application,
        status="accepted",
        fee_amount=Decimal("450"),
        currency="EUR",
        starts_at=timezone.now() + datetime.timedelta(days=10),
        time_zone="Europe/Madrid",
    )
    opportunity.refresh_from_db()
    assert opportunity.status == "filled"
    mail.outbox.clear()  # the acceptance's own notice email
    return {
        "organisation": organisation,
        "admin": admin,
        "reviewer": reviewer,
        "opportunity": opportunity,
        "speaker": speaker,
        "application": application,
        "engagement": engagement,
    }


def test_the_speaker_cancels_from_their_engagements_page(client, booked, commits):
    engagement, speaker = booked["engagement"], booked["speaker"]
    client.force_login(speaker)
    page = client.get("/me/engagements/").content.decode()
    assert f"/me/engagements/{engagement.pk}/cancel/" in page
    with commits():
        response = client.post(
            f"/me/engagements/{engagement.pk}/cancel/", {"reason": "I am unwell."}
        )
    assert response.status_code == 302
    engagement.refresh_from_db()
    assert engagement.cancelled_at is not None
    assert engagement.cancelled_by == "speaker"
    assert engagement.cancellation_reason == "I am unwell."
    booked["opportunity"].refresh_from_db()
    assert booked["opportunity"].status == "open"  # the place is free again

    page = client.get("/me/engagements/").content.decode()
    assert "Cancelled" in page and "I am unwell." in page
    assert f"/me/engagements/{engagement.pk}/cancel/" not in page
    # The organisation's named contact is told, discreetly by email; nobody else.
    (email,) = mail.outbox
    assert email.to == [booked["admin"].email]
    assert email.body == DISCREET_BODY
    shown = the_notice(booked["admin"])
    assert "Training for shelter staff" in shown.text and "I am unwell." in shown.text
    assert "Rosa" not in shown.text
    assert shown.url == reverse("opportunities:review", args=[booked["application"].pk])
    # The organisation sees it on the review page.
    client.force_login(booked["reviewer"])
    review = client.get(f"/review/applications/{booked['application'].pk}/").content.decode()
    assert "Cancelled" in review and "I am unwell." in review
    assert f"/review/engagements/{engagement.pk}/cancel/" not in review
    # Cancelling twice is refused.
    client.force_login(speaker)
    assert (
        client.post(f"/me/engagements/{engagement.pk}/cancel/", {"reason": "x"}).status_code == 403
    )


def test_the_organisations_reviewer_cancels_from_the_review_page(client, booked, commits):
    engagement, reviewer = booked["engagement"], booked["reviewer"]
    client.force_login(reviewer)
    review_path = f"/review/applications/{booked['application'].pk}/"
    cancel_path = f"/review/engagements/{engagement.pk}/cancel/"
    assert cancel_path in client.get(review_path).content.decode()
    assert client.get(cancel_path).status_code == 200
    with commits():
        response = client.post(cancel_path, {"reason": REASON})
    assert response.status_code == 302
    assert response["Location"] == review_path
    engagement.refresh_from_db()
    assert engagement.cancelled_by == "organisation"
    assert engagement.cancellation_reason == REASON
    booked["opportunity"].refresh_from_db()
    assert booked["opportunity"].status == "open"
    # Only the speaker is told, with no more than the title, date and reason.
    (email,) = mail.outbox
    assert email.to == ["speaker@example.org"]
    assert email.body == DISCREET_BODY
    shown = the_notice(booked["speaker"])
    assert REASON in shown.text and "Training for shelter staff" in shown.text
    assert "450" not in shown.text and booked["organisation"].name not in shown.text
    assert shown.url == reverse("opportunities:my_engagements")

    client.force_login(booked["speaker"])
    page = client.get("/me/engagements/").content.decode()
    assert "Cancelled" in page and "Our venue flooded" in page
    assert "by the organisation" in page


def test_the_speaker_who_turned_these_emails_off_is_not_emailed(booked, commits):
    NoticePreference.objects.create(user=booked["speaker"], kind=CANCELLED, email=Email.NEVER)
    with commits():
        cancel_engagement(booked["engagement"], by="organisation", reason=REASON)
    assert mail.outbox == []
    assert REASON in the_notice(booked["speaker"]).text  # still told on the site


def test_a_speaker_without_an_email_address_is_not_emailed(booked, commits):
    booked["speaker"].email = ""
    booked["speaker"].save()
    with commits():
        cancel_engagement(booked["engagement"], by="organisation", reason=REASON)
    assert mail.outbox == []


def test_withdrawing_an_accepted_application_cancels_the_engagement_and_frees_the_place(
    client, booked, commits
):
    engagement, speaker = booked["engagement"], booked["speaker"]
    client.force_login(speaker)
    with commits():
        response = client.post(f"/me/applications/{booked['application'].pk}/withdraw/")
    assert response.status_code == 302
    engagement.refresh_from_db()
    assert engagement.cancelled_at is not None
    assert engagement.cancelled_by == "speaker"
    assert engagement.cancellation_reason == "Withdrawn by the speaker."
    booked["opportunity"].refresh_from_db()
    assert booked["opportunity"].status == "open"
    (email,) = mail.outbox
    assert email.to == [booked["admin"].email]
    # The review grant ended with the withdrawal: the contact is told, with no link.
    shown = the_notice(booked["admin"])
    assert "Withdrawn by the speaker." in shown.text and shown.url == ""
    followed = client.get(response["Location"]).content.decode()
    assert "Your engagement is cancelled, and the organisation is told." in followed
    page = client.get("/me/engagements/").content.decode()
    assert "Cancelled" in page and "Withdrawn by the speaker." in page
    assert "/cancel/" not in page


def test_after_delivery_the_speaker_takes_back_what_they_shared_and_is_still_paid(
    client, booked, commits
):
    """Delivered work cannot be withdrawn (the organisation still owes the fee),
    but what the speaker shared can always be taken back."""
    engagement = booked["engagement"]
    application = booked["application"]
    OpportunityApplication.objects.filter(pk=application.pk).update(access_needs="Step-free room")
    Engagement.objects.filter(pk=engagement.pk).update(delivered_at=timezone.now())
    assert application_consents(application).count() == 1
    client.force_login(booked["speaker"])
    page = client.get("/me/applications/").content.decode()
    assert "Take back everything I shared" in page
    assert f"/me/applications/{application.pk}/withdraw/" not in page
    with commits():
        refused = client.post(f"/me/applications/{application.pk}/withdraw/")
    assert refused.status_code == 403
    with commits():
        response = client.post(f"/me/applications/{application.pk}/take-back/")
    assert (
        "can no longer see the 2 things you shared"
        in client.get(response["Location"]).content.decode()
    )
    application.refresh_from_db()
    engagement.refresh_from_db()
    assert application.status == "accepted" and application.access_needs == ""
    assert application_consents(application).count() == 0
    assert engagement.cancelled_at is None
    # The organisation can still mark it paid.
    client.force_login(booked["admin"])
    client.post(f"/review/engagements/{engagement.pk}/paid/")
    engagement.refresh_from_db()
    assert engagement.paid_at is not None
    # The speaker is asked to confirm the payment.
    assert [email.to for email in mail.outbox] == [["speaker@example.org"]]
    assert "Please confirm" in the_notice(booked["speaker"], MARKED_PAID).text


def test_only_the_speaker_takes_back_and_only_after_delivery(client, booked, user_factory):
    application = booked["application"]
    url = f"/me/applications/{application.pk}/take-back/"
    client.force_login(booked["speaker"])
    # Before delivery, withdrawing is the way.
    assert client.post(url).status_code == 403
    Engagement.objects.filter(pk=booked["engagement"].pk).update(delivered_at=timezone.now())
    for other in (booked["admin"], user_factory()):
        client.force_login(other)
        assert client.post(url).status_code == 404
    assert application_consents(application).count() == 1


def test_a_place_freed_after_the_deadline_does_not_reopen_the_opportunity(booked, commits):
    opportunity = booked["opportunity"]
    opportunity.deadline = timezone.now() - datetime.timedelta(hours=1)
    opportunity.save(update_fields=["deadline"])
    with commits():
        cancel_engagement(booked["engagement"], by="organisation", reason=REASON)
    opportunity.refresh_from_db()
    assert opportunity.status == "filled"


def test_with_two_places_cancelling_one_keeps_the_other_counted(booked, commits):
    opportunity = booked["opportunity"]
    opportunity.places = 2
    opportunity.status = "open"
    opportunity.save()
    second = submit_application(survivor_leader(), opportunity, pseudonym="Lin")
    decide(
        second,
        status="accepted",
        fee_amount=Decimal("450"),
        currency="EUR",
        starts_at=timezone.now() + datetime.timedelta(days=10),
    )
    opportunity.refresh_from_db()
    assert opportunity.status == "filled"
    with commits():
        cancel_engagement(booked["engagement"], by="speaker", reason="Ill")
    opportunity.refresh_from_db()
    assert opportunity.status == "open"
    # Accepting someone else fills it again: the cancelled place is not counted.
    third = submit_application(survivor_leader(), opportunity, pseudonym="Joy")
    decide(
        third,
        status="accepted",
        fee_amount=Decimal("450"),
        currency="EUR",
        starts_at=timezone.now() + datetime.timedelta(days=10),
    )
    opportunity.refresh_from_db()
    assert opportunity.status == "filled"


def test_a_delivered_engagement_cannot_be_cancelled(client, booked, commits):
    engagement = booked["engagement"]
    Engagement.objects.filter(pk=engagement.pk).update(delivered_at=timezone.now())
    with pytest.raises(CannotCancel), commits():
        cancel_engagement(engagement, by="organisation", reason=REASON)
    client.force_login(booked["reviewer"])
    assert (
        f"/review/engagements/{engagement.pk}/cancel/"
        not in client.get(f"/review/applications/{booked['application'].pk}/").content.decode()
    )
    assert (
        client.post(f"/review/engagements/{engagement.pk}/cancel/", {"reason": REASON}).status_code
        == 403
    )
    client.force_login(booked["speaker"])
    assert (
        client.post(f"/me/engagements/{engagement.pk}/cancel/", {"reason": "x"}).status_code == 403
    )
    engagement.refresh_from_db()
    assert engagement.cancelled_at is None
    assert mail.outbox == []


def test_nobody_else_can_cancel(client, booked, commits):
    engagement = booked["engagement"]
    _other_org, other_admin, other_reviewer = organisation_with_staff()
    for user in (other_admin, other_reviewer, survivor_leader(), booked["speaker"]):
        client.force_login(user)
        with commits():
            response = client.post(
                f"/review/engagements/{engagement.pk}/cancel/", {"reason": REASON}
            )
        assert response.status_code == 404
    for user in (other_admin, booked["admin"], survivor_leader()):
        client.force_login(user)
        with commits():
            response = client.post(f"/me/engagements/{engagement.pk}/cancel/", {"reason": REASON})
        assert response.status_code == 404
    client.logout()
    assert client.post(f"/review/engagements/{engagement.pk}/cancel/").status_code == 302
    engagement.refresh_from_db()
    assert engagement.cancelled_at is None
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("reason", "error"),
    [
        ("   ", "Say in a sentence or two why you are cancelling."),
        ("Too long " * 112, "Keep the reason to 1000 characters or fewer (it has 1007)."),
    ],
)
def test_a_missing_or_too_long_reason_gets_a_clear_error_and_keeps_the_typing(
    client, booked, reason, error, commits
):
    engagement = booked["engagement"]
    client.force_login(booked["reviewer"])
    with commits():
        response = client.post(f"/review/engagements/{engagement.pk}/cancel/", {"reason": reason})
    assert response.status_code == 200
    page = response.content.decode()
    assert error in page
    if reason.strip():
        assert reason.strip()[:200] in page  # what was typed is kept
    engagement.refresh_from_db()
    assert engagement.cancelled_at is None
    assert mail.outbox == []


def test_the_reason_is_shown_as_plain_text(client, booked, commits):
    with commits():
        cancel_engagement(booked["engagement"], by="organisation", reason="<b>Sorry</b>")
    client.force_login(booked["speaker"])
    page = client.get("/me/engagements/").content.decode()
    assert "&lt;b&gt;Sorry&lt;/b&gt;" in page
    assert "<b>Sorry</b>" not in page


def test_a_cancelled_engagement_leaves_the_private_feed(client, booked, commits):
    speaker = booked["speaker"]
    kept_opportunity = SpeakingOpportunityFactory(title="Advisory group")
    kept = decide(
        submit_application(speaker, kept_opportunity, pseudonym="Rosa"),
        status="accepted",
        fee_amount=Decimal("100"),
        currency="USD",
        starts_at=timezone.now() + datetime.timedelta(days=12),
    )
    token = CalendarFeedToken.objects.create(user=speaker)
    with commits():
        cancel_engagement(booked["engagement"], by="organisation", reason=REASON)
    calendar = icalendar.Calendar.from_ical(client.get(f"/calendar/{token.token}.ics").content)
    events = list(calendar.walk("VEVENT"))
    assert [str(e["UID"]).split("@")[0] for e in events] == [f"engagement-{kept.pk}"]
    assert "Training for shelter staff" not in str(calendar.to_ical().decode())


def test_a_cancelled_engagement_is_never_flagged_overdue(booked, user_factory, commits):
    from people import roles

    user_factory(roles=[roles.SITE_ADMINS])
    engagement = booked["engagement"]
    with commits():
        cancel_engagement(engagement, by="organisation", reason=REASON)
    mail.outbox.clear()
    # Even with a delivery date on record, a cancelled engagement owes nothing.
    Engagement.objects.filter(pk=engagement.pk).update(
        delivered_at=timezone.now() - datetime.timedelta(days=40)
    )
    call_command("flag_overdue_payments", stdout=StringIO())
    assert mail.outbox == []
    engagement.refresh_from_db()
    assert engagement.overdue_flagged_at is None
    assert not engagement.is_overdue()


def test_a_cancelled_engagement_cannot_be_marked_confirmed_or_rated(client, booked, commits):
    engagement = booked["engagement"]
    Engagement.objects.filter(pk=engagement.pk).update(
        starts_at=timezone.now() - datetime.timedelta(days=1)
    )
    with commits():
        cancel_engagement(engagement, by="organisation", reason=REASON)
    client.force_login(booked["admin"])
    review = client.get(f"/review/applications/{booked['application'].pk}/").content.decode()
    assert "Mark delivered" not in review
    assert client.post(f"/review/engagements/{engagement.pk}/delivered/").status_code == 403
    # Even if a delivery date was on record, it cannot be marked paid.
    Engagement.objects.filter(pk=engagement.pk).update(delivered_at=timezone.now())
    assert client.post(f"/review/engagements/{engagement.pk}/paid/").status_code == 403
    client.force_login(booked["speaker"])
    assert client.post(f"/me/engagements/{engagement.pk}/confirm/").status_code == 403
    assert client.get(f"/me/engagements/{engagement.pk}/rate/").status_code == 403
    page = client.get("/me/engagements/").content.decode()
    assert "I have been paid" not in page and "Rate how they treated you" not in page
    engagement.refresh_from_db()
    assert engagement.paid_at is None and engagement.payment_confirmed_at is None


def test_after_withdrawing_the_organisation_cannot_mark_the_engagement(client, booked, commits):
    engagement = booked["engagement"]
    with commits():
        withdraw_application(booked["application"], actor=booked["speaker"])
    client.force_login(booked["admin"])
    for step in ("delivered", "paid", "cancel"):
        assert client.post(f"/review/engagements/{engagement.pk}/{step}/").status_code == 404
