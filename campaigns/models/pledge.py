from django.db import models
from django.utils.translation import gettext_lazy as _


class PledgeQuerySet(models.QuerySet):
    def confirmed(self):
        """Only confirmed pledges count, anywhere."""
        return self.filter(confirmed_at__isnull=False)


class Pledge(models.Model):
    """One person's pledge to a campaign. It counts once its email link is
    confirmed. The email is kept for confirmation (and, only with consent,
    for update emails and the leads' export); it is never shown on the site."""

    campaign = models.ForeignKey(
        "campaigns.CampaignPage", on_delete=models.CASCADE, related_name="pledges"
    )
    display_name = models.CharField(_("name to show"), max_length=80, blank=True)
    email = models.EmailField(_("email"), max_length=254)
    organisation = models.CharField(_("organisation"), max_length=120, blank=True)
    contact_consent = models.BooleanField(_("may be emailed about updates"), default=False)
    # The language they pledged in: the one their emails are written in.
    language = models.CharField(_("language"), max_length=10, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True, db_index=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    objects = PledgeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("pledge")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "email"], name="one_pledge_per_email")
        ]

    def __str__(self) -> str:
        return self.display_name or str(_("Anonymous"))

    @property
    def shown_name(self) -> str:
        return self.display_name or str(_("Anonymous"))

    @property
    def wants_updates(self) -> bool:
        return self.contact_consent and self.unsubscribed_at is None
