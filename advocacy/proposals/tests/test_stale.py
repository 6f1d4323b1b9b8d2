# ruff: noqa: F811 (pytest fixtures imported from .fixtures are parameters here)
"""An open proposal six months without a new version: its authors are asked
whether it is still right, once per six months, however often the job runs."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from advocacy.proposals.jobs import flag_stale_proposals
from advocacy.proposals.models import ReformProposalPage
from advocacy.proposals.notices import STALE
from advocacy.proposals.policy import grant_coauthor
from background.schedule import jobs
from notifications.models import Notice
from notifications.notices import show

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


def _published_days_ago(proposal, days):
    ReformProposalPage.objects.filter(pk=proposal.pk).update(
        last_published_at=timezone.now() - timedelta(days=days)
    )


def test_a_stale_open_proposal_asks_its_authors_once(open_proposal, leader, other_leader, member):
    grant_coauthor(open_proposal, other_leader)
    _published_days_ago(open_proposal, 181)
    assert flag_stale_proposals() == 2
    assert flag_stale_proposals() == 0
    notices = Notice.objects.filter(kind=STALE)
    assert sorted(n.user_id for n in notices) == sorted([leader.pk, other_leader.pk])
    shown = show(notices.get(user=leader), leader)
    assert "has not changed for 6 months" in shown.text
    assert shown.url == reverse("wagtailadmin_pages:edit", args=[open_proposal.pk])
    # Someone who is not an author reads nothing of it.
    assert open_proposal.title not in show(notices.get(user=leader), member).text
    # Six months later, still unchanged: asked again, once.
    later = timezone.now() + timedelta(days=180)
    assert flag_stale_proposals(later) == 2
    assert flag_stale_proposals(later) == 0


def test_a_fresh_or_closed_proposal_is_left_alone(open_proposal):
    _published_days_ago(open_proposal, 100)
    assert flag_stale_proposals() == 0
    ReformProposalPage.objects.filter(pk=open_proposal.pk).update(
        status="submitted", last_published_at=timezone.now() - timedelta(days=400)
    )
    assert flag_stale_proposals() == 0
    assert not Notice.objects.exists()


def test_the_job_is_scheduled():
    assert "proposals.stale_pages" in [job.name for job in jobs()]
