"""A calendar stored with an e-mail is sent as a text/calendar part."""

from __future__ import annotations

from datetime import UTC, datetime
from email import message_from_bytes, policy

from mentoring.mail.transport import Envelope, build_message

ICS = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n"


def envelope(**kw) -> Envelope:
    values = {
        "ident": "abc",
        "sender": "City <no-reply@localhost>",
        "to": "ana@example.org",
        "subject": "Invitation",
        "text": "Hello",
        "html": "<p>Hello</p>",
        "locale": "en",
        "created_at": datetime(2026, 1, 1, tzinfo=UTC),
    }
    return Envelope(**{**values, **kw})


def reparsed(message):
    return message_from_bytes(bytes(message), policy=policy.default)


def test_a_calendar_is_attached_with_its_method():
    message = reparsed(build_message(envelope(calendar=ICS)))
    (part,) = list(message.iter_attachments())
    assert part.get_content_type() == "text/calendar"
    assert part.get_param("method") == "REQUEST"
    assert part.get_content().replace("\r\n", "\n") == ICS.replace("\r\n", "\n")
    assert message.get_body(preferencelist=("plain",)).get_content().strip() == "Hello"
    assert message["Content-Language"] == "en"


def test_without_a_calendar_there_is_no_attachment():
    assert list(reparsed(build_message(envelope())).iter_attachments()) == []
