from django.db import migrations

POLICY_AREAS = [
    ("restitution-compensation", "Restitution and compensation"),
    ("vacatur-expungement", "Vacatur and expungement of records"),
    ("civil-remedies", "Civil remedies"),
    ("immigration-relief", "Immigration relief (T and U visas)"),
    ("protection-in-proceedings", "Protection during proceedings"),
    ("labour-supply-chains", "Labour and supply-chain accountability"),
    ("prevention-education", "Prevention education"),
]


def add_policy_areas(apps, schema_editor):
    PolicyArea = apps.get_model("advocacy", "PolicyArea")
    for position, (slug, name) in enumerate(POLICY_AREAS):
        PolicyArea.objects.get_or_create(slug=slug, defaults={"name": name, "position": position})


class Migration(migrations.Migration):
    dependencies = [("advocacy", "0002_proposals")]

    operations = [migrations.RunPython(add_policy_areas, migrations.RunPython.noop)]
