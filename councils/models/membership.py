from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Membership(models.Model):
    """A person's place in a council: their role, the name they use there, and
    their opt-ins (presence and typing are invisible unless they turn them on).

    Leaving or being removed sets `left_at`; the row stays so that the council's
    history keeps pointing at a name.
    """

    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        FACILITATOR = "facilitator", _("Facilitator")
        OBSERVER = "observer", _("Observer")

    council = models.ForeignKey(
        "councils.Council", on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="council_memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    pseudonym = models.CharField(
        _("name in this council"),
        max_length=80,
        blank=True,
        help_text=_("Leave empty to use your usual council name."),
    )
    show_presence = models.BooleanField(_("show others when I am here"), default=False)
    share_typing = models.BooleanField(_("show others when I am typing"), default=False)
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)
    left_at = models.DateTimeField(_("left"), null=True, blank=True)

    class Meta:
        verbose_name = _("council membership")
        constraints = [
            models.UniqueConstraint(fields=["council", "user"], name="one_membership_per_council")
        ]
        indexes = [models.Index(fields=["user", "left_at"], name="membership_user_active")]

    def __str__(self) -> str:
        return f"{self.user} in {self.council} ({self.role})"

    @property
    def is_active(self) -> bool:
        return self.left_at is None

    @property
    def can_post(self) -> bool:
        return self.is_active and self.role != self.Role.OBSERVER

    @property
    def is_facilitator(self) -> bool:
        return self.is_active and self.role == self.Role.FACILITATOR
