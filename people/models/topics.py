from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet


class ExpertiseTopic(models.Model):
    """A topic a survivor leader can speak, train or consult on (managed list)."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)

    panels = ["name", "slug"]

    class Meta:
        ordering = ["name"]
        verbose_name = _("topic of expertise")
        verbose_name_plural = _("topics of expertise")

    def __str__(self) -> str:
        return self.name


register_snippet(ExpertiseTopic)
