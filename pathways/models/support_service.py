from django.db import models
from django.utils.translation import gettext_lazy as _

from pathways.vocabulary import SERVICES, shown


class SupportService(models.Model):
    """A service an organisation in the directory offers (civil litigation,
    criminal case advocacy, restitution, immigration relief, vacatur,
    counselling, shelter): a managed list, edited as a snippet. A remedy page
    names the services that help with it, and lists the organisations that
    offer them in the reader's jurisdiction."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    key = models.SlugField(_("key"), max_length=40, unique=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("support service")

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        """The name in the reader's language (pathways/vocabulary.py)."""
        return shown(SERVICES.get(self.key), self.name)
