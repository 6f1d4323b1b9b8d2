"""Posting opportunities: only verified organisations' admins; pay is stated or
explained; dates, fees and currencies are checked with clear errors."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from advocacy.opportunities.forms import OpportunityForm
from advocacy.opportunities.models import SpeakingOpportunity

from .helpers import (
    OrganisationFactory,
    SpeakingOpportunityFactory,
    member_of,
    organisation_with_staff,
    survivor_leader,
)

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    later = timezone.now() + datetime.timedelta(days=20)
    data = {
        "title": "Panel on fair recruitment",
        "kind": "panel",
        "description": "<p>Tell us what works.</p><script>x()</script>",
        "starts_at": (later + datetime.timedelta(days=10)).strftime("%Y-%m-%dT%H:%M"),
        "time_zone": "Asia/Bangkok",
        "is_remote": "on",
        "languages": ["en", "th"],
        "places": "2",
        "deadline": later.strftime("%Y-%m-%dT%H:%M"),
        "honorarium_amount": "400",
        "currency": "EUR",
        "status": "open",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def post_form(organisation, **overrides):
    return OpportunityForm(form_data(**overrides), organisation=organisation)


def test_an_admin_of_a_verified_organisation_posts_and_the_time_is_stored_in_utc(client):
    organisation, admin, _reviewer = organisation_with_staff()
    client.force_login(admin)
    data = form_data(starts_at="2030-03-10T14:00", deadline="2030-03-01T09:00")
    response = client.post(f"/organisations/{organisation.slug}/opportunities/new/", data)
    assert response.status_code == 302, response.context["form"].errors
    opportunity = SpeakingOpportunity.objects.get()
    # 14:00 in Bangkok (UTC+7) is 07:00 UTC.
    assert opportunity.starts_at == datetime.datetime(2030, 3, 10, 7, 0, tzinfo=datetime.UTC)
    assert opportunity.local_start.hour == 14
    assert "<script>" not in opportunity.description
    assert opportunity.created_by == admin
    detail = client.get(f"/opportunities/{opportunity.pk}/").content.decode()
    assert "Thailand Time" in detail
    assert "€400.00" in detail


@pytest.mark.parametrize("who", ["anonymous", "reviewer", "leader", "admin_unverified"])
def test_nobody_else_can_post(client, who):
    organisation, _admin, reviewer = organisation_with_staff()
    path = f"/organisations/{organisation.slug}/opportunities/new/"
    if who == "reviewer":
        client.force_login(reviewer)
    elif who == "leader":
        client.force_login(survivor_leader())
    elif who == "admin_unverified":
        unverified = OrganisationFactory(verified=False)
        client.force_login(member_of(unverified, "admin"))
        path = f"/organisations/{unverified.slug}/opportunities/new/"
    response = client.post(path, form_data())
    if who == "anonymous":
        assert response.status_code == 302
        assert response.url.startswith("/accounts/login/")
    else:
        assert response.status_code == 403
    assert not SpeakingOpportunity.objects.exists()


def test_unverified_organisations_cannot_post_even_bypassing_the_view():
    unverified = OrganisationFactory(verified=False)
    form = post_form(unverified)
    assert not form.is_valid()
    assert "Only verified organisations can post opportunities." in form.non_field_errors()
    opportunity = SpeakingOpportunityFactory.build(organisation=unverified)
    with pytest.raises(ValidationError, match="Only verified organisations"):
        opportunity.full_clean()


def test_an_opportunity_without_honorarium_or_reason_is_refused():
    organisation = OrganisationFactory()
    form = post_form(organisation, honorarium_amount="", currency="")
    assert not form.is_valid()
    assert form.errors["honorarium_amount"] == [
        "Enter the honorarium, or mark the work as unpaid and say why."
    ]
    unpaid = post_form(organisation, honorarium_amount="", currency="", is_unpaid="on")
    assert not unpaid.is_valid()
    assert "Say why this work is unpaid" in unpaid.errors["unpaid_reason"][0]


def test_unpaid_with_a_reason_is_accepted_and_shown_as_unpaid(client):
    organisation = OrganisationFactory()
    form = post_form(
        organisation,
        honorarium_amount="",
        currency="",
        is_unpaid="on",
        unpaid_reason="A volunteer-run community meeting; travel is covered.",
    )
    assert form.is_valid(), form.errors
    opportunity = form.save()
    assert opportunity.fee_display == "Unpaid"
    page = client.get(f"/opportunities/{opportunity.pk}/").content.decode()
    assert "Unpaid" in page
    assert "volunteer-run community meeting" in page


def test_the_database_refuses_paid_work_without_an_amount():
    opportunity = SpeakingOpportunityFactory.build(
        organisation=OrganisationFactory(), honorarium_amount=None
    )
    with pytest.raises(Exception, match="opportunity_paid_or_says_why_not"):
        opportunity.save()


def test_past_deadlines_negative_fees_and_unknown_currencies_get_clear_errors():
    organisation = OrganisationFactory()
    past = (timezone.now() - datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    form = post_form(organisation, deadline=past, honorarium_amount="-5", currency="XYZ")
    assert not form.is_valid()
    assert form.errors["deadline"] == ["The application deadline has passed. Choose a later one."]
    assert form.errors["honorarium_amount"] == ["A fee cannot be negative. Enter 0 or more."]
    assert form.errors["currency"] == [
        "“XYZ” is not a currency we know. Choose one from the list, such as USD."
    ]
    # What was typed is kept for the person to correct.
    assert form["title"].value() == "Panel on fair recruitment"


def test_model_validation_catches_negative_fees_and_unknown_currencies_too():
    opportunity = SpeakingOpportunityFactory.build(
        organisation=OrganisationFactory(), honorarium_amount=Decimal("-1"), currency="ABC"
    )
    with pytest.raises(ValidationError) as error:
        opportunity.full_clean()
    assert "A fee cannot be negative" in str(error.value.message_dict["honorarium_amount"])
    assert "not a currency we know" in str(error.value.message_dict["currency"])


def test_a_date_or_flexible_and_a_place_or_remote_are_required():
    organisation = OrganisationFactory()
    form = post_form(organisation, starts_at="", is_remote=None)
    assert not form.is_valid()
    assert form.errors["starts_at"] == ["Give the date and time, or mark the date as flexible."]
    assert form.errors["place"] == ["Say where it takes place, or mark it as remote."]
    flexible = post_form(organisation, starts_at="", is_flexible="on")
    assert flexible.is_valid(), flexible.errors


def test_drafts_are_hidden_from_everyone_but_the_organisation(client):
    organisation, _admin, reviewer = organisation_with_staff()
    draft = SpeakingOpportunityFactory(organisation=organisation, status="draft")
    assert client.get(f"/opportunities/{draft.pk}/").status_code == 404
    client.force_login(survivor_leader())
    assert client.get(f"/opportunities/{draft.pk}/").status_code == 404
    client.force_login(reviewer)
    assert client.get(f"/opportunities/{draft.pk}/").status_code == 200


def test_only_the_organisations_admin_can_edit(client):
    organisation, admin, reviewer = organisation_with_staff()
    opportunity = SpeakingOpportunityFactory(organisation=organisation)
    path = f"/opportunities/{opportunity.pk}/edit/"
    other_admin = member_of(OrganisationFactory(), "admin")
    for user in (reviewer, other_admin):
        client.force_login(user)
        assert client.get(path).status_code == 403
    client.force_login(admin)
    assert client.get(path).status_code == 200


def test_the_description_is_collapsed_behind_its_content_warning(client):
    from people.models import ContentWarningTopic

    topic = ContentWarningTopic.objects.create(name="Debt and money", slug="debt")
    opportunity = SpeakingOpportunityFactory(description="<p>About withheld wages.</p>")
    opportunity.content_warnings.add(topic)
    page = client.get(f"/opportunities/{opportunity.pk}/").content.decode()
    # Visitors who have not chosen get every warned item collapsed.
    assert "<details" in page
    assert "Debt and money" in page
    assert "About withheld wages." in page


def test_model_validation_refuses_a_past_deadline_for_a_new_opportunity():
    opportunity = SpeakingOpportunityFactory.build(
        organisation=OrganisationFactory(),
        deadline=timezone.now() - datetime.timedelta(hours=1),
    )
    with pytest.raises(ValidationError) as error:
        opportunity.full_clean()
    assert error.value.message_dict["deadline"] == [
        "The application deadline has passed. Choose a later one."
    ]


def test_offering_no_places_is_refused():
    form = post_form(OrganisationFactory(), places="0")
    assert not form.is_valid()
    assert form.errors["places"] == ["Offer at least one place."]
