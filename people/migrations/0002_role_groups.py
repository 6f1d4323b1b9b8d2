"""Create the site roles as groups. Site admins may open the Wagtail admin."""

from django.db import migrations

ROLE_NAMES = [
    "Survivor leaders",
    "Organisation members",
    "Organisation admins",
    "Council facilitators",
    "Site admins",
]


def create_role_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name in ROLE_NAMES:
        Group.objects.get_or_create(name=name)
    access_admin = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    if access_admin is not None:
        Group.objects.get(name="Site admins").permissions.add(access_admin)


def remove_role_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=ROLE_NAMES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_role_groups, remove_role_groups)]
