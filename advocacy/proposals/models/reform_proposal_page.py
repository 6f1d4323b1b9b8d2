from django.db import models
from django.utils.translation import gettext_lazy as _
from guardian.models import UserObjectPermissionBase
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from advocacy.proposals.admin_form import ReformProposalAdminForm
from advocacy.proposals.blocks import EvidenceStreamBlock
from content.justice_pathways import JusticePathway
from content.translations import TranslatedPage
from core.text_limits import length_limit
from people.admin.links import SnippetChooserPanel
from people.models import Audience


class ProposalStatus(models.TextChoices):
    """Where a proposal is in its life; moves only through `proposal_lifecycle`."""

    DRAFT = "draft", _("Draft")
    COUNCIL_REVIEW = "council_review", _("In council review")
    OPEN = "open", _("Open for endorsement")
    SUBMITTED = "submitted", _("Submitted to decision-makers")
    ADOPTED = "adopted", _("Adopted")
    PARTLY_ADOPTED = "partly_adopted", _("Partly adopted")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# The sections an amendment can name: plain-text fields of the proposal.
AMENDABLE_SECTIONS = {
    "problem": _("The problem"),
    "proposed_change": _("The proposed change"),
    "expected_impact": _("Expected impact"),
}


class ReformProposalPage(TranslatedPage, Page):
    """A policy change written by survivor leaders, with the evidence for it.

    Its `status` is owned by `advocacy.proposals.lifecycle.transition()`: it is
    not editable in the admin and survives publishing older revisions. Authors
    are the page owner plus co-authors granted per proposal (django-guardian);
    each is shown by the name they consented to, or as "a survivor leader".
    """

    problem = models.TextField(_("the problem"), max_length=6000)
    proposed_change = models.TextField(_("the proposed change"), max_length=6000)
    decision_body = models.CharField(
        _("who decides"),
        max_length=200,
        help_text=_("The body that can make this change, e.g. a state legislature."),
    )
    jurisdiction = models.CharField(
        _("jurisdiction"), max_length=120, help_text=_("e.g. Ohio, United States, Thailand.")
    )
    policy_area = models.ForeignKey(
        "proposals.PolicyArea",
        on_delete=models.PROTECT,
        related_name="proposals",
        verbose_name=_("policy area"),
    )
    pathway = models.CharField(_("justice pathway"), max_length=20, choices=JusticePathway.choices)
    expected_impact = models.TextField(_("expected impact"), max_length=4000, blank=True)
    evidence = StreamField(
        EvidenceStreamBlock(), blank=True, use_json_field=True, verbose_name=_("evidence")
    )
    remedies = ParentalManyToManyField(
        "pathways.RemedyPage",
        blank=True,
        related_name="reform_proposals",
        verbose_name=_("remedies it would change"),
        help_text=_("Each remedy's page lists the proposals that want to change it."),
    )
    council = models.ForeignKey(
        Audience,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"kind": Audience.Kind.COUNCIL},
        verbose_name=_("reviewing council"),
        help_text=_("The survivor advisory council that reviews this proposal."),
    )
    content_warning_topics = ParentalManyToManyField(
        "people.ContentWarningTopic",
        blank=True,
        related_name="+",
        verbose_name=_("content warnings"),
        db_table="advocacy_reformproposalpage_content_warning_topics",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ProposalStatus.choices,
        default=ProposalStatus.DRAFT,
        editable=False,
        db_index=True,
    )

    # The jurisdiction is a filter on the proposals list: the same in every
    # language. The rest is words for translators.
    override_translatable_fields = [SynchronizedField("jurisdiction")]

    content_panels = [
        *Page.content_panels,
        FieldPanel("problem"),
        FieldPanel("proposed_change"),
        MultiFieldPanel(
            [FieldPanel("decision_body"), FieldPanel("jurisdiction")], heading=_("Who decides")
        ),
        SnippetChooserPanel("policy_area"),
        FieldPanel("pathway"),
        FieldPanel("remedies"),
        FieldPanel("expected_impact"),
        FieldPanel("evidence"),
        FieldPanel("council"),
        FieldPanel("content_warning_topics"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("problem"),
        index.SearchField("proposed_change"),
        index.SearchField("expected_impact"),
        index.SearchField("decision_body"),
        index.FilterField("status"),
        index.FilterField("pathway"),
        index.FilterField("jurisdiction"),
    ]

    base_form_class = ReformProposalAdminForm
    parent_page_types = ["proposals.ProposalIndexPage"]
    subpage_types = []
    template = "proposals/reform_proposal_page.html"

    def with_content_json(self, content):
        """Restoring or publishing a revision never rewinds the lifecycle."""
        obj = super().with_content_json(content)
        obj.status = self.status
        return obj

    def permissions_for_user(self, user):
        from advocacy.proposals.policy import ProposalPermissionTester

        return ProposalPermissionTester(user, self)

    @classmethod
    def listed_statuses(cls) -> list[str]:
        """The statuses in which the public sees a proposal. Apps that may not
        import this one (justice pathways lists the proposals naming a remedy)
        ask the model through their relation to it."""
        from advocacy.proposals.listing import LISTED_STATUSES

        return [status.value for status in LISTED_STATUSES]

    def get_context(self, request, *args, **kwargs):
        from advocacy.proposals.display import proposal_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(proposal_page_context(self, request))
        return context

    class Meta:
        db_table = "advocacy_reformproposalpage"
        constraints = [
            length_limit("problem", 6000),
            length_limit("proposed_change", 6000),
            length_limit("expected_impact", 4000),
        ]
        verbose_name = _("reform proposal")
        permissions = [("coauthor_reformproposalpage", _("Can co-author this reform proposal"))]


class ReformProposalUserObjectPermission(UserObjectPermissionBase):
    """Direct-FK guardian table for co-author grants (cheap, and deleted with the page)."""

    content_object = models.ForeignKey(ReformProposalPage, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        db_table = "advocacy_reformproposaluserobjectpermission"
