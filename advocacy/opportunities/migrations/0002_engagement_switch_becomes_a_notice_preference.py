"""The speaker's "email me if an organisation cancels an engagement" switch is
folded into the per-kind notice preferences: whoever had turned it off keeps
no email for cancelled engagements."""

from django.db import migrations

KIND = "opportunities.engagement_cancelled"


def carry_over(apps, schema_editor):
    OpportunityPreferences = apps.get_model("opportunities", "OpportunityPreferences")
    NoticePreference = apps.get_model("notifications", "NoticePreference")
    off = OpportunityPreferences.objects.filter(notify_engagement_changes=False)
    for user_id in off.values_list("user_id", flat=True):
        NoticePreference.objects.update_or_create(
            user_id=user_id, kind=KIND, defaults={"email": "never"}
        )


def carry_back(apps, schema_editor):
    OpportunityPreferences = apps.get_model("opportunities", "OpportunityPreferences")
    NoticePreference = apps.get_model("notifications", "NoticePreference")
    off = NoticePreference.objects.filter(kind=KIND, email="never").values("user_id")
    OpportunityPreferences.objects.filter(user_id__in=off).update(notify_engagement_changes=False)


class Migration(migrations.Migration):
    dependencies = [
        ("opportunities", "0001_initial"),
        ("notifications", "0002_notices_and_preferences"),
    ]

    operations = [
        migrations.RunPython(carry_over, carry_back),
        migrations.RemoveField(model_name="opportunitypreferences", name="notify_engagement_changes"),
    ]
