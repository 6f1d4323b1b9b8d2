from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.text_limits import length_limit

from .reform_proposal_page import AMENDABLE_SECTIONS


class ProposalAmendment(models.Model):
    """A member's suggested change to one section of a proposal, with a reason.

    Authors accept it (the section changes in a new revision and the amendment
    is credited, by consented name only) or decline it with a reason.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the authors")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    proposal = models.ForeignKey(
        "proposals.ReformProposalPage", on_delete=models.CASCADE, related_name="amendments"
    )
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="proposal_amendments",
    )
    section = models.CharField(
        _("section"), max_length=30, choices=list(AMENDABLE_SECTIONS.items())
    )
    new_text = models.TextField(_("suggested text"), max_length=6000)
    reason = models.TextField(_("why"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_reason = models.TextField(_("reason for the decision"), max_length=2000, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "advocacy_proposalamendment"
        constraints = [
            length_limit("new_text", 6000),
            length_limit("reason", 2000),
            length_limit("decision_reason", 2000),
        ]
        ordering = ["-created_at", "-pk"]
        verbose_name = _("amendment")

    def __str__(self) -> str:
        return f"{self.get_section_display()} ({self.get_status_display()})"
