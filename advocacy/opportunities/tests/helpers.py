"""Shared set-up for the opportunity tests: real organisations, real members
(with two-step verification, as their role requires), a real index page."""

from wagtail.models import Page, Site

from advocacy.opportunities.factories import SpeakingOpportunityFactory
from advocacy.opportunities.models import OpportunityIndexPage
from advocacy.organisations.factories import OrganisationFactory
from advocacy.organisations.membership import add_member
from advocacy.organisations.models import OrganisationMembership
from home.models import HomePage
from people import roles
from people.factories import UserFactory

Role = OrganisationMembership.Role


def member_of(organisation, role=Role.REVIEWER, *, is_contact=False):
    """A person acting for `organisation`, able to pass the MFA gate."""
    user = UserFactory(mfa=True)
    add_member(organisation, user, role, is_contact=is_contact)
    return user


def survivor_leader(**kwargs):
    return UserFactory(roles=[roles.SURVIVOR_LEADERS], **kwargs)


def index_page() -> OpportunityIndexPage:
    """Home page (as the default site's root) with the opportunities page under it."""
    home = HomePage.objects.first()
    if home is None:
        home = HomePage(title="Home", slug="home-test")
        Page.get_first_root_node().add_child(instance=home)
        site = Site.objects.filter(is_default_site=True).first() or Site(
            hostname="localhost", is_default_site=True
        )
        site.root_page = home
        site.save()
    page = OpportunityIndexPage.objects.first()
    if page is None:
        page = OpportunityIndexPage(title="Speaking opportunities", slug="opportunities")
        home.add_child(instance=page)
    return page


def organisation_with_staff(**kwargs):
    """A verified organisation with an admin (the named contact) and a reviewer."""
    organisation = OrganisationFactory(**kwargs)
    admin = member_of(organisation, Role.ADMIN, is_contact=True)
    reviewer = member_of(organisation, Role.REVIEWER)
    return organisation, admin, reviewer


__all__ = [
    "OrganisationFactory",
    "SpeakingOpportunityFactory",
    "index_page",
    "member_of",
    "organisation_with_staff",
    "survivor_leader",
]
