"""iCalendar feeds, parsed back: the public feed of open opportunities, and
each person's private, revocable engagements feed."""

import datetime
from decimal import Decimal

import icalendar
import pytest
from django.utils import timezone

from advocacy.opportunities.calendar_feed import CalendarEvent, render_calendar
from advocacy.opportunities.models import CalendarFeedToken
from advocacy.opportunities.workflow import decide, submit_application

from .helpers import SpeakingOpportunityFactory, survivor_leader

pytestmark = pytest.mark.django_db


def parse(response):
    assert response["Content-Type"].startswith("text/calendar")
    raw = response.content
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75
    return icalendar.Calendar.from_ical(raw)


def events(calendar):
    return list(calendar.walk("VEVENT"))


def test_the_public_feed_lists_open_opportunities_at_the_right_moment(client):
    start = datetime.datetime(2031, 7, 1, 9, 30, tzinfo=datetime.UTC)
    SpeakingOpportunityFactory(
        title="Training, part 1; for inspectors",
        starts_at=start,
        time_zone="Pacific/Auckland",
        is_unpaid=True,
        unpaid_reason="Community event",
    )
    SpeakingOpportunityFactory(title="A draft", status="draft")
    SpeakingOpportunityFactory(title="Flexible", starts_at=None, is_flexible=True)
    calendar = parse(client.get("/opportunities/feed.ics"))
    (event,) = events(calendar)
    assert str(event["SUMMARY"]).startswith("Training, part 1; for inspectors")
    assert event.decoded("DTSTART") == start
    assert "Unpaid" in str(event["DESCRIPTION"])


def test_escaping_and_folding_round_trip():
    long_title = "Lecture ✓ " * 20 + "with, commas; semicolons\\ and\nnew lines"
    start = datetime.datetime(2030, 1, 2, 3, 4, tzinfo=datetime.UTC)
    text = render_calendar("Test", [CalendarEvent(uid="x@y", summary=long_title, starts_at=start)])
    parsed = icalendar.Calendar.from_ical(text)
    (event,) = parsed.walk("VEVENT")
    assert str(event["SUMMARY"]) == long_title
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


# What the feed said before it was written with the icalendar package, its
# folded lines joined again (only where lines fold may differ).
EXPECTED_LINES = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Survivor Leadership Platform//Opportunities//EN",
    "CALSCALE:GREGORIAN",
    "X-WR-CALNAME:Speaking opportunities\\, mine\\; \\\\ all",
    "BEGIN:VEVENT",
    "UID:opportunity-7@example.org",
    "DTSTAMP:20300506T070809Z",
    "DTSTART:20310701T093000Z",
    "DTEND:20310701T103000Z",
    "SUMMARY:" + "Lecture ✓ " * 9 + "with\\, commas\\; semi\\\\ and\\nnew\\nlines (Org\\, Ltd)",
    "DESCRIPTION:Talk · Unpaid: Community event",
    "LOCATION:Remote",
    "URL:https://example.org/opportunities/7/",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "UID:engagement-3@example.org",
    "DTSTAMP:20300506T070809Z",
    "DTSTART:20310309T140000Z",
    "DTEND:20310309T160000Z",
    "SUMMARY:Keynote (Org)",
    "LOCATION:Bangkok\\; Hall 2",
    "END:VEVENT",
    "END:VCALENDAR",
    "",
]


def test_the_feed_says_what_it_said_line_for_line(monkeypatch):
    monkeypatch.setattr(
        timezone, "now", lambda: datetime.datetime(2030, 5, 6, 7, 8, 9, tzinfo=datetime.UTC)
    )
    auckland = datetime.timezone(datetime.timedelta(hours=12))
    text = render_calendar(
        "Speaking opportunities, mine; \\ all",
        [
            CalendarEvent(
                uid="opportunity-7@example.org",
                summary="Lecture ✓ " * 9 + "with, commas; semi\\ and\r\nnew\rlines (Org, Ltd)",
                starts_at=datetime.datetime(2031, 7, 1, 21, 30, tzinfo=auckland),
                description="Talk · Unpaid: Community event",
                location="Remote",
                url="https://example.org/opportunities/7/",
            ),
            CalendarEvent(
                uid="engagement-3@example.org",
                summary="Keynote (Org)",
                starts_at=datetime.datetime(2031, 3, 9, 14, 0, tzinfo=datetime.UTC),
                ends_at=datetime.datetime(2031, 3, 9, 16, 0, tzinfo=datetime.UTC),
                location="Bangkok; Hall 2",
            ),
        ],
    )
    assert text.replace("\r\n ", "").split("\r\n") == EXPECTED_LINES


def accepted(applicant, starts_at, title="Keynote at the summit"):
    opportunity = SpeakingOpportunityFactory(title=title)
    application = submit_application(applicant, opportunity, pseudonym="Ana")
    return decide(
        application,
        status="accepted",
        fee_amount=Decimal("800"),
        currency="USD",
        starts_at=starts_at,
        time_zone="America/New_York",
    )


def test_the_private_feed_shows_my_engagements_only_and_can_be_replaced_or_turned_off(client):
    me, someone_else = survivor_leader(), survivor_leader()
    start = datetime.datetime(2031, 3, 9, 14, 0, tzinfo=datetime.UTC)
    accepted(me, start)
    accepted(someone_else, start, title="Someone else's talk")
    client.force_login(me)
    client.post("/me/calendar/new/")
    token = CalendarFeedToken.objects.get(user=me).token
    client.logout()  # calendar apps do not sign in

    calendar = parse(client.get(f"/calendar/{token}.ics"))
    (event,) = events(calendar)
    assert str(event["SUMMARY"]).startswith("Keynote at the summit")
    assert event.decoded("DTSTART") == start
    assert "$800.00" in str(event["DESCRIPTION"])

    client.force_login(me)
    client.post("/me/calendar/new/")
    client.logout()
    assert client.get(f"/calendar/{token}.ics").status_code == 404
    new_token = CalendarFeedToken.objects.get(user=me).token
    assert client.get(f"/calendar/{new_token}.ics").status_code == 200

    client.force_login(me)
    client.post("/me/calendar/revoke/")
    client.logout()
    assert client.get(f"/calendar/{new_token}.ics").status_code == 404


@pytest.mark.parametrize("token", ["nonsense", "1.", ".abc", "999999.abc"])
def test_wrong_tokens_find_nothing(client, token):
    assert client.get(f"/calendar/{token}.ics").status_code == 404


def test_another_persons_secret_does_not_open_my_feed(client):
    me, other = survivor_leader(), survivor_leader()
    mine = CalendarFeedToken.objects.create(user=me)
    theirs = CalendarFeedToken.objects.create(user=other)
    assert client.get(f"/calendar/{me.pk}.{theirs.secret}.ics").status_code == 404
    assert client.get(f"/calendar/{mine.token}.ics").status_code == 200


def test_a_withdrawn_engagement_leaves_the_feed(client):
    me = survivor_leader()
    engagement = accepted(me, timezone.now() + datetime.timedelta(days=5))
    token = CalendarFeedToken.objects.create(user=me)
    from advocacy.opportunities.workflow import withdraw_application

    withdraw_application(engagement.application, actor=me)
    assert events(parse(client.get(f"/calendar/{token.token}.ics"))) == []
