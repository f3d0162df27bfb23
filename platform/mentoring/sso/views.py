"""Single sign-on's two pages: off to the city's provider, and back."""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, request, session, url_for
from flask_babel import get_locale
from flask_login import current_user
from werkzeug.wrappers import Response

from mentoring.accounts.views import landing_url
from mentoring.core.i18n import _
from mentoring.core.urls import safe_next
from mentoring.extensions import db
from mentoring.sso import services
from mentoring.sso.claims import Refused
from mentoring.tenancy.config import SsoConfig
from mentoring.tenancy.queries import sso_config

bp = Blueprint("sso", __name__)
NEXT_KEY = "sso_next"


def _config() -> SsoConfig:
    config = sso_config(g.get("tenant"))
    if config is None:
        abort(404)
    return config


@bp.route("/login/sso")
def start() -> Response:
    config = _config()
    if current_user.is_authenticated:
        return redirect(url_for("accounts.login"))
    session[NEXT_KEY] = safe_next(request.args.get("next")) or ""
    try:
        return services.start(config, url_for("sso.callback", _external=True))
    except Refused as refused:
        return _refused(refused, config)


@bp.route("/login/sso/callback")
def callback() -> Response:
    config = _config()
    target = session.pop(NEXT_KEY, "")
    try:
        user = services.finish(config)
    except Refused as refused:
        db.session.rollback()
        return _refused(refused, config)
    db.session.commit()
    return redirect(target or landing_url(user))


def _refused(refused: Refused, config: SsoConfig) -> Response:
    flash(message_for(refused.code, config.label), "error")
    return redirect(url_for("accounts.login"))


def message_for(code: str, provider: str) -> str:
    city = g.tenant.name(str(get_locale()))
    messages = {
        "not_configured": _("Single sign-on is not available right now."),
        "provider": _(
            "%(provider)s did not answer as expected. Try again in a moment,"
            " or sign in with your password.",
            provider=provider,
        ),
        "state": _(
            "The sign-in took too long or was started in another window."
            " Please try again."
        ),
        "token": _(
            "The answer from %(provider)s could not be verified, so you are not"
            " signed in. Please try again.",
            provider=provider,
        ),
        "unknown": _(
            "%(provider)s knows you, but %(city)s has no coordinator account for"
            " you. Ask a coordinator to add you.",
            provider=provider,
            city=city,
        ),
        "no_email": _(
            "%(provider)s did not tell us a verified e-mail address, so we cannot"
            " find your account. Sign in with your password.",
            provider=provider,
        ),
        "linked_elsewhere": _(
            "The account with that e-mail address is linked to another"
            " %(provider)s identity. Ask a coordinator for help.",
            provider=provider,
        ),
    }
    return messages.get(code, messages["token"])
