"""Pictures and documents that members (anyone but site admins) uploaded
before private collections existed sat in shared collections, where every
survivor leader could choose them. Each person's earlier uploads move into
their own private collection, as new uploads do
(`people.admin.permission_policies`). Site admins' uploads stay shared.

Historical models have no tree methods, so collections are added the way
treebeard stores them: a child's path is its parent's plus four base-36
digits. Reversing leaves the files where they are.
"""

from django.db import migrations
from django.db.models import F, Q

CONTAINER_NAME = "Private uploads"
STEPLEN = 4
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _base36(number: int) -> str:
    digits = ""
    while number:
        number, remainder = divmod(number, 36)
        digits = ALPHABET[remainder] + digits
    return (digits or "0").rjust(STEPLEN, "0")


def _add_child(Collection, parent, name):
    last = (
        Collection.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("-path")
        .first()
    )
    number = int(last.path[-STEPLEN:], 36) + 1 if last else 1
    child = Collection.objects.create(
        name=name, path=parent.path + _base36(number), depth=parent.depth + 1, numchild=0
    )
    Collection.objects.filter(pk=parent.pk).update(numchild=F("numchild") + 1)
    return child


def move_uploads_into_private_collections(apps, schema_editor):
    Collection = apps.get_model("wagtailcore", "Collection")
    Image = apps.get_model("wagtailimages", "Image")
    Document = apps.get_model("wagtaildocs", "Document")
    User = apps.get_model("people", "User")
    PrivateUploadCollection = apps.get_model("people", "PrivateUploadCollection")

    root = Collection.objects.filter(depth=1).order_by("path").first()
    if root is None:
        return
    private_paths = list(
        PrivateUploadCollection.objects.values_list("collection__path", flat=True)
    )
    already_private = Q(pk__in=[])
    for path in private_paths:
        already_private |= Q(collection__path__startswith=path)
    members = User.objects.filter(is_superuser=False).exclude(groups__name="Site admins")
    container = None
    for user in members.iterator():
        uploads = [
            model.objects.filter(uploaded_by_user=user).exclude(already_private)
            for model in (Image, Document)
        ]
        if not any(queryset.exists() for queryset in uploads):
            continue
        link = PrivateUploadCollection.objects.filter(user=user).first()
        if link is None:
            if container is None:
                container = (
                    Collection.objects.filter(
                        path__startswith=root.path, depth=root.depth + 1, name=CONTAINER_NAME
                    ).first()
                    or _add_child(Collection, root, CONTAINER_NAME)
                )
                container.refresh_from_db()
            collection = _add_child(Collection, container, f"Private uploads {user.pk}")
            container.refresh_from_db()
            PrivateUploadCollection.objects.create(user=user, collection=collection)
        else:
            collection = link.collection
        for queryset in uploads:
            queryset.update(collection=collection)


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0006_private_upload_collections"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [
        migrations.RunPython(move_uploads_into_private_collections, migrations.RunPython.noop)
    ]
