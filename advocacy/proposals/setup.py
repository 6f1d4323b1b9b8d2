"""What a proposals index needs to work: the council review workflow on it,
and survivor leaders allowed to add proposals under it."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import GroupPagePermission, Workflow, WorkflowPage, WorkflowTask

from people import roles

from .models import CouncilReviewTask, ProposalIndexPage

WORKFLOW_NAME = "Council review of reform proposals"


def council_review_workflow() -> Workflow:
    """The one workflow with the council review task, created when first needed."""
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
        task = CouncilReviewTask.objects.create(name=_("Council review"), active=True)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


@transaction.atomic
def set_up_proposal_index(index: ProposalIndexPage) -> None:
    """Idempotent: safe to call on every save of the index."""
    WorkflowPage.objects.get_or_create(page=index, defaults={"workflow": council_review_workflow()})
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    add_page = Permission.objects.get(content_type__app_label="wagtailcore", codename="add_page")
    # Leaders write proposals in the admin; facilitators review them there.
    for group in Group.objects.filter(
        name__in=[roles.SURVIVOR_LEADERS, roles.COUNCIL_FACILITATORS]
    ):
        group.permissions.add(access_admin)
    leaders = Group.objects.filter(name=roles.SURVIVOR_LEADERS).first()
    if leaders is not None:
        GroupPagePermission.objects.get_or_create(group=leaders, page=index, permission=add_page)
