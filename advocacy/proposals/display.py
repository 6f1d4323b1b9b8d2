"""What a proposal page shows, built once per request with a fixed cost."""

from __future__ import annotations

from advocacy.organisations.apps import organisation_tag
from advocacy.organisations.membership import organisations_of
from content.translations import in_language_all
from content.visibility import public
from core import page_cache

from .amendments import amendment_credits
from .lifecycle import accepts_endorsements, moves_for
from .models import ProposalEndorsement, ProposalStatus
from .names import author_names, consented_names
from .policy import (
    can_choose_name_on,
    can_decide_amendment,
    can_endorse_as_person,
    can_record_milestone,
    can_suggest_amendment,
    coauthors_of,
    is_author,
)


def endorsement_summary(proposal) -> dict:
    """Counts, and the endorsers who agreed to be named (the endorsements
    are read once: the counts come from the same rows)."""
    endorsements = list(
        ProposalEndorsement.objects.filter(proposal=proposal).select_related("organisation")
    )
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


def remedies_named(proposal, request) -> list[dict]:
    """The remedy pages the proposal wants to change that anyone may read
    (live, not view-restricted), in title order: two queries, also in a
    preview, where the chosen remedies are held in memory."""
    from wagtail.models import Page

    ids = [remedy.pk for remedy in proposal.remedies.all()]
    if not ids:
        return []
    pages = in_language_all(
        public(Page.objects.live()).filter(pk__in=ids).order_by("title").specific()
    )
    return [{"title": page.title, "url": page.get_url(request), "page": page} for page in pages]


def proposal_page_context(proposal, request) -> dict:
    user = request.user
    authors = [proposal.owner, *coauthors_of(proposal)] if proposal.owner_id else []
    context = {
        "author_names": author_names(proposal, [a for a in authors if a is not None]),
        "timeline": proposal.transitions.select_related(None).order_by("at", "pk"),
        "milestones": proposal.milestones.order_by("happened_on", "pk"),
        "endorsements": endorsement_summary(proposal),
        "accepts_endorsements": accepts_endorsements(proposal),
        "credits": amendment_credits(proposal),
        "status_label": ProposalStatus(proposal.status).label,
        "remedies": remedies_named(proposal, request),
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
