"""The iCalendar writer on its own, read back with icalendar: the city's zone
(TZID + VTIMEZONE), wall time across daylight saving, escaping, folding."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest

from mentoring.events.ical import REQUEST, CalendarEntry, calendar, local_time

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def entry(**kw) -> CalendarEntry:
    values = {
        "uid": "1b2c@localhost",
        "sequence": 3,
        "stamp": datetime(2026, 1, 2, 9, 30, tzinfo=UTC),
        "starts_at": datetime(2026, 2, 5, 16, 0, tzinfo=UTC),
        "ends_at": datetime(2026, 2, 5, 18, 0, tzinfo=UTC),
        "summary": "Kickoff, speed-dating; mentors\\mentees",
        "timezone": "Europe/Copenhagen",
        "description": "Bring your CV.\nSnacks served.",
        "location": "Rådhuset, Lyngby",
    }
    return CalendarEntry(**{**values, **kw})


def parse(text: str) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(text)


def only_event(text: str) -> icalendar.Event:
    (event,) = parse(text).walk("VEVENT")
    return event


def test_a_calendar_parses_with_every_required_property():
    text = calendar([entry()], name="Lyngby-Taarbæk")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    cal = parse(text)
    assert cal["VERSION"] == "2.0" and cal["PRODID"]
    assert cal["METHOD"] == "PUBLISH"
    assert cal["X-WR-CALNAME"] == "Lyngby-Taarbæk"
    event = only_event(text)
    assert event["UID"] == "1b2c@localhost"
    assert event.decoded("SEQUENCE") == 3
    assert event.decoded("DTSTAMP") == datetime(2026, 1, 2, 9, 30, tzinfo=UTC)
    assert event["SUMMARY"] == "Kickoff, speed-dating; mentors\\mentees"
    assert event["DESCRIPTION"] == "Bring your CV.\nSnacks served."
    assert event["LOCATION"] == "Rådhuset, Lyngby"
    assert "STATUS" not in event


def test_times_carry_the_citys_tzid_and_a_vtimezone_for_it():
    text = calendar([entry()])
    event = only_event(text)
    for key in ("DTSTART", "DTEND"):
        assert event[key].params["TZID"] == "Europe/Copenhagen"
    assert event.decoded("DTSTART") == datetime(2026, 2, 5, 17, 0, tzinfo=COPENHAGEN)
    (zone,) = parse(text).walk("VTIMEZONE")
    assert zone["TZID"] == "Europe/Copenhagen"
    assert "DTSTART;TZID=Europe/Copenhagen:20260205T170000" in text


@pytest.mark.parametrize(
    ("utc_hour", "local"),
    [
        (16, datetime(2026, 3, 28, 17, 0, tzinfo=COPENHAGEN)),  # UTC+1
        (15, datetime(2026, 3, 29, 17, 0, tzinfo=COPENHAGEN)),  # summer time: UTC+2
        (15, datetime(2026, 10, 24, 17, 0, tzinfo=COPENHAGEN)),  # still summer time
        (16, datetime(2026, 10, 25, 17, 0, tzinfo=COPENHAGEN)),  # winter time again
    ],
)
def test_an_event_around_a_dst_change_keeps_its_local_wall_time(utc_hour, local):
    starts = datetime(local.year, local.month, local.day, utc_hour, tzinfo=UTC)
    text = calendar([entry(starts_at=starts, ends_at=starts.replace(hour=20))])
    start = only_event(text)["DTSTART"]
    assert start.params["TZID"] == "Europe/Copenhagen"
    assert (start.dt.date(), start.dt.time()) == (local.date(), local.time())
    assert start.dt.astimezone(UTC) == starts  # the same instant


def test_another_citys_zone_is_written_as_its_own():
    text = calendar([entry(timezone="Atlantic/Faroe")])
    assert only_event(text)["DTSTART"].params["TZID"] == "Atlantic/Faroe"
    assert [z["TZID"] for z in parse(text).walk("VTIMEZONE")] == ["Atlantic/Faroe"]


def test_naive_times_are_refused():
    with pytest.raises(ValueError, match="naive"):
        local_time(datetime(2026, 1, 15, 17, 0), "Europe/Copenhagen")  # noqa: DTZ001


def test_an_empty_description_and_place_are_left_out():
    event = only_event(calendar([entry(description="", location="")]))
    assert "DESCRIPTION" not in event and "LOCATION" not in event


def test_an_empty_feed_is_still_a_calendar():
    cal = parse(calendar([], name="Tom"))
    assert cal.walk("VEVENT") == [] and cal.walk("VTIMEZONE") == []


def test_a_long_description_is_folded_at_75_octets():
    text = calendar([entry(description="Lang beskrivelse æøå. " * 20)])
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert only_event(text)["DESCRIPTION"] == "Lang beskrivelse æøå. " * 20


def test_an_invitation_is_a_request_with_organizer_and_attendee():
    invite = entry(
        organizer="mailto:no-reply@localhost",
        organizer_name="Lyngby-Taarbæk",
        attendee="mailto:ana@example.org",
    )
    text = calendar([invite], method=REQUEST)
    assert parse(text)["METHOD"] == "REQUEST"
    event = only_event(text)
    assert event["ORGANIZER"] == "mailto:no-reply@localhost"
    assert event["ORGANIZER"].params["CN"] == "Lyngby-Taarbæk"
    assert event["ATTENDEE"] == "mailto:ana@example.org"
    assert event["ATTENDEE"].params["RSVP"] == "FALSE"


def test_a_cancelled_event_says_so():
    assert only_event(calendar([entry(cancelled=True)]))["STATUS"] == "CANCELLED"
