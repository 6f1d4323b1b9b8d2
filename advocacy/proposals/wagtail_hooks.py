"""Wagtail admin registration for the advocacy app.

Site admins manage organisations (and verify them) and opportunities; ticking
"verified" records who verified and when. Proposals bring their managed list
of policy areas and keep other leaders' drafts out of the page explorer."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import (
    Organisation,
    PolicyArea,
    ProposalIndexPage,
    ReformProposalPage,
    SpeakingOpportunity,
)
from .organisations import verify_organisation

# --- Organisations and opportunities ----------------------------------------


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = "Organisations"
    add_to_admin_menu = True
    list_display = ["name", "kind", "verified", "created_at"]
    list_filter = ["kind", "verified"]
    search_fields = ["name"]
    panels = ["name", "slug", "kind", "description", "website", "verified"]


class SpeakingOpportunityViewSet(SnippetViewSet):
    model = SpeakingOpportunity
    icon = "date"
    menu_label = "Opportunities"
    add_to_admin_menu = True
    list_display = ["title", "organisation", "kind", "status", "deadline"]
    list_filter = ["status", "kind"]
    search_fields = ["title"]


register_snippet(OrganisationViewSet)
register_snippet(SpeakingOpportunityViewSet)


def _record_verification(request, instance):
    if isinstance(instance, Organisation) and instance.verified and instance.verified_at is None:
        verify_organisation(instance, by=request.user)


@hooks.register("after_create_snippet")
def record_verification_on_create(request, instance):
    _record_verification(request, instance)


@hooks.register("after_edit_snippet")
def record_verification_on_edit(request, instance):
    _record_verification(request, instance)


# --- Reform proposals -------------------------------------------------------


class PolicyAreaViewSet(SnippetViewSet):
    """The managed list of policy areas proposals are filed under."""

    model = PolicyArea
    icon = "tag"
    menu_label = _("Policy areas")
    list_display = ["name", "slug", "position"]
    add_to_admin_menu = False


def set_up_new_proposal_index(request, page):
    """A new proposals index gets its review workflow and leaders' permission."""
    from .proposal_setup import set_up_proposal_index

    if isinstance(page.specific, ProposalIndexPage):
        set_up_proposal_index(page.specific)


def hide_other_leaders_drafts(parent_page, pages, request):
    """In the page explorer, unpublished proposals are seen only by their
    authors, their council's facilitators and site admins."""
    from .proposal_policy import visible_unpublished_proposals

    if not isinstance(parent_page.specific, ProposalIndexPage):
        return pages
    hidden = (
        ReformProposalPage.objects.child_of(parent_page)
        .filter(live=False)
        .exclude(pk__in=visible_unpublished_proposals(request.user).values("pk"))
    )
    return pages.exclude(pk__in=hidden.values("pk"))


def register_proposal_admin() -> None:
    register_snippet(PolicyAreaViewSet)
    hooks.register("after_create_page", set_up_new_proposal_index)
    hooks.register("construct_explorer_page_queryset", hide_other_leaders_drafts)


register_proposal_admin()
