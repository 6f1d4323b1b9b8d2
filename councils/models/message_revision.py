from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .body_format import BodyFormat
from .message import MAX_BODY_CHARS, body_length_limit


class MessageRevision(models.Model):
    """The text a message had before an edit; facilitators can read the history."""

    message = models.ForeignKey(
        "councils.Message", on_delete=models.CASCADE, related_name="revisions"
    )
    body = models.TextField(max_length=MAX_BODY_CHARS)
    body_format = models.CharField(
        max_length=4, choices=BodyFormat.choices, default=BodyFormat.TEXT
    )
    content_warnings = models.CharField(
        max_length=400, blank=True, help_text="Names of the warning topics it had."
    )
    edited_at = models.DateTimeField(auto_now_add=True)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["message", "edited_at", "pk"]
        verbose_name = _("earlier version of a message")
        constraints = [body_length_limit()]

    def __str__(self) -> str:
        return f"Earlier version of message {self.message_id}"
