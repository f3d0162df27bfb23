"""Response headers that make the browser our ally (CSP without inline code),
and a query string with a NUL byte refused before any view sees it.
"""

from __future__ import annotations

from flask import Flask, Response, request

from mentoring.core.errors import render_error
from mentoring.core.i18n import _
from mentoring.core.text import has_nul

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    ]
)


def add_security_headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault(
        "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
    )
    return response


def refuse_nul_in_query() -> tuple[str, int] | None:
    """``before_request``: a NUL in ``?q=`` or any filter is a 400, not a 500.

    PostgreSQL refuses NUL in text; forms refuse it field by field
    (core/forms.py), and this covers the query strings views read directly.
    """
    for key, value in request.args.items(multi=True):
        if has_nul(key) or has_nul(value):
            return render_error(
                400,
                _("Bad request"),
                _("The address contains a character that is not allowed."),
            )
    return None


def register_security(app: Flask) -> None:
    app.before_request(refuse_nul_in_query)
    app.after_request(add_security_headers)
