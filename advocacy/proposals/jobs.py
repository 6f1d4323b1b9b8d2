"""Periodic job about reform proposals (background.schedule): ask the authors
of a proposal open for endorsement whether it is still right, once it has gone
six months without a new version. Safe to run twice (notifications.notices
keys each notice by page, version and period)."""

from __future__ import annotations

from background.schedule import weekly
from background.work import background_task
from content.translations import in_source_language
from notifications.notices import flag_stale_pages, stale_before

from .models import ProposalStatus, ReformProposalPage
from .notices import STALE
from .policy import coauthors_of


def authors_of(proposal: ReformProposalPage) -> list:
    authors = list(coauthors_of(proposal).filter(is_active=True))
    if proposal.owner is not None and proposal.owner.is_active:
        authors.append(proposal.owner)
    return list({author.pk: author for author in authors}.values())


def flag_stale_proposals(now=None) -> int:
    proposals = (
        in_source_language(ReformProposalPage.objects.live())
        .filter(status=ProposalStatus.OPEN, last_published_at__lt=stale_before(now))
        .select_related("owner")
    )
    return flag_stale_pages(proposals, kind=STALE, leads_of=authors_of, now=now)


@background_task()
def flag_stale_proposals_task() -> int:
    return flag_stale_proposals()


weekly(on="tuesday", at="05:00", name="proposals.stale_pages", job=flag_stale_proposals_task)
