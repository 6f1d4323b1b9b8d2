from django.db import models
from django.utils.translation import gettext_lazy as _


class AgendaItem(models.Model):
    """One point on a meeting's agenda, in order."""

    meeting = models.ForeignKey(
        "councils.Meeting", on_delete=models.CASCADE, related_name="agenda_items"
    )
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(_("item"), max_length=200)
    notes = models.TextField(_("notes"), blank=True, max_length=2000)

    class Meta:
        ordering = ["meeting", "position", "pk"]
        verbose_name = _("agenda item")

    def __str__(self) -> str:
        return self.title
