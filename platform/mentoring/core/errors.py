"""Error pages: translated, branded, and never a stack trace.

An unhandled error is logged with its traceback and the request id, which the
page and the ``X-Request-ID`` header show, so a report can be found in the logs.
"""

from __future__ import annotations

from flask import Flask, current_app, render_template, request
from flask.globals import request_ctx
from flask_babel import ngettext
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from mentoring.core.i18n import _
from mentoring.core.limits import retry_after_of
from mentoring.core.logs import log_fields, logger, mark_logged
from mentoring.extensions import db


def _messages() -> dict[int, tuple[str, str]]:
    return {
        400: (_("Bad request"), _("The request could not be understood.")),
        403: (_("Not allowed"), _("Your account does not give access to this page.")),
        404: (_("Page not found"), _("There is no page at this address.")),
        405: (
            _("Not allowed"),
            _("This address does not accept that kind of request."),
        ),
        413: (_("File too large"), _("The upload is larger than allowed.")),
        429: (_("Too many attempts"), _("Please wait a little and try again.")),
        500: (
            _("Something went wrong"),
            _("We have been told. Please try again later."),
        ),
        503: (_("Service unavailable"), _("Please try again in a few minutes.")),
    }


def render_error(
    code: int, title: str | None = None, detail: str | None = None
) -> tuple[str, int]:
    default_title, default_detail = _messages().get(code, _messages()[500])
    _ensure_url_adapter()
    template = (
        "errors/_error.html"
        if request.headers.get("HX-Request")
        else "errors/error.html"
    )
    body = render_template(
        template,
        code=code,
        title=title or default_title,
        detail=detail or default_detail,
    )
    return body, code


def _ensure_url_adapter() -> None:
    """A host Werkzeug could not route (e.g. ``a..b``) leaves no URL adapter;
    the page's links are then built as on the apex, so the page still renders."""
    if request_ctx.url_adapter is None:
        request_ctx.url_adapter = current_app.url_map.bind(
            current_app.config["MENTORING_DOMAIN"],
            script_name=request.script_root or "/",
            url_scheme=current_app.config["PREFERRED_URL_SCHEME"],
        )


def handle_http_error(
    error: HTTPException,
) -> tuple[str, int] | tuple[str, int, dict[str, str]]:
    if error.code == 429:
        return handle_too_many(error)
    return render_error(error.code or 500)


def handle_too_many(error: HTTPException) -> tuple[str, int, dict[str, str]]:
    """The 429 page, saying how long to wait; ``Retry-After`` says it to machines."""
    seconds = retry_after_of(error)
    minutes = max(1, -(-(seconds or 60) // 60))
    detail = ngettext(
        "There have been too many attempts. Please wait a minute and try again.",
        "There have been too many attempts. Please wait %(num)d minutes and try again.",
        minutes,
    )
    body, code = render_error(429, detail=detail)
    return body, code, {"Retry-After": str(seconds or 60)}


def handle_csrf_error(error: CSRFError) -> tuple[str, int]:
    return render_error(
        400,
        _("The form has expired"),
        _("Please go back, reload the page and try again."),
    )


def handle_unexpected(error: Exception) -> tuple[str, int]:
    """Log with the traceback (a handler for ``Exception`` stops Flask's own
    logging), then answer with the 500 page."""
    logger.exception(
        "unhandled error on %s %s", request.method, request.path, extra=log_fields()
    )
    mark_logged(error)
    db.session.rollback()
    return render_error(500)


def propagates(app: Flask) -> bool:
    """Tests and the debugger want the exception itself, unless told otherwise
    (``PROPAGATE_EXCEPTIONS=False``), which is how the 500 page is tested."""
    value = app.config.get("PROPAGATE_EXCEPTIONS")
    return bool(app.testing or app.debug) if value is None else bool(value)


def register_errors(app: Flask) -> None:
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(HTTPException, handle_http_error)
    if not propagates(app):
        app.register_error_handler(Exception, handle_unexpected)
