"""What text and dates a person may submit: pure rules, no Flask.

PostgreSQL refuses NUL bytes in text (a 500 where SQLite said nothing), and a
line break in a one-line value ends up in places that take one line only, such
as an e-mail subject. Dates far outside the programme's life overflow when
turned into UTC; 1900-2100 is generous for every date the product asks for.
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime

# What str.splitlines() splits on: each of them starts a new line somewhere.
LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")
# Multi-line text may keep its line breaks and tabs.
MULTILINE_ALLOWED = frozenset("\n\r\t")
FIRST_YEAR, LAST_YEAR = 1900, 2100

LINE_BREAK = "line_break"
CONTROL = "control"


def text_problem(value: str, multiline: bool = False) -> str | None:
    """``LINE_BREAK`` or ``CONTROL`` when ``value`` must be refused, else ``None``."""
    for char in value:
        if multiline and char in MULTILINE_ALLOWED:
            continue
        if char in LINE_BREAKS:
            return LINE_BREAK
        if unicodedata.category(char) == "Cc":
            return CONTROL
    return None


def without_controls(value: str) -> str:
    """``value`` with control characters dropped (line breaks and tabs kept):
    for free text that reaches no form, such as a survey answer."""
    return "".join(
        char
        for char in value
        if char in MULTILINE_ALLOWED or unicodedata.category(char) != "Cc"
    )


def one_line(value: str) -> str:
    """``value`` on one line: line breaks and control characters become single
    spaces. For e-mail subjects, whose header refuses a line break."""
    cleaned = "".join(
        " " if char in LINE_BREAKS or unicodedata.category(char) == "Cc" else char
        for char in value
    )
    return " ".join(cleaned.split()) if cleaned != value else value


def has_nul(value: str) -> bool:
    """A NUL byte: never meaningful, and refused by PostgreSQL."""
    return "\x00" in value


def year_in_range(value: date | datetime) -> bool:
    """Within the years the product accepts (see the module's docstring)."""
    return FIRST_YEAR <= value.year <= LAST_YEAR
