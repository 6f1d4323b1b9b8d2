"""Messages are plain text: what a member types is saved and shown exactly,
over the socket, the no-script form, edits and backfill; messages saved as
sanitised HTML before keep rendering as they did."""

import pytest
from asgiref.sync import sync_to_async

from councils import events
from councils.models import BodyFormat, Message, MessageRevision
from councils.services.messages import edit_message
from councils.services.posting import post_message
from councils.services.rooms import next_seq

from .conftest import open_socket
from .test_sockets import receive, send_message

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

AS_TYPED = [
    "use <b> for bold",
    "<b>",
    "<script>alert(1)</script>",
    "if (a < b && c > d) { return x; }",
    "  indented\n    code\n",
    "Tom &amp; Jerry &lt;3",
]


@pytest.mark.parametrize("text", AS_TYPED)
async def test_what_a_member_types_arrives_exactly_as_typed(council, add_member, text):
    alice = await sync_to_async(add_member)(council)
    bo = await sync_to_async(add_member)(council)
    a, _, _ = await open_socket(alice, council.pk)
    b, _, _ = await open_socket(bo, council.pk)
    await send_message(a, text)
    for communicator in (a, b):
        payload = await receive(communicator)
        assert payload["type"] == events.MESSAGE_NEW, payload
        assert payload["body"] == text.strip()
        assert payload["body_format"] == BodyFormat.TEXT
    saved = await sync_to_async(Message.objects.get)()
    assert (saved.body, saved.body_format) == (text.strip(), BodyFormat.TEXT)
    # And again for someone who reconnects and is brought up to date.
    c, _, _ = await open_socket(bo, council.pk, query="last_seen_seq=0")
    replayed = await receive(c)
    assert replayed["body"] == text.strip() and replayed["body_format"] == BodyFormat.TEXT
    for communicator in (a, b, c):
        await communicator.disconnect()


async def test_only_blank_space_is_refused_as_empty(council, add_member):
    alice = await sync_to_async(add_member)(council)
    a, _, _ = await open_socket(alice, council.pk)
    await send_message(a, "  \n\t ")
    error = await receive(a)
    assert error["code"] == events.ERROR_INVALID
    assert error["message"] == "Write something before sending."
    await a.disconnect()


async def test_a_message_over_the_limit_is_refused_with_its_length(council, add_member):
    alice = await sync_to_async(add_member)(council)
    a, _, _ = await open_socket(alice, council.pk)
    await send_message(a, "x" * events.MAX_BODY_CHARS)
    assert (await receive(a))["type"] == events.MESSAGE_NEW
    await send_message(a, "y" * 5312)
    error = await receive(a)
    assert error["code"] == events.ERROR_TOO_LARGE
    assert error["message"] == "Messages can be up to 5,000 characters; yours has 5,312."
    message_id = (await sync_to_async(Message.objects.get)()).pk
    await a.send_json_to({"type": "message.edit", "message": message_id, "body": "z" * 5001})
    error = await receive(a)
    assert error["message"] == "Messages can be up to 5,000 characters; yours has 5,001."
    assert await sync_to_async(Message.objects.filter(body__startswith="y").count)() == 0
    await a.disconnect()


def test_editing_a_message_from_before_keeps_its_old_version_as_it_was(council, add_member):
    author = add_member(council)
    room = council.rooms.get()
    old = Message.objects.create(
        room=room,
        seq=next_seq(room.pk),
        author=author,
        body='Read <a href="https://example.org" rel="nofollow">this</a> &amp; <b>that</b>',
        body_format=BodyFormat.HTML,
    )
    assert old.text == "Read this & that"
    edit_message(user=author, council_id=council.pk, message_id=old.pk, body="Read <this> & that")
    old.refresh_from_db()
    assert (old.body, old.body_format) == ("Read <this> & that", BodyFormat.TEXT)
    revision = MessageRevision.objects.get()
    assert revision.body_format == BodyFormat.HTML and revision.body.startswith("Read <a")


def test_the_edit_form_offers_an_old_message_as_the_text_its_readers_saw(
    client, council, add_member
):
    from django.urls import reverse

    author = add_member(council)
    room = council.rooms.get()
    old = Message.objects.create(
        room=room,
        seq=next_seq(room.pk),
        author=author,
        body="Tom &amp; <b>Jerry</b>",
        body_format=BodyFormat.HTML,
    )
    client.force_login(author)
    page = client.get(reverse("councils:edit", args=[council.slug, old.pk])).content.decode()
    # The textarea holds the visible text (escaped once for HTML), no tags.
    assert ">\nTom &amp; Jerry</textarea>" in page
    # The quote above the form still shows it as it always rendered.
    assert "Tom &amp; <b>Jerry</b>" in page


def test_the_data_export_says_how_each_message_was_stored(council, add_member):
    from councils.personal_data import export_council_data

    author = add_member(council)
    post_message(user=author, council_id=council.pk, room_id=None, body="a <b> c")
    exported = export_council_data(author)["messages"]
    assert [(m["body"], m["body_format"]) for m in exported] == [("a <b> c", "text")]
