from functools import cache

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


@cache
def _general_in_every_language() -> frozenset[str]:
    names = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            names.add(str(_("General")))
    return frozenset(names)


class Room(models.Model):
    """A conversation space in a council: one general room plus topic rooms.

    `last_seq` is the counter of the room's message events: each new message
    (`Message.seq`) and each later edit or redaction (`MessageChange.seq`)
    takes the next number, under a row lock in the same transaction as the
    event (`councils.services.rooms.next_seq`).
    """

    class Kind(models.TextChoices):
        GENERAL = "general", _("General")
        TOPIC = "topic", _("Topic")

    council = models.ForeignKey("councils.Council", on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.TOPIC)
    last_seq = models.PositiveBigIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["council", "kind", "name", "pk"]
        verbose_name = _("room")
        constraints = [
            models.UniqueConstraint(
                fields=["council"],
                condition=models.Q(kind="general"),
                name="one_general_room_per_council",
            )
        ]

    def __str__(self) -> str:
        return f"{self.council}: {self.name}"

    @property
    def display_name(self) -> str:
        """The room's name; the general room that still has the name it was
        created with ("General", in whatever language was active then) reads
        "General" in the reader's language."""
        if self.kind == self.Kind.GENERAL and self.name in _general_in_every_language():
            return str(self.Kind.GENERAL.label)
        return self.name
