"""The front door of every host, and each city's brand assets."""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import format_date

from mentoring.core.branding import NETWORK_THEME, theme_css
from mentoring.core.tenancy import current_tenant, is_network_host
from mentoring.tenancy.accessibility import COMPLAINTS_URL, statement
from mentoring.tenancy.queries import tenant_by_slug

bp = Blueprint("tenancy", __name__, template_folder="templates")
ONE_YEAR = 365 * 86400


@bp.route("/favicon.ico")
def favicon() -> Response:
    """Browsers ask for /favicon.ico by habit: the city's logo or the network's."""
    if is_network_host():
        target = url_for("static", filename="img/network-icon.svg")
    else:
        target = url_for("tenancy.logo", v=current_tenant.logo_version)
    return _cached(redirect(target))


@bp.route("/accessibility")
def accessibility() -> str:
    """The accessibility statement: the city's, or the network's on the apex."""
    if is_network_host():
        settings, contact = statement({}), None
        email = current_app.config["NETWORK_ACCESSIBILITY_EMAIL"] or (
            "tilgaengelighed@" + current_app.config["MENTORING_DOMAIN"]
        )
    else:
        settings = current_tenant.accessibility_statement
        contact = current_tenant.contact
        email = settings.feedback_email or contact["email"]
    return render_template(
        "tenancy/accessibility.html",
        statement=settings,
        contact=contact,
        feedback_email=email,
        website=request.host,
        prepared_on=format_date(settings.prepared_on, "long"),
        reviewed_on=format_date(settings.reviewed_on, "long"),
        complaints_url=COMPLAINTS_URL,
    )


@bp.route("/brand/theme.css")
def theme() -> Response:
    if is_network_host():
        css = theme_css(NETWORK_THEME["primary"], NETWORK_THEME["accent"])
    else:
        css = theme_css(current_tenant.primary_color, current_tenant.accent_color)
    return _cached(Response(css, mimetype="text/css"))


@bp.route("/brand/logo.svg")
def logo() -> Response:
    if is_network_host():
        abort(404)
    return _svg(current_tenant.logo_svg)


@bp.route("/brand/cities/<slug>/logo.svg")
def city_logo(slug: str) -> Response:
    """A city's logo on the network's host: the page's CSP allows only its own host."""
    tenant = tenant_by_slug(slug) if is_network_host() else None
    if tenant is None:
        abort(404)
    return _svg(tenant.logo_svg)


def _svg(markup: str) -> Response:
    response = Response(markup, mimetype="image/svg+xml")
    # Sanitised when loaded (tenancy/logo.py); should anything slip through,
    # the policy forbids it to run, fetch or navigate even when opened directly.
    response.headers["Content-Security-Policy"] = (
        "default-src 'none'; script-src 'none'; style-src 'unsafe-inline';"
        " img-src data:; sandbox"
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    return _cached(response)


def _cached(response: Response) -> Response:
    # URLs carry ?v=<version>, so a long cache is safe; without it, an hour.
    max_age = ONE_YEAR if request.args.get("v") else 3600
    response.headers["Cache-Control"] = f"public, max-age={max_age}"
    return response
