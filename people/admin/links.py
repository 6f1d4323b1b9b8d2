"""Links in the Wagtail admin lead only where their viewer may go.

Wagtail shows some links to everyone who can see a page in the explorer,
although the view behind them refuses most of those people and sends them
back to the dashboard: "History" (the view needs edit or publish permission),
"View draft" (the same), "Usage" (edit permission) and the "Edit" link of a
snippet chooser (the snippet's change permission). Each is narrowed here to
the same rule as the view it leads to, through Wagtail's own permission
testers and policies, so that a survivor leader is never offered a door that
is shut to them. The same goes for the "Add" button of the page-type usage
report, for page types of which no more can be created (one home page per
site, one campaigns page).
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page, PagePermissionTester
from wagtail.permission_policies import ModelPermissionPolicy


def may_open_page_editor(user, page) -> bool:
    """What Wagtail's history and view-draft views require of a page."""
    permissions = page.permissions_for_user(user)
    return permissions.can_edit() or permissions.can_publish()


class SitePagePermissionTester(PagePermissionTester):
    """Wagtail's page permissions, with links that match their views."""

    def can_view_revisions(self):
        return super().can_view_revisions() and (self.can_edit() or self.can_publish())

    def can_move(self):
        # A site's home page is the site's root: moving it would take the site with it.
        if self.page.depth <= 2:
            return False
        return super().can_move()


class SitePagePermissionsMixin:
    """For page models without a permission tester of their own."""

    def permissions_for_user(self, user):
        return SitePagePermissionTester(user, self)


def hide_shut_listing_links(buttons, page, user, context=None) -> None:
    """`construct_page_listing_buttons` hook: "View draft" in a page's "More"
    menu only for those who may open it."""
    if may_open_page_editor(user, page):
        return
    draft_url = reverse("wagtailadmin_pages:view_draft", args=[page.pk])
    for button in buttons:
        dropdown = getattr(button, "dropdown_buttons", None)
        if dropdown:
            button.dropdown_buttons = [item for item in dropdown if item.url != draft_url]


def may_open_usage(user, obj) -> bool:
    """The page usage view needs edit permission; other usage views keep Wagtail's rule."""
    if isinstance(obj, Page):
        return obj.permissions_for_user(user).can_edit()
    return True


def may_add_page_of_type(user, model) -> bool:
    """True when `user` may add a page of type `model` somewhere: a parent of an
    allowed type that still takes one (max counts) and where they may add."""
    parent_types = ContentType.objects.get_for_models(*model.allowed_parent_page_models())
    parents = Page.objects.filter(content_type__in=list(parent_types.values()))
    return any(
        model.can_create_at(parent) and parent.permissions_for_user(user).can_add_subpage()
        for parent in parents.specific(defer=True)
    )


class SnippetChooserPanel(FieldPanel):
    """A snippet chooser whose "Edit" link is shown only to those who may
    change the chosen snippet (a survivor leader picks a policy area; site
    admins edit policy areas)."""

    class BoundPanel(FieldPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            if self.form is None or self.field_name not in self.form.fields:
                return  # Comparing revisions: no form, no widget.
            model = self.panel.model._meta.get_field(self.field_name).related_model
            widget = self.form.fields[self.field_name].widget
            widget.show_edit_link = ModelPermissionPolicy(model).user_has_permission(
                self.request.user, "change"
            )
