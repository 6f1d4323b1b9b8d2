"""iCalendar (RFC 5545) feeds, written with the `icalendar` package (which
escapes and folds at 75 octets), every time in UTC ("Z"), so calendar apps
show each event at the right moment in the reader's own zone."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import icalendar
from django.http import HttpResponse
from django.utils import timezone

PRODUCT_ID = "-//Survivor Leadership Platform//Opportunities//EN"


@dataclass
class CalendarEvent:
    uid: str
    summary: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime | None = None
    description: str = ""
    location: str = ""
    url: str = ""


def _utc(moment: datetime.datetime) -> datetime.datetime:
    return moment.astimezone(datetime.UTC)


def render_calendar(name: str, events: list[CalendarEvent]) -> str:
    calendar = icalendar.Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("calscale", "GREGORIAN")
    # An X- property is written as given unless it is declared TEXT.
    calendar.add("x-wr-calname", icalendar.vText(name))
    stamp = _utc(timezone.now())
    for event in events:
        ends_at = event.ends_at or event.starts_at + datetime.timedelta(hours=1)
        entry = icalendar.Event()
        entry.add("uid", event.uid)
        entry.add("dtstamp", stamp)
        entry.add("dtstart", _utc(event.starts_at))
        entry.add("dtend", _utc(ends_at))
        entry.add("summary", event.summary)
        if event.description:
            entry.add("description", event.description)
        if event.location:
            entry.add("location", event.location)
        if event.url:
            entry.add("url", event.url)
        calendar.add_component(entry)
    # In the order written above, as the feed always listed them.
    return calendar.to_ical(sorted=False).decode()


def calendar_response(name: str, events: list[CalendarEvent], *, private: bool) -> HttpResponse:
    response = HttpResponse(
        render_calendar(name, events), content_type="text/calendar; charset=utf-8"
    )
    response["Cache-Control"] = "private, no-store" if private else "public, max-age=900"
    if private:
        response["Referrer-Policy"] = "no-referrer"
    return response
