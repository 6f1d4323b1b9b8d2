"""What a remedies index needs to work: the survivor council review
workflow on it, so every change an editor makes to a remedy page goes
through the page's reviewing council."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Workflow, WorkflowPage, WorkflowTask

from content.translations import for_source_pages
from people import roles

from .models import RemedyCouncilReviewTask, RemedyIndexPage

WORKFLOW_NAME = "Survivor council review"


def remedy_review_workflow() -> Workflow:
    """The one workflow with the remedy council review task, created when
    first needed."""
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
        task = RemedyCouncilReviewTask.objects.create(
            name=_("Survivor advisory council review"), active=True
        )
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


@transaction.atomic
def set_up_remedy_index(index: RemedyIndexPage) -> None:
    """Idempotent: safe to call on every save of the index."""
    WorkflowPage.objects.get_or_create(page=index, defaults={"workflow": remedy_review_workflow()})
    # Facilitators review remedy pages in the admin.
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    for group in Group.objects.filter(name=roles.COUNCIL_FACILITATORS):
        group.permissions.add(access_admin)


@for_source_pages
def set_up_new_index(sender, instance, created, raw=False, **kwargs):
    """post_save receiver: a new remedies index gets its review workflow,
    however it was made (the admin, the demo data, a test)."""
    if created and not raw:
        set_up_remedy_index(instance)
