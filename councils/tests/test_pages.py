"""The workspace over HTTP: who may see what, no-JS posting that broadcasts,
editing, removing and reporting, and inert rendering of hostile text."""

import html
import uuid

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.urls import reverse

from councils import events
from councils.models import BodyFormat, Membership, Message, Report
from councils.services.memberships import end_membership
from councils.services.messages import edit_message
from councils.services.payloads import message_payload, names_for
from councils.services.posting import post_message
from councils.services.rooms import next_seq

HOSTILE = (
    '<script>alert(1)</script><img src=x onerror="alert(2)">'
    '<a href="javascript:alert(3)">click</a><b onclick="alert(4)">bold</b>'
)


def room_url(council):
    return reverse("councils:room", args=[council.slug])


def test_anonymous_visitors_are_sent_to_sign_in(client, council):
    response = client.get(room_url(council))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_non_members_and_former_members_get_not_found(client, council, add_member, user_factory):
    post_message(
        user=add_member(council), council_id=council.pk, room_id=None, body="Private words"
    )
    stranger = user_factory()
    former = add_member(council)
    end_membership(Membership.objects.get(user=former))
    general = council.rooms.get()
    for user in (stranger, former):
        client.force_login(user)
        for url in (
            room_url(council),
            reverse("councils:room", args=[council.slug, general.pk]),
            reverse("councils:meetings", args=[council.slug]),
            reverse("councils:preferences", args=[council.slug]),
        ):
            response = client.get(url)
            assert response.status_code == 404, url
            assert b"Private words" not in response.content
        response = client.post(
            reverse("councils:post", args=[council.slug, general.pk]),
            {"body": "let me in", "client_id": str(uuid.uuid4())},
        )
        assert response.status_code == 404
    assert not Message.objects.filter(body="let me in").exists()


def test_members_see_history_agenda_and_decisions(client, council, add_member):
    from councils.factories import DecisionFactory, MeetingFactory
    from councils.models import AgendaItem

    member = add_member(council)
    post_message(user=member, council_id=council.pk, room_id=None, body="Good morning")
    meeting = MeetingFactory(council=council, title="Spring gathering")
    AgendaItem.objects.create(council=meeting.council, meeting=meeting, title="Welcome circle")
    DecisionFactory(council=council, question="Meet monthly?")
    client.force_login(member)
    page = client.get(room_url(council)).content.decode()
    for text in ("Good morning", "Spring gathering", "Welcome circle", "Meet monthly?"):
        assert text in page
    assert 'aria-live="polite"' in page
    assert "councils/workspace.js" in page
    assert "<script>" not in page.split("</head>", 1)[1]


def test_history_pages_back_by_seq(client, council, add_member):
    member = add_member(council)
    for n in range(55):
        post_message(user=member, council_id=council.pk, room_id=None, body=f"note {n}")
    client.force_login(member)
    response = client.get(room_url(council))
    assert [m.seq for m in response.context["history"]] == list(range(6, 56))
    older = client.get(room_url(council), {"before": response.context["older_than"]})
    assert [m.seq for m in older.context["history"]] == list(range(1, 6))
    assert older.context["live"] is False


def test_history_costs_the_same_queries_with_few_and_many_messages(
    client, council, add_member, django_assert_num_queries
):
    authors = [add_member(council) for _ in range(3)]
    client.force_login(authors[0])

    def count_queries():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert client.get(room_url(council)).status_code == 200
        return len(captured)

    post_message(user=authors[0], council_id=council.pk, room_id=None, body="one")
    client.get(room_url(council))  # the first request also touches the session
    few = count_queries()
    for n in range(30):
        post_message(user=authors[n % 3], council_id=council.pk, room_id=None, body=f"many {n}")
    with django_assert_num_queries(few):
        client.get(room_url(council))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_posting_without_javascript_saves_once_and_broadcasts(client, council, add_member):
    member = add_member(council)
    general = council.rooms.get()
    layer = get_channel_layer()
    channel = async_to_sync(layer.new_channel)()
    async_to_sync(layer.group_add)(events.room_group(general.pk), channel)
    client.force_login(member)
    client_id = str(uuid.uuid4())
    url = reverse("councils:post", args=[council.slug, general.pk])
    for _ in range(2):  # pressing Send twice
        response = client.post(url, {"body": "From a form", "client_id": client_id})
        assert response.status_code == 302
    assert Message.objects.filter(body="From a form").count() == 1
    sent = async_to_sync(layer.receive)(channel)
    assert '"body":"From a form"' in sent["text"]
    assert sent["seq"] == 1


def test_a_failed_post_keeps_what_was_typed(client, council, add_member):
    member = add_member(council)
    client.force_login(member)
    general = council.rooms.get()
    response = client.post(
        reverse("councils:post", args=[council.slug, general.pk]),
        {"body": "x" * 5001, "client_id": str(uuid.uuid4())},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "x" * 5001 in page
    assert "Messages can be up to 5,000 characters; yours has 5,001." in page


def test_observers_cannot_post_over_http(client, council, add_member):
    observer = add_member(council, role=Membership.Role.OBSERVER)
    client.force_login(observer)
    general = council.rooms.get()
    page = client.get(room_url(council)).content.decode()
    assert "council-composer" not in page
    response = client.post(
        reverse("councils:post", args=[council.slug, general.pk]),
        {"body": "hi", "client_id": str(uuid.uuid4())},
    )
    assert response.status_code in (400, 404)
    assert not Message.objects.exists()


def test_edit_only_by_author_and_redact_by_author_or_facilitator(client, council, add_member):
    author = add_member(council)
    other = add_member(council)
    facilitator = add_member(council, role=Membership.Role.FACILITATOR)
    message, _ = post_message(user=author, council_id=council.pk, room_id=None, body="Draft")
    edit = reverse("councils:edit", args=[council.slug, message.pk])
    redact = reverse("councils:redact", args=[council.slug, message.pk])
    for user in (other, facilitator):
        client.force_login(user)
        assert client.post(edit, {"body": "Hijacked"}).status_code == 404
    client.force_login(other)
    assert client.post(redact).status_code == 404
    client.force_login(author)
    assert client.post(edit, {"body": "Final"}).status_code == 302
    message.refresh_from_db()
    assert message.body == "Final"
    client.force_login(facilitator)
    history = client.get(reverse("councils:message_history", args=[council.slug, message.pk]))
    assert "Draft" in history.content.decode()
    client.force_login(other)
    assert (
        client.get(reverse("councils:message_history", args=[council.slug, message.pk])).status_code
        == 404
    )
    client.force_login(facilitator)
    assert client.post(redact).status_code == 302
    message.refresh_from_db()
    assert message.is_redacted and message.body == ""
    page = client.get(room_url(council)).content.decode()
    assert "This message was removed." in page
    assert "Final" not in page


def test_members_report_and_facilitators_handle_reports(client, council, add_member):
    author = add_member(council)
    reader = add_member(council)
    facilitator = add_member(council, role=Membership.Role.FACILITATOR)
    message, _ = post_message(user=author, council_id=council.pk, room_id=None, body="Hm")
    client.force_login(reader)
    url = reverse("councils:report", args=[council.slug, message.pk])
    assert client.post(url, {"reason": "This felt unkind"}).status_code == 302
    report = Report.objects.get()
    assert report.reporter == reader
    reports = reverse("councils:reports", args=[council.slug])
    assert client.get(reports).status_code == 404
    client.force_login(facilitator)
    assert "This felt unkind" in client.get(reports).content.decode()
    client.post(
        reverse("councils:resolve_report", args=[council.slug, report.pk]),
        {"resolution": "Talked it through"},
    )
    report.refresh_from_db()
    assert report.resolved_by == facilitator


def test_hostile_text_is_shown_as_typed_and_inert_in_history(client, council, add_member):
    member = add_member(council)
    post_message(user=member, council_id=council.pk, room_id=None, body=HOSTILE)
    client.force_login(member)
    page = client.get(room_url(council)).content.decode()
    body = page.split('class="council-message__body"', 1)[1].split("</div>", 1)[0]
    # Every character typed is there, escaped: text, not markup.
    assert body == f'><span class="council-text">{html.escape(HOSTILE)}</span>'


def test_messages_from_before_plain_text_render_as_before(client, council, add_member):
    member = add_member(council)
    # A row saved before messages were plain text: sanitised HTML. Even one
    # stored unsanitised (a bug) renders inert.
    room = council.rooms.get()
    for body in ("Read <b>this</b> first", HOSTILE):
        Message.objects.create(
            room=room,
            seq=next_seq(room.pk),
            author=member,
            body=body,
            body_format=BodyFormat.HTML,
        )
    client.force_login(member)
    page = client.get(room_url(council)).content.decode()
    body = page.split('id="council-history"', 1)[1].split("</ol>", 1)[0]
    assert "Read <b>this</b> first" in body
    assert "<script" not in body
    assert "onerror" not in body and "onclick" not in body
    assert "javascript:" not in body
    assert "<b>bold</b>" in body


def test_hostile_text_travels_as_typed_and_marked_as_text(council, add_member):
    member = add_member(council)
    message, _ = post_message(user=member, council_id=council.pk, room_id=None, body=HOSTILE)
    payload = message_payload(message, names_for(council), "message.new")
    # The page shows it with textContent, so nothing in it can become markup.
    assert payload["body"] == HOSTILE
    assert payload["body_format"] == "text"


def test_my_councils_lists_only_current_councils(client, council, add_member):
    from councils.factories import CouncilFactory

    member = add_member(council)
    other = CouncilFactory(name="Somewhere else")
    client.force_login(member)
    page = client.get(reverse("councils:list")).content.decode()
    assert council.name in page and "Somewhere else" not in page
    assert other.pk


def test_content_warnings_collapse_as_each_reader_chose(client, council, add_member):
    from people.models import ContentWarningTopic, Profile

    money = ContentWarningTopic.objects.create(name="Debt and money", slug="debt-and-money")
    other = ContentWarningTopic.objects.create(name="Violence", slug="violence")
    author = add_member(council)
    reader = add_member(council)
    client.force_login(author)
    general = council.rooms.get()
    client.post(
        reverse("councils:post", args=[council.slug, general.pk]),
        {"body": "About wages", "content_warnings": [money.pk], "client_id": str(uuid.uuid4())},
    )
    message = Message.objects.get()
    assert list(message.content_warnings.all()) == [money]
    payload = message_payload(message, names_for(council), "message.new")
    assert payload["warning_topics"] == [money.pk]
    assert payload["warning_labels"] == ["Debt and money"]
    # Someone who has not chosen yet sees it collapsed.
    client.force_login(reader)
    page = client.get(room_url(council)).content.decode()
    assert '<details class="content-warning">' in page
    assert f'data-hidden-topics="{min(money.pk, other.pk)} {max(money.pk, other.pk)}"' in page
    # Someone who chose to collapse only another topic sees a note instead.
    profile = Profile.objects.get_or_create(user=reader)[0]
    profile.content_warnings_chosen = True
    profile.save()
    profile.content_warning_topics.set([other])
    page = client.get(room_url(council)).content.decode()
    assert '<details class="content-warning">' not in page
    assert "Content note:" in page and "About wages" in page
    assert f'data-hidden-topics="{other.pk}"' in page


def test_live_updates_continue_from_the_rooms_latest_event(client, council, add_member):
    """The page hands the script the room's last seq, which counts edits and
    removals too: the edit below is already shown, so it is not sent again."""
    member = add_member(council)
    first = post_message(user=member, council_id=council.pk, room_id=None, body="one")[0]
    post_message(user=member, council_id=council.pk, room_id=None, body="two")
    edit_message(user=member, council_id=council.pk, message_id=first.pk, body="uno")
    client.force_login(member)
    response = client.get(room_url(council))
    assert response.context["last_seq"] == council.rooms.get().last_seq == 3
    assert 'data-last-seq="3"' in response.content.decode()
    assert "uno" in response.content.decode()
