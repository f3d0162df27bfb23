"""A real local SMTP server (aiosmtpd) for the SMTP path, and a clean mail queue."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from flask import Flask

from tests.mail.helpers import clear_mail_queue

SMTP_LOGIN, SMTP_PASSWORD = "mentoring", "smtp-secret"


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage
    authenticated: bool


@dataclass
class Collector:
    """aiosmtpd handler: keeps what arrives; can refuse mail like a sick server."""

    received: list[Received] = field(default_factory=list)
    fail: bool = False
    require_auth: bool = False

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        if self.fail:
            return "451 4.3.0 Try again later"
        if self.require_auth and not session.authenticated:
            return "530 5.7.0 Authentication required"
        message = message_from_bytes(envelope.content, policy=policy.default)
        self.received.append(
            Received(
                envelope.mail_from, envelope.rcpt_tos, message, session.authenticated
            )
        )
        return "250 OK"


def authenticate(
    server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any
) -> AuthResult:
    ok = isinstance(auth_data, LoginPassword) and (
        auth_data.login.decode(),
        auth_data.password.decode(),
    ) == (SMTP_LOGIN, SMTP_PASSWORD)
    return AuthResult(success=ok, handled=False)  # let aiosmtpd answer 535


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server(app: Flask, monkeypatch: pytest.MonkeyPatch) -> Iterator[Collector]:
    """A running SMTP server on 127.0.0.1, and the app configured to use it.

    It offers AUTH without TLS (local test only); the app logs in only when
    ``MAIL_USERNAME`` is set.
    """
    handler = Collector()
    controller = Controller(
        handler,
        hostname="127.0.0.1",
        port=_free_port(),
        server_hostname="localhost",
        authenticator=authenticate,
        auth_require_tls=False,
    )
    controller.start()
    for key, value in {
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": controller.port,
        "MAIL_USE_TLS": False,
        "MAIL_USE_SSL": False,
        "MAIL_USERNAME": "",
    }.items():
        monkeypatch.setitem(app.config, key, value)
    try:
        yield handler
    finally:
        controller.stop()


@pytest.fixture(autouse=True)
def _clean_mail_queue(request: pytest.FixtureRequest) -> None:
    if "app" in request.fixturenames:
        clear_mail_queue(request.getfixturevalue("app"))
