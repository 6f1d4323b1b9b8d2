from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.text_limits import length_limit


class Decision(models.Model):
    """A question the council decides together.

    Methods: consent (passes when nobody objects), yes/no majority, or approval
    (each member approves any of `options`; the most approved wins). Nothing is
    decided without `quorum` positions. Results stay hidden until it closes (at
    `closes_at`, or earlier by a facilitator). With an anonymous ballot, who
    voted is kept in DecisionBallot and what was chosen in Position, with no
    link between the two.
    """

    class Method(models.TextChoices):
        CONSENT = "consent", _("Consent (passes unless someone objects)")
        MAJORITY = "majority", _("Yes or no, by majority")
        APPROVAL = "approval", _("Approval (choose any options you support)")

    council = models.ForeignKey(
        "councils.Council", on_delete=models.CASCADE, related_name="decisions"
    )
    meeting = models.ForeignKey(
        "councils.Meeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
    )
    question = models.CharField(_("question"), max_length=300)
    details = models.TextField(_("details"), blank=True, max_length=4000)
    method = models.CharField(_("method"), max_length=20, choices=Method.choices)
    options = models.JSONField(_("options"), default=list, blank=True)
    quorum = models.PositiveIntegerField(
        _("quorum"), default=1, help_text=_("How many members must take part.")
    )
    anonymous = models.BooleanField(_("anonymous ballot"), default=False)
    closes_at = models.DateTimeField(_("closes at"))
    closed_at = models.DateTimeField(null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True, max_length=4000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            length_limit("details", 4000),
            length_limit("outcome", 4000),
        ]
        ordering = ["closes_at", "pk"]
        verbose_name = _("decision")

    def __str__(self) -> str:
        return self.question

    def is_closed(self, now=None) -> bool:
        return self.closed_at is not None or (now or timezone.now()) >= self.closes_at
