from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Invite(models.Model):
    """A single-use, expiring invitation link to join a council.

    Only a hash of the secret token is stored; the link is signed and shown
    once to the facilitator who made it. When the facilitator names someone
    who has an account (`invitee`), that person also finds the invitation
    among their notices and may accept it without the link.
    """

    council = models.ForeignKey(
        "councils.Council", on_delete=models.CASCADE, related_name="invites"
    )
    role = models.CharField(max_length=20, default="member")
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    invitee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="council_invitations",
    )
    used_at = models.DateTimeField(null=True, blank=True)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("invitation")

    def __str__(self) -> str:
        return f"Invitation to {self.council_id}"
