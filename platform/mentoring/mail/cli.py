"""``flask mail outbox``: read the local outbox (e-mails kept without SMTP)."""

from __future__ import annotations

from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

mail_cli = AppGroup("mail", help="Outgoing e-mail.")


def outbox_messages(directory: Path) -> list[EmailMessage]:
    """The outbox's messages, newest first."""
    files = sorted(
        directory.glob("*.eml"), key=lambda p: p.stat().st_mtime_ns, reverse=True
    )
    return [_read(path) for path in files]


def _read(path: Path) -> EmailMessage:
    return message_from_bytes(path.read_bytes(), policy=policy.default)  # type: ignore[return-value]


@mail_cli.command("outbox")
@click.option("--limit", default=20, show_default=True, help="How many to list.")
@click.option("--show", type=int, metavar="N", help="Print message N (1 = newest).")
def outbox_command(limit: int, show: int | None) -> None:
    """List the newest e-mails in MAIL_OUTBOX_DIR, or print one of them."""
    directory = Path(current_app.config["MAIL_OUTBOX_DIR"])
    messages = outbox_messages(directory)
    if not messages:
        click.echo(f"The outbox is empty ({directory}).")
    elif show is None:
        for number, message in enumerate(messages[:limit], start=1):
            click.echo(f"{number:>3}  {_summary(message)}")
    elif 1 <= show <= len(messages):
        click.echo(_as_text(messages[show - 1]))
    else:
        held = f"the outbox holds {len(messages)}"
        raise click.BadParameter(held, param_hint="--show")


def _summary(message: EmailMessage) -> str:
    return f"{message['Date']}  {message['To']}  {message['Subject']}"


def _as_text(message: EmailMessage) -> str:
    """Headers a reader needs, then the plain-text part (links are clickable)."""
    names = ("Date", "From", "To", "Subject", "Content-Language", "Message-ID")
    headers = [f"{name}: {message[name]}" for name in names if message[name]]
    body = message.get_body(preferencelist=("plain",))
    text = body.get_content() if body is not None else ""
    return "\n".join(headers) + "\n\n" + text
