"""htmx: one view answers with a full page or, for htmx, just the fragment."""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, make_response, render_template

from mentoring.extensions import htmx

HTMX_VERSION = "2.0.11"


def render_page_or_fragment(page: str, fragment: str, **context: Any) -> Response:
    """Render ``page`` normally, or only ``fragment`` for an htmx request.

    Both templates get the same context; the page includes the fragment.
    ``Vary: HX-Request`` keeps caches from mixing the two.
    """
    template = fragment if htmx and not htmx.boosted else page
    response = make_response(render_template(template, **context))
    response.vary.add("HX-Request")
    return response


def register_htmx(app: Flask) -> None:
    htmx.init_app(app)
    app.jinja_env.globals["HTMX_VERSION"] = HTMX_VERSION
    # Navigation lists a page only once its blueprint provides it.
    app.jinja_env.globals["has_endpoint"] = lambda name: name in app.view_functions
