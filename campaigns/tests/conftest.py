"""Fixtures for the campaigns tests: a home page, a campaign index and leaders."""

import pytest

from campaigns.factories import CampaignIndexPageFactory, CampaignPageFactory


@pytest.fixture
def index(home):
    return CampaignIndexPageFactory(parent=home)


@pytest.fixture
def campaign(index, leader_a):
    return CampaignPageFactory(parent=index, owner=leader_a, title="Spot a fake job offer")
