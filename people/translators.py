"""The Translators group: people who translate page content.

They may open the admin, start translations with wagtail-localize, and
change and publish pages in every language's tree but the default one. The
source pages (and everything people do on them) stay with their authors.
Each language's tree gets the group's page permissions when its first page
(the home page's translation) is created; `set_up_translators` also runs
after every migration, so an existing site gets the group too.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db.models.signals import post_migrate, post_save
from wagtail.models import GroupPagePermission, Locale, Page

from people.roles import TRANSLATORS

PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")
GROUP_PERMISSIONS = (
    ("wagtailadmin", "access_admin"),
    ("wagtail_localize", "submit_translation"),
)


def translators_group() -> Group:
    group, _created = Group.objects.get_or_create(name=TRANSLATORS)
    return group


def grant_tree(group: Group, root: Page) -> None:
    """Page permissions for `group` on the language tree under `root`."""
    for codename in PAGE_PERMISSIONS:
        permission = Permission.objects.filter(
            content_type__app_label="wagtailcore", codename=codename
        ).first()
        if permission is not None:
            GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)


def set_up_translators(**kwargs) -> Group:
    group = translators_group()
    for app_label, codename in GROUP_PERMISSIONS:
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is not None:
            group.permissions.add(permission)
    for root in Page.objects.filter(depth=2).exclude(locale=Locale.get_default()):
        grant_tree(group, root)
    return group


def grant_new_language_tree(sender, instance, created=False, raw=False, **kwargs):
    """post_save receiver: a page that starts a language's tree (depth 2,
    not the default language) opens that tree to translators."""
    if not (created and not raw and isinstance(instance, Page) and instance.depth == 2):
        return
    if instance.locale_id != Locale.get_default().pk:
        grant_tree(translators_group(), instance)


def connect() -> None:
    post_migrate.connect(set_up_translators, dispatch_uid="content-translators")
    post_save.connect(grant_new_language_tree, dispatch_uid="content-translator-trees")
