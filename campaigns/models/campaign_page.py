from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from content.pages import KeepsLiveFields
from content.translations import TranslatedPage, reader_language
from core.text_limits import length_limit

from ..blocks import CampaignStreamBlock
from .language_codes import LanguageCodesField


class CampaignLead(Orderable):
    """A survivor leader who co-leads a campaign with its owner (a per-campaign grant)."""

    page = ParentalKey("campaigns.CampaignPage", on_delete=models.CASCADE, related_name="co_leads")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="campaign_co_leads",
        verbose_name=_("co-lead"),
        limit_choices_to={"groups__name": "Survivor leaders"},
    )

    panels = ["user"]

    class Meta(Orderable.Meta):
        verbose_name = _("co-lead")
        constraints = [
            models.UniqueConstraint(fields=["page", "user"], name="one_co_lead_row_per_person")
        ]

    def __str__(self) -> str:
        return str(self.user_id)


class CampaignPage(TranslatedPage, KeepsLiveFields, RoutablePageMixin, Page):
    """A prevention campaign led by survivor leaders, gathering confirmed pledges
    toward a goal. Pledge, confirmation, export, chart and feed addresses hang
    off the page (see `campaigns.views`)."""

    class Status(models.TextChoices):
        UPCOMING = "upcoming", _("Upcoming")
        ACTIVE = "active", _("Active")
        GOAL_REACHED = "goal_reached", _("Goal reached")
        CLOSED = "closed", _("Closed")

    summary = models.TextField(_("summary"), max_length=600)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("hero image"),
    )
    hero_alt_text = models.CharField(
        _("hero image description"),
        max_length=250,
        blank=True,
        help_text=_("Describe the image for people who cannot see it (required with an image)."),
    )
    topics = ParentalManyToManyField(
        "campaigns.PreventionTopic", blank=True, related_name="campaigns", verbose_name=_("topics")
    )
    region = models.CharField(_("region"), max_length=100, blank=True)
    languages = LanguageCodesField(_("languages"))
    content_warnings = ParentalManyToManyField(
        "people.ContentWarningTopic",
        blank=True,
        related_name="campaigns",
        verbose_name=_("content warnings"),
    )
    body = StreamField(CampaignStreamBlock(), blank=True, use_json_field=True)
    pledge_target = models.PositiveIntegerField(_("pledge target"), default=100)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    featured = models.BooleanField(
        _("featured"), default=False, help_text=_("Show this campaign on the home page.")
    )
    # Denormalised so that listings never count rows; changed only by
    # `campaigns.pledges.confirm_pledge` (an atomic F() update).
    confirmed_pledge_count = models.PositiveIntegerField(default=0, editable=False)
    goal_reached_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    audience = models.OneToOneField(
        "people.Audience",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    # Each campaign has its own audience; a copy (or a translation) starts
    # without one (a translation's people are its source's).
    exclude_fields_in_copy = ["audience"]

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_alt_text")], heading=_("Hero image")
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("topics"),
                FieldPanel("region"),
                FieldPanel("languages"),
                FieldPanel("content_warnings"),
            ],
            heading=_("About this campaign"),
        ),
        MultiFieldPanel(
            [FieldPanel("pledge_target"), FieldPanel("deadline"), FieldPanel("status")],
            heading=_("Goal"),
        ),
        InlinePanel("co_leads", label=_("Co-leads")),
    ]
    promote_panels = [*Page.promote_panels, FieldPanel("featured")]
    # Translators change the words; the region (a filter on the index) and the
    # languages (codes) are the same in every language.
    override_translatable_fields = [SynchronizedField("region"), SynchronizedField("languages")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("topics", [index.SearchField("name")]),
        index.FilterField("status"),
        index.FilterField("region"),
    ]

    parent_page_types = ["campaigns.CampaignIndexPage"]
    subpage_types = ["campaigns.CampaignUpdatePage"]

    def clean(self):
        super().clean()
        if self.hero_image_id and not self.hero_alt_text.strip():
            raise ValidationError(
                {"hero_alt_text": _("Describe the image for people who cannot see it.")}
            )

    # Kept from the page as it is now whenever a revision is restored or
    # published: they follow pledges, not editing, and an older draft must
    # never roll them back.
    LIVE_ONLY_FIELDS = ("confirmed_pledge_count", "goal_reached_notified_at", "audience_id")

    def permissions_for_user(self, user):
        from ..permissions import CampaignPermissionTester

        return CampaignPermissionTester(user, self)

    @property
    def progress_percent(self) -> int:
        if not self.pledge_target:
            return 100
        return min(100, round(100 * self.confirmed_pledge_count / self.pledge_target))

    @property
    def language_names(self) -> list[str]:
        names = dict(settings.LANGUAGES)
        codes = self._meta.get_field("languages").to_python(self.languages)
        return [str(names.get(code, code)) for code in codes]

    def _route_url(self, name: str) -> str:
        # The page's own address, found once for the five routes a page shows
        # (per address and language, in case either changes on this object).
        memo = (self.url_path, reader_language())
        held = self.__dict__.get("_own_url")
        if held is None or held[0] != memo:
            held = (memo, self.url)
            self.__dict__["_own_url"] = held
        return held[1] + self.reverse_subpage(name)

    @property
    def pledge_url(self) -> str:
        return self._route_url("pledge")

    @property
    def export_url(self) -> str:
        return self._route_url("export_pledges")

    @property
    def progress_url(self) -> str:
        return self._route_url("progress")

    @property
    def rss_url(self) -> str:
        return self._route_url("rss")

    @property
    def atom_url(self) -> str:
        return self._route_url("atom")

    @property
    def is_open_for_pledges(self) -> bool:
        return self.status in (self.Status.ACTIVE, self.Status.GOAL_REACHED)

    @path("pledge/", name="pledge")
    def pledge_route(self, request):
        from .. import views

        return views.pledge(request, self)

    @path("pledge/confirm/<str:token>/", name="confirm_pledge")
    def confirm_route(self, request, token):
        from .. import views

        return views.confirm(request, self, token)

    @path("updates/stop/<str:token>/", name="unsubscribe")
    def unsubscribe_route(self, request, token):
        from .. import views

        return views.unsubscribe_view(request, self, token)

    @path("pledges/export/", name="export_pledges")
    def export_route(self, request):
        from .. import views

        return views.export_pledges(request, self)

    @path("progress/", name="progress")
    def progress_route(self, request):
        from .. import views

        return views.progress(request, self)

    @path("feed/rss/", name="rss")
    def rss_route(self, request):
        from ..feeds import CampaignUpdatesFeed

        return CampaignUpdatesFeed()(request, campaign=self)

    @path("feed/atom/", name="atom")
    def atom_route(self, request):
        from ..feeds import CampaignUpdatesAtomFeed

        return CampaignUpdatesAtomFeed()(request, campaign=self)

    def get_context(self, request, *args, **kwargs):
        from ..views import campaign_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(campaign_page_context(request, self))
        return context

    class Meta:
        constraints = [
            length_limit("summary", 600),
        ]
        verbose_name = _("campaign")
