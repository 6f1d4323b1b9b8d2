from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.text_limits import length_limit

# A path on this site or an http(s) address: never javascript: or data:.
safe_link = RegexValidator(r"^(/(?!/)|https?://)", _("Give a web address or a page on this site."))


class AgendaItem(models.Model):
    """One point for a council to discuss: on a meeting's agenda, in order, or
    waiting for the next meeting to be planned (`meeting` empty). Items can
    come from elsewhere on the site, such as a reform proposal sent to the
    council for review, with a `link` to read about it."""

    council = models.ForeignKey(
        "councils.Council", on_delete=models.CASCADE, related_name="agenda_items"
    )
    meeting = models.ForeignKey(
        "councils.Meeting",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="agenda_items",
    )
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(_("item"), max_length=200)
    notes = models.TextField(_("notes"), blank=True, max_length=2000)
    link = models.CharField(_("read more at"), max_length=500, blank=True, validators=[safe_link])

    class Meta:
        constraints = [
            length_limit("notes", 2000),
        ]
        ordering = ["meeting", "position", "pk"]
        verbose_name = _("agenda item")
        indexes = [models.Index(fields=["council", "meeting"], name="agenda_item_council_meeting")]

    def __str__(self) -> str:
        return self.title
