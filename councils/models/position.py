from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.text_limits import length_limit

# A position's reason, in its form, the socket's schema and the database.
MAX_REASON_CHARS = 2000


class Position(models.Model):
    """A member's vote, consent or objection on a decision, with a reason.

    For an anonymous ballot `member` is empty and the row is created in a random
    order relative to others, so nothing links it to the person; that they
    voted is recorded in DecisionBallot instead.
    """

    class Choice(models.TextChoices):
        CONSENT = "consent", _("I consent")
        STAND_ASIDE = "stand_aside", _("I stand aside")
        OBJECT = "object", _("I object")
        YES = "yes", _("Yes")
        NO = "no", _("No")
        ABSTAIN = "abstain", _("I abstain")
        APPROVE = "approve", _("I approve the options I chose")

    decision = models.ForeignKey(
        "councils.Decision", on_delete=models.CASCADE, related_name="positions"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="council_positions",
    )
    choice = models.CharField(
        pgettext_lazy("a member's stance on a decision", "position"),
        max_length=20,
        choices=Choice.choices,
    )
    approved_options = models.JSONField(default=list, blank=True)
    reason = models.TextField(_("reason"), blank=True, max_length=MAX_REASON_CHARS)

    class Meta:
        verbose_name = pgettext_lazy("a member's stance on a decision", "position")
        constraints = [
            length_limit("reason", MAX_REASON_CHARS),
            models.UniqueConstraint(
                fields=["decision", "member"],
                condition=models.Q(member__isnull=False),
                name="one_named_position_per_member",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_choice_display()} on {self.decision_id}"
