from django.utils.translation import gettext_lazy as _
from wagtail.models import Task, TaskState

from content.review_tasks import ReviewTaskActions, workflow_object_ids


class SurvivorReviewTask(ReviewTaskActions, Task):
    """Peer review before anything is published: another survivor leader or a
    council facilitator approves. A campaign's own leads can never approve it,
    so nobody approves their own work."""

    def may_act(self, obj, user) -> bool:
        from ..policy import may_review

        return may_review(user, obj)

    def user_can_access_editor(self, obj, user):
        # Reviewers read the submitted revision through the review preview;
        # the editor (and every other draft) stays with the campaign's leads.
        return False

    def locked_for_user(self, obj, user):
        # Leads may keep improving a submitted campaign; anyone else is locked out.
        from ..policy import is_lead_of

        return not (user.is_superuser or is_lead_of(user, obj))

    def get_task_states_user_can_moderate(self, user, **kwargs):
        """In-progress reviews of anything but what `user` leads: a fixed
        number of queries however many reviews are waiting (same rule as
        `may_review`)."""
        from ..policy import may_review_anything, pages_of_campaigns_led_by

        if not may_review_anything(user):
            return TaskState.objects.none()
        led_ids = workflow_object_ids(pages_of_campaigns_led_by(user))
        return self.reviews_in_progress().exclude(workflow_state__object_id__in=led_ids)

    @classmethod
    def get_description(cls):
        return _("Another survivor leader or a council facilitator approves (never the leads).")

    class Meta:
        verbose_name = _("survivor review")
        verbose_name_plural = _("survivor reviews")
