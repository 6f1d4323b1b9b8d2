"""Councils and people/: the audience follows memberships, names in events are
decided by people.policy at the time of each event, and export/erasure cover
what councils keep."""

import json
import uuid
import zipfile
from io import BytesIO

import pytest
from asgiref.sync import sync_to_async

from councils import decisions
from councils.factories import DecisionFactory
from councils.models import DecisionBallot, Membership, Message, Position
from councils.services import memberships
from councils.services.councils import create_council
from councils.services.payloads import message_payload, names_for
from councils.services.posting import post_message
from people.data_export import build_export
from people.erasure import erase_account
from people.models import Profile
from people.policy import Viewer
from people.visibility import Visibility

from .conftest import open_socket


def test_council_owns_a_council_audience_that_follows_active_memberships(council, add_member):
    assert council.audience.kind == "council"
    assert council.audience.owner == council
    member = add_member(council)
    assert council.audience.has_member(member)
    assert Viewer.of(member).council_ids == frozenset({council.audience_id})
    membership = Membership.objects.get(user=member)
    memberships.end_membership(membership)
    assert not council.audience.has_member(member)
    memberships.add_member(council, member)
    assert council.audience.has_member(member)
    Membership.objects.get(user=member).delete()
    assert not council.audience.has_member(member)


def test_deleting_a_council_deletes_its_audience_and_group(council):
    from django.contrib.auth.models import Group

    from people.models import Audience

    group_id = council.audience.group_id
    council.delete()
    assert not Audience.objects.filter(group_id=group_id).exists()
    assert not Group.objects.filter(pk=group_id).exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
async def test_a_visibility_change_shows_in_the_very_next_event(council, add_member):
    river = await sync_to_async(add_member)(council)
    reader = await sync_to_async(add_member)(council)
    await sync_to_async(Profile.objects.create)(
        user=river, visibility={"display_name": Visibility.COUNCILS.value}
    )
    r, _, _ = await open_socket(reader, council.pk)
    w, _, _ = await open_socket(river, council.pk)

    async def post(body):
        await w.send_json_to({"type": "message.send", "body": body, "client_id": str(uuid.uuid4())})
        await w.receive_json_from(timeout=3)
        return await r.receive_json_from(timeout=3)

    assert (await post("first"))["author"] == river.display_name
    # River hides their name from councils while both sockets stay open.
    await sync_to_async(Profile.objects.filter(user=river).update)(
        visibility={"display_name": Visibility.ONLY_ME.value}
    )
    second = await post("second")
    assert river.display_name not in json.dumps(second)
    assert second["author"] == "A council member"
    # A council pseudonym is theirs to choose and shows at once too.
    await sync_to_async(Profile.objects.filter(user=river).update)(council_pseudonym="Wren")
    assert (await post("third"))["author"] == "Wren"
    await r.disconnect()
    await w.disconnect()


def _export(user) -> dict:
    with zipfile.ZipFile(BytesIO(build_export(user))) as archive:
        return json.loads(archive.read("data.json"))["features"]["councils"]


def test_export_lists_memberships_messages_and_named_positions(council, add_member):
    member = add_member(council, pseudonym="Fern")
    post_message(user=member, council_id=council.pk, room_id=None, body="My words")
    named = DecisionFactory(council=council, question="Named question?")
    secret = DecisionFactory(council=council, question="Secret question?", anonymous=True)
    for decision in (named, secret):
        decisions.take_position(
            user=member, council_id=council.pk, decision_id=decision.pk, choice="consent"
        )
    data = _export(member)
    assert data["memberships"][0]["name_in_council"] == "Fern"
    assert [m["body"] for m in data["messages"]] == ["My words"]
    assert [p["decision"] for p in data["positions"]] == ["Named question?"]
    assert data["anonymous_ballots_cast"] == ["Secret question?"]


@pytest.mark.parametrize("mode", ["delete", "anonymise"])
def test_erasure_removes_or_anonymises_messages_as_chosen(council, add_member, mode):
    member = add_member(council)
    other = add_member(council)
    post_message(user=member, council_id=council.pk, room_id=None, body="Theirs")
    post_message(user=other, council_id=council.pk, room_id=None, body="Someone else")
    secret = DecisionFactory(council=council, anonymous=True)
    decisions.take_position(
        user=member, council_id=council.pk, decision_id=secret.pk, choice="consent"
    )
    erase_account(member, public_contributions=mode)
    bodies = list(Message.objects.values_list("body", "author"))
    if mode == "delete":
        assert bodies == [("Someone else", other.pk)]
    else:
        assert ("Theirs", None) in bodies
        names = names_for(council)
        payload = message_payload(Message.objects.get(body="Theirs"), names, "message.new")
        assert payload["author"] == "A former member"
    assert not Membership.objects.filter(user_id=member.pk).exists()
    # The anonymous position stays counted; nothing ties it to anyone.
    assert Position.objects.filter(decision=secret, member__isnull=True).count() == 1
    assert not DecisionBallot.objects.filter(member_id=member.pk).exists()


def test_two_councils_may_share_a_name(db):

    first = create_council(name="Survivor Advisory Council")
    second = create_council(name="Survivor Advisory Council")
    assert first.slug == "survivor-advisory-council"
    assert second.slug == "survivor-advisory-council-2"


def test_the_facilitator_role_follows_facilitator_memberships(db, user_factory):
    from councils.models import Membership
    from people import roles

    council = create_council(name="Council")
    person = user_factory()
    membership = memberships.add_member(council, person, role=Membership.Role.FACILITATOR)
    person = type(person).objects.get(pk=person.pk)
    assert roles.has_role(person, roles.COUNCIL_FACILITATORS)
    assert roles.mfa_required_for(person)
    memberships.end_membership(membership)
    person = type(person).objects.get(pk=person.pk)
    assert not roles.has_role(person, roles.COUNCIL_FACILITATORS)
