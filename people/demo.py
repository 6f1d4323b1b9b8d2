"""Demo people data: topics, content-warning topics, a survivor leader's
profile and story vault, and a verified organisation they shared with.
Called by `load_demo_data`; idempotent. Nothing graphic: a story vault in the
demo holds the kind of text a survivor leader would share at a training."""

from django.utils.text import slugify

from .consent import grant_consent
from .models import Audience, ConsentRecord, ContentWarningTopic, ExpertiseTopic, Profile, StoryPart
from .visibility import Visibility

EXPERTISE_TOPICS = [
    "Recognising fake job offers",
    "Safe migration",
    "Debt bondage warning signs",
    "Supply-chain accountability",
    "Restitution and civil remedies",
    "Clearing criminal records (vacatur)",
    "Trauma-informed practice",
    "Survivor leadership",
]

CONTENT_WARNING_TOPICS = [
    ("Coercion and control", "Descriptions of threats, control or confinement."),
    ("Violence", "Mentions of physical harm (never described in detail here)."),
    ("Sexual exploitation", "Mentions of sexual exploitation."),
    ("Detention and deportation", "Arrest, immigration detention or removal."),
    ("Debt and money", "Debts, withheld wages and financial pressure."),
    ("Children", "Mentions of harm to children."),
]

STORY_PARTS = [
    (
        "How the job offer looked",
        "<p>The advert promised factory work abroad, a good salary and a paid visa. "
        "The agent was friendly and knew my family. Nothing about it looked wrong.</p>",
        False,
    ),
    (
        "What helped me most afterwards",
        "<p>A caseworker who believed me the first time, and a lawyer who explained that "
        "I could ask for back wages. Being asked what <em>I</em> wanted made the difference.</p>",
        False,
    ),
    ("Only for me", "<p>Notes I keep for myself.</p>", True),
]

ORGANISATION_NAME = "Mekong Freedom Network (demo)"


def build_people_demo(users_by_email: dict) -> None:
    topics = [
        ExpertiseTopic.objects.get_or_create(slug=slugify(name), defaults={"name": name})[0]
        for name in EXPERTISE_TOPICS
    ]
    for name, description in CONTENT_WARNING_TOPICS:
        ContentWarningTopic.objects.update_or_create(
            slug=slugify(name), defaults={"name": name, "description": description}
        )

    leader = users_by_email["leader@example.org"]
    profile = Profile.for_user(leader)
    profile.pronouns = "she/her"
    profile.bio = (
        "<p>Survivor leader and trainer. I help recruiters, labour inspectors and "
        "community groups recognise fake job offers before anyone is harmed.</p>"
    )
    profile.languages = ["th", "en", "my"]
    profile.country = "TH"
    profile.subdivision = "Chiang Mai"
    profile.available_for_speaking = True
    profile.availability_note = "Weekdays, remote or in Northern Thailand"
    profile.public_pseudonym = "Amara"
    profile.council_pseudonym = "Amara"
    profile.application_pseudonym = "Amara S."
    profile.in_directory = True
    profile.visibility = {
        "display_name": Visibility.ONLY_ME,
        "pronouns": Visibility.MEMBERS,
        "bio": Visibility.MEMBERS,
        "topics": Visibility.MEMBERS,
        "languages": Visibility.MEMBERS,
        "region": Visibility.ORGANISATIONS,
        "availability": Visibility.MEMBERS,
        "photo": Visibility.ONLY_ME,
    }
    profile.save()
    profile.topics.set(topics[:3] + topics[6:7])

    parts = []
    for position, (title, body, never_share) in enumerate(STORY_PARTS):
        part, _created = StoryPart.objects.update_or_create(
            owner=leader,
            title=title,
            defaults={"body": body, "never_share": never_share, "position": position},
        )
        parts.append(part)

    organisation = Audience.objects.filter(
        kind=Audience.Kind.ORGANISATION, name=ORGANISATION_NAME
    ).first() or Audience.create(
        kind=Audience.Kind.ORGANISATION, name=ORGANISATION_NAME, verified=True
    )
    for email in ("org-admin@example.org", "org-member@example.org"):
        organisation.add_member(users_by_email[email])

    grant_consent(
        leader,
        kind=ConsentRecord.Kind.PROFILE_FIELD,
        field_name="region",
        audience=organisation,
        purpose="Speaker application: regional training day",
        actor=leader,
    )
    grant_consent(
        leader,
        kind=ConsentRecord.Kind.STORY_PART,
        story_part=parts[0],
        audience=organisation,
        purpose="Speaker application: regional training day",
        actor=leader,
    )
