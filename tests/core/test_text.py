"""The pure text and date rules behind every form (core/text.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from mentoring.core.text import CONTROL, LINE_BREAK, text_problem, year_in_range


@pytest.mark.parametrize(
    "value", ["a\nb", "a\r", "\u2028", "a\u2029b", "\x85", "a\x0bb", "a\x0cb"]
)
def test_one_line_text_refuses_every_line_break(value):
    assert text_problem(value) == LINE_BREAK


@pytest.mark.parametrize(
    "value", ["\x00", "a\x00b", "\x1b[31m", "\x7f", "\x9f", "a\tb"]
)
def test_one_line_text_refuses_control_characters(value):
    assert text_problem(value) == CONTROL


def test_multiline_text_keeps_line_breaks_and_tabs_but_not_nul():
    assert text_problem("Line one\r\nLine two\n\tthree", multiline=True) is None
    assert text_problem("Line\x00", multiline=True) == CONTROL
    assert text_problem("Line\x1b", multiline=True) == CONTROL


@pytest.mark.parametrize("value", ["", "Midtvejsmøde – Lyngby Rådhus", "Ana Souza"])
def test_ordinary_text_passes(value):
    assert text_problem(value) is None


def test_years_are_bounded_to_1900_through_2100():
    assert year_in_range(date(1900, 1, 1)) and year_in_range(
        datetime(2100, 12, 31, tzinfo=UTC)
    )
    assert not year_in_range(date(1, 1, 1))
    assert not year_in_range(date(9999, 12, 31))
    assert not year_in_range(date(1899, 12, 31))
