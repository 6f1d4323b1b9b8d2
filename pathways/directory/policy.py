"""Who may change a directory listing outside the Wagtail admin.

Site admins manage every listing, and the organisation's `verified` flag, in
the Wagtail admin. An organisation's own admins keep its listing current from
the organisation's pages; nobody else may, members included. Verification
stays the gate to the public directory: a listing of an unverified
organisation is never shown (`ServiceListing.listed`).
"""

from __future__ import annotations

from advocacy.organisations.membership import is_admin
from advocacy.organisations.models import Organisation

# The kinds of organisation that may start a listing themselves. Others (a
# company, a newsroom) offer no legal or support services to list; site admins
# can still list one in the Wagtail admin when it does.
DIRECTORY_KINDS = frozenset(
    {Organisation.Kind.LEGAL, Organisation.Kind.SUPPORT, Organisation.Kind.NGO}
)


def may_edit_listing(user, organisation: Organisation) -> bool:
    """Only the organisation's admins edit its listing from the site."""
    return is_admin(user, organisation)


def may_start_listing(organisation: Organisation) -> bool:
    """An organisation without a listing may start one if it offers services."""
    return organisation.kind in DIRECTORY_KINDS
