"""Logs: one line per event, with the request id, city, job or command in it.

JSON lines in production (or ``LOG_FORMAT=json``), readable text in
development. Configured once by :func:`register_logging`, never at import.
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
import secrets
import sys
from datetime import UTC, datetime
from typing import Any

import click
from flask import Flask, g, has_app_context, has_request_context, request

logger = logging.getLogger("mentoring.errors")

REQUEST_ID_HEADER = "X-Request-ID"
# What a proxy may hand us: a UUID, a hex or base64url id. Anything else is
# replaced, so a log line or header can never carry a client's payload.
REQUEST_ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{7,63}")
FIELDS = ("request_id", "city", "method", "path")
FIELDS += ("job", "job_id", "tenant_id", "command")
_HANDLER_MARK = "_mentoring_handler"


def request_id() -> str:
    """This request's id: the proxy's ``X-Request-ID`` if well-formed, else new."""
    if "request_id" not in g:
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        valid = REQUEST_ID_RE.fullmatch(incoming)
        g.request_id = incoming if valid else secrets.token_hex(16)
    return str(g.request_id)


def log_fields() -> dict[str, str]:
    """What every log line says about where it happened (empty outside the app)."""
    fields: dict[str, str] = {}
    if has_app_context():
        fields.update(g.get("log_context") or {})
    if has_request_context():
        tenant = g.get("tenant")
        city = tenant.slug if tenant is not None else None
        fields.update(request_id=request_id(), method=request.method)
        fields.update(path=request.path)
        if city or g.get("is_network"):
            fields["city"] = city or "network"
    return fields


class ContextFilter(logging.Filter):
    """Adds :func:`log_fields` to each record (an ``extra=`` given wins)."""

    def filter(self, record: logging.LogRecord) -> bool:
        for key, value in log_fields().items():
            if not hasattr(record, key):
                setattr(record, key, value)
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line; a traceback is a string field, not more lines."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update(_context(record))
        if record.exc_info:
            entry["traceback"] = self.formatException(record.exc_info)
        elif record.exc_text:
            entry["traceback"] = record.exc_text
        return json.dumps(entry, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    """Readable in a terminal: time, level, logger, context, message; then a
    traceback, if any, on the lines below."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s%(context)s %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        context = _context(record)
        pairs = " ".join(f"{key}={value}" for key, value in context.items())
        record.context = f" [{pairs}]" if pairs else ""
        return super().format(record)


def _context(record: logging.LogRecord) -> dict[str, str]:
    return {k: str(v) for k in FIELDS if (v := getattr(record, k, None)) is not None}


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever ``sys.stderr`` is now (test runners swap it)."""

    def __init__(self) -> None:
        super().__init__()

    @property  # type: ignore[override]
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, value: Any) -> None:
        pass


def log_format(config: dict[str, Any]) -> str:
    """``json`` or ``text``: ``LOG_FORMAT`` if set, else JSON in production."""
    chosen = str(config.get("LOG_FORMAT") or "").lower()
    if chosen in ("json", "text"):
        return chosen
    return "json" if config.get("ENV_NAME") == "production" else "text"


def make_handler(config: dict[str, Any]) -> logging.Handler:
    handler = _StderrHandler()
    json_lines = log_format(config) == "json"
    handler.setFormatter(JsonFormatter() if json_lines else TextFormatter())
    handler.addFilter(ContextFilter())
    setattr(handler, _HANDLER_MARK, True)
    return handler


def log_escaped_error(exc: BaseException | None) -> None:
    """``teardown_appcontext``: an error that left a job or command is logged
    with its context; one a request's error handler logged is not logged again."""
    if not isinstance(exc, Exception) or getattr(exc, "_mentoring_logged", False):
        return
    if isinstance(exc, click.ClickException | click.exceptions.Exit | click.Abort):
        return  # a command's answer to bad input, already shown to the operator
    context = click.get_current_context(silent=True)
    fields = log_fields()
    if context is not None and "job" not in fields and not has_request_context():
        fields["command"] = context.command_path
    logger.error("unhandled error: %r", exc, exc_info=exc, extra=fields)
    mark_logged(exc)


def mark_logged(exc: BaseException) -> None:
    with contextlib.suppress(AttributeError):  # exceptions with __slots__
        exc._mentoring_logged = True  # type: ignore[attr-defined]


def add_request_id_header(response: Any) -> Any:
    response.headers[REQUEST_ID_HEADER] = request_id()
    return response


def register_logging(app: Flask) -> None:
    """One handler on the root logger, once per process; ids on every response."""
    root = logging.getLogger()
    if not any(getattr(h, _HANDLER_MARK, False) for h in root.handlers):
        root.addHandler(make_handler(app.config))
    level = str(app.config.get("LOG_LEVEL") or "INFO").upper()
    root.setLevel(level)
    app.after_request(add_request_id_header)
    app.teardown_appcontext(log_escaped_error)
    app.jinja_env.globals["request_id"] = request_id
