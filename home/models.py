from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from content.translations import TranslatedPage
from core.text_limits import length_limit
from people.admin.links import SitePagePermissionsMixin

from .blocks import BodyStreamBlock, HelplineBlock

DEFAULT_QUICK_EXIT_URL = "https://www.bbc.com/weather"


class HomePage(TranslatedPage, SitePagePermissionsMixin, Page):
    """The front page: what the platform is, and the ways in for each group."""

    intro = models.TextField(_("introduction"), max_length=600, blank=True)
    body = StreamField(BodyStreamBlock(), blank=True, use_json_field=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.StandardPage",
        "campaigns.CampaignIndexPage",
        "opportunities.OpportunityIndexPage",
        "proposals.ProposalIndexPage",
        "pathways.RemedyIndexPage",
    ]
    max_count_per_parent = 1

    class Meta:
        constraints = [
            length_limit("intro", 600),
        ]
        verbose_name = _("home page")


class StandardPage(TranslatedPage, SitePagePermissionsMixin, Page):
    """A plain content page, e.g. "Know your rights", "Safety" or "About"."""

    intro = models.TextField(_("introduction"), max_length=600, blank=True)
    body = StreamField(BodyStreamBlock(), blank=True, use_json_field=True)
    last_reviewed = models.DateField(
        _("last reviewed"),
        null=True,
        blank=True,
        help_text=_("When someone last checked this page is still accurate."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("last_reviewed"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        constraints = [
            length_limit("intro", 600),
        ]
        verbose_name = _("standard page")


@register_setting(icon="warning")
class SafetySettings(BaseSiteSetting):
    """Where the quick exit goes, the helplines shown on every page, and what
    an inbox shows of the platform's emails."""

    quick_exit_url = models.URLField(
        _("quick exit address"),
        default=DEFAULT_QUICK_EXIT_URL,
        help_text=_(
            "A neutral, everyday website (weather, news, shopping). The quick exit "
            "replaces the page with it."
        ),
    )
    helplines = StreamField(
        [("helpline", HelplineBlock())],
        blank=True,
        use_json_field=True,
        verbose_name=_("helplines"),
    )

    email_sender_name = models.CharField(
        _("email sender name"),
        max_length=60,
        default="Notices",
        help_text=_(
            "The name every email from the platform shows as its sender. Someone else "
            "may see a survivor's inbox: keep it neutral."
        ),
    )
    notice_email_subject = models.CharField(
        _("notice email subject"),
        max_length=100,
        default="You have a new notice",
        help_text=_(
            "The subject of emails about new notices. They carry no detail unless a "
            "member asks for detailed emails."
        ),
    )

    panels = [
        FieldPanel("quick_exit_url"),
        FieldPanel("helplines"),
        MultiFieldPanel(
            [FieldPanel("email_sender_name"), FieldPanel("notice_email_subject")],
            heading=_("Discreet emails"),
        ),
    ]

    class Meta:
        verbose_name = _("safety")
