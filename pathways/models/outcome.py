from django.db import models
from django.utils.translation import gettext_lazy as _

from pathways.vocabulary import OUTCOMES, shown


class Outcome(models.Model):
    """What a remedy can give a survivor (compensation, a cleared record,
    immigration status, safety, acknowledgement, change for others): a managed
    list, edited as a snippet. The private guide asks which of these matter
    most and orders remedies by them, through `key`."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    key = models.SlugField(
        _("key"),
        max_length=40,
        unique=True,
        help_text=_("A short, stable identifier used by the private guide."),
    )
    description = models.CharField(_("description"), max_length=300, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("outcome")

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        """The name in the reader's language (pathways/vocabulary.py)."""
        return shown(OUTCOMES.get(self.key, (None, None))[0], self.name)

    @property
    def description_label(self) -> str:
        return shown(OUTCOMES.get(self.key, (None, None))[1], self.description)
