from django.db import models
from django.utils.translation import gettext_lazy as _


class Jurisdiction(models.Model):
    """A place whose law applies: a country, or a state within one (`parent`).

    A remedy available in a country is available in each of its states, so a
    survivor in California is shown U.S. federal remedies and deadlines too
    (`with_ancestors`). Managed as a snippet."""

    name = models.CharField(_("name"), max_length=120)
    code = models.SlugField(
        _("code"),
        max_length=20,
        unique=True,
        help_text=_("Short and stable, e.g. 'us', 'us-ca', 'th'."),
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("within"),
        help_text=_("The country a state or province belongs to."),
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("jurisdiction")

    def __str__(self) -> str:
        return self.name

    def with_ancestors(self) -> list["Jurisdiction"]:
        """This jurisdiction and the ones it lies within, nearest first (one
        query per level; jurisdictions are at most two deep)."""
        chain, place = [], self
        while place is not None and place not in chain:
            chain.append(place)
            place = place.parent
        return chain
