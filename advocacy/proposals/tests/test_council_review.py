# ruff: noqa: F811 (pytest fixtures imported from .fixtures are parameters here)
"""The council agenda's link to a proposal's review opens for everyone on the
council: the review for those who act on it, the proposal once it is public,
and a page saying where it is for the others. Never a shut door."""

import pytest
from django.utils import translation

from advocacy.proposals.lifecycle import transition
from advocacy.proposals.models import ProposalStatus
from councils.models import AgendaItem, Council
from people.factories import UserFactory

from .fixtures import (  # noqa: F401
    council,
    draft,
    facilitator,
    index,
    leader,
    site_admin,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_review(draft, leader, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        transition(draft, ProposalStatus.COUNCIL_REVIEW, by=leader)
    return draft


@pytest.fixture
def council_member(draft):
    from councils.services.memberships import add_member

    person = UserFactory(display_name="Council member")
    add_member(Council.objects.get(audience_id=draft.council_id), person)
    return person


def test_the_link_opens_for_each_person_on_the_council(
    client, in_review, leader, facilitator, council_member
):
    link = AgendaItem.objects.get().link
    assert link == f"/proposals/{in_review.pk}/review/"
    editor = f"/admin/pages/{in_review.pk}/edit/"

    # The facilitator reviews it in the admin, and the admin lets them in.
    client.force_login(facilitator)
    response = client.get(link)
    assert response.status_code == 302 and response.headers["Location"] == editor
    assert client.get(editor).status_code == 200

    # A member who does not facilitate learns where it is, without the admin.
    client.force_login(council_member)
    response = client.get(link)
    assert response.status_code == 200
    assert in_review.title in response.content.decode()
    assert "/admin/" not in response.content.decode()

    client.force_login(leader)
    assert client.get(link).headers["Location"] == editor


def test_once_published_the_link_opens_the_proposal(client, in_review, facilitator):
    in_review.save_revision().publish()
    client.force_login(facilitator)
    response = client.get(f"/proposals/{in_review.pk}/review/")
    assert response.status_code == 302
    assert response.headers["Location"] == in_review.url


def test_people_outside_the_council_get_nothing(client, in_review):
    client.force_login(UserFactory())
    assert client.get(f"/proposals/{in_review.pk}/review/").status_code == 404
    client.logout()
    assert client.get(f"/proposals/{in_review.pk}/review/").status_code == 302


def test_the_agenda_shows_the_link_in_the_reader_s_language(client, in_review, council_member):
    from django.utils import timezone

    from councils.models import Meeting
    from councils.services.agenda import plan_meeting

    council = Council.objects.get(audience_id=in_review.council_id)
    meeting = plan_meeting(
        Meeting(council=council, title="Review", starts_at=timezone.now() + timezone.timedelta(1))
    )
    client.force_login(council_member)
    html = client.get(f"/th/councils/{council.slug}/meetings/{meeting.pk}/").content.decode()
    assert f'href="/th/proposals/{in_review.pk}/review/"' in html
    with translation.override("en"):
        html = client.get(f"/councils/{council.slug}/meetings/{meeting.pk}/").content.decode()
    assert f'href="/proposals/{in_review.pk}/review/"' in html
