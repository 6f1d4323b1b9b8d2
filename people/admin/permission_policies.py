"""Wagtail permission policies that apply the project's privacy rules.

Wagtail asks one permission policy per model (`wagtail.permissions.
policy_registry`, a public API since Wagtail 7) for what a person may list,
search, choose and open: page search, the admin API, the explorer, the
reports, the image and document listings, choosers and the admin API for
them. Registering these policies puts the project's rules behind all of
those at once:

- `PrivacyAwarePagePermissionPolicy`: Wagtail's page policy, less the pages
  `people.admin.visibility.pages_hidden_from()` hides (other people's drafts).
- `PrivateUploadsPermissionPolicy`: Wagtail's collection-and-owner policy for
  images and documents, where each person uploads into their own private
  collection (`PrivateUploadCollection`): only they and site admins see what
  is in it; other collections are shared with whoever Wagtail's collection
  permissions allow.
"""

from __future__ import annotations

import logging

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page
from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import register_permission_policy

from people.admin.visibility import without_hidden_pages
from people.roles import is_site_admin

logger = logging.getLogger(__name__)

PRIVATE_UPLOADS_CONTAINER_NAME = "Private uploads"
INSTANCE_ACTIONS = {"choose", "change", "delete"}


class PrivacyAwarePagePermissionPolicy(PagePermissionPolicy):
    """What Wagtail would allow, without other people's drafts."""

    def instances_user_has_any_permission_for(self, user, actions):
        pages = super().instances_user_has_any_permission_for(user, actions)
        return without_hidden_pages(pages, user)

    def explorable_instances(self, user):
        return without_hidden_pages(super().explorable_instances(user), user)


# --- Private upload collections ---------------------------------------------


def private_uploads_container() -> Collection:
    """The collection that holds everyone's private collections (made once)."""
    root = Collection.get_first_root_node()
    container = root.get_children().filter(name=PRIVATE_UPLOADS_CONTAINER_NAME).first()
    if container is None:
        container = root.add_child(name=PRIVATE_UPLOADS_CONTAINER_NAME)
    return container


def private_collection_of(user, *, create: bool = True) -> Collection | None:
    """`user`'s own upload collection; made on first use when `create`."""
    from people.models import PrivateUploadCollection

    if not user.is_authenticated:
        return None
    link = PrivateUploadCollection.objects.filter(user=user).select_related("collection").first()
    if link is not None:
        return link.collection
    if not create:
        return None
    try:
        with transaction.atomic():
            collection = private_uploads_container().add_child(
                name=_("Private uploads %(number)s") % {"number": user.pk}
            )
            PrivateUploadCollection.objects.create(user=user, collection=collection)
            return collection
    except IntegrityError:  # made at the same moment by another request
        return PrivateUploadCollection.objects.get(user=user).collection


def _collection_ids_under(paths) -> list[int]:
    nested = Q(pk__in=[])
    for path in paths:
        nested |= Q(path__startswith=path)
    return list(Collection.objects.filter(nested).values_list("pk", flat=True))


def private_collection_ids_of_others(user) -> list[int]:
    """Ids of the collections (with what is nested in them) private to
    someone else. A list, not a subquery: the search backends behind the
    listings filter only on plain values of indexed fields."""
    from people.models import PrivateUploadCollection

    links = PrivateUploadCollection.objects.all()
    if user.is_authenticated:
        links = links.exclude(user=user)
    return _collection_ids_under(links.values_list("collection__path", flat=True))


def own_private_collection_ids(user) -> list[int]:
    own = private_collection_of(user, create=False)
    return _collection_ids_under([own.path]) if own is not None else []


class PrivateUploadsPermissionPolicy(CollectionOwnershipPermissionPolicy):
    """Wagtail's collection-and-owner rules, with one private collection per
    person: someone who may upload at all uploads only into their own, and
    sees, chooses and edits what is in it; nobody but site admins sees into
    other people's. Site admins keep Wagtail's rules unchanged."""

    def _narrowed(self, user) -> bool:
        return user.is_authenticated and not is_site_admin(user)

    def _may_use_private_collection(self, user) -> bool:
        return self.user_has_permission(user, "add")

    def collections_user_has_any_permission_for(self, user, actions):
        collections = super().collections_user_has_any_permission_for(user, actions)
        if not self._narrowed(user):
            return collections
        others = private_collection_ids_of_others(user)
        if not self._may_use_private_collection(user):
            return collections.exclude(pk__in=others)
        own = private_collection_of(user, create=True)
        if set(actions) <= {"add"}:
            # New uploads go into the uploader's own collection and nowhere else.
            return Collection.objects.filter(pk=own.pk)
        return Collection.objects.filter(
            Q(pk__in=collections.exclude(pk__in=others).values("pk"))
            | Q(pk__in=own_private_collection_ids(user))
        )

    def instances_user_has_any_permission_for(self, user, actions):
        instances = super().instances_user_has_any_permission_for(user, actions)
        if not self._narrowed(user):
            return instances
        instances = instances.exclude(collection__in=private_collection_ids_of_others(user))
        if INSTANCE_ACTIONS & set(actions) and self._may_use_private_collection(user):
            own = own_private_collection_ids(user)
            if own:
                instances = instances | self.model._default_manager.filter(collection__in=own)
        return instances

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if self._narrowed(user):
            if instance.collection_id in private_collection_ids_of_others(user):
                return False
            if (
                INSTANCE_ACTIONS & set(actions)
                and instance.collection_id in own_private_collection_ids(user)
                and self._may_use_private_collection(user)
            ):
                return True
        return super().user_has_any_permission_for_instance(user, actions, instance)


def register_privacy_permission_policies() -> None:
    """Called from `PeopleConfig.ready()`. The page policy is registered for
    `Page` (found before Wagtail's own one for `AbstractPage`); the upload
    policies for the exact image and document models, which win over the
    ones Wagtail's apps register in their own `ready()`, whatever the order."""
    register_permission_policy(Page, PrivacyAwarePagePermissionPolicy(Page))
    image_model = get_image_model()
    register_permission_policy(
        image_model,
        PrivateUploadsPermissionPolicy(
            image_model, auth_model="wagtailimages.Image", owner_field_name="uploaded_by_user"
        ),
        exact_class=True,
    )
    document_model = get_document_model()
    register_permission_policy(
        document_model,
        PrivateUploadsPermissionPolicy(
            document_model,
            auth_model="wagtaildocs.Document",
            owner_field_name="uploaded_by_user",
        ),
        exact_class=True,
    )
