"""Wagtail admin registration for the advocacy app."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import PolicyArea, ProposalIndexPage

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


def register_proposal_admin() -> None:
    register_snippet(PolicyAreaViewSet)
    hooks.register("after_create_page", set_up_new_proposal_index)


register_proposal_admin()
