from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ProposalEndorsement(models.Model):
    """Support for a proposal from one person, or from one organisation (given
    by one of its admins). One of each per proposal; withdrawing deletes it.

    A person's name is shown only while they have an active `name` consent for
    this endorsement; an organisation's only if its admin chose `show_name`.
    Otherwise the endorsement is counted, never named.
    """

    proposal = models.ForeignKey(
        "proposals.ReformProposalPage", on_delete=models.CASCADE, related_name="endorsements"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="proposal_endorsements",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="proposal_endorsements",
    )
    endorsed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Who gave it: the person, or the organisation admin."),
    )
    show_name = models.BooleanField(_("show our name"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "advocacy_proposalendorsement"
        ordering = ["created_at", "pk"]
        verbose_name = _("endorsement")
        constraints = [
            models.CheckConstraint(
                condition=(Q(user__isnull=False) & Q(organisation__isnull=True))
                | (Q(user__isnull=True) & Q(organisation__isnull=False)),
                name="endorsement_by_person_or_organisation",
            ),
            models.UniqueConstraint(
                fields=["proposal", "user"],
                condition=Q(user__isnull=False),
                name="one_endorsement_per_person",
            ),
            models.UniqueConstraint(
                fields=["proposal", "organisation"],
                condition=Q(organisation__isnull=False),
                name="one_endorsement_per_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation or self.user} → {self.proposal_id}"
