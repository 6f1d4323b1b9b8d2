# ruff: noqa: F811 (pytest fixtures imported from .fixtures are parameters here)
"""Amendments: members suggest, authors accept (new revision, credit) or
decline with a reason; the person who suggested it hears back."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from advocacy.proposals.amendments import accept_amendment, decline_amendment, suggest_amendment
from advocacy.proposals.models import ProposalAmendment, ReformProposalPage
from advocacy.proposals.notices import AMENDMENT_ANSWERED
from notifications.models import Email, Notice, NoticePreference
from notifications.notices import show
from people.consent import grant_consent
from people.factories import UserFactory

from .fixtures import (  # noqa: F401
    council,
    facilitator,
    index,
    leader,
    member,
    open_proposal,
    other_leader,
)

pytestmark = pytest.mark.django_db


def _suggest(proposal, person, text="Let courts clear records within 90 days."):
    return suggest_amendment(
        proposal,
        person,
        section="proposed_change",
        new_text=text,
        reason="A deadline makes it real.",
    )


def test_accepting_changes_the_section_in_a_new_revision_with_credit(
    client, open_proposal, leader, member, django_capture_on_commit_callbacks
):
    grant_consent(
        member, kind="name", purpose="Credit", text="Sol", context=open_proposal, actor=member
    )
    amendment = _suggest(open_proposal, member)
    revisions_before = open_proposal.revisions.count()
    with django_capture_on_commit_callbacks(execute=True):
        accept_amendment(amendment, by=leader)
    page = ReformProposalPage.objects.get(pk=open_proposal.pk)
    assert page.proposed_change == "Let courts clear records within 90 days."
    assert page.revisions.count() == revisions_before + 1
    amendment.refresh_from_db()
    assert amendment.status == "accepted" and amendment.revision_id == page.live_revision_id
    html = client.get(page.url).content.decode()
    assert "within 90 days" in html and "Sol" in html
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [member.email]
    assert page.title not in mail.outbox[0].body  # discreet
    (notice,) = Notice.objects.all()
    assert notice.user == member and notice.kind == AMENDMENT_ANSWERED
    shown = show(notice, member)
    assert "accepted your change" in shown.text and shown.url == page.url


def test_credit_without_consent_names_nobody(client, open_proposal, leader):
    person = UserFactory(display_name="Private Name")
    accept_amendment(_suggest(open_proposal, person), by=leader)
    html = client.get(open_proposal.url).content.decode()
    assert "Private Name" not in html and "a community member" in html


def test_declining_needs_a_reason_and_tells_the_proposer(
    open_proposal, leader, member, django_capture_on_commit_callbacks
):
    amendment = _suggest(open_proposal, member)
    with pytest.raises(ValidationError):
        decline_amendment(amendment, by=leader, reason="  ")
    with django_capture_on_commit_callbacks(execute=True):
        decline_amendment(amendment, by=leader, reason="Already covered by section 2.")
    amendment.refresh_from_db()
    assert amendment.status == "declined"
    (notice,) = Notice.objects.filter(user=member)
    assert "Already covered by section 2." in show(notice, member).text
    assert "Already covered by section 2." not in mail.outbox[0].body
    with pytest.raises(ValidationError, match="already been decided"):
        accept_amendment(amendment, by=leader)


def test_the_proposer_who_turned_these_emails_off_gets_no_email(
    open_proposal, leader, member, django_capture_on_commit_callbacks
):
    NoticePreference.objects.create(user=member, kind=AMENDMENT_ANSWERED, email=Email.NEVER)
    with django_capture_on_commit_callbacks(execute=True):
        accept_amendment(_suggest(open_proposal, member), by=leader)
    assert mail.outbox == []
    assert Notice.objects.filter(user=member).count() == 1  # still told on the site


def test_only_authors_decide_and_authors_do_not_amend_themselves(
    open_proposal, leader, member, other_leader
):
    amendment = _suggest(open_proposal, member)
    for person in (member, other_leader):
        with pytest.raises(PermissionDenied):
            accept_amendment(amendment, by=person)
    with pytest.raises(PermissionDenied):
        _suggest(open_proposal, leader)


def test_the_amendment_views(client, open_proposal, leader, member):
    url = reverse("proposals:amend", args=[open_proposal.pk])
    assert client.get(url).status_code == 302  # anonymous: to sign in
    client.force_login(member)
    response = client.post(url, {"section": "proposed_change", "new_text": "Kept text"})
    assert response.status_code == 200
    assert "Kept text" in response.content.decode()  # nothing typed is lost
    client.post(
        url, {"section": "problem", "new_text": "Clearer problem.", "reason": "Plainer words."}
    )
    amendment = ProposalAmendment.objects.get(proposer=member)
    decide = reverse("proposals:decide_amendment", args=[amendment.pk])
    assert client.post(decide, {"decision": "accept"}).status_code == 403

    client.force_login(leader)
    response = client.post(decide, {"decision": "decline", "reason": ""}, follow=True)
    assert "Please say why" in response.content.decode()
    client.post(decide, {"decision": "accept"})
    assert ReformProposalPage.objects.get(pk=open_proposal.pk).problem == "Clearer problem."
