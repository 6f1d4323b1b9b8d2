from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from content.translations import TranslatedPage
from core.text_limits import length_limit
from people.admin.links import SitePagePermissionsMixin


class OpportunityIndexPage(TranslatedPage, SitePagePermissionsMixin, Page):
    """Where open speaking opportunities are listed, with filters and sorted by
    deadline. The opportunities themselves are managed by organisations."""

    intro = models.TextField(_("introduction"), max_length=600, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count = 1
    template = "opportunities/index_page.html"

    def get_context(self, request, *args, **kwargs):
        from advocacy.opportunities.listing import listing_context

        context = super().get_context(request, *args, **kwargs)
        context.update(listing_context(request))
        return context

    class Meta:
        db_table = "advocacy_opportunityindexpage"
        constraints = [
            length_limit("intro", 600),
        ]
        verbose_name = _("opportunity index page")
