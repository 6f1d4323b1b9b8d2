"""Demo councils: two councils with members, rooms, a short kind history, a
meeting with minutes and an open decision. Called by `load_demo_data`;
idempotent. Nothing graphic: the talk is about planning and mutual support."""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.utils import timezone

from .models import AgendaItem, Council, Decision, Meeting, Room
from .services.councils import create_council
from .services.memberships import add_member
from .services.posting import post_message

LEADER = "leader@example.org"
FACILITATOR = "facilitator@example.org"
ORG_MEMBER = "org-member@example.org"

COUNCILS = [
    {
        "slug": "survivor-advisory-council",
        "name": "Survivor Advisory Council",
        "purpose": "Survivor leaders advising on how the platform and its partners listen to "
        "survivors: what justice means to us, and how nobody should have to retell their story.",
        "retention_days": 365,
        "topics": ["Justice pathways", "Training partners"],
        "members": [(FACILITATOR, "facilitator", "Sage"), (LEADER, "member", "")],
        "history": [
            (FACILITATOR, "Welcome, everyone. This is our space: go at your own pace.", ""),
            (LEADER, "Thank you. Glad to be here with all of you.", ""),
            (
                FACILITATOR,
                "For Thursday: I added the draft about being heard to the agenda.",
                "",
            ),
            (
                LEADER,
                "I have notes on why retelling is hard. I will share them in the meeting.",
                "",
            ),
        ],
    },
    {
        "slug": "partner-review-council",
        "name": "Partner Review Council",
        "purpose": "Reviewing how organisations work with survivor leaders: fair pay, "
        "informed consent and accessible events.",
        "retention_days": 180,
        "topics": ["Fair pay"],
        "members": [
            (FACILITATOR, "facilitator", ""),
            (LEADER, "member", "River"),
            (ORG_MEMBER, "observer", ""),
        ],
        "history": [
            (FACILITATOR, "Our first review is the speaking fees guide.", ""),
            (
                LEADER,
                "I would like the guide to say that travel is paid up front, so nobody "
                "has to borrow to attend.",
                "Debt and money",
            ),
        ],
    },
]


def build_councils_demo(users_by_email: dict, home=None) -> list[Council]:
    """Create (or refresh) the demo councils; `home` is the demo home page."""
    built = []
    for spec in COUNCILS:
        council = Council.objects.filter(slug=spec["slug"]).first()
        if council is None:
            council = create_council(
                name=spec["name"],
                purpose=spec["purpose"],
                retention_days=spec["retention_days"],
                slug=spec["slug"],
            )
        for name in spec["topics"]:
            Room.objects.get_or_create(council=council, name=name, kind=Room.Kind.TOPIC)
        for email, role, pseudonym in spec["members"]:
            user = users_by_email.get(email)
            if user is not None:
                add_member(council, user, role=role, pseudonym=pseudonym)
        general = council.rooms.get(kind=Room.Kind.GENERAL)
        if not general.messages.exists():
            for email, body, warning in spec["history"]:
                user = users_by_email.get(email)
                if user is not None:
                    post_message(
                        user=user,
                        council_id=council.pk,
                        room_id=general.pk,
                        body=body,
                        client_id=uuid.uuid4(),
                        content_warnings=_topic_ids(warning),
                    )
        built.append(council)
    _meeting_and_decision(built[0], users_by_email)
    return built


def _topic_ids(name: str) -> list[int]:
    from people.models import ContentWarningTopic

    if not name:
        return []
    return list(ContentWarningTopic.objects.filter(name=name).values_list("pk", flat=True))


def _meeting_and_decision(council: Council, users_by_email: dict) -> None:
    now = timezone.now()
    past, created = Meeting.objects.get_or_create(
        council=council,
        title="Getting started",
        defaults={"starts_at": now - timedelta(days=14), "time_zone": "Europe/London"},
    )
    if created:
        past.minutes = (
            "<p>We agreed how we work together: cameras optional, breaks every hour, and "
            "anyone can pause the meeting.</p><p>We chose to meet every two weeks.</p>"
        )
        past.save()
        for n, title in enumerate(["Welcome circle", "How we work together", "Dates"], 1):
            AgendaItem.objects.create(council=council, meeting=past, position=n, title=title)
        past.attendees.set([u for e, u in users_by_email.items() if e in (LEADER, FACILITATOR)])
    upcoming, created = Meeting.objects.get_or_create(
        council=council,
        title="Being heard: our advice to partners",
        defaults={"starts_at": now + timedelta(days=3), "time_zone": "Europe/London"},
    )
    if created:
        for n, title in enumerate(["Check-in", "Draft: being heard", "Next steps"], 1):
            AgendaItem.objects.create(council=council, meeting=upcoming, position=n, title=title)
    Decision.objects.get_or_create(
        council=council,
        question="Shall we publish our advice on not asking survivors to retell their story?",
        defaults={
            "details": "The draft is in the agenda for our next meeting.",
            "method": Decision.Method.CONSENT,
            "quorum": 2,
            "closes_at": now + timedelta(days=7),
            "meeting": upcoming,
            "created_by": users_by_email.get(FACILITATOR),
        },
    )
