"""Handing a message to SMTP, or to the local outbox folder without a server."""

from __future__ import annotations

import re
import smtplib
import ssl
from dataclasses import dataclass
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import parseaddr
from pathlib import Path
from typing import Any

from mentoring.core.text import one_line

METHOD_LINE = re.compile(r"^METHOD:([A-Z-]+)\r?$", re.MULTILINE)


@dataclass(frozen=True)
class Envelope:
    """What a stored e-mail needs to become a message, whatever stored it."""

    ident: str  # the stored e-mail's id: the Message-ID and the outbox file name
    sender: str
    to: str
    subject: str
    text: str
    html: str
    locale: str
    created_at: datetime
    calendar: str | None = None  # iCalendar text to attach (an invitation)
    reply_to: str = ""  # where answers go: the city's contact address


def sender_named(configured: str, name: str) -> str:
    """``MAIL_FROM``'s address under another display name (a city's name)."""
    address = parseaddr(configured)[1] or configured
    return str(Address(display_name=name, addr_spec=address))


def build_message(envelope: Envelope) -> EmailMessage:
    message = EmailMessage()
    message["From"] = envelope.sender
    message["To"] = envelope.to
    if envelope.reply_to:
        message["Reply-To"] = envelope.reply_to
    # A title saved before one-line fields refused line breaks must not make
    # the header (and so every e-mail it is in) fail.
    message["Subject"] = one_line(envelope.subject)
    message["Date"] = envelope.created_at
    # Stable: a retried delivery is recognisably the same mail.
    message["Message-ID"] = f"<{envelope.ident}@{_domain(envelope.sender)}>"
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no auto-replies
    message.set_content(envelope.text)
    message.add_alternative(envelope.html, subtype="html")
    if envelope.calendar:
        _attach_calendar(message, envelope.calendar)
    # After the body: set_content() clears every Content-* header.
    message["Content-Language"] = envelope.locale
    return message


def _attach_calendar(message: EmailMessage, text: str) -> None:
    """The ``.ics`` as ``text/calendar; method=...``, the method its METHOD
    line says (RFC 6047: the two must agree)."""
    found = METHOD_LINE.search(text)
    params = {"method": found.group(1)} if found else {}
    message.add_attachment(
        text, subtype="calendar", params=params, filename="invitation.ics"
    )


def _domain(sender: str) -> str:
    return parseaddr(sender)[1].rpartition("@")[2] or "mentoring.invalid"


def deliver(message: EmailMessage, config: dict[str, Any], name: str) -> str:
    """Send ``message``; returns where it went ("smtp" or the outbox file)."""
    if config.get("MAIL_SERVER"):
        _send_smtp(message, config)
        return "smtp"
    outbox = Path(config["MAIL_OUTBOX_DIR"])
    outbox.mkdir(parents=True, exist_ok=True)
    path = outbox / f"{name}.eml"
    partial = path.with_suffix(".part")  # a reader never sees half a message
    partial.write_bytes(bytes(message))
    partial.replace(path)
    return str(path)


def _send_smtp(message: EmailMessage, config: dict[str, Any]) -> None:
    host, port = config["MAIL_SERVER"], config["MAIL_PORT"]
    context = ssl.create_default_context()
    if config.get("MAIL_USE_SSL"):
        client: smtplib.SMTP = smtplib.SMTP_SSL(host, port, context=context, timeout=30)
    else:
        client = smtplib.SMTP(host, port, timeout=30)
    with client:
        if config.get("MAIL_USE_TLS") and not config.get("MAIL_USE_SSL"):
            client.starttls(context=context)
        if config.get("MAIL_USERNAME"):
            client.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        client.send_message(message)
