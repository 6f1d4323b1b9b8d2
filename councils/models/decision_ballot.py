from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DecisionBallot(models.Model):
    """That a person voted in an anonymous ballot, and nothing about how.

    Kept apart from Position (no foreign key, no timestamp) so neither
    facilitators nor the database can tie a person to a choice.
    """

    decision = models.ForeignKey(
        "councils.Decision", on_delete=models.CASCADE, related_name="ballots"
    )
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("anonymous ballot cast")
        constraints = [
            models.UniqueConstraint(fields=["decision", "member"], name="one_ballot_per_member")
        ]

    def __str__(self) -> str:
        return f"Ballot cast in decision {self.decision_id}"
