"""Wagtail admin registration for reform proposals: the managed list of
policy areas, new proposal indexes set up for review, and other leaders'
drafts kept out of the page explorer."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import PolicyArea, ProposalIndexPage, ReformProposalPage


class PolicyAreaViewSet(SnippetViewSet):
    """The managed list of policy areas proposals are filed under."""

    model = PolicyArea
    icon = "tag"
    menu_label = _("Policy areas")
    list_display = ["name", "slug", "position"]
    add_to_admin_menu = False


def set_up_new_proposal_index(request, page):
    """A new proposals index gets its review workflow and leaders' permission."""
    from .setup import set_up_proposal_index

    if isinstance(page.specific, ProposalIndexPage):
        set_up_proposal_index(page.specific)


def hide_other_leaders_drafts(parent_page, pages, request):
    """In the page explorer, unpublished proposals are seen only by their
    authors, their council's facilitators and site admins."""
    from .policy import visible_unpublished_proposals

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
