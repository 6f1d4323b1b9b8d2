"""Test data for reform proposals: an index set up for review, proposals in
any state, and the councils that review them."""


def make_proposal_index(parent=None, **kwargs):
    """A published proposals index under the home page (or `parent`), set up
    with the council review workflow and leaders' add permission."""
    from wagtail.models import Site

    from .models import ProposalIndexPage
    from .setup import set_up_proposal_index

    if parent is None:
        parent = Site.objects.get(is_default_site=True).root_page
    kwargs.setdefault("title", "Reform proposals")
    kwargs.setdefault("slug", "proposals")
    index = ProposalIndexPage(**kwargs)
    parent.add_child(instance=index)
    index.save_revision().publish()
    set_up_proposal_index(index)
    return index


def make_proposal(index, *, owner, status="draft", live=None, council=None, **kwargs):
    """A reform proposal under `index`, owned by `owner`, in `status`.

    Published unless it is a draft or in review (as the lifecycle would have it);
    the status is set directly here, for tests that start mid-life.
    """
    from .models import PolicyArea, ProposalStatus, ReformProposalPage

    number = ReformProposalPage.objects.count() + 1
    kwargs.setdefault("title", f"Proposal {number}")
    kwargs.setdefault("slug", f"proposal-{number}")
    kwargs.setdefault("problem", "Survivors carry records for things they were forced to do.")
    kwargs.setdefault("proposed_change", "Let courts clear those records.")
    kwargs.setdefault("decision_body", "State legislature")
    kwargs.setdefault("jurisdiction", "Ohio")
    kwargs.setdefault("pathway", "procedural")
    if "policy_area" not in kwargs:
        kwargs["policy_area"] = PolicyArea.objects.order_by("position").first()
    proposal = ReformProposalPage(owner=owner, council=council, **kwargs)
    index.add_child(instance=proposal)
    revision = proposal.save_revision(user=owner)
    if live is None:
        live = status not in (ProposalStatus.DRAFT, ProposalStatus.COUNCIL_REVIEW)
    if live:
        revision.publish(user=owner, skip_permission_checks=True)
    else:
        ReformProposalPage.objects.filter(pk=proposal.pk).update(live=False)
    ReformProposalPage.objects.filter(pk=proposal.pk).update(status=status)
    return ReformProposalPage.objects.get(pk=proposal.pk)


def make_council(name="Survivor Advisory Council", facilitators=(), members=()):
    """A real advisory council with these facilitators and members; returns its
    audience, which is what a proposal names as its reviewing council."""
    from councils.models import Membership
    from councils.services.councils import create_council
    from councils.services.memberships import add_member

    council = create_council(name=name)
    for person in facilitators:
        add_member(council, person, role=Membership.Role.FACILITATOR)
    for person in members:
        add_member(council, person)
    return council.audience
