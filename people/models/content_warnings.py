from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet

from .topics import ManagedTopic


class ContentWarningTopic(ManagedTopic):
    """A topic that content can be marked with (managed list), so that each reader
    decides what is collapsed behind a warning for them."""

    description = models.CharField(_("description"), max_length=200, blank=True)

    panels = [*ManagedTopic.panels, "description"]

    class Meta(ManagedTopic.Meta):
        verbose_name = _("content warning topic")


register_snippet(ContentWarningTopic)
