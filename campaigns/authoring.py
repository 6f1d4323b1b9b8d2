"""Authoring rules attached to a campaign index: who may add campaigns under
it, and the survivor review every campaign and update goes through."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import GroupPagePermission, Workflow, WorkflowPage, WorkflowTask

from content.translations import for_source_pages
from people import roles

from .models import CampaignIndexPage, SurvivorReviewTask

WORKFLOW_NAME = "Campaign review"
TASK_NAME = "Survivor review"


def campaign_review_workflow() -> Workflow:
    """The workflow with its one "Survivor review" task (created once)."""
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    task = SurvivorReviewTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = SurvivorReviewTask.objects.create(name=TASK_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow


@transaction.atomic
def set_up_campaign_index(index: CampaignIndexPage) -> None:
    """Survivor leaders may add campaigns here (never publish: that is the
    review's job), and everything below goes through the survivor review."""
    leaders = Group.objects.get(name=roles.SURVIVOR_LEADERS)
    add_page = Permission.objects.get(content_type__app_label="wagtailcore", codename="add_page")
    GroupPagePermission.objects.get_or_create(group=leaders, page=index, permission=add_page)
    WorkflowPage.objects.update_or_create(
        page=index, defaults={"workflow": campaign_review_workflow()}
    )


@for_source_pages
def set_up_new_index(sender, instance, created, raw=False, **kwargs):
    """post_save receiver: a new campaign index gets its authoring rules."""
    if created and not raw:
        set_up_campaign_index(instance)
