"""The iCalendar writer on its own: escaping, folding at 75 octets, UTC, CRLF."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mentoring.events.ical import CalendarEntry, calendar, escape_text, fold, utc_stamp

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def unfold(text: str) -> str:
    return text.replace("\r\n ", "")


def test_text_escapes_backslash_semicolon_comma_and_newlines():
    assert escape_text("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne"
    assert escape_text("one\r\ntwo\rthree") == "one\\ntwo\\nthree"
    assert escape_text("Kl. 17: Rådhus") == "Kl. 17: Rådhus"  # ':' needs none


def test_a_short_line_is_left_alone():
    assert fold("SUMMARY:Kickoff") == "SUMMARY:Kickoff"
    assert fold("X" * 75) == "X" * 75


def test_a_long_line_folds_at_75_octets_with_a_leading_space():
    folded = fold("D" * 200)
    lines = folded.split("\r\n")  # 75 + (1 + 74) + (1 + 51) octets
    assert [len(line.encode()) for line in lines] == [
        75,
        75,
        52,
    ]
    assert all(line.startswith(" ") for line in lines[1:])
    assert unfold(folded) == "D" * 200


def test_folding_never_splits_a_multibyte_character():
    line = "SUMMARY:" + "æøå" * 40  # two octets each
    folded = fold(line)
    for part in folded.split("\r\n"):
        assert len(part.encode("utf-8")) <= 75
        part.encode("utf-8").decode("utf-8")  # each physical line is valid UTF-8
    assert unfold(folded) == line


@given(st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=400))
def test_folding_round_trips_any_text(text):
    folded = fold(text)
    assert unfold(folded) == text
    assert all(len(p.encode()) <= 75 for p in folded.split("\r\n"))


def test_times_are_written_in_utc():
    winter = datetime(2026, 1, 15, 17, 0, tzinfo=COPENHAGEN)  # UTC+1
    summer = datetime(2026, 6, 15, 17, 0, tzinfo=COPENHAGEN)  # UTC+2
    assert utc_stamp(winter) == "20260115T160000Z"
    assert utc_stamp(summer) == "20260615T150000Z"
    with pytest.raises(ValueError, match="naive"):
        utc_stamp(datetime(2026, 1, 15, 17, 0))  # noqa: DTZ001


def entry(**kw) -> CalendarEntry:
    values = {
        "uid": "1b2c@localhost",
        "sequence": 3,
        "stamp": datetime(2026, 1, 2, 9, 30, tzinfo=UTC),
        "starts_at": datetime(2026, 2, 5, 16, 0, tzinfo=UTC),
        "ends_at": datetime(2026, 2, 5, 18, 0, tzinfo=UTC),
        "summary": "Kickoff, speed-dating; mentors\\mentees",
        "description": "Bring your CV.\nSnacks served.",
        "location": "Rådhuset, Lyngby",
    }
    return CalendarEntry(**{**values, **kw})


def test_a_calendar_has_crlf_lines_and_every_required_property():
    text = calendar([entry()], name="Lyngby-Taarbæk")
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")  # no bare line feeds
    lines = unfold(text).split("\r\n")
    assert lines[:3] == ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{lines[2][7:]}"]
    assert lines[-2] == "END:VCALENDAR"
    for expected in (
        "UID:1b2c@localhost",
        "SEQUENCE:3",
        "DTSTAMP:20260102T093000Z",
        "DTSTART:20260205T160000Z",
        "DTEND:20260205T180000Z",
        "SUMMARY:Kickoff\\, speed-dating\\; mentors\\\\mentees",
        "DESCRIPTION:Bring your CV.\\nSnacks served.",
        "LOCATION:Rådhuset\\, Lyngby",
        "X-WR-CALNAME:Lyngby-Taarbæk",
    ):
        assert expected in lines, expected
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == 1


def test_an_empty_description_and_place_are_left_out():
    lines = calendar([entry(description="", location="")]).split("\r\n")
    assert not any(line.startswith(("DESCRIPTION", "LOCATION")) for line in lines)


def test_a_long_description_is_folded_in_the_calendar():
    text = calendar([entry(description="Lang beskrivelse. " * 20)])
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert "DESCRIPTION:" + "Lang beskrivelse. " * 20 in unfold(text)
