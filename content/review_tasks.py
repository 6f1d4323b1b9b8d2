"""What the platform's review steps (a campaign's peer review, a proposal's
council review) have in common: nobody locks a page under review, whoever
may act on a review can do the same three things, and a reviewer's waiting
list is the in-progress reviews of the pages their feature's policy names."""

from django.utils.translation import gettext_lazy as _
from wagtail.models import TaskState


class ReviewTaskActions:
    """Mixed into a Wagtail `Task` before `Task` itself. Each task still decides
    who may act (`may_act`) and what each person waits for
    (`get_task_states_user_can_moderate`, built on `reviews_in_progress`)."""

    def may_act(self, obj, user) -> bool:
        """May `user` approve or send back `obj`? The feature's policy decides."""
        raise NotImplementedError

    def get_actions(self, obj, user):
        if self.may_act(obj, user):
            return self.moderator_actions()
        return []

    def user_can_lock(self, obj, user):
        return False

    def user_can_unlock(self, obj, user):
        return False

    @classmethod
    def moderator_actions(cls):
        """What a reviewer may do: the same for every review they may act on,
        so the dashboard lists them without asking per page."""
        return [
            ("reject", _("Request changes"), True),
            ("approve", _("Approve"), False),
            ("approve", _("Approve with comment"), True),
        ]

    def reviews_in_progress(self):
        """This task's reviews still waiting for a decision."""
        return self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)


class ReviewersMayEdit:
    """Mixed in before `ReviewTaskActions` by council reviews: whoever may act
    on the review may also open the editor and change the page under review;
    everyone else is locked out while it waits."""

    def user_can_access_editor(self, obj, user):
        return self.may_act(obj, user)

    def locked_for_user(self, obj, user):
        return not self.may_act(obj, user)


def workflow_object_ids(pages) -> list[str]:
    """The ids of `pages` as a workflow state stores them (text), for
    filtering `workflow_state__object_id`."""
    return [str(pk) for pk in pages.values_list("pk", flat=True)]
