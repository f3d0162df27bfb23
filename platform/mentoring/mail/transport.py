"""Handing a message to SMTP, or to the local outbox folder without a server."""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path
from typing import Any


def build_message(
    sender: str, to: str, subject: str, text: str, html: str, message_id: str
) -> EmailMessage:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, to, subject
    # A stable Message-ID: a retried delivery is recognisable as the same mail.
    message["Message-ID"] = make_msgid(idstring=message_id, domain="mentoring.invalid")
    message.set_content(text)
    message.add_alternative(html, subtype="html")
    return message


def deliver(message: EmailMessage, config: dict[str, Any], name: str) -> str:
    """Send ``message``; returns where it went ("smtp" or the outbox file)."""
    if config.get("MAIL_SERVER"):
        _send_smtp(message, config)
        return "smtp"
    outbox = Path(config["MAIL_OUTBOX_DIR"])
    outbox.mkdir(parents=True, exist_ok=True)
    path = outbox / f"{name}.eml"
    path.write_bytes(bytes(message))
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
