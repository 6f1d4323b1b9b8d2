from django.utils.translation import gettext_lazy as _
from wagtail.models import Task, TaskState

from people.review_tasks import ReviewTaskActions


class CouncilReviewTask(ReviewTaskActions, Task):
    """A workflow step approved by the facilitators of the proposal's chosen
    advisory council (see `advocacy.proposals.policy.council_facilitators`).

    Approving moves the proposal to "open for endorsement" and publishes it;
    requesting changes sends it back to draft (signal handlers in
    `advocacy.proposals.lifecycle` keep the lifecycle in step).
    """

    def _is_facilitator(self, obj, user) -> bool:
        from advocacy.proposals.policy import is_council_facilitator_for

        return is_council_facilitator_for(user, getattr(obj, "specific", obj))

    def user_can_access_editor(self, obj, user):
        return self._is_facilitator(obj, user)

    def locked_for_user(self, obj, user):
        return not self._is_facilitator(obj, user)

    def get_actions(self, obj, user):
        if self._is_facilitator(obj, user):
            return self.moderator_actions()
        return []

    def get_task_states_user_can_moderate(self, user, **kwargs):
        from advocacy.proposals.policy import proposals_facilitated_by

        if not user.is_authenticated:
            return TaskState.objects.none()
        page_ids = [str(pk) for pk in proposals_facilitated_by(user).values_list("pk", flat=True)]
        return self.task_states.filter(
            status=TaskState.STATUS_IN_PROGRESS, workflow_state__object_id__in=page_ids
        )

    @classmethod
    def get_description(cls):
        return _("Facilitators of the proposal's advisory council approve it")

    class Meta:
        db_table = "advocacy_councilreviewtask"
        verbose_name = _("council review task")
