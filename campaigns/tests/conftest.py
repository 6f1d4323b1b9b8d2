"""Fixtures for the campaigns tests: a home page, a campaign index and leaders."""

import pytest
from wagtail.models import Page, Site

from campaigns.factories import CampaignIndexPageFactory, CampaignPageFactory
from people import roles


@pytest.fixture
def home(db):
    from home.models import HomePage

    root = Page.get_first_root_node()
    home = HomePage(title="Home", slug="home-test")
    root.add_child(instance=home)
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    return home


@pytest.fixture
def index(home):
    return CampaignIndexPageFactory(parent=home)


@pytest.fixture
def leader_a(user_factory):
    return user_factory(email="leader-a@example.org", roles=[roles.SURVIVOR_LEADERS])


@pytest.fixture
def leader_b(user_factory):
    return user_factory(email="leader-b@example.org", roles=[roles.SURVIVOR_LEADERS])


@pytest.fixture
def campaign(index, leader_a):
    return CampaignPageFactory(parent=index, owner=leader_a, title="Spot a fake job offer")
