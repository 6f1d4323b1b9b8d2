from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet


class ManagedTopic(models.Model):
    """One entry of a managed list of topics that editors keep as a snippet
    (expertise, content warnings, what a campaign prevents): a unique name
    and slug, listed by name."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)

    panels = ["name", "slug"]

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ExpertiseTopic(ManagedTopic):
    """A topic a survivor leader can speak, train or consult on (managed list)."""

    class Meta(ManagedTopic.Meta):
        verbose_name = _("topic of expertise")
        verbose_name_plural = _("topics of expertise")


register_snippet(ExpertiseTopic)
