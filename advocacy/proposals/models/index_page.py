from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from content.translations import TranslatedPage
from core.text_limits import length_limit
from people.admin.links import SitePagePermissionsMixin


class ProposalIndexPage(TranslatedPage, SitePagePermissionsMixin, Page):
    """Where reform proposals live: a filterable, searchable list of them."""

    intro = models.TextField(_("introduction"), max_length=1000, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["proposals.ReformProposalPage"]
    template = "proposals/proposal_index_page.html"

    def get_context(self, request, *args, **kwargs):
        from advocacy.proposals.listing import proposal_listing_context

        context = super().get_context(request, *args, **kwargs)
        context.update(proposal_listing_context(self, request))
        return context

    class Meta:
        db_table = "advocacy_proposalindexpage"
        constraints = [
            length_limit("intro", 1000),
        ]
        verbose_name = _("reform proposals index")
