from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from content.justice_pathways import JusticePathway
from content.pages import KeepsLiveFields
from content.translations import TranslatedPage
from core.text_limits import length_limit
from pathways import freshness
from people.models import Audience

# Rich text on remedy pages: editors' words, Wagtail's features only.
RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class Demand(models.TextChoices):
    """How much a remedy asks of the survivor on one count."""

    NONE = "none", _("No")
    SOMETIMES = "sometimes", _("Sometimes")
    USUALLY = "usually", _("Usually")


class TimeNeeded(models.TextChoices):
    WEEKS = "weeks", _("Weeks")
    MONTHS = "months", _("Months")
    YEARS = "years", _("A year or more")


class Cost(models.TextChoices):
    FREE = "free", _("Free")
    VARIES = "varies", _("Free help is often available")
    COSTLY = "costly", _("Can be costly")


class RemedyPage(TranslatedPage, KeepsLiveFields, Page):
    """One remedy a survivor can seek (restitution, a civil suit, vacatur, a
    T visa, a compensation fund, a restorative process...), as data.

    What it gives is a managed taxonomy (`outcomes`), what it asks is a set of
    structured answers, and its deadlines are records per jurisdiction with a
    source and the date they were checked (`deadlines`). `reviewed_on` is set
    when the reviewing survivor advisory council approves a change, never by
    editing; a page not reviewed for twelve months is flagged (`freshness`).
    """

    LIVE_ONLY_FIELDS = ("reviewed_on",)

    pathway = models.CharField(_("justice pathway"), max_length=20, choices=JusticePathway.choices)
    summary = models.TextField(
        _("summary"), max_length=600, help_text=_("One or two plain sentences.")
    )
    who_it_is_for = RichTextField(_("who it is for"), features=RICH_TEXT_FEATURES)
    how_it_works = RichTextField(_("how it works"), features=RICH_TEXT_FEATURES, blank=True)
    outcomes = ParentalManyToManyField(
        "pathways.Outcome",
        related_name="remedies",
        verbose_name=_("what it can give"),
    )
    harm_kinds = ParentalManyToManyField(
        "pathways.HarmKind",
        related_name="remedies",
        verbose_name=_("kinds of harm it applies to"),
    )
    services = ParentalManyToManyField(
        "pathways.SupportService",
        blank=True,
        related_name="remedies",
        verbose_name=_("services that help with it"),
        help_text=_("The directory lists organisations offering these services."),
    )

    # What it asks of the survivor.
    time_needed = models.CharField(_("time it takes"), max_length=10, choices=TimeNeeded.choices)
    testimony = models.CharField(
        _("giving testimony or a statement"), max_length=10, choices=Demand.choices
    )
    contact_with_trafficker = models.CharField(
        _("contact with the person who caused harm"), max_length=10, choices=Demand.choices
    )
    cost = models.CharField(_("cost"), max_length=10, choices=Cost.choices)
    retraumatisation_risk = models.CharField(
        _("reliving what happened"), max_length=10, choices=Demand.choices
    )
    asks_notes = models.TextField(_("more about what it asks"), max_length=2000, blank=True)

    review_council = models.ForeignKey(
        Audience,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"kind": Audience.Kind.COUNCIL},
        verbose_name=_("reviewing council"),
        help_text=_("The survivor advisory council that reviews this page."),
    )
    reviewed_on = models.DateField(
        _("reviewed by the council on"), null=True, blank=True, editable=False
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("pathway"),
        FieldPanel("summary"),
        FieldPanel("who_it_is_for"),
        FieldPanel("how_it_works"),
        MultiFieldPanel(
            [FieldPanel("outcomes"), FieldPanel("harm_kinds"), FieldPanel("services")],
            heading=_("What it gives, and to whom"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("time_needed"),
                FieldPanel("testimony"),
                FieldPanel("contact_with_trafficker"),
                FieldPanel("cost"),
                FieldPanel("retraumatisation_risk"),
                FieldPanel("asks_notes"),
            ],
            heading=_("What it asks of the survivor"),
        ),
        InlinePanel("deadlines", heading=_("Deadlines"), label=_("Deadline")),
        InlinePanel(
            "lawyer_questions", heading=_("Questions to ask a lawyer"), label=_("Question")
        ),
        InlinePanel("sources", heading=_("Sources"), label=_("Source"), min_num=1),
        InlinePanel("related_campaigns", heading=_("Related campaigns"), label=_("Campaign")),
        FieldPanel("review_council"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("who_it_is_for"),
        index.SearchField("how_it_works"),
        index.FilterField("pathway"),
    ]

    parent_page_types = ["pathways.RemedyIndexPage"]
    subpage_types = []
    template = "pathways/remedy_page.html"

    class Meta:
        constraints = [
            length_limit("summary", 600),
            length_limit("asks_notes", 2000),
        ]
        verbose_name = _("remedy")
        verbose_name_plural = _("remedies")

    def permissions_for_user(self, user):
        from pathways.policy import RemedyPermissionTester

        return RemedyPermissionTester(user, self)

    def get_context(self, request, *args, **kwargs):
        from pathways.display import remedy_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(remedy_page_context(self, request))
        return context

    @property
    def changed_since_review(self) -> bool:
        """Published again after the council's last review, without one (an
        editor who may publish can skip the workflow; the page says so)."""
        if self.reviewed_on is None or self.last_published_at is None:
            return False
        return freshness.local_date(self.last_published_at) > self.reviewed_on

    @property
    def review_is_stale(self) -> bool:
        """Not reviewed by the council in the last twelve months (or ever)."""
        return freshness.is_stale(self.reviewed_on)
