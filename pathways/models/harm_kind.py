from django.db import models
from django.utils.translation import gettext_lazy as _

from pathways.vocabulary import HARM_KINDS, shown


class HarmKind(models.Model):
    """A broad kind of harm a remedy applies to (forced work, sexual
    exploitation, forced crime, domestic servitude): a managed list in plain,
    non-graphic words, edited as a snippet. The private guide's first step."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    key = models.SlugField(
        _("key"),
        max_length=40,
        unique=True,
        help_text=_("A short, stable identifier used by the private guide."),
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("kind of harm")
        verbose_name_plural = _("kinds of harm")

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        """The name in the reader's language (pathways/vocabulary.py)."""
        return shown(HARM_KINDS.get(self.key), self.name)
