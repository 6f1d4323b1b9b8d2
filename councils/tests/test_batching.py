"""Messages saved in batches: each send keeps its own permission check, error,
client_id and rate limit; seqs follow the order of the batch; a batch costs
the same queries however large the room and however many messages it holds."""

import asyncio
import threading
import uuid

import pytest
from asgiref.sync import sync_to_async
from channels.db import database_sync_to_async
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from councils import events, publishing
from councils.models import Membership, Message, Room
from councils.services import posting
from councils.services.errors import NotAllowed
from councils.services.memberships import end_membership
from councils.services.payloads import message_payload, names_for
from councils.services.posting import MessageSend, post_message, post_messages

from .conftest import open_socket


async def _receive(communicator, count: int) -> list[dict]:
    got = [await communicator.receive_json_from(timeout=3) for _ in range(count)]
    assert all(events.check_server_payload(p) == [] for p in got), got
    return got


def _send(user, council, body, client_id=None, room_id=None, **extra):
    return MessageSend(
        user=user,
        council_id=council.pk,
        room_id=room_id,
        body=body,
        client_id=client_id,
        **extra,
    )


@pytest.mark.django_db
def test_a_forbidden_frame_does_not_fail_the_valid_ones_beside_it(council, add_member):
    observer = add_member(council, role=Membership.Role.OBSERVER)
    member = add_member(council)
    outcomes = post_messages(
        [
            _send(observer, council, "May I?"),
            _send(member, council, "First"),
            _send(member, council, "   "),
            _send(member, council, "Second"),
        ]
    )
    assert isinstance(outcomes[0].error, NotAllowed)
    assert outcomes[2].error.code == events.ERROR_INVALID
    assert [o.created for o in outcomes] == [False, True, False, True]
    assert [o.payload["seq"] for o in (outcomes[1], outcomes[3])] == [1, 2]
    assert list(Message.objects.values_list("seq", "body")) == [(1, "First"), (2, "Second")]
    for outcome in (outcomes[1], outcomes[3]):
        assert events.check_server_payload(outcome.payload) == []
        assert outcome.payload["author_member"] == Membership.objects.get(user=member).pk


@pytest.mark.django_db
def test_a_member_removed_meanwhile_is_refused_in_the_next_batch(council, add_member):
    member = add_member(council)
    assert post_messages([_send(member, council, "Hello")])[0].created
    end_membership(Membership.objects.get(user=member))
    outcome = post_messages([_send(member, council, "Still here?")])[0]
    assert isinstance(outcome.error, NotAllowed)
    assert Message.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_retries_inside_a_batch_save_once_and_leave_no_gap(council, add_member):
    alice = add_member(council)
    bo = add_member(council)
    saved_before = uuid.uuid4()
    post_message(
        user=alice, council_id=council.pk, room_id=None, body="Earlier", client_id=saved_before
    )
    twice = uuid.uuid4()
    outcomes = post_messages(
        [
            _send(bo, council, "Quick resend", client_id=twice),
            # Saved by an earlier batch: found through the unique constraint.
            _send(alice, council, "Earlier", client_id=saved_before),
            _send(alice, council, "New one", client_id=uuid.uuid4()),
            _send(bo, council, "Quick resend", client_id=twice),
        ]
    )
    assert [o.error for o in outcomes] == [None] * 4
    assert [o.created for o in outcomes] == [True, False, True, False]
    assert outcomes[1].payload["seq"] == 1
    assert outcomes[3].payload["id"] == outcomes[0].payload["id"]
    assert list(Message.objects.order_by("seq").values_list("seq", "body")) == [
        (1, "Earlier"),
        (2, "Quick resend"),
        (3, "New one"),
    ]
    assert Room.objects.get(council=council, kind=Room.Kind.GENERAL).last_seq == 3


@pytest.mark.django_db
def test_seqs_follow_the_batch_order_in_each_room(council, add_member):
    member = add_member(council)
    topic_room = Room.objects.create(council=council, name="Housing")
    general = Room.objects.get(council=council, kind=Room.Kind.GENERAL)
    bodies = ["g1", "t1", "g2", "g3", "t2"]
    rooms = [None, topic_room.pk, None, general.pk, topic_room.pk]
    outcomes = post_messages(
        [_send(member, council, b, room_id=r) for b, r in zip(bodies, rooms, strict=True)]
    )
    seen = [(o.payload["room"], o.payload["seq"], o.payload["body"]) for o in outcomes]
    assert seen == [
        (general.pk, 1, "g1"),
        (topic_room.pk, 1, "t1"),
        (general.pk, 2, "g2"),
        (general.pk, 3, "g3"),
        (topic_room.pk, 2, "t2"),
    ]
    general.refresh_from_db()
    topic_room.refresh_from_db()
    assert (general.last_seq, topic_room.last_seq) == (3, 2)


@pytest.mark.django_db
def test_content_warnings_are_saved_and_announced_per_message(council, add_member):
    from people.models import ContentWarningTopic

    member = add_member(council)
    violence, travel = (
        ContentWarningTopic.objects.get_or_create(slug=slug, defaults={"name": name})[0]
        for slug, name in (("batch-violence", "Violence"), ("batch-travel", "Travel"))
    )
    outcomes = post_messages(
        [
            _send(member, council, "Both", content_warnings=[violence.pk, travel.pk]),
            _send(member, council, "None"),
            _send(member, council, "One", content_warnings=[travel.pk, 999999]),
        ]
    )
    assert [o.payload["warning_labels"] for o in outcomes] == [
        ["Travel", "Violence"],
        [],
        ["Travel"],
    ]
    for outcome in outcomes:
        assert outcome.payload == message_payload(
            outcome.message, names_for(council), events.MESSAGE_NEW
        )


def _queries_for(council, users, count: int) -> int:
    sends = [_send(users[n % len(users)], council, f"message {n}") for n in range(count)]
    with CaptureQueriesContext(connection) as captured:
        outcomes = post_messages(sends)
    assert all(o.created for o in outcomes)
    return len(captured)


@pytest.mark.django_db
def test_a_batch_costs_the_same_queries_for_any_room_size_and_message_count(council, add_member):
    from councils.factories import CouncilFactory

    small = [add_member(council) for _ in range(2)]
    large_council = CouncilFactory()
    large = [add_member(large_council) for _ in range(30)]
    one_small = _queries_for(council, small, 1)
    assert _queries_for(large_council, large, 1) == one_small
    assert _queries_for(council, small, 10) == one_small
    assert _queries_for(large_council, large, 25) == one_small


@pytest.mark.django_db
def test_a_message_to_a_chosen_room_costs_one_read_the_update_checks_the_room(council, add_member):
    member = add_member(council)
    general = Room.objects.get(council=council, kind=Room.Kind.GENERAL)
    with CaptureQueriesContext(connection) as captured:
        (outcome,) = post_messages([_send(member, council, "Hello", room_id=general.pk)])
    assert outcome.created
    reads = [q["sql"] for q in captured if q["sql"].lstrip().upper().startswith("SELECT")]
    # The memberships, with council, account and profile (for the name).
    assert len(reads) == 1, reads
    assert '"people_profile"' in reads[0]
    assert outcome.payload["author"] == names_for(council)[member.pk]
    # No room chosen (a form): the council's rooms are read to find the
    # general one, without a join to the council.
    with CaptureQueriesContext(connection) as captured:
        (outcome,) = post_messages([_send(member, council, "Again")])
    reads = [q["sql"] for q in captured if q["sql"].lstrip().upper().startswith("SELECT")]
    assert len(reads) == 2, reads
    assert '"councils_council"' not in reads[1]
    assert outcome.payload["room"] == general.pk


@pytest.mark.django_db
def test_a_room_of_another_council_or_none_is_refused_and_the_others_are_saved(council, add_member):
    from councils.factories import CouncilFactory

    member = add_member(council)
    elsewhere = CouncilFactory()
    add_member(elsewhere, user=member)
    their_room = Room.objects.get(council=elsewhere, kind=Room.Kind.GENERAL)
    gone = Room.objects.create(council=council, name="Closed")
    gone_id = gone.pk
    gone.delete()
    outcomes = post_messages(
        [
            _send(member, council, "Wrong council", room_id=their_room.pk),
            _send(member, council, "Here"),
            _send(member, council, "Gone room", room_id=gone_id),
            _send(member, council, "Not a number", room_id="1"),
            _send(member, council, "Yes is not a room", room_id=True),
            # Beyond any id column: must not fail the batch in the driver.
            _send(member, council, "Too large", room_id=2**70),
        ]
    )
    assert [o.error and o.error.code for o in outcomes] == [
        events.ERROR_NOT_FOUND,
        None,
        *[events.ERROR_NOT_FOUND] * 4,
    ]
    assert outcomes[0].error.message == "That room does not exist."
    assert list(Message.objects.values_list("body", flat=True)) == ["Here"]
    # The other council's room took no seq.
    their_room.refresh_from_db()
    assert their_room.last_seq == 0


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
async def test_sends_that_arrive_while_the_database_is_busy_are_saved_together(
    council, add_member, monkeypatch
):
    observer = await sync_to_async(add_member)(council, role=Membership.Role.OBSERVER)
    members = [await sync_to_async(add_member)(council) for _ in range(3)]
    sockets = [(await open_socket(user, council.pk))[0] for user in [*members, observer]]
    batches = []
    real = post_messages

    def counting(sends, **kwargs):
        batches.append(len(sends))
        return real(sends, **kwargs)

    monkeypatch.setattr(posting, "post_messages", counting)
    # Hold the one database thread, as a slow save would.
    gate = threading.Event()
    holding = asyncio.ensure_future(database_sync_to_async(gate.wait)(5))
    await asyncio.sleep(0.05)
    for index, communicator in enumerate(sockets):
        await communicator.send_json_to(
            {"type": "message.send", "body": f"from {index}", "client_id": str(uuid.uuid4())}
        )
    await asyncio.sleep(0.3)
    gate.set()
    await holding
    for communicator in sockets:
        got = await _receive(communicator, 4 if communicator is sockets[-1] else 3)
        if communicator is sockets[-1]:
            refused = [p for p in got if p["type"] == "error"]
            assert [p["code"] for p in refused] == [events.ERROR_FORBIDDEN]
        got = [p for p in got if p["type"] != "error"]
        assert [(p["seq"], p["body"]) for p in got] == [
            (1, "from 0"),
            (2, "from 1"),
            (3, "from 2"),
        ]
        assert await communicator.receive_nothing(timeout=0.1)
    assert sum(batches) == 4 and max(batches) >= 3
    for communicator in sockets:
        await communicator.disconnect()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@override_settings(COUNCILS_SOCKET_EVENTS=1, COUNCILS_SOCKET_WINDOW=60)
async def test_each_frame_of_a_batch_has_its_own_rate_limit(council, add_member):
    alice, bo = [await sync_to_async(add_member)(council) for _ in range(2)]
    # Alice has two tabs open, so two of her frames can share a batch.
    tab_one, tab_two, bos = [
        (await open_socket(user, council.pk))[0] for user in (alice, alice, bo)
    ]
    batches = []
    real = post_messages

    def counting(sends, **kwargs):
        batches.append(len(sends))
        return real(sends, **kwargs)

    gate = threading.Event()
    holding = asyncio.ensure_future(database_sync_to_async(gate.wait)(5))
    await asyncio.sleep(0.05)
    too_fast = str(uuid.uuid4())
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(posting, "post_messages", counting)
        for communicator, body, client_id in (
            (tab_one, "Alice once", str(uuid.uuid4())),
            (bos, "Bo once", str(uuid.uuid4())),
            (tab_two, "Alice again", too_fast),
        ):
            await communicator.send_json_to(
                {"type": "message.send", "body": body, "client_id": client_id}
            )
        await asyncio.sleep(0.3)
        gate.set()
        await holding
        for communicator in (tab_one, tab_two, bos):
            got = await _receive(communicator, 3 if communicator is tab_two else 2)
            if communicator is tab_two:
                errors = [(p["code"], p["client_id"]) for p in got if p["type"] == "error"]
                assert errors == [(events.ERROR_RATE_LIMITED, too_fast)]
            got = [p for p in got if p["type"] != "error"]
            assert [p["body"] for p in got] == ["Alice once", "Bo once"]
            assert await communicator.receive_nothing(timeout=0.1)
    assert await sync_to_async(Message.objects.count)() == 2
    # The rate-limited frame never reached the save.
    assert sum(batches) == 2
    for communicator in (tab_one, tab_two, bos):
        await communicator.disconnect()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
async def test_events_are_forwarded_while_the_database_thread_is_busy(council, add_member):
    member = await sync_to_async(add_member)(council)
    communicator = (await open_socket(member, council.pk))[0]
    room = await sync_to_async(lambda: council.rooms.get().pk)()
    gate = threading.Event()
    holding = asyncio.ensure_future(database_sync_to_async(gate.wait)(5))
    await asyncio.sleep(0.05)
    try:
        publishing.publish_soon(
            events.room_group(room),
            {"type": events.MEMBER_TYPING, "room": room, "member": 1, "name": "Someone"},
        )
        # Forwarding needs nothing from the database thread, held meanwhile.
        forwarded = await communicator.receive_json_from(timeout=1)
    finally:
        gate.set()
        await holding
    assert forwarded["type"] == events.MEMBER_TYPING
    await communicator.disconnect()
