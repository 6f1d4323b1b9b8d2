"""The managed lists a new site starts with. Editors may rename, reorder or
add to them as snippets; the private guide refers to them by `key`."""

from django.db import migrations

OUTCOMES = [
    ("compensation", "Compensation", "Money for what was taken, lost or harmed."),
    ("clean-record", "A clean record", "Convictions or arrests that came from being trafficked, cleared."),
    ("immigration-status", "Immigration status", "The right to stay, work and bring family."),
    ("safety", "Safety", "Protection from the people who caused harm."),
    ("acknowledgement", "Being heard", "Acknowledgement of what happened, on your own terms."),
    ("change-for-others", "Preventing harm to others", "Change that protects other people."),
]

HARM_KINDS = [
    ("labour", "Forced or exploited work"),
    ("sexual", "Commercial sexual exploitation"),
    ("criminal", "Being made to commit crimes"),
    ("domestic", "Domestic servitude"),
]

SERVICES = [
    ("civil-litigation", "Civil litigation"),
    ("criminal-advocacy", "Criminal case advocacy"),
    ("restitution", "Restitution"),
    ("immigration", "Immigration relief"),
    ("vacatur", "Vacatur and record clearing"),
    ("counselling", "Counselling"),
    ("shelter", "Shelter"),
]


def seed(apps, schema_editor):
    Outcome = apps.get_model("pathways", "Outcome")
    HarmKind = apps.get_model("pathways", "HarmKind")
    SupportService = apps.get_model("pathways", "SupportService")
    for position, (key, name, description) in enumerate(OUTCOMES):
        Outcome.objects.get_or_create(
            key=key, defaults={"name": name, "description": description, "position": position}
        )
    for position, (key, name) in enumerate(HARM_KINDS):
        HarmKind.objects.get_or_create(key=key, defaults={"name": name, "position": position})
    for position, (key, name) in enumerate(SERVICES):
        SupportService.objects.get_or_create(key=key, defaults={"name": name, "position": position})


def unseed(apps, schema_editor):
    # Only the rows this migration made, and only if nothing uses them yet.
    for model, keys in (
        ("Outcome", [row[0] for row in OUTCOMES]),
        ("HarmKind", [row[0] for row in HARM_KINDS]),
        ("SupportService", [row[0] for row in SERVICES]),
    ):
        apps.get_model("pathways", model).objects.filter(
            key__in=keys, remedies__isnull=True
        ).delete()


class Migration(migrations.Migration):
    dependencies = [("pathways", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
