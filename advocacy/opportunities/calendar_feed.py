"""iCalendar (RFC 5545) feeds, written by hand: escaped, folded at 75 octets,
every time in UTC ("Z"), so calendar apps show each event at the right moment
in the reader's own zone."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

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


def escape_text(value: str) -> str:
    """TEXT escaping (RFC 5545 §3.3.11)."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line to at most 75 octets, never splitting a character."""
    encoded = line.encode()
    if len(encoded) <= 75:
        return line
    parts, current, limit = [], b"", 75
    for char in line:
        piece = char.encode()
        if len(current) + len(piece) > limit:
            parts.append(current.decode())
            current, limit = b"", 74  # continuation lines start with a space
        current += piece
    parts.append(current.decode())
    return "\r\n ".join(parts)


def utc_stamp(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def render_calendar(name: str, events: list[CalendarEvent]) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT_ID}",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    stamp = utc_stamp(timezone.now())
    for event in events:
        ends_at = event.ends_at or event.starts_at + datetime.timedelta(hours=1)
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.uid}",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{utc_stamp(event.starts_at)}",
            f"DTEND:{utc_stamp(ends_at)}",
            f"SUMMARY:{escape_text(event.summary)}",
        ]
        if event.description:
            lines.append(f"DESCRIPTION:{escape_text(event.description)}")
        if event.location:
            lines.append(f"LOCATION:{escape_text(event.location)}")
        if event.url:
            lines.append(f"URL:{event.url}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "\r\n".join(fold(line) for line in lines) + "\r\n"


def calendar_response(name: str, events: list[CalendarEvent], *, private: bool) -> HttpResponse:
    response = HttpResponse(
        render_calendar(name, events), content_type="text/calendar; charset=utf-8"
    )
    response["Cache-Control"] = "private, no-store" if private else "public, max-age=900"
    if private:
        response["Referrer-Policy"] = "no-referrer"
    return response
