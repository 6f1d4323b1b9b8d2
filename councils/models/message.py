from django.conf import settings
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils.translation import gettext_lazy as _

from core.text_limits import HTML_ESCAPE_FACTOR

from .body_format import BodyFormat

# A message's text as typed, in the form, the socket's schema and the
# database. A message from before plain text is stored sanitised, which
# escaping may have made longer (core.text_limits).
MAX_BODY_CHARS = 5000


def body_length_limit() -> models.CheckConstraint:
    """Message (and revision) bodies: MAX_BODY_CHARS for plain text; room for
    escaping in sanitised HTML from before."""
    within = LessThanOrEqual(Length("body"), MAX_BODY_CHARS)
    html_within = LessThanOrEqual(Length("body"), MAX_BODY_CHARS * HTML_ESCAPE_FACTOR)
    return models.CheckConstraint(
        condition=models.Q(within)
        | (models.Q(body_format=BodyFormat.HTML) & models.Q(html_within)),
        name="%(app_label)s_%(class)s_body_length",
    )


class Message(models.Model):
    """One message in a room, numbered by the room's `seq` (unique per room).

    `body` is the text as its author typed it (`body_format` text); messages
    from before were stored sanitised (inline profile) and keep `body_format`
    html, so they render as they always did. `content_warnings`
    are topics from the shared list, collapsed for each reader as they chose. `client_id` (chosen by
    the sender's browser) makes retries idempotent. Redaction empties the body
    and leaves a tombstone; edits keep their earlier text in MessageRevision,
    which facilitators can read. `author` is empty once the person's account
    was erased ("a former member").
    """

    room = models.ForeignKey("councils.Room", on_delete=models.CASCADE, related_name="messages")
    seq = models.PositiveBigIntegerField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="council_messages",
    )
    body = models.TextField(_("message"), max_length=MAX_BODY_CHARS)
    body_format = models.CharField(
        _("format"), max_length=4, choices=BodyFormat.choices, default=BodyFormat.TEXT
    )
    content_warnings = models.ManyToManyField(
        "people.ContentWarningTopic",
        blank=True,
        related_name="+",
        verbose_name=_("content warnings"),
    )
    client_id = models.UUIDField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    redacted_at = models.DateTimeField(null=True, blank=True)
    redacted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["room", "seq"]
        verbose_name = _("message")
        constraints = [
            body_length_limit(),
            models.UniqueConstraint(fields=["room", "seq"], name="message_seq_unique_per_room"),
            models.UniqueConstraint(
                fields=["room", "author", "client_id"],
                condition=models.Q(client_id__isnull=False),
                name="message_client_id_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.room} #{self.seq}"

    @property
    def is_redacted(self) -> bool:
        return self.redacted_at is not None

    @property
    def text(self) -> str:
        """What a reader sees of the body, as plain text."""
        return body_text(self.body, self.body_format)


def body_text(body: str, body_format: str) -> str:
    """The visible text of a message body stored in `body_format`."""
    if body_format == BodyFormat.HTML:
        from safety.sanitize import strip_tags_to_text

        return strip_tags_to_text(body)
    return body
