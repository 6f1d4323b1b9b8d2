"""Finishing the survivor review: approval is what lets a campaign go live.

Survivor leaders never hold Wagtail's "publish" permission, so that nothing
of theirs goes live without a peer's approval. When the last task of a
workflow that includes the survivor review is approved, the approved
revision is published on the reviewer's behalf. Every other workflow
finishes as Wagtail does by default.
"""

from wagtail.workflows import publish_workflow_state


def publish_approved(workflow_state, user=None):
    """`WAGTAIL_FINISH_WORKFLOW_ACTION`: publish what the survivor review approved."""
    # Imported here: Wagtail imports this module while defining its own models.
    from .models import SurvivorReviewTask

    reviewed = SurvivorReviewTask.objects.filter(
        workflow_tasks__workflow_id=workflow_state.workflow_id
    ).exists()
    if not reviewed:
        return publish_workflow_state(workflow_state, user=user)
    revision = workflow_state.content_object.get_latest_revision()
    # The task (`SurvivorReviewTask.get_actions`) already decided this person
    # may approve: approving is the permission to publish this revision.
    return revision.publish(user=user, skip_permission_checks=True)
