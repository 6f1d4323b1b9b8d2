"""What the platform's review steps (a campaign's peer review, a proposal's
council review) have in common: nobody locks a page under review, and whoever
may act on a review can do the same three things."""

from django.utils.translation import gettext_lazy as _


class ReviewTaskActions:
    """Mixed into a Wagtail `Task` before `Task` itself. Each task still decides
    who may act (`get_actions`) and what each person waits for."""

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
