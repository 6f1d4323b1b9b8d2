"""Who may do what to remedy pages: the one place these rules live.

The council review task, the admin dashboard panel and the stale-page job
ask the functions here. Council roles themselves are the councils app's
(`councils.permissions`); this module only says which council reviews a page.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model

from content.translations import in_source_language
from councils.models import Council, Membership
from councils.permissions import active_membership, can_facilitate
from people.admin.links import SitePagePermissionTester
from people.roles import is_site_admin

from .models import RemedyPage


def reviewing_council_id(page: RemedyPage) -> int | None:
    """The council (not its audience) that reviews `page`, or None."""
    if page.review_council_id is None:
        return None
    return (
        Council.objects.filter(audience_id=page.review_council_id)
        .values_list("pk", flat=True)
        .first()
    )


def is_review_facilitator(user, page: RemedyPage) -> bool:
    """Does `user` facilitate the council that reviews `page` now? Read fresh:
    someone who has left the council, or whose account is disabled, does not."""
    if not getattr(user, "is_authenticated", False):
        return False
    council_id = reviewing_council_id(page)
    if council_id is None:
        return False
    return can_facilitate(active_membership(user, council_id))


def review_facilitators(page: RemedyPage):
    """The active accounts that facilitate the council reviewing `page`."""
    council_id = reviewing_council_id(page)
    if council_id is None:
        return get_user_model().objects.none()
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            council_memberships__council_id=council_id,
            council_memberships__role=Membership.Role.FACILITATOR,
            council_memberships__left_at__isnull=True,
        )
        .distinct()
    )


def remedies_reviewed_by(user):
    """Remedy pages whose reviewing council `user` facilitates now."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return RemedyPage.objects.none()
    return (
        in_source_language(RemedyPage.objects)
        .filter(
            review_council__council__memberships__user=user,
            review_council__council__memberships__role=Membership.Role.FACILITATOR,
            review_council__council__memberships__left_at__isnull=True,
        )
        .distinct()
    )


def remedies_editable_by(user):
    """Remedy pages `user` may change in the admin (Wagtail's page
    permissions: site admins, and any group given edit rights on them)."""
    from wagtail.models import Page
    from wagtail.permissions import policy_registry

    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return RemedyPage.objects.none()
    if is_site_admin(user):
        return RemedyPage.objects.all()
    # The registered page policy: Wagtail's, less other people's hidden drafts.
    editable = policy_registry.get_by_type(Page).instances_user_has_permission_for(user, "change")
    return RemedyPage.objects.filter(pk__in=editable.values("pk"))


class RemedyPermissionTester(SitePagePermissionTester):
    """Wagtail's page permissions, and one more: approving the council review
    publishes the page it approved, so the reviewing council's facilitators
    may publish at that moment only (the review has just been approved, and
    the revision it approved is still the latest). They cannot publish
    anything else, nor skip the review."""

    def can_publish(self):
        if super().can_publish():
            return True
        if not is_review_facilitator(self.user, self.page):
            return False
        from wagtail.models import WorkflowState

        latest = (
            WorkflowState.objects.for_instance(self.page)
            .select_related("current_task_state")
            .order_by("-created_at", "-pk")
            .first()
        )
        if latest is None or latest.status != WorkflowState.STATUS_APPROVED:
            return False
        approved = latest.current_task_state
        return approved is not None and approved.revision_id == self.page.latest_revision_id
