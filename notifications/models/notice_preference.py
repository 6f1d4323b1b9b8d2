from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .notice import Email


class NoticePreference(models.Model):
    """How a member hears by email about one kind of notice. Without a row:
    straight away, and discreet (no detail in the email)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notice_preferences"
    )
    kind = models.CharField(_("kind"), max_length=64)
    email = models.CharField(
        _("email"), max_length=12, choices=Email.choices, default=Email.IMMEDIATELY
    )
    # Off unless the member turns it on: the email then says what happened and
    # links to it, which anyone who reads their inbox would see too.
    detailed = models.BooleanField(_("detailed emails"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_notice_preference_per_kind")
        ]
        verbose_name = _("notice preference")

    def __str__(self) -> str:
        return f"{self.kind}: {self.email}"
