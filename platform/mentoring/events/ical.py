"""iCalendar (RFC 5545) files for events, written with ``icalendar``: pure
functions, no Flask, no database.

Times are written in the city's own zone (``DTSTART;TZID=Europe/Copenhagen``)
with a VTIMEZONE for it, so a calendar keeps an event at 17:00 local time on
either side of a daylight-saving change; DTSTAMP stays in UTC as required.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

import icalendar

PRODID = "-//Career Mentoring//Events//EN"
# RFC 5546: a feed / an invitation / a cancelled invitation
PUBLISH, REQUEST, CANCEL = "PUBLISH", "REQUEST", "CANCEL"


@dataclass(frozen=True)
class CalendarEntry:
    """One event as a calendar client sees it."""

    uid: str
    sequence: int
    stamp: datetime  # DTSTAMP: when this version of the event was made
    starts_at: datetime
    ends_at: datetime
    summary: str
    timezone: str  # the city's IANA zone, e.g. "Europe/Copenhagen"
    description: str = ""
    location: str = ""
    url: str = ""
    cancelled: bool = False
    organizer: str = ""  # "mailto:..." (an invitation, METHOD:REQUEST, needs one)
    organizer_name: str = ""
    attendee: str = ""  # "mailto:..." of the invitee


def local_time(moment: datetime, timezone: str) -> datetime:
    """``moment`` as wall time in ``timezone``; naive datetimes are refused."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: calendar times must be timezone-aware")
    return moment.astimezone(ZoneInfo(timezone))


def _event(entry: CalendarEntry) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", entry.uid)
    event.add("sequence", entry.sequence)
    event.add("dtstamp", local_time(entry.stamp, "UTC"))
    event.add("dtstart", local_time(entry.starts_at, entry.timezone))
    event.add("dtend", local_time(entry.ends_at, entry.timezone))
    event.add("summary", entry.summary)
    for key in ("description", "location", "url"):
        if getattr(entry, key):
            event.add(key, getattr(entry, key))
    if entry.cancelled:
        event.add("status", "CANCELLED")
    _add_people(event, entry)
    return event


def _add_people(event: icalendar.Event, entry: CalendarEntry) -> None:
    if entry.organizer:
        organizer = icalendar.vCalAddress(entry.organizer)
        if entry.organizer_name:
            organizer.params["CN"] = entry.organizer_name
        event.add("organizer", organizer)
    if entry.attendee:
        # The answer is given on the site (yes / maybe / no), not by e-mail.
        params = {
            "ROLE": "REQ-PARTICIPANT",
            "PARTSTAT": "NEEDS-ACTION",
            "RSVP": "FALSE",
        }
        event.add("attendee", entry.attendee, parameters=params)


def calendar(
    entries: Iterable[CalendarEntry], name: str = "", method: str = PUBLISH
) -> str:
    """A whole VCALENDAR with a VTIMEZONE for every zone its events use."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method)
    if name:
        cal.add("x-wr-calname", name)
    entries = list(entries)
    for entry in entries:
        cal.add_component(_event(entry))
    if entries:
        cal.add_missing_timezones(*_span(entries))
    return cal.to_ical().decode("utf-8")


def _span(entries: list[CalendarEntry]) -> tuple[date, date]:
    """Years the VTIMEZONE must cover: those of the events, and one either side
    (a small file that is still right for every time in it)."""
    first = min(e.starts_at for e in entries).year - 1
    last = max(e.ends_at for e in entries).year + 2
    return date(first, 1, 1), date(last, 1, 1)
