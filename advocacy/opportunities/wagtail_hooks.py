"""Wagtail admin registration for speaking opportunities: site admins see
and manage every organisation's opportunities."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import SpeakingOpportunity


class SpeakingOpportunityViewSet(SnippetViewSet):
    model = SpeakingOpportunity
    icon = "date"
    menu_label = "Opportunities"
    add_to_admin_menu = True
    list_display = ["title", "organisation", "kind", "status", "deadline"]
    list_filter = ["status", "kind"]
    search_fields = ["title"]


register_snippet(SpeakingOpportunityViewSet)
