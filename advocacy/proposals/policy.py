"""Who may do what to a reform proposal: the one place these rules live.

Views, the Wagtail admin (through `ProposalPermissionTester`), the council
review task and the lifecycle all ask the functions here.
"""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import transaction
from django.db.models import Q

from advocacy.organisations.membership import is_admin
from content.translations import in_source_language
from people.admin.links import SitePagePermissionTester
from people.roles import is_site_admin

from .models import ProposalStatus, ReformProposalPage, ReformProposalUserObjectPermission

COAUTHOR_CODENAME = "coauthor_reformproposalpage"

# Lifecycle roles a person can hold towards one proposal.
AUTHOR = "author"
FACILITATOR = "facilitator"
SITE_ADMIN = "site_admin"


def council_facilitators(proposal: ReformProposalPage):
    """The people who facilitate the proposal's chosen advisory council: its
    active facilitator memberships (councils owns them). The only place this
    rule lives."""
    user_model = get_user_model()
    if proposal.council_id is None:
        return user_model.objects.none()
    return user_model.objects.filter(
        is_active=True,
        council_memberships__council__audience_id=proposal.council_id,
        council_memberships__role="facilitator",
        council_memberships__left_at__isnull=True,
    ).distinct()


def is_council_facilitator_for(user, proposal: ReformProposalPage) -> bool:
    if not user.is_authenticated:
        return False
    return council_facilitators(proposal).filter(pk=user.pk).exists()


def proposals_facilitated_by(user):
    """Proposals whose council `user` facilitates (for the review dashboard)."""
    if not user.is_authenticated:
        return ReformProposalPage.objects.none()
    return (
        in_source_language(ReformProposalPage.objects)
        .filter(
            council__council__memberships__user=user,
            council__council__memberships__role="facilitator",
            council__council__memberships__left_at__isnull=True,
        )
        .distinct()
    )


def is_coauthor(user, proposal: ReformProposalPage) -> bool:
    """Read fresh from the database each time: grants and revocations count at once."""
    if not user.is_authenticated:
        return False
    return ReformProposalUserObjectPermission.objects.filter(
        user=user, content_object_id=proposal.pk, permission__codename=COAUTHOR_CODENAME
    ).exists()


def is_author(user, proposal: ReformProposalPage) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return proposal.owner_id == user.pk or is_coauthor(user, proposal)


def coauthors_of(proposal: ReformProposalPage):
    return (
        get_user_model()
        .objects.filter(
            reformproposaluserobjectpermission__content_object_id=proposal.pk,
            reformproposaluserobjectpermission__permission__codename=COAUTHOR_CODENAME,
        )
        .distinct()
    )


def coauthor_ids(proposal: ReformProposalPage) -> list[int]:
    """The ids of `coauthors_of(proposal)`, in id order: one query, no users read."""
    found = ReformProposalUserObjectPermission.objects.filter(
        content_object_id=proposal.pk, permission__codename=COAUTHOR_CODENAME
    ).values_list("user_id", flat=True)
    return sorted(set(found))


def _coauthor_permission() -> Permission:
    return Permission.objects.get(content_type__app_label="proposals", codename=COAUTHOR_CODENAME)


@transaction.atomic
def grant_coauthor(proposal: ReformProposalPage, user) -> None:
    """Let `user` co-author `proposal` (edit it, move it through its life)."""
    ReformProposalUserObjectPermission.objects.get_or_create(
        user=user, content_object=proposal, permission=_coauthor_permission()
    )


def revoke_coauthor(proposal: ReformProposalPage, user) -> None:
    ReformProposalUserObjectPermission.objects.filter(
        user=user, content_object_id=proposal.pk, permission__codename=COAUTHOR_CODENAME
    ).delete()


def visible_unpublished_proposals(user):
    """Unpublished proposals `user` may know exist: their own, ones they
    co-author, ones their council reviews; all of them for site admins."""
    if not user.is_authenticated:
        return ReformProposalPage.objects.none()
    if is_site_admin(user):
        return ReformProposalPage.objects.filter(live=False)
    coauthored = ReformProposalUserObjectPermission.objects.filter(
        user=user, permission__codename=COAUTHOR_CODENAME
    ).values("content_object_id")
    return ReformProposalPage.objects.filter(live=False).filter(
        Q(owner=user) | Q(pk__in=coauthored) | Q(pk__in=proposals_facilitated_by(user).values("pk"))
    )


def proposals_authored_by(user):
    """Proposals `user` owns or co-authors (their own work, drafts included)."""
    if not user.is_authenticated:
        return ReformProposalPage.objects.none()
    coauthored = ReformProposalUserObjectPermission.objects.filter(
        user=user, permission__codename=COAUTHOR_CODENAME
    ).values("content_object_id")
    return in_source_language(ReformProposalPage.objects).filter(
        Q(owner=user) | Q(pk__in=coauthored)
    )


def can_manage_coauthors(user, proposal: ReformProposalPage) -> bool:
    """Only the proposal's owner (or a site admin) adds or removes co-authors."""
    return user.is_authenticated and (proposal.owner_id == user.pk or is_site_admin(user))


def can_edit_proposal(user, proposal: ReformProposalPage) -> bool:
    """Authors edit their proposal; site admins can step in; nobody else."""
    return is_author(user, proposal) or is_site_admin(user)


def lifecycle_roles(user, proposal: ReformProposalPage) -> set[str]:
    """The roles `user` holds towards `proposal`, as the state machine names them."""
    held = set()
    if is_author(user, proposal):
        held.add(AUTHOR)
    if is_council_facilitator_for(user, proposal):
        held.add(FACILITATOR)
    if is_site_admin(user):
        held.add(SITE_ADMIN)
    return held


def has_verified_email(user) -> bool:
    return user.is_authenticated and EmailAddress.objects.filter(user=user, verified=True).exists()


def can_endorse_as_person(user, proposal: ReformProposalPage) -> bool:
    from .lifecycle import accepts_endorsements

    return accepts_endorsements(proposal) and has_verified_email(user)


def can_endorse_for(user, organisation, proposal: ReformProposalPage) -> bool:
    """Organisations endorse only through their admins, and only when verified."""
    from .lifecycle import accepts_endorsements

    return accepts_endorsements(proposal) and organisation.verified and is_admin(user, organisation)


def can_suggest_amendment(user, proposal: ReformProposalPage) -> bool:
    from .lifecycle import accepts_amendments

    return (
        user.is_authenticated
        and accepts_amendments(proposal)
        and has_verified_email(user)
        and not is_author(user, proposal)
    )


def can_decide_amendment(user, proposal: ReformProposalPage) -> bool:
    return is_author(user, proposal)


def can_choose_name_on(user, proposal: ReformProposalPage) -> bool:
    """Authors, and people who suggested a change to it, choose how they are named."""
    return is_author(user, proposal) or (
        user.is_authenticated and proposal.amendments.filter(proposer=user).exists()
    )


def can_record_milestone(user, proposal: ReformProposalPage) -> bool:
    return is_author(user, proposal) or is_site_admin(user)


class ProposalPermissionTester(SitePagePermissionTester):
    """Wagtail's page permissions, narrowed for proposals: only authors (and
    site admins) edit, whatever page permissions a group was given; co-authors
    granted on this proposal edit it too."""

    def can_edit(self):
        if not self.user.is_active or not self.user.is_authenticated:
            return False
        if can_edit_proposal(self.user, self.page):
            return True
        # Facilitators reviewing it open the editor through the workflow task.
        task = self.page.current_workflow_task
        return bool(task and task.user_can_access_editor(self.page, self.user))

    def can_copy(self):
        # A copy would skip the council review and the author's consents.
        return is_site_admin(self.user) and super().can_copy()

    def can_move(self):
        # Proposals live under the proposals page; only site admins rearrange pages.
        return is_site_admin(self.user) and super().can_move()

    def can_delete(self, ignore_bulk=False):
        if is_site_admin(self.user):
            return super().can_delete(ignore_bulk=ignore_bulk)
        return self.page.owner_id == self.user.pk and super().can_delete(ignore_bulk=ignore_bulk)

    def can_publish(self):
        # Approving council review publishes the proposal. Facilitators of its
        # council may publish only at that moment: the workflow has just been
        # approved and the lifecycle has not yet moved on. They cannot bypass
        # the review by publishing from the editor while it is in progress.
        if super().can_publish():
            return True
        if self.page.status != ProposalStatus.COUNCIL_REVIEW:
            return False
        if not is_council_facilitator_for(self.user, self.page):
            return False
        from wagtail.models import WorkflowState

        latest = (
            WorkflowState.objects.for_instance(self.page).order_by("-created_at", "-pk").first()
        )
        return latest is not None and latest.status == WorkflowState.STATUS_APPROVED


def can_follow_council_review(user, proposal: ReformProposalPage) -> bool:
    """The people the council agenda shows the review to: the council's members,
    the proposal's authors and site admins."""
    if not user.is_authenticated:
        return False
    if can_edit_proposal(user, proposal) or is_site_admin(user):
        return True
    return proposal.council is not None and proposal.council.has_member(user)
