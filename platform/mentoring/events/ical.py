"""iCalendar (RFC 5545) text for events: pure functions, no Flask, no database.

Small on purpose: one VCALENDAR of VEVENTs in UTC is all a calendar client
needs from us, and writing it here avoids a dependency for forty lines.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

CRLF = "\r\n"
MAX_OCTETS = 75  # RFC 5545 3.1: lines longer than this are folded
PRODID = "-//Career Mentoring//Events//EN"


@dataclass(frozen=True)
class CalendarEntry:
    """One event as a calendar client sees it."""

    uid: str
    sequence: int
    stamp: datetime  # DTSTAMP: when this version of the event was made
    starts_at: datetime
    ends_at: datetime
    summary: str
    description: str = ""
    location: str = ""
    url: str = ""


def escape_text(value: str) -> str:
    """TEXT value escaping (3.3.11): backslash, ``;``, ``,`` and newlines."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\n", "\\n")


def utc_stamp(moment: datetime) -> str:
    """A DATE-TIME in UTC form (``19980119T070000Z``); naive datetimes are refused."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: calendar times must be timezone-aware")
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def fold(line: str) -> str:
    """Fold a content line at 75 octets (3.1), never inside a UTF-8 character.

    Continuation lines start with one space, which counts towards their 75.
    """
    parts: list[str] = []
    current, size, limit = [], 0, MAX_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append("".join(current))
            current, size, limit = [], 0, MAX_OCTETS - 1
        current.append(char)
        size += width
    parts.append("".join(current))
    return (CRLF + " ").join(parts)


def _event_lines(entry: CalendarEntry) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{escape_text(entry.uid)}",
        f"SEQUENCE:{entry.sequence}",
        f"DTSTAMP:{utc_stamp(entry.stamp)}",
        f"DTSTART:{utc_stamp(entry.starts_at)}",
        f"DTEND:{utc_stamp(entry.ends_at)}",
        f"SUMMARY:{escape_text(entry.summary)}",
    ]
    if entry.description:
        lines.append(f"DESCRIPTION:{escape_text(entry.description)}")
    if entry.location:
        lines.append(f"LOCATION:{escape_text(entry.location)}")
    if entry.url:
        lines.append(f"URL:{entry.url}")
    lines.append("END:VEVENT")
    return lines


def calendar(entries: Iterable[CalendarEntry], name: str = "") -> str:
    """A whole VCALENDAR: CRLF line ends, every line folded."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}"]
    lines += ["CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    if name:
        lines.append(f"X-WR-CALNAME:{escape_text(name)}")
    for entry in entries:
        lines += _event_lines(entry)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)
