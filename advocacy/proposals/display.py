"""What a proposal page shows, built once per request with a fixed cost."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from advocacy.organisations.apps import organisation_tag
from advocacy.organisations.membership import organisations_of
from content.caching import kept_with_page
from content.translations import in_language_all
from content.visibility import public
from core import page_cache

from .lifecycle import accepts_endorsements, moves_for
from .models import ProposalAmendment, ProposalEndorsement, ProposalStatus
from .names import consented_names
from .policy import (
    can_choose_name_on,
    can_decide_amendment,
    can_endorse_as_person,
    can_record_milestone,
    can_suggest_amendment,
    coauthor_ids,
    is_author,
)


def endorsement_summary(proposal, request=None) -> dict:
    """Counts, and the endorsers who agreed to be named (the endorsements
    are read once, and kept with the page: every endorsement bumps its tag;
    the counts come from the same rows)."""

    def read() -> tuple:
        return tuple(
            ProposalEndorsement.objects.filter(proposal=proposal).select_related("organisation")
        )

    endorsements = kept_with_page("endorsements", proposal, request, read)
    people = [e for e in endorsements if e.user_id]
    counts = {
        "people": len(people),
        "organisations": sum(1 for e in endorsements if e.organisation_id),
    }
    names = consented_names(people, [e.user_id for e in people])
    named_people = [names[(e.pk, e.user_id)] for e in people if (e.pk, e.user_id) in names]
    named_organisations = [
        e.organisation.name for e in endorsements if e.organisation_id and e.show_name
    ]
    page_cache.depends_on(
        *(organisation_tag(e.organisation_id) for e in endorsements if e.organisation_id)
    )
    return {
        "people": counts["people"],
        "organisations": counts["organisations"],
        "total": counts["people"] + counts["organisations"],
        "named_people": named_people,
        "named_organisations": named_organisations,
    }


def remedies_named(remedy_ids, request) -> list[dict]:
    """The remedy pages `remedy_ids` that anyone may read (live, not
    view-restricted), in title order: two queries."""
    from wagtail.models import Page

    ids = list(remedy_ids)
    if not ids:
        return []
    pages = in_language_all(
        public(Page.objects.live()).filter(pk__in=ids).order_by("title").specific()
    )
    return [{"title": page.title, "url": page.get_url(request), "page": page} for page in pages]


@dataclass(frozen=True)
class ProposalRelations:
    """What a proposal page shows from rows that change only with the page's
    tag: publishing (policy area, warnings, remedies), a status change, a
    milestone or an amendment (advocacy/proposals/endorsements.py)."""

    policy_area: object
    warning_topics: tuple
    remedy_ids: tuple
    milestones: tuple
    timeline: tuple
    credited_ids: tuple  # who proposed each accepted amendment, in order


def proposal_relations(proposal, request) -> ProposalRelations:
    """The proposal's relations, kept per process under its page tag (and the
    site tag: policy areas and content-warning topics are snippets). A
    preview reads the page as it is being edited, and keeps nothing."""

    def read() -> ProposalRelations:
        accepted = proposal.amendments.filter(status=ProposalAmendment.Status.ACCEPTED).exclude(
            proposer__isnull=True
        )
        return ProposalRelations(
            policy_area=proposal.policy_area,
            warning_topics=tuple(proposal.content_warning_topics.all()),
            # Held in memory in a preview.
            remedy_ids=tuple(remedy.pk for remedy in proposal.remedies.all()),
            milestones=tuple(proposal.milestones.order_by("happened_on", "pk")),
            timeline=tuple(proposal.transitions.select_related(None).order_by("at", "pk")),
            credited_ids=tuple(accepted.values_list("proposer_id", flat=True)),
        )

    return kept_with_page("proposal-relations", proposal, request, read)


def proposal_page_context(proposal, request) -> dict:
    user = request.user
    relations = proposal_relations(proposal, request)
    # Kept with the page for naming (granting or revoking co-authorship bumps
    # its tag); what co-authors may do is checked against the database.
    coauthors = kept_with_page(
        "proposal-coauthor-ids", proposal, request, lambda: tuple(coauthor_ids(proposal))
    )
    author_ids = [proposal.owner_id, *coauthors] if proposal.owner_id else []
    # One query for the names of authors and of the people whose changes were
    # accepted: both consent to a name in the proposal's own context.
    names = consented_names([proposal], {*author_ids, *relations.credited_ids})
    context = {
        "author_names": [
            names.get((proposal.pk, pk)) or _("a survivor leader") for pk in author_ids
        ],
        "timeline": relations.timeline,
        "milestones": relations.milestones,
        "policy_area": relations.policy_area,
        "warning_topics": relations.warning_topics,
        "endorsements": endorsement_summary(proposal, request),
        "accepts_endorsements": accepts_endorsements(proposal),
        "credits": [
            names.get((proposal.pk, pk)) or _("a community member") for pk in relations.credited_ids
        ],
        "status_label": ProposalStatus(proposal.status).label,
        "remedies": remedies_named(relations.remedy_ids, request),
        "is_author": False,
    }
    if user.is_authenticated:
        context.update(
            {
                "is_author": is_author(user, proposal),
                "moves": [(to, ProposalStatus(to).label) for to in moves_for(user, proposal)],
                "can_endorse": can_endorse_as_person(user, proposal),
                "my_endorsement": ProposalEndorsement.objects.filter(
                    proposal=proposal, user=user
                ).first(),
                "admin_organisations": _organisation_endorsements(user, proposal),
                "can_suggest": can_suggest_amendment(user, proposal),
                "can_choose_name": can_choose_name_on(user, proposal),
                "can_record_milestone": can_record_milestone(user, proposal),
                "pending_amendments": (
                    proposal.amendments.filter(status="pending")
                    if can_decide_amendment(user, proposal)
                    else []
                ),
            }
        )
    return context


def _organisation_endorsements(user, proposal) -> list[tuple]:
    """(organisation, its endorsement or None) for each organisation `user` is admin of."""
    organisations = list(organisations_of(user, role="admin", verified=True))
    given = {
        e.organisation_id: e
        for e in ProposalEndorsement.objects.filter(
            proposal=proposal, organisation__in=organisations
        )
    }
    return [(org, given.get(org.pk)) for org in organisations]
