from django.db import migrations, models
from django.db.models import Min


def keep_first_expiry(apps, schema_editor):
    """Two expiry runs at once could each log an expiry; keep the first."""
    ConsentEvent = apps.get_model("people", "ConsentEvent")
    expiries = ConsentEvent.objects.filter(action="expired")
    first = expiries.values("record").annotate(first=Min("pk")).values_list("first", flat=True)
    expiries.exclude(pk__in=list(first)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0008_text_length_limits"),
    ]

    operations = [
        migrations.RunPython(keep_first_expiry, migrations.RunPython.noop, elidable=True),
        migrations.AddConstraint(
            model_name="consentevent",
            constraint=models.UniqueConstraint(
                condition=models.Q(("action", "expired")),
                fields=("record",),
                name="one_expiry_per_consent",
            ),
        ),
    ]
