from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from content.pages import KeepsLiveFields
from content.translations import TranslatedPage, in_language
from core.text_limits import length_limit
from notifications.panels import MailingProgressPanel

from ..blocks import CampaignStreamBlock


class CampaignUpdatePage(TranslatedPage, KeepsLiveFields, Page):
    """News from a campaign, at its own address; publishing it emails the
    pledgers who asked to hear about updates (once)."""

    date = models.DateField(_("date"), default=timezone.localdate)
    summary = models.TextField(_("summary"), max_length=600)
    body = StreamField(CampaignStreamBlock(), blank=True, use_json_field=True)
    emails_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("summary"),
        FieldPanel("body"),
        MailingProgressPanel(heading=_("Emails to pledgers")),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]

    parent_page_types = ["campaigns.CampaignPage"]
    subpage_types = []

    # Whether the emails went out belongs to the page, not to a revision:
    # publishing an older draft must not send them again.
    LIVE_ONLY_FIELDS = ("emails_sent_at",)

    def mailing_key(self) -> str:
        """The mailing that emails this update to its pledgers (notifications)."""
        return f"campaign-update:{self.pk}"

    def permissions_for_user(self, user):
        from ..permissions import CampaignPermissionTester

        return CampaignPermissionTester(user, self)

    def get_context(self, request, *args, **kwargs):
        from content.routing import ROUTES

        context = super().get_context(request, *args, **kwargs)
        # The link to the campaign is kept per process until any page is
        # published or changed (the template's {% kept %}).
        context["routes_tag"] = ROUTES
        return context

    @property
    def campaign_shown(self):
        """The campaign this update is about, in the reader's language."""
        return in_language(self.get_parent().specific)

    @property
    def campaign(self):
        from .campaign_page import CampaignPage

        return CampaignPage.objects.get(pk=self.get_parent().pk)

    class Meta:
        constraints = [
            length_limit("summary", 600),
        ]
        verbose_name = _("campaign update")
