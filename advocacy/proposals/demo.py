"""Demo reform proposals: five, in different stages, with support, suggested
changes and real-world milestones. Idempotent; nothing graphic."""

from __future__ import annotations

import datetime

from django.utils.text import slugify
from wagtail.models import TaskState

from advocacy.organisations.membership import add_member
from advocacy.organisations.models import Organisation
from people.consent import grant_consent
from people.models import Audience, ConsentRecord, ContentWarningTopic

from .amendments import accept_amendment, suggest_amendment
from .endorsements import endorse_as_person, endorse_for_organisation
from .lifecycle import transition
from .models import (
    PolicyArea,
    ProposalIndexPage,
    ProposalMilestone,
    ProposalStatus,
    ReformProposalPage,
)
from .names import PURPOSE_AUTHOR
from .setup import set_up_proposal_index

S = ProposalStatus
COUNCIL_NAME = "Survivor Advisory Council"

PROPOSALS = [
    {
        "title": "Clear the records of survivors who were forced to commit offences",
        "area": "vacatur-expungement",
        "pathway": "procedural",
        "decision_body": "Ohio General Assembly",
        "jurisdiction": "Ohio",
        "problem": (
            "Many survivors carry criminal records for things traffickers made them do. "
            "Those records block jobs, housing and loans long after they are free."
        ),
        "proposed_change": (
            "Let courts vacate any conviction that was a result of being trafficked, "
            "not only prostitution-related ones, and seal the record while the request "
            "is heard."
        ),
        "expected_impact": "Survivors can apply for work and housing without a past they "
        "did not choose following them.",
        "evidence": [
            {
                "title": "Legal rights of sex trafficking survivors",
                "publisher": "Survivor legal rights overview",
                "summary": "Record clearing is one of the remedies survivors ask for most.",
                "source_url": "https://www.example.org/legal-rights-overview",
            }
        ],
        "warnings": ["Coercion and control"],
        "to": [S.COUNCIL_REVIEW, S.OPEN, S.SUBMITTED],
        "milestones": [
            (
                "introduced",
                datetime.date(2026, 2, 10),
                "Introduced as a bill with cross-party sponsors",
            ),
            ("hearing", datetime.date(2026, 4, 2), "First committee hearing"),
            ("testimony", datetime.date(2026, 4, 2), "Two survivor leaders gave testimony"),
        ],
        "accepted_amendment": (
            "proposed_change",
            "Let courts vacate any conviction that was a result of being trafficked, "
            "not only prostitution-related ones, seal the record while the request is "
            "heard, and waive every court fee for the request.",
            "Fees stop people from applying.",
        ),
    },
    {
        "title": "Pay restitution first, from assets seized from traffickers",
        "area": "restitution-compensation",
        "pathway": "restorative",
        "decision_body": "United States Congress",
        "jurisdiction": "United States",
        "problem": (
            "Courts order restitution, but most survivors receive little or none of it, "
            "because assets are spent or forfeited to the state first."
        ),
        "proposed_change": (
            "Seized and forfeited assets go to court-ordered restitution before any other "
            "use, with a survivor-facing officer who tracks each payment."
        ),
        "expected_impact": "Money reaches survivors within months, not years.",
        "evidence": [
            {
                "title": "Civil litigation for trafficking survivors",
                "publisher": "Survivor-led legal practice review",
                "summary": "Compensation matters, and so does being heard while getting it.",
                "source_url": "https://www.example.org/civil-litigation",
            }
        ],
        "warnings": ["Debt and money"],
        "to": [S.COUNCIL_REVIEW, S.OPEN],
        "milestones": [],
        "pending_amendment": (
            "expected_impact",
            "Money reaches survivors within months, not years, and survivors are told "
            "at each step where their payment is.",
            "Knowing what is happening matters as much as the money.",
        ),
    },
    {
        "title": "Protect T-visa applicants from removal while they wait",
        "area": "immigration-relief",
        "pathway": "procedural",
        "decision_body": "Department of Homeland Security",
        "jurisdiction": "United States",
        "problem": (
            "People who have applied for a T visa can be detained or removed before "
            "their application is decided."
        ),
        "proposed_change": (
            "A pending, complete T-visa application pauses removal and gives the right "
            "to work until a decision is made."
        ),
        "expected_impact": "Survivors can take part in cases safely and support themselves.",
        "evidence": [],
        "warnings": ["Detention and deportation"],
        "to": [S.COUNCIL_REVIEW, S.OPEN, S.SUBMITTED, S.ADOPTED],
        "milestones": [
            ("introduced", datetime.date(2025, 9, 15), "Proposed as a policy change"),
            ("passed", datetime.date(2026, 1, 20), "Adopted as agency guidance"),
            ("implemented", datetime.date(2026, 6, 1), "In effect in all field offices"),
        ],
    },
    {
        "title": "Survivor-led prevention lessons in secondary schools",
        "area": "prevention-education",
        "pathway": "transformational",
        "decision_body": "Ministry of Education",
        "jurisdiction": "Thailand",
        "problem": (
            "Young people are recruited with fake job offers online, and few lessons "
            "teach how to check an offer or where to ask for help."
        ),
        "proposed_change": (
            "Paid survivor leaders co-design and co-teach a short module on safe "
            "migration and recognising fake job offers in every secondary school."
        ),
        "expected_impact": "Fewer young people accept unsafe offers; more know where to ask.",
        "evidence": [],
        "warnings": [],
        "to": [S.COUNCIL_REVIEW],
        "milestones": [],
    },
    {
        "title": "Recruiters pay recruitment fees, never workers",
        "area": "labour-supply-chains",
        "pathway": "transformational",
        "decision_body": "Ministry of Labour",
        "jurisdiction": "Thailand",
        "problem": "Workers borrow to pay recruitment fees and start their jobs in debt.",
        "proposed_change": "Employers and recruiters pay every fee; charging workers is an "
        "offence, and suppliers must show proof.",
        "expected_impact": "No worker starts a job in debt.",
        "evidence": [],
        "warnings": ["Debt and money"],
        "to": [],
        "milestones": [],
    },
]


def build_proposals_demo(users_by_email: dict, home) -> None:
    leader = users_by_email["leader@example.org"]
    facilitator = users_by_email["facilitator@example.org"]
    org_admin = users_by_email["org-admin@example.org"]
    org_member = users_by_email["org-member@example.org"]

    index = ProposalIndexPage.objects.child_of(home).filter(slug="proposals").first()
    if index is None:
        index = ProposalIndexPage(
            title="Reform proposals",
            slug="proposals",
            intro="Policy changes written by survivor leaders: read them, support them, "
            "suggest improvements and follow what happens to them.",
            show_in_menus=True,
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    set_up_proposal_index(index)

    council = Audience.objects.filter(kind=Audience.Kind.COUNCIL, name=COUNCIL_NAME).first()
    if council is None:
        council = Audience.create(kind=Audience.Kind.COUNCIL, name=COUNCIL_NAME)
    council.add_member(facilitator)
    council.add_member(leader)

    organisation = Organisation.objects.filter(slug="harbour-legal-aid").first()
    if organisation is None:
        organisation = Organisation.objects.create(
            name="Harbour Legal Aid", slug="harbour-legal-aid", kind="ngo", verified=True
        )
    add_member(organisation, org_admin, "admin")
    add_member(organisation, org_member, "reviewer")

    for spec in PROPOSALS:
        slug = slugify(spec["title"])[:80]
        if ReformProposalPage.objects.child_of(index).filter(slug=slug).exists():
            continue
        proposal = _create(index, spec, slug, leader, council)
        for to in spec["to"]:
            _move(proposal, to, leader, facilitator)
            if to == S.OPEN:
                # Support and suggestions come while it is open for endorsement.
                proposal = ReformProposalPage.objects.get(pk=proposal.pk)
                _support(proposal, spec, org_member, org_admin, organisation, leader)
        for kind, day, summary in spec["milestones"]:
            ProposalMilestone.objects.create(
                proposal=proposal,
                kind=kind,
                happened_on=day,
                summary=summary,
                source_url="https://www.example.org/news",
                recorded_by=leader,
            )


def _create(index, spec, slug, leader, council) -> ReformProposalPage:
    proposal = ReformProposalPage(
        title=spec["title"],
        slug=slug,
        owner=leader,
        problem=spec["problem"],
        proposed_change=spec["proposed_change"],
        decision_body=spec["decision_body"],
        jurisdiction=spec["jurisdiction"],
        policy_area=PolicyArea.objects.get(slug=spec["area"]),
        pathway=spec["pathway"],
        expected_impact=spec["expected_impact"],
        evidence=[("citation", citation) for citation in spec["evidence"]],
        council=council,
        live=False,
    )
    index.add_child(instance=proposal)
    proposal.content_warning_topics.set(
        ContentWarningTopic.objects.filter(name__in=spec["warnings"])
    )
    proposal.save_revision(user=leader)
    grant_consent(
        leader,
        kind=ConsentRecord.Kind.NAME,
        purpose=PURPOSE_AUTHOR,
        text="Amara",
        context=proposal,
        actor=leader,
    )
    return proposal


def _move(proposal, to, leader, facilitator) -> None:
    if to == S.OPEN:
        # The facilitator approves the council review task, as in the admin.
        page = ReformProposalPage.objects.get(pk=proposal.pk)
        task_state = page.current_workflow_task_state
        if task_state is not None and task_state.status == TaskState.STATUS_IN_PROGRESS:
            task_state.task.specific.on_action(task_state, facilitator, "approve")
        return
    transition(proposal, to, by=leader, note="")


def _support(proposal, spec, org_member, org_admin, organisation, leader) -> None:
    endorse_as_person(proposal, org_member)
    endorse_for_organisation(proposal, organisation, org_admin, show_name=True)
    if "accepted_amendment" in spec:
        section, text, reason = spec["accepted_amendment"]
        amendment = suggest_amendment(
            proposal, org_member, section=section, new_text=text, reason=reason
        )
        accept_amendment(amendment, by=leader)
    if "pending_amendment" in spec:
        section, text, reason = spec["pending_amendment"]
        suggest_amendment(proposal, org_member, section=section, new_text=text, reason=reason)
