"""Reviewing → engagement → delivered, paid, confirmed; overdue payments;
anonymous conduct ratings; the person's data in export and erasure."""

import datetime
import json
import zipfile
from decimal import Decimal
from io import BytesIO, StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from advocacy.opportunities.models import ConductRating, Engagement, OpportunityApplication
from advocacy.opportunities.workflow import decide, submit_application
from people import roles
from people.data_export import build_export
from people.erasure import erase_account

from .helpers import SpeakingOpportunityFactory, organisation_with_staff, survivor_leader

pytestmark = pytest.mark.django_db


@pytest.fixture
def applied():
    organisation, admin, reviewer = organisation_with_staff()
    opportunity = SpeakingOpportunityFactory(
        organisation=organisation, honorarium_amount=Decimal("500"), currency="EUR"
    )
    applicant = survivor_leader()
    application = submit_application(applicant, opportunity, pseudonym="Rosa", fields=["bio"])
    return organisation, admin, reviewer, opportunity, applicant, application


def accepted_engagement(application, *, days_ago=0):
    return decide(
        application,
        status="accepted",
        fee_amount=Decimal("450"),
        currency="EUR",
        starts_at=timezone.now() - datetime.timedelta(days=days_ago, hours=1),
        time_zone="America/Bogota",
    )


def test_the_reviewer_accepts_with_fee_and_date_and_the_speaker_sees_it(client, applied):
    _org, _admin, reviewer, _opportunity, applicant, application = applied
    client.force_login(reviewer)
    path = f"/review/applications/{application.pk}/"
    response = client.post(path, {"decision": "accepted", "message": "Welcome!", "currency": "EUR"})
    assert response.status_code == 200
    assert "Enter the fee you agreed." in response.content.decode()
    assert "Welcome!" in response.content.decode()  # what was typed is kept
    response = client.post(
        path,
        {
            "decision": "accepted",
            "message": "Welcome!",
            "fee_amount": "450",
            "currency": "EUR",
            "starts_at": "2031-05-02T10:00",
            "time_zone": "America/Bogota",
        },
    )
    assert response.status_code == 302
    engagement = Engagement.objects.get(application=application)
    assert engagement.fee_amount == Decimal("450")
    # 10:00 in Bogotá (UTC-5) is 15:00 UTC.
    assert engagement.starts_at == datetime.datetime(2031, 5, 2, 15, 0, tzinfo=datetime.UTC)
    client.force_login(applicant)
    mine = client.get("/me/applications/").content.decode()
    assert "Welcome!" in mine and "Accepted" in mine
    engagements = client.get("/me/engagements/").content.decode()
    assert "€450.00" in engagements
    assert "Colombia Time" in engagements
    # Decided applications cannot be decided again.
    client.force_login(reviewer)
    assert client.post(path, {"decision": "declined"}).status_code == 403


def test_declining_sends_the_message_and_creates_no_engagement(client, applied):
    *_, applicant, application = applied
    decide(application, status="declined", message="We chose a trainer nearer the venue.")
    assert not Engagement.objects.exists()
    client.force_login(applicant)
    assert "nearer the venue" in client.get("/me/applications/").content.decode()


def test_delivery_and_payment_steps_and_who_may_take_them(client, applied):
    _org, admin, reviewer, _opportunity, applicant, application = applied
    future = decide(
        application,
        status="accepted",
        fee_amount=Decimal("450"),
        currency="EUR",
        starts_at=timezone.now() + datetime.timedelta(days=3),
    )
    client.force_login(admin)
    assert client.post(f"/review/engagements/{future.pk}/delivered/").status_code == 403
    past = accepted_engagement(application)
    client.force_login(reviewer)  # reviewers read; admins mark
    assert client.post(f"/review/engagements/{past.pk}/delivered/").status_code == 403
    client.force_login(applicant)
    assert client.post(f"/review/engagements/{past.pk}/delivered/").status_code == 404
    client.force_login(admin)
    assert client.post(f"/review/engagements/{past.pk}/paid/").status_code == 403
    assert client.post(f"/review/engagements/{past.pk}/delivered/").status_code == 302
    assert client.post(f"/review/engagements/{past.pk}/paid/").status_code == 302
    past.refresh_from_db()
    assert past.delivered_at and past.paid_at and past.payment_confirmed_at is None

    client.force_login(survivor_leader())
    assert client.post(f"/me/engagements/{past.pk}/confirm/").status_code == 404
    client.force_login(applicant)
    assert client.post(f"/me/engagements/{past.pk}/confirm/").status_code == 302
    past.refresh_from_db()
    assert past.payment_confirmed_at is not None


def test_payments_overdue_30_days_are_flagged_to_site_admins_and_shown_to_the_speaker(
    client, applied, user_factory
):
    *_, applicant, application = applied
    site_admin = user_factory(roles=[roles.SITE_ADMINS])
    engagement = accepted_engagement(application, days_ago=40)
    Engagement.objects.filter(pk=engagement.pk).update(
        delivered_at=timezone.now() - datetime.timedelta(days=31)
    )
    mail.outbox.clear()  # the acceptance's notice email
    call_command("flag_overdue_payments", stdout=StringIO())
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [site_admin.email]
    assert "overdue" in mail.outbox[0].subject
    assert "Rosa" not in mail.outbox[0].body  # the speaker is not named
    engagement.refresh_from_db()
    assert engagement.overdue_flagged_at is not None
    call_command("flag_overdue_payments", stdout=StringIO())
    assert len(mail.outbox) == 1  # flagged once

    client.force_login(applicant)
    assert "more than 30 days overdue" in client.get("/me/engagements/").content.decode()
    client.post(f"/me/engagements/{engagement.pk}/confirm/")
    assert "more than 30 days overdue" not in client.get("/me/engagements/").content.decode()


def test_payments_within_30_days_are_not_flagged(applied):
    *_, application = applied
    engagement = accepted_engagement(application, days_ago=20)
    Engagement.objects.filter(pk=engagement.pk).update(
        delivered_at=timezone.now() - datetime.timedelta(days=29)
    )
    mail.outbox.clear()  # the acceptance's notice email
    call_command("flag_overdue_payments", stdout=StringIO())
    assert mail.outbox == []


def rated_engagements(organisation, count, **answers):
    engagements = []
    for n in range(count):
        opportunity = SpeakingOpportunityFactory(organisation=organisation)
        speaker = survivor_leader()
        application = submit_application(speaker, opportunity, pseudonym=f"Speaker {n}")
        engagement = accepted_engagement(application, days_ago=5)
        engagement.delivered_at = timezone.now()
        engagement.save()
        engagements.append((speaker, engagement))
    return engagements


def rate(client, speaker, engagement, **answers):
    client.force_login(speaker)
    data = {
        "paid_on_time": "yes",
        "respected_boundaries": "yes",
        "trauma_informed": "no",
        "would_work_again": "yes",
        **answers,
    }
    return client.post(f"/me/engagements/{engagement.pk}/rate/", data)


def test_ratings_are_shown_only_in_aggregate_from_three(client):
    organisation, _admin, _reviewer = organisation_with_staff()
    pairs = rated_engagements(organisation, 3)
    profile = f"/organisations/{organisation.slug}/"
    for speaker, engagement in pairs[:2]:
        assert rate(client, speaker, engagement).status_code == 302
    client.logout()
    page = client.get(profile).content.decode()
    assert "Not enough ratings yet" in page
    assert "% yes" not in page
    speaker, engagement = pairs[2]
    rate(client, speaker, engagement, would_work_again="no")
    client.logout()
    page = client.get(profile).content.decode()
    assert "From 3 speakers." in page
    assert "100% yes" in page  # paid on time
    assert "0% yes" in page  # trauma-informed
    assert "67% yes" in page  # would work again
    for n in range(3):
        assert f"Speaker {n}" not in page


def test_a_speaker_rates_once_only_after_delivery_and_nobody_else_can(client, applied):
    organisation, admin, _reviewer, _opportunity, applicant, application = applied
    engagement = accepted_engagement(application)
    assert rate(client, applicant, engagement).status_code == 403  # not delivered yet
    engagement.delivered_at = timezone.now()
    engagement.save()
    assert rate(client, survivor_leader(), engagement).status_code == 404
    assert rate(client, admin, engagement).status_code == 404
    assert rate(client, applicant, engagement).status_code == 302
    assert rate(client, applicant, engagement).status_code == 403
    rating = ConductRating.objects.get()
    assert rating.organisation == organisation
    assert not any(f.name in ("user", "rater", "speaker") for f in ConductRating._meta.fields)


def test_export_and_erasure_cover_opportunity_data(applied):
    *_, applicant, application = applied
    accepted_engagement(application)
    archive = zipfile.ZipFile(BytesIO(build_export(applicant)))
    data = json.loads(archive.read("data.json"))
    section = data["features"]["speaking_opportunities"]
    assert section["applications"][0]["name_used"] == "Rosa"
    assert section["engagements"][0]["fee"] == "€450.00"
    erase_account(applicant, public_contributions="delete")
    assert not OpportunityApplication.objects.exists()
    assert not Engagement.objects.exists()


def test_accepting_as_many_as_there_are_places_marks_the_opportunity_filled(applied):
    *_, opportunity, _applicant, application = applied
    second = submit_application(survivor_leader(), opportunity, pseudonym="Lin")
    opportunity.places = 2
    opportunity.save()
    accepted_engagement(application)
    opportunity.refresh_from_db()
    assert opportunity.status == "open"
    accepted_engagement(second)
    opportunity.refresh_from_db()
    assert opportunity.status == "filled"


def test_a_decision_message_over_the_limit_is_refused_with_both_numbers(client, applied):
    _org, _admin, reviewer, _opportunity, _applicant, application = applied
    client.force_login(reviewer)
    path = f"/review/applications/{application.pk}/"
    response = client.post(path, {"decision": "declined", "message": "m" * 3001})
    page = response.content.decode()
    assert "Messages can be up to 3,000 characters; yours has 3,001." in page
    assert "m" * 3001 in page
    application.refresh_from_db()
    assert application.status == OpportunityApplication.Status.SUBMITTED
    assert application.decision_message == ""
