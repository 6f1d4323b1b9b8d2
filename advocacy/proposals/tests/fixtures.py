"""Fixtures for the reform proposal tests (import the ones a module uses)."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from advocacy.proposals.factories import make_council, make_proposal, make_proposal_index
from people import roles
from people.factories import UserFactory


def with_mfa(user):
    """Roles that see other people's data need two-step verification set up."""
    TOTP.activate(user, generate_totp_secret())
    return user


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
    return with_mfa(UserFactory(roles=[roles.SURVIVOR_LEADERS, roles.COUNCIL_FACILITATORS]))


@pytest.fixture
def site_admin(db):
    return with_mfa(UserFactory(roles=[roles.SITE_ADMINS]))


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
