"""Site-wide admin behaviour: no link in the admin leads to a door that is
shut to the person it is shown to (people/admin_links.py)."""

from wagtail import hooks

from advocacy.models import OpportunityIndexPage
from campaigns.models import CampaignIndexPage
from people.admin_links import hide_shut_listing_links
from people.admin_page_types import LimitedPageTypeViewSet

from .models import HomePage

hooks.register("construct_page_listing_buttons", hide_shut_listing_links)


@hooks.register("register_admin_viewset")
def register_limited_page_types():
    """Page types of which only so many may exist."""
    return [
        LimitedPageTypeViewSet(f"{model._meta.model_name}_pages", model=model)
        for model in (HomePage, CampaignIndexPage, OpportunityIndexPage)
    ]
