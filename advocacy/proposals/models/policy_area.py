from django.db import models
from django.utils.translation import gettext_lazy as _


class PolicyArea(models.Model):
    """A kind of justice a reform proposal asks for (restitution, vacatur,
    immigration relief, ...): a managed list, edited as a snippet."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    description = models.CharField(_("description"), max_length=300, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        db_table = "advocacy_policyarea"
        ordering = ["position", "name"]
        verbose_name = _("policy area")

    def __str__(self) -> str:
        return self.name
