"""Facilitator tools: invitation links, removing members, retention, minutes
export; and the opt-in presence and typing indicators."""

import uuid
from datetime import timedelta

import pytest
from asgiref.sync import sync_to_async
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from councils import events
from councils.factories import CouncilFactory, MeetingFactory
from councils.models import AgendaItem, Invite, Membership, Message, MessageRevision
from councils.services.agenda import add_agenda_item
from councils.services.errors import NotAllowed
from councils.services.invites import create_invite
from councils.services.memberships import update_preferences
from councils.services.messages import edit_message
from councils.services.posting import post_message

from .conftest import open_socket


def _invite_link(client, council, facilitator, role="member"):
    client.force_login(facilitator)
    response = client.post(
        reverse("councils:members", args=[council.slug]), {"role": role, "days": 7}
    )
    assert response.status_code == 200
    return response.context["invite_link"]


def test_an_invitation_link_works_once(client, council, add_member, user_factory):
    facilitator = add_member(council, role=Membership.Role.FACILITATOR)
    link = _invite_link(client, council, facilitator, role="observer")
    assert Invite.objects.get().token_hash not in link  # only a hash is stored
    newcomer, latecomer = user_factory(), user_factory()
    client.force_login(newcomer)
    assert council.name in client.get(link).content.decode()
    assert client.post(link).status_code == 302
    membership = Membership.objects.get(user=newcomer)
    assert membership.role == "observer" and council.audience.has_member(newcomer)
    client.force_login(latecomer)
    assert client.get(link).status_code == 404
    assert client.post(link).status_code == 404
    assert not Membership.objects.filter(user=latecomer).exists()


def test_expired_or_tampered_links_are_refused(client, council, add_member, user_factory):
    facilitator = add_member(council, role=Membership.Role.FACILITATOR)
    link = _invite_link(client, council, facilitator)
    client.force_login(user_factory())
    assert client.get(link[:-4] + "abc/").status_code == 404
    Invite.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    assert client.post(link).status_code == 404
    assert Membership.objects.count() == 1


def test_an_invitation_by_address_reaches_an_account_as_a_notice(
    client, council, add_member, user_factory
):
    from notifications.models import Notice
    from notifications.notices import show

    facilitator = add_member(council, role=Membership.Role.FACILITATOR)
    invited, stranger = user_factory(email="Invited@Example.org"), user_factory()
    client.force_login(facilitator)
    members_url = reverse("councils:members", args=[council.slug])
    with_account = client.post(
        members_url, {"role": "member", "days": 7, "email": "invited@example.org"}
    )
    without_account = client.post(
        members_url, {"role": "member", "days": 7, "email": "nobody-here@example.org"}
    )
    # The facilitator sees the same page either way: nobody learns who has an account.
    for response in (with_account, without_account):
        assert response.status_code == 200 and response.context["invite_link"]
    assert "nobody-here" not in without_account.content.decode()
    notice = Notice.objects.get()
    assert notice.user == invited
    invite = Invite.objects.get(invitee=invited)
    shown = show(notice, invited)
    assert council.name in shown.text
    assert shown.url == reverse("councils:invitation", args=[invite.pk])

    # Only the person invited may open or accept it.
    client.force_login(stranger)
    assert client.get(shown.url).status_code == 404
    assert client.post(shown.url).status_code == 404
    client.force_login(invited)
    assert council.name in client.get(shown.url).content.decode()
    assert client.post(shown.url).status_code == 302
    assert Membership.objects.filter(user=invited, council=council, left_at__isnull=True).exists()
    # Used once; the notice now says it is no longer open, and leads nowhere.
    assert client.post(shown.url).status_code == 404
    shown = show(notice, invited)
    assert "no longer open" in shown.text and shown.url == ""


def test_a_member_already_in_the_council_is_not_sent_an_invitation(client, council, add_member):
    from notifications.models import Notice

    facilitator = add_member(council, role=Membership.Role.FACILITATOR)
    member = add_member(council)
    create_invite(by=facilitator, council=council, email=member.email)
    assert Invite.objects.get().invitee is None
    assert not Notice.objects.exists()


def test_only_facilitators_manage_members(client, council, add_member):
    member = add_member(council)
    other = add_member(council)
    client.force_login(member)
    assert client.get(reverse("councils:members", args=[council.slug])).status_code == 404
    target = Membership.objects.get(user=other)
    url = reverse("councils:remove_member", args=[council.slug, target.pk])
    assert client.post(url).status_code == 404
    with pytest.raises(NotAllowed):
        create_invite(by=member, council=council)
    target.refresh_from_db()
    assert target.left_at is None


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
async def test_removal_over_http_closes_the_members_socket(async_client, council, add_member):
    from core.realtime import CLOSE_CODE_REVOKED

    facilitator = await sync_to_async(add_member)(council, role=Membership.Role.FACILITATOR)
    member = await sync_to_async(add_member)(council)
    communicator, connected, _ = await open_socket(member, council.pk)
    assert connected
    target = await sync_to_async(Membership.objects.get)(user=member)
    await sync_to_async(async_client.force_login)(facilitator)
    response = await async_client.post(
        reverse("councils:remove_member", args=[council.slug, target.pk])
    )
    assert response.status_code == 302
    output = await communicator.receive_output(timeout=1)
    assert output == {"type": "websocket.close", "code": CLOSE_CODE_REVOKED}


def test_retention_deletes_only_messages_past_each_councils_period(council, add_member):
    strict = CouncilFactory(retention_days=30)
    keeper = add_member(council)
    strict_member = add_member(strict)
    old = timezone.now() - timedelta(days=60)
    for who, where in ((keeper, council), (strict_member, strict)):
        for body in ("old", "new"):
            message, _ = post_message(user=who, council_id=where.pk, room_id=None, body=body)
            if body == "old":
                edit_message(
                    user=who, council_id=where.pk, message_id=message.pk, body="old, edited"
                )
                Message.objects.filter(pk=message.pk).update(created_at=old)
    call_command("apply_council_retention", stdout=open("/dev/null", "w"))  # noqa: SIM115
    remaining = set(Message.objects.values_list("room__council__retention_days", "body"))
    assert remaining == {(365, "old, edited"), (365, "new"), (30, "new")}
    assert MessageRevision.objects.count() == 1  # the kept council's edit history


def test_minutes_export_as_markdown_for_facilitators_only(client, council, add_member):
    facilitator = add_member(council, role=Membership.Role.FACILITATOR, pseudonym="Sage")
    member = add_member(council)
    meeting = MeetingFactory(council=council, title="Autumn check-in")
    AgendaItem.objects.create(council=meeting.council, meeting=meeting, title="Budget")
    client.force_login(facilitator)
    client.post(
        reverse("councils:save_minutes", args=[council.slug, meeting.pk]),
        {
            "minutes": "<p>We agreed <script>x()</script>to rest in December.</p>",
            "attendees": [str(facilitator.pk)],
        },
    )
    meeting.refresh_from_db()
    assert "<script" not in meeting.minutes
    url = reverse("councils:export_minutes", args=[council.slug, meeting.pk])
    response = client.get(url)
    text = response.content.decode()
    assert response["Content-Disposition"].startswith("attachment")
    assert "# Autumn check-in" in text and "1. Budget" in text and "- Sage" in text
    assert "to rest in December." in text and "<p>" not in text and "x()" not in text
    client.force_login(member)
    assert client.get(url).status_code == 404


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
async def test_presence_and_typing_are_invisible_unless_turned_on(council, add_member):
    quiet = await sync_to_async(add_member)(council)
    listener = await sync_to_async(add_member)(council)
    q, _, _ = await open_socket(quiet, council.pk)
    listen, _, _ = await open_socket(listener, council.pk)
    await q.send_json_to({"type": "typing"})
    assert (await q.receive_json_from(timeout=2))["type"] == "error"
    await q.send_json_to({"type": "presence", "here": True})
    assert (await q.receive_json_from(timeout=2))["type"] == "error"
    assert await listen.receive_nothing(timeout=0.3)
    await sync_to_async(update_preferences)(
        user=quiet, council_id=council.pk, pseudonym="Lark", show_presence=True, share_typing=True
    )
    await q.send_json_to({"type": "typing"})
    typing = await listen.receive_json_from(timeout=2)
    assert typing["type"] == "typing" and typing["name"] == "Lark"
    assert events.check_server_payload(typing) == []
    await q.send_json_to({"type": "presence", "here": True})
    presence = await listen.receive_json_from(timeout=2)
    assert presence == {**presence, "type": "presence", "here": True, "name": "Lark"}
    await q.disconnect()
    gone = await listen.receive_json_from(timeout=2)
    assert gone["type"] == "presence" and gone["here"] is False
    await listen.disconnect()


def test_no_read_receipts_are_kept(council, add_member):
    # Reading leaves no trace: no model in councils records who read what.
    from django.apps import apps

    fields = {
        f.name for model in apps.get_app_config("councils").get_models() for f in model._meta.fields
    }
    assert not {"read_at", "seen_at", "read_by", "last_read_seq"} & fields
    assert uuid


def test_points_wait_for_a_meeting_and_join_the_next_one_planned(client, council, add_member):
    from django.core.exceptions import ValidationError

    facilitator = add_member(council, Membership.Role.FACILITATOR)
    member = add_member(council)
    item = add_agenda_item(council, title="Review a proposal", link="/admin/pages/1/")
    assert item.meeting is None
    with pytest.raises(ValidationError):
        add_agenda_item(council, title="Bad", link="javascript:alert(1)")

    client.force_login(member)
    page = client.get(reverse("councils:room", args=[council.slug])).content.decode()
    assert "Waiting for a meeting" in page and 'href="/admin/pages/1/"' in page

    starts = (timezone.now() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    meetings_url = reverse("councils:meetings", args=[council.slug])
    assert client.post(meetings_url, {"title": "X", "starts_at": starts}).status_code == 404
    client.force_login(facilitator)
    response = client.post(
        meetings_url, {"title": "Next circle", "starts_at": starts, "time_zone": "Europe/London"}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.meeting is not None and item.meeting.title == "Next circle"
    # Later points go straight onto the planned meeting.
    later = add_agenda_item(council, title="Another point")
    assert later.meeting == item.meeting and later.position == 2


def test_minutes_over_the_limit_are_refused_with_both_numbers_and_kept(client, council, add_member):
    from councils.models.meeting import MINUTES_MAX_CHARS

    facilitator = add_member(council, role=Membership.Role.FACILITATOR)
    meeting = MeetingFactory(council=council, title="Winter check-in")
    client.force_login(facilitator)
    url = reverse("councils:save_minutes", args=[council.slug, meeting.pk])
    too_long = "We talked. " * 4600  # 50,600 characters
    response = client.post(url, {"minutes": too_long})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Minutes can be up to 50,000 characters; yours has 50,599." in page
    assert too_long.strip() in page  # nothing written is lost
    meeting.refresh_from_db()
    assert meeting.minutes == ""
    # At the limit, they are saved, whatever escaping does to their length.
    at_limit = "&" * MINUTES_MAX_CHARS
    assert client.post(url, {"minutes": at_limit}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.minutes == "&amp;" * MINUTES_MAX_CHARS


def test_an_agenda_item_over_the_limit_is_refused_and_kept(client, council, add_member):
    facilitator = add_member(council, role=Membership.Role.FACILITATOR)
    meeting = MeetingFactory(council=council)
    client.force_login(facilitator)
    response = client.post(
        reverse("councils:add_agenda_item", args=[council.slug, meeting.pk]),
        {"title": "Budget", "notes": "n" * 2001},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "at most 2000 characters (it has 2001)" in page
    assert "n" * 2001 in page
    assert not AgendaItem.objects.exists()
