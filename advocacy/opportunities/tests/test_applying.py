"""Applying with consent-based disclosure, and what reviewers may see.

Must hold: an organisation never sees a field that was not disclosed,
applications to another organisation, or access needs before acceptance;
revocation takes effect on the next request.
"""

import re

import pytest

from advocacy.opportunities.models import OpportunityApplication
from advocacy.opportunities.workflow import decide, submit_application
from people.consent import grant_consent, revoke_consent
from people.models import (
    ConsentRecord,
    DisclosureAccess,
    ExpertiseTopic,
    Profile,
    StoryPart,
)
from people.visibility import Visibility

from .helpers import (
    SpeakingOpportunityFactory,
    member_of,
    organisation_with_staff,
    survivor_leader,
)

pytestmark = pytest.mark.django_db

SECRET_BIO = "Grew up by the river"


def applicant_with_profile():
    user = survivor_leader(display_name="Mai Khanh")
    profile = Profile.for_user(user)
    profile.pronouns = "she/her"
    profile.bio = f"<p>{SECRET_BIO}</p>"
    profile.languages = ["vi", "en"]
    profile.country = "VN"
    profile.subdivision = "Hanoi"
    profile.application_pseudonym = "M.K."
    profile.save()
    profile.topics.add(ExpertiseTopic.objects.create(name="Labour rights", slug="labour"))
    return user


def shown_fields(response) -> set[str]:
    return set(re.findall(r'data-field="([a-z_]+)"', response.content.decode()))


@pytest.fixture
def setting():
    organisation, admin, reviewer = organisation_with_staff()
    opportunity = SpeakingOpportunityFactory(organisation=organisation)
    applicant = applicant_with_profile()
    return organisation, admin, reviewer, opportunity, applicant


def apply_through_the_form(client, applicant, opportunity, fields, parts=(), **extra):
    client.force_login(applicant)
    data = {
        "pseudonym": "M.K.",
        "disclose_fields": fields,
        "story_parts": [part.pk for part in parts],
        "availability": "Weekday mornings",
        "access_needs": "Step-free access and a quiet room",
        **extra,
    }
    response = client.post(f"/opportunities/{opportunity.pk}/apply/", data)
    assert response.status_code == 302, response.context["form"].errors
    return OpportunityApplication.objects.get(opportunity=opportunity, applicant=applicant)


def test_the_reviewer_sees_exactly_the_disclosed_fields(client, setting):
    organisation, _admin, reviewer, opportunity, applicant = setting
    application = apply_through_the_form(client, applicant, opportunity, ["pronouns", "languages"])
    records = ConsentRecord.objects.filter(subject=applicant, kind="profile_field")
    assert {r.field_name for r in records} == {"pronouns", "languages"}
    assert all(r.audience_id == organisation.audience_id for r in records)
    assert all(r.context == application for r in records)

    client.force_login(reviewer)
    response = client.get(f"/review/applications/{application.pk}/")
    assert response.status_code == 200
    assert shown_fields(response) == {"pronouns", "languages"}
    page = response.content.decode()
    assert "she/her" in page
    assert "M.K." in page
    for hidden in (SECRET_BIO, "Mai Khanh", "Hanoi", "Labour rights", "Step-free"):
        assert hidden not in page
    # Each opening is in the applicant's access log.
    assert set(
        DisclosureAccess.objects.filter(subject=applicant, viewer=reviewer).values_list(
            "what", flat=True
        )
    ) == {"Application: Pronouns", "Application: Languages"}


def test_a_public_or_other_organisations_consent_is_not_shown_in_this_application(client, setting):
    _organisation, _admin, reviewer, opportunity, applicant = setting
    other_org, _a, _r = organisation_with_staff()
    profile = Profile.for_user(applicant)
    profile.visibility = {**profile.visibility, "bio": Visibility.ORGANISATIONS}
    profile.save()
    # Bio disclosed to a different organisation only.
    grant_consent(
        applicant,
        kind="profile_field",
        field_name="bio",
        audience=other_org.audience,
        purpose="Another application",
    )
    application = apply_through_the_form(client, applicant, opportunity, ["pronouns"])
    client.force_login(reviewer)
    response = client.get(f"/review/applications/{application.pk}/")
    assert shown_fields(response) == {"pronouns"}
    assert SECRET_BIO not in response.content.decode()


def test_revoking_one_field_takes_effect_on_the_next_request(client, setting):
    _org, _admin, reviewer, opportunity, applicant = setting
    application = apply_through_the_form(client, applicant, opportunity, ["pronouns", "bio"])
    client.force_login(reviewer)
    path = f"/review/applications/{application.pk}/"
    assert shown_fields(client.get(path)) == {"pronouns", "bio"}
    record = ConsentRecord.objects.get(subject=applicant, field_name="bio")
    revoke_consent(record, actor=applicant)
    response = client.get(path)
    assert shown_fields(response) == {"pronouns"}
    assert SECRET_BIO not in response.content.decode()


def test_withdrawing_revokes_every_disclosure_at_once(client, setting):
    organisation, _admin, reviewer, opportunity, applicant = setting
    part = StoryPart.objects.create(owner=applicant, title="Finding work again", body="<p>x</p>")
    application = apply_through_the_form(
        client, applicant, opportunity, ["pronouns", "languages"], parts=[part]
    )
    client.force_login(reviewer)
    assert client.get(f"/shared/story/{part.pk}/").status_code == 200
    assert (
        "Finding work again"
        in client.get(f"/review/applications/{application.pk}/").content.decode()
    )

    client.force_login(applicant)
    assert client.post(f"/me/applications/{application.pk}/withdraw/").status_code == 302
    assert not ConsentRecord.objects.active().filter(subject=applicant).exists()
    assert ConsentRecord.objects.filter(subject=applicant).count() == 3

    client.force_login(reviewer)
    assert client.get(f"/review/applications/{application.pk}/").status_code == 404
    assert client.get(f"/shared/story/{part.pk}/").status_code == 404
    dashboard = client.get(f"/organisations/{organisation.slug}/opportunities/")
    assert list(dashboard.context["applications"]) == []


def test_story_parts_not_chosen_or_marked_never_share_are_not_offered_or_shown(client, setting):
    _org, _admin, reviewer, opportunity, applicant = setting
    chosen = StoryPart.objects.create(owner=applicant, title="Chosen part", body="a")
    StoryPart.objects.create(owner=applicant, title="Not chosen", body="b")
    StoryPart.objects.create(owner=applicant, title="Private part", body="c", never_share=True)
    client.force_login(applicant)
    form_page = client.get(f"/opportunities/{opportunity.pk}/apply/").content.decode()
    assert "Private part" not in form_page
    application = apply_through_the_form(client, applicant, opportunity, [], parts=[chosen])
    client.force_login(reviewer)
    page = client.get(f"/review/applications/{application.pk}/").content.decode()
    assert "Chosen part" in page
    assert "Not chosen" not in page


def test_other_organisations_never_see_the_application(client, setting):
    organisation, _admin, _reviewer, opportunity, applicant = setting
    application = apply_through_the_form(client, applicant, opportunity, ["pronouns"])
    other_org, other_admin, other_reviewer = organisation_with_staff()
    for user in (other_admin, other_reviewer, survivor_leader()):
        client.force_login(user)
        assert client.get(f"/review/applications/{application.pk}/").status_code == 404
    client.force_login(other_reviewer)
    dashboard = client.get(f"/organisations/{other_org.slug}/opportunities/")
    assert list(dashboard.context["applications"]) == []
    # Nor another organisation's dashboard.
    assert client.get(f"/organisations/{organisation.slug}/opportunities/").status_code == 404
    client.logout()
    response = client.get(f"/review/applications/{application.pk}/")
    assert response.status_code == 302


def test_access_needs_only_after_acceptance_and_only_to_the_named_contact(client, setting):
    _org, admin, reviewer, opportunity, applicant = setting
    application = apply_through_the_form(client, applicant, opportunity, ["pronouns"])
    path = f"/review/applications/{application.pk}/"
    for user in (admin, reviewer):
        client.force_login(user)
        assert "Step-free" not in client.get(path).content.decode()

    decide(application, status="shortlisted")
    client.force_login(admin)
    assert "Step-free" not in client.get(path).content.decode()

    decide(
        application,
        status="accepted",
        fee_amount=opportunity.honorarium_amount,
        currency="USD",
        starts_at=opportunity.starts_at,
    )
    client.force_login(reviewer)  # a reviewer, not the named contact
    assert "Step-free" not in client.get(path).content.decode()
    client.force_login(admin)  # the named contact
    assert "Step-free access and a quiet room" in client.get(path).content.decode()
    assert DisclosureAccess.objects.filter(
        subject=applicant, viewer=admin, what="Application: access and support needs"
    ).exists()


def test_a_member_removed_from_the_organisation_loses_access_at_once(client, setting):
    organisation, _admin, reviewer, opportunity, applicant = setting
    application = apply_through_the_form(client, applicant, opportunity, ["pronouns"])
    from advocacy.organisations.membership import remove_member

    remove_member(organisation, reviewer)
    client.force_login(reviewer)
    assert client.get(f"/review/applications/{application.pk}/").status_code == 404


def test_only_survivor_leaders_apply_and_not_to_their_own_organisation(client, setting):
    organisation, _admin, _reviewer, opportunity, _applicant = setting
    path = f"/opportunities/{opportunity.pk}/apply/"
    assert client.get(path).status_code == 302  # anonymous: sign in first
    client.force_login(member_of(organisation))
    assert client.get(path).status_code == 403
    from people.factories import UserFactory

    client.force_login(UserFactory())  # signed in, not a survivor leader
    assert client.get(path).status_code == 403


def test_a_field_kept_for_councils_gets_a_clear_error_and_keeps_the_typing(client, setting):
    _org, _admin, _reviewer, opportunity, applicant = setting
    profile = Profile.for_user(applicant)
    profile.visibility = {**profile.visibility, "region": Visibility.COUNCILS}
    profile.save()
    client.force_login(applicant)
    response = client.post(
        f"/opportunities/{opportunity.pk}/apply/",
        {"pseudonym": "M.K.", "disclose_fields": ["region"], "message": "Hello there"},
    )
    assert response.status_code == 200
    assert "You keep these for your councils only: Region" in response.content.decode()
    assert "Hello there" in response.content.decode()
    assert not OpportunityApplication.objects.exists()


def test_only_the_applicant_withdraws(client, setting):
    _org, _admin, reviewer, opportunity, applicant = setting
    application = submit_application(applicant, opportunity, pseudonym="M.K.", fields=["bio"])
    for user in (reviewer, survivor_leader()):
        client.force_login(user)
        assert client.post(f"/me/applications/{application.pk}/withdraw/").status_code == 404
    application.refresh_from_db()
    assert application.status == "submitted"
    assert ConsentRecord.objects.active().filter(subject=applicant).count() == 1


def test_the_apply_form_shows_what_each_field_would_disclose(client, setting):
    _organisation, _admin, _reviewer, opportunity, applicant = setting
    client.force_login(applicant)
    html = client.get(f"/opportunities/{opportunity.pk}/apply/").content.decode()
    previews = dict(
        re.findall(
            r'value="([a-z_]+)"[^>]*>[^<]*'
            r'<span class="disclosure-choice__value[^"]*">([^<]*)</span>',
            html,
        )
    )
    assert previews["display_name"] == "Mai Khanh"
    assert previews["pronouns"] == "she/her"
    assert previews["bio"] == SECRET_BIO
    assert previews["topics"] == "Labour rights"
    assert previews["languages"] == "Vietnamese, English"
    assert previews["region"] == "Hanoi, Vietnam"
    assert previews["photo"] == "Empty: nothing to share yet"
