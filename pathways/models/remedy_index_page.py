import functools

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from content.translations import TranslatedPage
from core import page_cache
from core.text_limits import length_limit
from people.admin.links import SitePagePermissionsMixin


class RemedyIndexPage(TranslatedPage, SitePagePermissionsMixin, Page):
    """Justice pathways: the remedies a survivor can seek, grouped by pathway,
    with the private guide and the directory of services beside them."""

    intro = models.TextField(_("introduction"), max_length=1000, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["pathways.RemedyPage"]
    template = "pathways/remedy_index_page.html"

    def get_context(self, request, *args, **kwargs):
        from pathways.display import remedies_by_pathway
        from pathways.models import RemedyPage

        context = super().get_context(request, *args, **kwargs)
        # Read only when the list is drawn: the template keeps the drawn list
        # per process until a remedy changes ({% kept %}, under this tag).
        context["pathways"] = functools.partial(remedies_by_pathway, self)
        context["remedies_tag"] = page_cache.pages_tag(RemedyPage)
        return context

    class Meta:
        constraints = [length_limit("intro", 1000)]
        verbose_name = _("justice pathways index")
