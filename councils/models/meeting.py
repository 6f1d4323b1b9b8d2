from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.text_limits import html_length_limit

# Minutes are rich text by design (headings, lists), written by
# facilitators and stored sanitised; this many characters as typed.
MINUTES_MAX_CHARS = 50_000


class Meeting(models.Model):
    """A council meeting: when (stored in UTC, shown in `time_zone`), who came,
    and its minutes (sanitised HTML)."""

    council = models.ForeignKey(
        "councils.Council", on_delete=models.CASCADE, related_name="meetings"
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    time_zone = models.CharField(_("time zone"), max_length=64, default="UTC")
    minutes = models.TextField(_("minutes"), blank=True, max_length=MINUTES_MAX_CHARS)
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="council_meetings_attended"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            html_length_limit("minutes", MINUTES_MAX_CHARS),
        ]
        ordering = ["-starts_at", "pk"]
        verbose_name = _("meeting")

    def __str__(self) -> str:
        return self.title
