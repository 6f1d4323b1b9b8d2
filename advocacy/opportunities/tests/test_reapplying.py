"""Applying again after withdrawing: the same application is reopened, only
what is chosen this time is disclosed, and the withdrawn disclosures stay
revoked. Any application that is not withdrawn still means "already applied"."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from advocacy.opportunities.models import Engagement, OpportunityApplication
from advocacy.opportunities.workflow import (
    AlreadyApplied,
    decide,
    submit_application,
    withdraw_application,
)
from people.models import ConsentRecord, StoryPart

from .helpers import SpeakingOpportunityFactory, organisation_with_staff
from .test_applying import (
    SECRET_BIO,
    applicant_with_profile,
    apply_through_the_form,
    shown_fields,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    organisation, admin, reviewer = organisation_with_staff()
    opportunity = SpeakingOpportunityFactory(organisation=organisation)
    applicant = applicant_with_profile()
    return organisation, admin, reviewer, opportunity, applicant


def test_applying_again_reopens_the_application_with_only_the_new_disclosures(client, setting):
    _org, _admin, reviewer, opportunity, applicant = setting
    first_part = StoryPart.objects.create(owner=applicant, title="First part", body="<p>a</p>")
    new_part = StoryPart.objects.create(owner=applicant, title="New part", body="<p>b</p>")
    application = apply_through_the_form(
        client, applicant, opportunity, ["pronouns", "bio"], parts=[first_part]
    )
    first_applied_at = application.created_at
    decide(application, status="shortlisted", message="Let us talk.")
    client.post(f"/me/applications/{application.pk}/withdraw/")
    revoked = set(ConsentRecord.objects.filter(subject=applicant).values_list("pk", flat=True))
    assert len(revoked) == 3

    # "My applications" offers to apply again; the form says what happened before.
    assert "Apply again" in client.get("/me/applications/").content.decode()
    form_page = client.get(f"/opportunities/{opportunity.pk}/apply/")
    assert form_page.status_code == 200
    assert "Nothing from it is shared again unless you choose it" in form_page.content.decode()

    again = apply_through_the_form(
        client,
        applicant,
        opportunity,
        ["languages"],
        parts=[new_part],
        message="Trying again",
    )
    assert again.pk == application.pk
    assert again.status == "submitted"
    assert again.decision_message == "" and again.decided_at is None
    assert again.message == "Trying again"
    assert again.created_at > first_applied_at
    # The earlier consents stay revoked; new ones only for what was chosen now.
    assert not ConsentRecord.objects.active().filter(pk__in=revoked).exists()
    active = ConsentRecord.objects.active().filter(subject=applicant)
    assert {(r.kind, r.field_name or r.story_part.title) for r in active} == {
        ("profile_field", "languages"),
        ("story_part", "New part"),
    }
    assert ConsentRecord.objects.filter(subject=applicant).count() == 5

    # The organisation reviews it again and sees only the new disclosures.
    client.force_login(reviewer)
    response = client.get(f"/review/applications/{application.pk}/")
    assert response.status_code == 200
    assert shown_fields(response) == {"languages"}
    page = response.content.decode()
    assert "New part" in page
    assert "First part" not in page
    assert SECRET_BIO not in page
    assert "she/her" not in page
    assert "Let us talk." not in page
    assert client.get(f"/shared/story/{first_part.pk}/").status_code == 404


@pytest.mark.parametrize("status", ["submitted", "shortlisted", "accepted", "declined"])
def test_an_application_that_is_not_withdrawn_cannot_be_reopened(client, setting, status):
    _org, _admin, _reviewer, opportunity, applicant = setting
    application = submit_application(applicant, opportunity, pseudonym="M.K.", fields=["bio"])
    if status != "submitted":
        decide(
            application,
            status=status,
            fee_amount=Decimal("300"),
            currency="USD",
            starts_at=opportunity.starts_at,
        )
    opportunity.status = "open"  # accepting may have filled it
    opportunity.save()
    with pytest.raises(AlreadyApplied):
        submit_application(applicant, opportunity, pseudonym="Again", fields=["pronouns"])

    client.force_login(applicant)
    response = client.post(
        f"/opportunities/{opportunity.pk}/apply/", {"pseudonym": "Again", "message": "Hi"}
    )
    assert response.status_code == 302
    follow = client.get(response["Location"]).content.decode()
    assert "You have already applied" in follow
    assert "Apply again" not in follow
    application.refresh_from_db()
    assert application.status == status
    assert application.pseudonym == "M.K."
    assert not ConsentRecord.objects.filter(subject=applicant, field_name="pronouns").exists()


def test_a_withdrawn_accepted_application_starts_over_as_submitted(client, setting):
    _org, admin, _reviewer, opportunity, applicant = setting
    application = submit_application(applicant, opportunity, pseudonym="M.K.")
    engagement = decide(
        application,
        status="accepted",
        fee_amount=Decimal("300"),
        currency="USD",
        starts_at=timezone.now() + datetime.timedelta(days=20),
    )
    withdraw_application(application, actor=applicant)
    submit_application(applicant, opportunity, pseudonym="M.K.", access_needs="A quiet room")
    application.refresh_from_db()
    assert application.status == "submitted"
    engagement.refresh_from_db()
    assert engagement.cancelled_at is not None  # the old engagement stays cancelled
    client.force_login(admin)  # the named contact: access needs only after a new acceptance
    assert (
        "A quiet room" not in client.get(f"/review/applications/{application.pk}/").content.decode()
    )

    # Accepted again, it is one standing engagement with the new date.
    new_date = timezone.now() + datetime.timedelta(days=25)
    decide(
        application,
        status="accepted",
        fee_amount=Decimal("320"),
        currency="USD",
        starts_at=new_date,
    )
    engagement = Engagement.objects.get(application=application)
    assert engagement.cancelled_at is None and engagement.cancelled_by == ""
    assert engagement.starts_at == new_date


def test_applying_again_is_not_offered_once_the_opportunity_stops_taking_applications(
    client, setting
):
    _org, _admin, _reviewer, opportunity, applicant = setting
    application = submit_application(applicant, opportunity, pseudonym="M.K.")
    withdraw_application(application, actor=applicant)
    client.force_login(applicant)
    assert "Apply again" in client.get("/me/applications/").content.decode()
    assert "Apply again" in client.get(f"/opportunities/{opportunity.pk}/").content.decode()
    opportunity.status = "closed"
    opportunity.save()
    assert "Apply again" not in client.get("/me/applications/").content.decode()
    assert client.get(f"/opportunities/{opportunity.pk}/apply/").status_code == 403
    assert OpportunityApplication.objects.get().status == "withdrawn"
