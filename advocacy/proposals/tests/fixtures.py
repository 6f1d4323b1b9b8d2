"""Fixtures for the reform proposal tests (import the ones a module uses)."""

import pytest

from advocacy.proposals.factories import make_council, make_proposal, make_proposal_index
from people import roles
from people.factories import UserFactory


@pytest.fixture
def index(db):
    return make_proposal_index()


@pytest.fixture
def leader(db):
    return UserFactory(roles=[roles.SURVIVOR_LEADERS], display_name="Leader")


@pytest.fixture
def other_leader(db):
    return UserFactory(roles=[roles.SURVIVOR_LEADERS], display_name="Other leader")


@pytest.fixture
def facilitator(db):
    return UserFactory(roles=[roles.SURVIVOR_LEADERS, roles.COUNCIL_FACILITATORS], mfa=True)


@pytest.fixture
def site_admin(db):
    return UserFactory(roles=[roles.SITE_ADMINS], mfa=True)


@pytest.fixture
def member(db):
    return UserFactory()


@pytest.fixture
def council(facilitator):
    return make_council(facilitators=[facilitator])


@pytest.fixture
def draft(index, leader, council):
    return make_proposal(index, owner=leader, status="draft", council=council)


@pytest.fixture
def open_proposal(index, leader, council):
    return make_proposal(index, owner=leader, status="open", council=council)
