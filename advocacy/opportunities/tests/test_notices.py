"""Notices about applications and engagements: each event tells the right
person and nobody else, and what it says is decided when it is read."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from advocacy.opportunities import notices
from advocacy.opportunities.workflow import (
    confirm_payment,
    decide,
    mark_delivered,
    mark_paid,
    submit_application,
)
from notifications.models import Notice
from notifications.notices import show

from .helpers import SpeakingOpportunityFactory, organisation_with_staff, survivor_leader

pytestmark = pytest.mark.django_db


@pytest.fixture
def applied():
    organisation, admin, reviewer = organisation_with_staff()
    opportunity = SpeakingOpportunityFactory(organisation=organisation, title="Panel on safety")
    speaker = survivor_leader(email="speaker@example.org")
    application = submit_application(speaker, opportunity, pseudonym="Rosa")
    return {"admin": admin, "reviewer": reviewer, "speaker": speaker, "application": application}


@pytest.mark.parametrize(
    "status,kind,words",
    [
        ("shortlisted", notices.SHORTLISTED, "on the shortlist"),
        ("accepted", notices.ACCEPTED, "was accepted"),
        ("declined", notices.DECLINED, "not to go ahead"),
    ],
)
def test_a_decision_tells_the_applicant_only(applied, status, kind, words):
    extra = {}
    if status == "accepted":
        extra = {
            "fee_amount": Decimal("100"),
            "currency": "EUR",
            "starts_at": timezone.now() + datetime.timedelta(days=5),
        }
    decide(applied["application"], status=status, message="Thank you", **extra)
    (notice,) = Notice.objects.all()
    assert notice.user == applied["speaker"] and notice.kind == kind
    assert notice.params == {"application": applied["application"].pk}
    shown = show(notice, applied["speaker"])
    assert words in shown.text and "Panel on safety" in shown.text
    # Someone else reading it (as after erasure or a mistake) learns nothing.
    other = show(notice, applied["admin"])
    assert "Panel on safety" not in other.text and other.url == ""
    (email,) = mail.outbox
    assert email.to == ["speaker@example.org"] and "Panel on safety" not in email.body


def test_paid_then_confirmed_tells_each_other_side(applied):
    engagement = decide(
        applied["application"],
        status="accepted",
        fee_amount=Decimal("100"),
        currency="EUR",
        starts_at=timezone.now() - datetime.timedelta(days=1),
    )
    Notice.objects.all().delete()
    mark_delivered(engagement)
    assert mark_paid(engagement)
    assert not mark_paid(engagement)  # once
    (paid,) = Notice.objects.all()
    assert paid.user == applied["speaker"] and paid.kind == notices.MARKED_PAID
    assert show(paid, applied["speaker"]).url == reverse("opportunities:my_engagements")

    confirm_payment(engagement)
    (confirmed,) = Notice.objects.filter(kind=notices.PAYMENT_CONFIRMED)
    assert confirmed.user == applied["admin"]  # the named contact, not the reviewer
    shown = show(confirmed, applied["admin"])
    assert "Panel on safety" in shown.text and "Rosa" not in shown.text
    assert shown.url == reverse("opportunities:review", args=[applied["application"].pk])
    assert "Panel on safety" not in show(confirmed, applied["speaker"]).text
