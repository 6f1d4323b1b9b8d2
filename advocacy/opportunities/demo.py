"""Demo speaking opportunities: three organisations (one not yet verified),
eight opportunities, applications in every state, delivered engagements
with ratings and one engagement the organisation cancelled. Called by
`load_demo_data`; idempotent; nothing graphic."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from advocacy.organisations.membership import add_member
from advocacy.organisations.models import Organisation
from content.translations import in_source_language
from people.models import ExpertiseTopic

from .models import (
    ConductRating,
    Engagement,
    OpportunityApplication,
    OpportunityIndexPage,
    SpeakingOpportunity,
)
from .workflow import cancel_engagement, decide, submit_application, withdraw_application

ORGANISATIONS = [
    # slug, name, kind, verified, description
    (
        "harbour-workers-rights-demo",
        "Harbour Workers' Rights Centre (demo)",
        Organisation.Kind.NGO,
        True,
        "<p>Legal advice and back-wage claims for migrant workers in port cities.</p>",
    ),
    (
        "labour-inspection-academy-demo",
        "Labour Inspection Academy (demo)",
        Organisation.Kind.GOVERNMENT,
        True,
        "<p>Trains labour inspectors to recognise forced labour and respond with care.</p>",
    ),
    (
        "brightline-media-demo",
        "Brightline Media (demo, not yet verified)",
        Organisation.Kind.MEDIA,
        False,
        "<p>A documentary team. Waiting for the site team to verify it.</p>",
    ),
]

DAY = datetime.timedelta(days=1)

# title, organisation index, kind, days from now (None: flexible), zone, remote/place,
# fee (None: unpaid), currency, status, topic slugs
OPPORTUNITIES = [
    (
        "Keynote: what justice means to survivors",
        0,
        "keynote",
        40,
        "Asia/Bangkok",
        "Bangkok, conference centre",
        Decimal("600"),
        "USD",
        "open",
        ["survivor-leadership"],
    ),
    (
        "Panel on recruitment fees and debt",
        0,
        "panel",
        25,
        "Asia/Bangkok",
        None,
        Decimal("250"),
        "USD",
        "open",
        ["debt-bondage-warning-signs"],
    ),
    (
        "Training for labour inspectors",
        1,
        "training",
        60,
        "Europe/London",
        "Manchester, training centre",
        Decimal("900"),
        "GBP",
        "open",
        ["trauma-informed-practice", "recognising-fake-job-offers"],
    ),
    (
        "Review our victim-support guidance",
        1,
        "consultation",
        None,
        "Europe/London",
        None,
        Decimal("400"),
        "GBP",
        "open",
        ["restitution-and-civil-remedies"],
    ),
    (
        "Community listening circle",
        0,
        "panel",
        18,
        "Asia/Manila",
        "Manila, community hall",
        None,
        "",
        "open",
        ["safe-migration"],
    ),
    (
        "Advisory group on supply chains",
        1,
        "advisory",
        90,
        "America/New_York",
        None,
        Decimal("1500"),
        "USD",
        "open",
        ["supply-chain-accountability"],
    ),
    (
        "Workshop on safe job searching",
        0,
        "training",
        -10,
        "Asia/Bangkok",
        None,
        Decimal("300"),
        "USD",
        "filled",
        ["recognising-fake-job-offers"],
    ),
    (
        "Radio interview on back wages",
        1,
        "media",
        -45,
        "Europe/London",
        None,
        Decimal("200"),
        "GBP",
        "filled",
        ["restitution-and-civil-remedies"],
    ),
]

UNPAID_REASON = (
    "A volunteer-run neighbourhood meeting with no budget; travel, meals and childcare "
    "are covered, and it is fine to simply listen."
)


def _organisations(users_by_email) -> list[Organisation]:
    organisations = []
    for slug, name, kind, verified, description in ORGANISATIONS:
        organisation = Organisation.objects.filter(slug=slug).first() or Organisation(slug=slug)
        organisation.name = name
        organisation.kind = kind
        organisation.description = description
        organisation.verified = verified
        if verified and organisation.verified_at is None:
            organisation.verified_at = timezone.now()
            organisation.verified_by = users_by_email.get("admin@example.org")
        organisation.save()
        organisations.append(organisation)
    first = organisations[0]
    add_member(first, users_by_email["org-admin@example.org"], "admin", is_contact=True)
    add_member(first, users_by_email["org-member@example.org"], "reviewer")
    add_member(organisations[1], users_by_email["org-admin@example.org"], "admin", is_contact=True)
    # The unverified organisation: its admin can see it is waiting for verification.
    add_member(organisations[2], users_by_email["org-admin@example.org"], "admin")
    return organisations


def _opportunities(organisations) -> list[SpeakingOpportunity]:
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    result = []
    for title, org, kind, days, zone, place, fee, currency, status, topics in OPPORTUNITIES:
        starts_at = None if days is None else now + days * DAY
        deadline = now + (max(days, 10) - 5 if days is not None else 30) * DAY
        values = {
            "organisation": organisations[org],
            "kind": kind,
            "description": f"<p>{title}. Prepared with survivor leaders; paid fairly; "
            "you decide what you share.</p>",
            "starts_at": starts_at,
            "ends_at": starts_at + datetime.timedelta(hours=2) if starts_at else None,
            "is_flexible": starts_at is None,
            "time_zone": zone,
            "is_remote": place is None,
            "place": place or "",
            "languages": ["en", "th"] if zone == "Asia/Bangkok" else ["en"],
            "deadline": deadline,
            "honorarium_amount": fee,
            "currency": currency,
            "is_unpaid": fee is None,
            "unpaid_reason": UNPAID_REASON if fee is None else "",
            "covers_travel": place is not None,
            "covers_lodging": place is not None,
            "covers_childcare": True,
            "covers_interpretation": True,
            "offers_preparation_call": True,
            "offers_debrief": True,
            "companion_welcome": True,
            "accessibility": "Step-free venue, captions, quiet room.",
            "status": status,
        }
        opportunity, _created = SpeakingOpportunity.objects.update_or_create(
            title=title, defaults=values
        )
        opportunity.topics.set(ExpertiseTopic.objects.filter(slug__in=topics))
        result.append(opportunity)
    return result


def _application(applicant, opportunity, fields, parts=()):
    existing = OpportunityApplication.objects.filter(
        opportunity=opportunity, applicant=applicant
    ).first()
    if existing is not None:
        return existing, False
    return (
        submit_application(
            applicant,
            opportunity,
            pseudonym="Amara S." if "leader@" in applicant.email else "Noi",
            availability="Weekday mornings, local time",
            message="I have trained frontline staff before and would be glad to help.",
            access_needs="A short break every hour, and the questions a day ahead.",
            fields=fields,
            story_parts=parts,
        ),
        True,
    )


def build_opportunities_demo(users_by_email: dict, home) -> None:
    """Organisations, opportunities, applications (every state), engagements, ratings."""
    index = in_source_language(OpportunityIndexPage.objects).first()
    if index is None:
        index = OpportunityIndexPage(title="Speaking opportunities", slug="opportunities")
        home.add_child(instance=index)
    index.intro = (
        "Paid work for survivor leaders as speakers, trainers and advisers. You choose what "
        "each organisation learns about you, and you can take it back at any time."
    )
    index.show_in_menus = True
    index.save_revision().publish()

    organisations = _organisations(users_by_email)
    opportunities = _opportunities(organisations)
    leader = users_by_email["leader@example.org"]
    facilitator = users_by_email["facilitator@example.org"]
    parts = list(leader.story_parts.filter(never_share=False)[:1])
    now = timezone.now()

    _application(leader, opportunities[0], ["display_name", "topics"], parts)  # submitted
    shortlisted, new = _application(facilitator, opportunities[2], ["topics", "languages"])
    if new:
        decide(shortlisted, status="shortlisted", message="We would love a short call.")
    declined, new = _application(facilitator, opportunities[1], ["topics"])
    if new:
        decide(
            declined,
            status="declined",
            message="Thank you. We chose a speaker who can attend in person this time.",
        )
    withdrawn, new = _application(leader, opportunities[5], ["topics"])
    if new:
        withdraw_application(withdrawn, actor=leader)

    # An engagement the organisation cancelled: the place is open again.
    listening_circle = opportunities[4]
    cancelled, new = _application(facilitator, listening_circle, ["topics"])
    if new:
        engagement = decide(
            cancelled,
            status="accepted",
            message="Thank you, we would be glad to have you.",
            starts_at=listening_circle.starts_at,
            time_zone=listening_circle.time_zone,
        )
        cancel_engagement(
            engagement,
            by=Engagement.CancelledBy.ORGANISATION,
            reason="The community hall is closed for repairs that week. We will ask you "
            "first when we have a new date.",
        )

    # Two delivered engagements: one paid and confirmed, one overdue for the speaker to see.
    for applicant, opportunity, paid in (
        (leader, opportunities[6], True),
        (facilitator, opportunities[7], False),
    ):
        application, new = _application(applicant, opportunity, ["topics", "languages"])
        if new:
            decide(
                application,
                status="accepted",
                message="Welcome aboard. Our named contact will call you.",
                fee_amount=opportunity.honorarium_amount,
                currency=opportunity.currency,
                starts_at=opportunity.starts_at,
                time_zone=opportunity.time_zone,
            )
        engagement = Engagement.objects.get(application=application)
        engagement.delivered_at = opportunity.starts_at + DAY
        engagement.paid_at = now - 2 * DAY if paid else None
        engagement.payment_confirmed_at = now - DAY if paid else None
        engagement.save()
        ConductRating.objects.get_or_create(
            engagement=engagement,
            defaults={
                "organisation": opportunity.organisation,
                "paid_on_time": paid,
                "respected_boundaries": True,
                "trauma_informed": True,
                "would_work_again": paid,
            },
        )
