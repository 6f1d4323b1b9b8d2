from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .organisation import Organisation


class OrganisationMembership(models.Model):
    """Someone who acts for an organisation: an admin (manages it, posts
    opportunities, endorses for it) or a reviewer (reads applications).
    The named contact is the one person who sees an accepted speaker's access
    and support needs."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("Organisation admin")
        REVIEWER = "reviewer", _("Reviewer")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="organisation_memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.REVIEWER)
    is_contact = models.BooleanField(
        _("named contact"),
        default=False,
        help_text=_("Sees accepted speakers' access and support needs."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "advocacy_organisationmembership"
        verbose_name = _("organisation member")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="one_membership_per_org")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}, {self.organisation})"
