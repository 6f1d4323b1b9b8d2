"""The profile's own email switches are folded into the per-kind notice
preferences: a member who had turned one off keeps no email for the kinds it
covered. ("Weekly opportunities" stays: it is a subscription, not a notice.)"""

from django.db import migrations

# Each old switch, and the kinds of notice it covered.
SWITCHES = {
    "notify_council_activity": ["councils.decision_opened", "councils.decision_closed"],
    "notify_campaign_updates": ["proposals.amendment_answered"],
}


def carry_over(apps, schema_editor):
    Profile = apps.get_model("people", "Profile")
    NoticePreference = apps.get_model("notifications", "NoticePreference")
    for switch, kinds in SWITCHES.items():
        for user_id in Profile.objects.filter(**{switch: False}).values_list("user_id", flat=True):
            for kind in kinds:
                NoticePreference.objects.update_or_create(
                    user_id=user_id, kind=kind, defaults={"email": "never"}
                )


def carry_back(apps, schema_editor):
    Profile = apps.get_model("people", "Profile")
    NoticePreference = apps.get_model("notifications", "NoticePreference")
    for switch, kinds in SWITCHES.items():
        off = NoticePreference.objects.filter(kind=kinds[0], email="never")
        Profile.objects.filter(user_id__in=off.values("user_id")).update(**{switch: False})


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0009_one_expiry_per_consent"),
        ("notifications", "0002_notices_and_preferences"),
    ]

    operations = [
        migrations.RunPython(carry_over, carry_back),
        migrations.RemoveField(model_name="profile", name="notify_campaign_updates"),
        migrations.RemoveField(model_name="profile", name="notify_council_activity"),
    ]
