from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index

from content.translations import TranslatedPage
from core.text_limits import length_limit
from people.admin.links import SitePagePermissionsMixin


class CampaignIndexPage(TranslatedPage, SitePagePermissionsMixin, RoutablePageMixin, Page):
    """All campaigns, with filters (topic, region, language, status), search and pages."""

    intro = models.TextField(_("introduction"), max_length=600, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["campaigns.CampaignPage"]
    max_count = 1

    @path("feed/rss/", name="rss")
    def rss_route(self, request):
        from ..feeds import AllCampaignsFeed

        return AllCampaignsFeed()(request, index=self)

    @path("feed/atom/", name="atom")
    def atom_route(self, request):
        from ..feeds import AllCampaignsAtomFeed

        return AllCampaignsAtomFeed()(request, index=self)

    @property
    def rss_url(self) -> str:
        return self.url + self.reverse_subpage("rss")

    @property
    def atom_url(self) -> str:
        return self.url + self.reverse_subpage("atom")

    def get_context(self, request, *args, **kwargs):
        from ..views import campaign_index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(campaign_index_context(request, self))
        return context

    class Meta:
        constraints = [
            length_limit("intro", 600),
        ]
        verbose_name = _("campaign index")
