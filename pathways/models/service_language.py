from django.conf.locale import LANG_INFO
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey

from core.locales import language_name


def language_choices() -> list[tuple[str, str]]:
    """Every language Django knows, named in the reader's language: a service
    may work in languages the site itself is not translated into."""
    names = ((code, language_name(code)) for code, info in LANG_INFO.items() if "name" in info)
    return sorted(names, key=lambda choice: choice[1].casefold())


class ServiceLanguage(models.Model):
    """A language a listed service works in (one row each, so the directory
    filters on it in SQL)."""

    listing = ParentalKey(
        "pathways.ServiceListing", on_delete=models.CASCADE, related_name="languages"
    )
    language = models.CharField(_("language"), max_length=16, choices=language_choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["listing", "language"], name="pathways_one_row_per_language"
            )
        ]
        ordering = ["language"]
        verbose_name = _("language")

    def __str__(self) -> str:
        return self.get_language_display()
