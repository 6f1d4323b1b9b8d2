from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet


class PreventionTopic(models.Model):
    """What a campaign helps prevent (managed list): fake job offers, debt bondage…"""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)

    panels = ["name", "slug"]

    class Meta:
        ordering = ["name"]
        verbose_name = _("prevention topic")

    def __str__(self) -> str:
        return self.name


register_snippet(PreventionTopic)
