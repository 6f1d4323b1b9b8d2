"""Site-wide admin behaviour: no link in the admin leads to a door that is
shut to the person it is shown to (people/admin_links.py)."""

from wagtail import hooks

from people.admin_links import hide_shut_listing_links

hooks.register("construct_page_listing_buttons", hide_shut_listing_links)
