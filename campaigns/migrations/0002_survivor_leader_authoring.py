"""Survivor leaders (and council facilitators, who review) may open the Wagtail
admin; leaders may upload and choose images for their campaigns.

Page permissions and the review workflow are attached to each campaign index
when it is created (`campaigns.authoring.set_up_campaign_index`)."""

from django.db import migrations

ADMIN_GROUPS = ["Survivor leaders", "Council facilitators"]
IMAGE_PERMISSIONS = ["add_image", "choose_image"]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    access_admin = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    for name in ADMIN_GROUPS:
        group, _created = Group.objects.get_or_create(name=name)
        if access_admin is not None:
            group.permissions.add(access_admin)
    leaders = Group.objects.get(name="Survivor leaders")
    root = Collection.objects.filter(depth=1).first()
    if root is None:
        return
    for codename in IMAGE_PERMISSIONS:
        permission = Permission.objects.filter(
            content_type__app_label="wagtailimages", codename=codename
        ).first()
        if permission is not None:
            GroupCollectionPermission.objects.get_or_create(
                group=leaders, collection=root, permission=permission
            )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupCollectionPermission.objects.filter(
        group__name="Survivor leaders", permission__codename__in=IMAGE_PERMISSIONS
    ).delete()
    for group in Group.objects.filter(name__in=ADMIN_GROUPS):
        group.permissions.remove(
            *group.permissions.filter(
                content_type__app_label="wagtailadmin", codename="access_admin"
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0001_initial"),
        ("people", "0002_role_groups"),
        ("wagtailimages", "0001_initial"),
        ("wagtailcore", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
