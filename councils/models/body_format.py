from django.db import models
from django.utils.translation import gettext_lazy as _


class BodyFormat(models.TextChoices):
    """How a message's stored text is to be shown.

    Messages are plain text: stored exactly as typed and shown escaped, so
    `use <b> for bold` or a code sample reads as written. Messages saved
    before that change were sanitised into a few inline HTML tags (bold,
    links...) and are kept and shown as they always were: sanitised again on
    every render."""

    TEXT = "text", _("plain text")
    HTML = "html", _("sanitised HTML (messages from before plain text)")
