"""A subject with a line break (saved before forms refused them) still sends."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from mentoring.core.text import one_line
from mentoring.mail.transport import Envelope, build_message


def envelope(subject: str) -> Envelope:
    return Envelope(
        ident="abc",
        sender="Career Mentoring <no-reply@mentoring.example>",
        to="ana@example.org",
        subject=subject,
        text="Hello",
        html="<p>Hello</p>",
        locale="en",
        created_at=datetime(2026, 3, 1, tzinfo=UTC),
    )


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        ("Invitation: Midway\nmeeting", "Invitation: Midway meeting"),
        ("Invitation: Midway\r\n meeting\x00", "Invitation: Midway meeting"),
        ("Invitation: Midway\u2028meeting", "Invitation: Midway meeting"),
        ("Invitation: Midtvejsmøde  i Lyngby", "Invitation: Midtvejsmøde  i Lyngby"),
    ],
)
def test_the_subject_header_takes_one_line(subject, expected):
    assert one_line(subject) == expected
    assert build_message(envelope(subject))["Subject"] == expected
