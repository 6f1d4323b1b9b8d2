from django.db import models
from django.utils.translation import gettext_lazy as _


class MessageChange(models.Model):
    """An edit or a redaction, at its own place in the room's event sequence.

    A new message takes the room's next `seq` as `Message.seq`; each later
    change to it takes the next one here. Together they number every message
    event of a room without a gap, so a client that saw up to seq N is sent
    exactly what happened after N (new messages, edits and redactions), in
    order. The row holds no text: a replayed change shows the message as it is
    now, and deleting the message (retention) deletes its changes.
    """

    class Kind(models.TextChoices):
        EDITED = "edited", _("Edited")
        REDACTED = "redacted", _("Removed")

    room = models.ForeignKey("councils.Room", on_delete=models.CASCADE, related_name="+")
    seq = models.PositiveBigIntegerField()
    message = models.ForeignKey(
        "councils.Message", on_delete=models.CASCADE, related_name="changes"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)

    class Meta:
        ordering = ["room", "seq"]
        verbose_name = _("message change")
        constraints = [
            models.UniqueConstraint(fields=["room", "seq"], name="message_change_seq_unique")
        ]

    def __str__(self) -> str:
        return f"{self.room_id} #{self.seq}: {self.kind} {self.message_id}"
