"""The demo proposals: several stages, with support, amendments and milestones."""

import pytest
from django.core.management import call_command

from advocacy.proposals.models import (
    ProposalAmendment,
    ProposalEndorsement,
    ProposalMilestone,
    ReformProposalPage,
)
from content.translations import in_source_language

pytestmark = pytest.mark.django_db


def test_demo_has_proposals_in_different_states_and_is_idempotent(demo_site, client):
    proposals = in_source_language(ReformProposalPage.objects).all()
    states = set(proposals.values_list("status", flat=True))
    assert len(proposals) >= 4
    assert {"draft", "council_review", "open", "submitted", "adopted"} <= states
    assert ProposalEndorsement.objects.filter(organisation__isnull=False).exists()
    assert ProposalEndorsement.objects.filter(user__isnull=False).exists()
    assert ProposalAmendment.objects.filter(status="accepted").exists()
    assert ProposalAmendment.objects.filter(status="pending").exists()
    assert ProposalMilestone.objects.count() >= 5
    for proposal in proposals.filter(live=True):
        assert proposal.transitions.exists()

    counts = (proposals.count(), ProposalEndorsement.objects.count())
    call_command("load_demo_data", "--force", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (
        in_source_language(ReformProposalPage.objects).count(),
        ProposalEndorsement.objects.count(),
    ) == counts

    index = in_source_language(ReformProposalPage.objects).filter(live=True).first().get_parent()
    html = client.get(index.url).content.decode()
    assert "Clear the records" in html
    submitted = in_source_language(ReformProposalPage.objects).get(status="submitted")
    html = client.get(submitted.url).content.decode()
    assert "Amara" in html and "Harbour Legal Aid" in html
    assert "waive every court fee" in html
