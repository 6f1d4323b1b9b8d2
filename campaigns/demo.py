"""Demo campaigns: five prevention campaigns led by the demo survivor leaders,
each with an update and confirmed pledges. Called by `load_demo_data`;
idempotent. Written the way survivor leaders talk about prevention at a
training: practical warning signs, never graphic detail."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from people.consent import grant_consent
from people.models import ConsentRecord, ContentWarningTopic

from .authoring import set_up_campaign_index
from .leads import sync_campaign_audience
from .models import (
    CampaignIndexPage,
    CampaignLead,
    CampaignPage,
    CampaignUpdatePage,
    Pledge,
    PreventionTopic,
)

LEADER = "leader@example.org"
FACILITATOR = "facilitator@example.org"

TOPICS = [
    ("Fake job offers", "fake-job-offers"),
    ("Debt bondage", "debt-bondage"),
    ("Safe migration", "safe-migration"),
    ("Supply chains", "supply-chains"),
    ("Knowing your rights", "knowing-your-rights"),
]


def _text(html: str) -> dict:
    return {"text": html, "content_warnings": []}


CAMPAIGNS = [
    {
        "slug": "spot-a-fake-job-offer",
        "title": "Spot a fake job offer before you travel",
        "summary": (
            "Survivor leaders share the signs they wish they had known: offers that are too "
            "good, fees to the agent, and contracts you only see at the border."
        ),
        "topics": ["fake-job-offers", "safe-migration"],
        "region": "South-East Asia",
        "languages": ["en", "th", "vi", "km"],
        "warnings": [],
        "owner": LEADER,
        "co_leads": [FACILITATOR],
        "target": 500,
        "confirmed": 64,
        "featured": True,
        "body": [
            (
                "text",
                _text(
                    "<p>Most of us were recruited by someone friendly, often someone who knew "
                    "our family. The offer looked normal. Here is what we look for now, and what "
                    "we ask you to share with people you love.</p>"
                ),
            ),
            (
                "fact",
                {
                    "fact": "Survivors in South-East Asia told researchers that saving others "
                    "from harm is one of the things justice means to them.",
                    "source_title": "Dalberg, survivor perspectives on justice in South-East Asia",
                    "source_url": "",
                    "content_warnings": [],
                },
            ),
            (
                "faq",
                {
                    "heading": "Questions people ask us",
                    "questions": [
                        {
                            "question": "Is it always a bad sign to pay a recruitment fee?",
                            "answer": "<p>Fair recruiters do not charge workers fees. If an "
                            "agent asks for money, ask who the employer is and check it.</p>",
                        },
                        {
                            "question": "What should I keep before I leave?",
                            "answer": "<p>A copy of your passport and contract, left with "
                            "someone you trust, and a helpline number in your own language.</p>",
                        },
                    ],
                },
            ),
        ],
        "update": (
            "We shared the checklist at three bus stations",
            "Volunteers handed out the checklist in Thai, Khmer and Vietnamese. Thank you to "
            "everyone who pledged to pass it on.",
        ),
    },
    {
        "slug": "debt-bondage-warning-signs",
        "title": "Debt bondage: know the warning signs",
        "summary": (
            "A debt that grows faster than you can pay, wages held back 'for safekeeping', "
            "documents kept by the employer: learn the signs and where to get help."
        ),
        "topics": ["debt-bondage", "knowing-your-rights"],
        "region": "Gulf states",
        "languages": ["en", "id", "tl"],
        "warnings": ["Debt and money"],
        "owner": LEADER,
        "co_leads": [],
        "target": 300,
        "confirmed": 300,
        "featured": True,
        "body": [
            (
                "text",
                _text(
                    "<p>Debt is one of the quietest ways people are controlled. We want every "
                    "worker to know that a debt to an employer or agent never makes it legal to "
                    "keep your passport or your wages.</p>"
                ),
            ),
            (
                "quote",
                {
                    "quote": "I thought the debt was my fault. Knowing it was a tactic changed "
                    "everything for me.",
                    "attribution": "Amara, survivor leader",
                    "consent_confirmed": True,
                    "content_warnings": [],
                },
            ),
        ],
        "update": (
            "We reached our goal",
            "300 people pledged to share the warning signs. Next, we are translating the guide "
            "into Bahasa Indonesia and Tagalog with survivor reviewers.",
        ),
    },
    {
        "slug": "migrate-safely",
        "title": "Migrate safely: a plan before you go",
        "summary": (
            "Simple steps for people planning to work abroad: check the employer, keep your "
            "documents, know who to call. Made with people who have made the journey."
        ),
        "topics": ["safe-migration"],
        "region": "South-East Asia",
        "languages": ["en", "my", "th"],
        "warnings": [],
        "owner": FACILITATOR,
        "co_leads": [],
        "target": 400,
        "confirmed": 122,
        "featured": True,
        "body": [
            (
                "text",
                _text(
                    "<p>Migration is not the problem; being without information is. These "
                    "steps come from survivor leaders who now help others plan safe journeys.</p>"
                ),
            ),
        ],
        "update": (
            "A new version in Burmese",
            "The plan is now available in Burmese, reviewed by two survivor leaders.",
        ),
    },
    {
        "slug": "ask-who-made-it",
        "title": "Ask who made it: supply-chain accountability",
        "summary": (
            "Businesses can check for forced labour in their supply chains. We ask buyers and "
            "organisations to pledge to ask suppliers about recruitment fees and wages."
        ),
        "topics": ["supply-chains"],
        "region": "Worldwide",
        "languages": ["en", "es"],
        "warnings": [],
        "owner": FACILITATOR,
        "co_leads": [LEADER],
        "target": 200,
        "confirmed": 37,
        "featured": False,
        "body": [
            (
                "call_to_action",
                {
                    "heading": "Are you a buyer or a business?",
                    "text": "Pledge to ask your suppliers three questions about how workers "
                    "were recruited.",
                    "link_label": "Read the three questions",
                    "url": "https://www.ilo.org/",
                },
            ),
        ],
        "update": (
            "Twelve organisations have pledged",
            "Twelve organisations pledged to ask their suppliers about recruitment fees.",
        ),
    },
    {
        "slug": "know-your-rights-at-work",
        "title": "Know your rights at work, wherever you are",
        "summary": (
            "Everyone has rights at work, whatever their visa. Survivor leaders explain them in "
            "plain words, with where to go for free legal help."
        ),
        "topics": ["knowing-your-rights"],
        "region": "United States",
        "languages": ["en", "es"],
        "warnings": ["Detention and deportation"],
        "owner": LEADER,
        "co_leads": [],
        "target": 250,
        "confirmed": 18,
        "featured": False,
        "status": CampaignPage.Status.UPCOMING,
        "body": [
            (
                "resource_links",
                {
                    "heading": "Free help",
                    "links": [
                        {
                            "title": "National Human Trafficking Hotline",
                            "url": "https://humantraffickinghotline.org/",
                            "description": "Call 1-888-373-7888 or text 233733, any time.",
                        }
                    ],
                },
            ),
        ],
        "update": (
            "Launching next month",
            "We are finishing the Spanish version with survivor reviewers before we launch.",
        ),
    },
]


def _index(home) -> CampaignIndexPage:
    index = CampaignIndexPage.objects.child_of(home).first()
    if index is None:
        index = CampaignIndexPage(title="Campaigns", slug="campaigns")
        home.add_child(instance=index)
    index.intro = (
        "Prevention campaigns led by survivors. Pledge your support: your email is only used "
        "to confirm your pledge and is never shown."
    )
    index.show_in_menus = True
    index.save_revision().publish()
    set_up_campaign_index(index)
    return index


def _pledges(campaign: CampaignPage, confirmed: int) -> None:
    """Confirmed demo pledges spread over the past weeks (for the leads' chart)."""
    now = timezone.now()
    existing = set(campaign.pledges.values_list("email", flat=True))
    new = [
        Pledge(
            campaign=campaign,
            email=f"pledge{number}.{campaign.slug}@example.net",
            display_name="" if number % 3 else f"Supporter {number}",
            contact_consent=number % 2 == 0,
            confirmed_at=now - timedelta(days=(confirmed - number) % 40, hours=number % 24),
        )
        for number in range(confirmed)
        if f"pledge{number}.{campaign.slug}@example.net" not in existing
    ]
    Pledge.objects.bulk_create(new)
    count = Pledge.objects.confirmed().filter(campaign=campaign).count()
    CampaignPage.objects.filter(pk=campaign.pk).update(confirmed_pledge_count=count)


def build_campaigns_demo(users_by_email: dict, home) -> list[CampaignPage]:
    """Create or refresh the demo campaign index, five campaigns, updates and pledges."""
    for name, slug in TOPICS:
        PreventionTopic.objects.update_or_create(slug=slug, defaults={"name": name})
    index = _index(home)
    campaigns = []
    for spec in CAMPAIGNS:
        owner = users_by_email[spec["owner"]]
        campaign = CampaignPage.objects.child_of(index).filter(slug=spec["slug"]).first()
        if campaign is None:
            campaign = CampaignPage(
                slug=spec["slug"], title=spec["title"], summary=spec["summary"], owner=owner
            )
            index.add_child(instance=campaign)
        campaign.title = spec["title"]
        campaign.owner = owner
        campaign.summary = spec["summary"]
        campaign.region = spec["region"]
        campaign.languages = spec["languages"]
        campaign.body = [{"type": kind, "value": value} for kind, value in spec["body"]]
        campaign.pledge_target = spec["target"]
        campaign.featured = spec["featured"]
        campaign.status = spec.get("status") or (
            CampaignPage.Status.GOAL_REACHED
            if spec["confirmed"] >= spec["target"]
            else CampaignPage.Status.ACTIVE
        )
        # The demo never emails anyone about reaching the goal (a field that
        # follows pledges, not revisions, so it is set on the row itself).
        CampaignPage.objects.filter(pk=campaign.pk).update(goal_reached_notified_at=timezone.now())
        campaign.deadline = date.today() + timedelta(days=90)
        campaign.topics.set(PreventionTopic.objects.filter(slug__in=spec["topics"]))
        campaign.content_warnings.set(ContentWarningTopic.objects.filter(name__in=spec["warnings"]))
        campaign.co_leads.set(
            [CampaignLead(user=users_by_email[email]) for email in spec["co_leads"]]
        )
        campaign.save_revision(user=owner).publish()
        campaign.refresh_from_db()
        sync_campaign_audience(campaign)
        _names(campaign, [owner, *(users_by_email[email] for email in spec["co_leads"])])
        _update(campaign, owner, *spec["update"])
        _pledges(campaign, spec["confirmed"])
        campaigns.append(campaign)
    return campaigns


def _names(campaign: CampaignPage, leads) -> None:
    """Each demo lead consents to be shown by their first name on the campaign."""
    for lead in leads:
        name = lead.display_name.split(" ")[0]
        grant_consent(
            lead,
            kind=ConsentRecord.Kind.NAME,
            purpose="Shown as a lead of this campaign",
            text=name,
            context=campaign,
            actor=lead,
        )


def _update(campaign: CampaignPage, owner, title: str, summary: str) -> None:
    update = CampaignUpdatePage.objects.child_of(campaign).first()
    if update is None:
        update = CampaignUpdatePage(title=title, slug="update-1", summary=summary, owner=owner)
        campaign.add_child(instance=update)
    update.title = title
    update.summary = summary
    update.date = timezone.localdate() - timedelta(days=7)
    # Mark as sent first: loading the demo emails nobody.
    update.emails_sent_at = update.emails_sent_at or timezone.now()
    update.save_revision(user=owner).publish()
