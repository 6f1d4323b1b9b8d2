from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.text_limits import length_limit

from .reform_proposal_page import ProposalStatus


class ProposalTransition(models.Model):
    """One accepted move in a proposal's life: who, when, from, to, and why."""

    proposal = models.ForeignKey(
        "proposals.ReformProposalPage", on_delete=models.CASCADE, related_name="transitions"
    )
    from_status = models.CharField(_("from"), max_length=20, choices=ProposalStatus.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=ProposalStatus.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(_("note"), max_length=2000, blank=True)
    at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        db_table = "advocacy_proposaltransition"
        constraints = [
            length_limit("note", 2000),
        ]
        ordering = ["at", "pk"]
        verbose_name = _("proposal status change")

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"
