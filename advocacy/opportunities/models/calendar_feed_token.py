import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def new_secret() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeedToken(models.Model):
    """The secret in a person's private engagements calendar address.
    Regenerating it makes the old address stop working at once."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed_token"
    )
    secret = models.CharField(max_length=64, default=new_secret)
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "advocacy_calendarfeedtoken"
        verbose_name = _("calendar address")

    def __str__(self) -> str:
        return f"Calendar address of {self.user}"

    @property
    def token(self) -> str:
        return f"{self.user_id}.{self.secret}"

    def regenerate(self) -> None:
        self.secret = new_secret()
        self.save(update_fields=["secret", "created_at"])
