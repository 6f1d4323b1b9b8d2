from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet


class ContentWarningTopic(models.Model):
    """A topic that content can be marked with (managed list), so that each reader
    decides what is collapsed behind a warning for them."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.CharField(_("description"), max_length=200, blank=True)

    panels = ["name", "slug", "description"]

    class Meta:
        ordering = ["name"]
        verbose_name = _("content warning topic")

    def __str__(self) -> str:
        return self.name


register_snippet(ContentWarningTopic)
