from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.models import Task, TaskState

from content.review_tasks import ReviewersMayEdit, ReviewTaskActions, workflow_object_ids


class RemedyCouncilReviewTask(ReviewersMayEdit, ReviewTaskActions, Task):
    """A workflow step approved by the facilitators of the survivor advisory
    council that reviews the remedy page (`RemedyPage.review_council`; the
    rule is `pathways.policy.is_review_facilitator`).

    Approving it records the review: `reviewed_on` becomes today, written
    before the approved revision is published so the page goes live with it.
    """

    def may_act(self, obj, user) -> bool:
        from pathways.models import RemedyPage
        from pathways.policy import is_review_facilitator

        page = getattr(obj, "specific", obj)
        return isinstance(page, RemedyPage) and is_review_facilitator(user, page)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        from pathways.policy import remedies_reviewed_by

        if not user.is_authenticated:
            return TaskState.objects.none()
        page_ids = workflow_object_ids(remedies_reviewed_by(user))
        return self.reviews_in_progress().filter(workflow_state__object_id__in=page_ids)

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve":
            from pathways.freshness import today
            from pathways.models import RemedyPage

            # `reviewed_on` is a live-only field (KeepsLiveFields): set in the
            # database first, publishing the approved revision keeps it.
            RemedyPage.objects.filter(pk=task_state.workflow_state.object_id).update(
                reviewed_on=today()
            )
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _("Facilitators of the remedy page's survivor advisory council approve it")

    class Meta:
        verbose_name = _("remedy council review task")
