from django.utils.translation import gettext_lazy as _
from wagtail.models import Task, TaskState

from content.review_tasks import ReviewersMayEdit, ReviewTaskActions, workflow_object_ids


class CouncilReviewTask(ReviewersMayEdit, ReviewTaskActions, Task):
    """A workflow step approved by the facilitators of the proposal's chosen
    advisory council (see `advocacy.proposals.policy.council_facilitators`).

    Approving moves the proposal to "open for endorsement" and publishes it;
    requesting changes sends it back to draft (signal handlers in
    `advocacy.proposals.lifecycle` keep the lifecycle in step).
    """

    def may_act(self, obj, user) -> bool:
        from advocacy.proposals.policy import is_council_facilitator_for

        return is_council_facilitator_for(user, getattr(obj, "specific", obj))

    def get_task_states_user_can_moderate(self, user, **kwargs):
        from advocacy.proposals.policy import proposals_facilitated_by

        if not user.is_authenticated:
            return TaskState.objects.none()
        page_ids = workflow_object_ids(proposals_facilitated_by(user))
        return self.reviews_in_progress().filter(workflow_state__object_id__in=page_ids)

    @classmethod
    def get_description(cls):
        return _("Facilitators of the proposal's advisory council approve it")

    class Meta:
        db_table = "advocacy_councilreviewtask"
        verbose_name = _("council review task")
