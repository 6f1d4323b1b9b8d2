"""The admin as survivor leaders and facilitators see it: the platform's name,
dashboard panels for what they do, and nothing that calls a third party.

Each hook below is its own function, for one concern. No link in the admin
leads to a door that is shut to the person it is shown to (people/admin/links.py)."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks

from advocacy.opportunities.models import OpportunityIndexPage
from campaigns.models import CampaignIndexPage
from people.admin.links import hide_shut_listing_links
from people.admin.page_types import LimitedPageTypeViewSet
from people.roles import is_site_admin

from .admin_dashboard import MyWorkPanel, RecentSupportPanel, ReviewsWaitingPanel
from .models import HomePage

# Wagtail's stock panels the dashboard panels replace: its workflow lists show
# links a leader cannot follow and cost a query per item.
REPLACED_PANELS = {"user_objects_in_workflow_moderation", "workflow_objects_to_moderate"}

# Help menu entries that link to wagtail.org: a leader needs the platform's help,
# and a click should not tell a third party who is editing here.
EXTERNAL_HELP_ITEMS = ("editor-guide", "whats-new-in-wagtail")


@hooks.register("construct_homepage_panels")
def show_survivor_leadership_panels(request, panels):
    panels[:] = [panel for panel in panels if getattr(panel, "name", "") not in REPLACED_PANELS]
    panels.extend([ReviewsWaitingPanel(), MyWorkPanel(), RecentSupportPanel()])


# After Wagtail's own hooks (pages, images, documents) have added their items.
@hooks.register("construct_homepage_summary_items", order=100)
def hide_site_wide_counts(request, summary_items):
    """Counts of every page, image and document include other people's drafts
    and uploads: only site admins see them."""
    if not is_site_admin(request.user):
        summary_items.clear()


@hooks.register("construct_help_menu", order=100)
def hide_external_help_links(request, menu_items):
    menu_items[:] = [
        item
        for item in menu_items
        if not str(getattr(item, "name", "")).startswith(EXTERNAL_HELP_ITEMS)
    ]


@hooks.register("insert_global_admin_css")
def platform_admin_css():
    """The dashboard panels' spacing, as a stylesheet (the admin gets no inline styles)."""
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))


hooks.register("construct_page_listing_buttons", hide_shut_listing_links)


@hooks.register("register_admin_viewset")
def register_limited_page_types():
    """Page types of which only so many may exist."""
    return [
        LimitedPageTypeViewSet(f"{model._meta.model_name}_pages", model=model)
        for model in (HomePage, CampaignIndexPage, OpportunityIndexPage)
    ]
