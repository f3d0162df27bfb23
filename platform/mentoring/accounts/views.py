"""Sign in, sign out, forgotten password, invitation: on the host of the account."""

from __future__ import annotations

import uuid
from typing import Any

from flask import (
    Blueprint,
    abort,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user
from werkzeug.wrappers import Response

from mentoring.accounts import queries, services
from mentoring.accounts.forms import ForgotPasswordForm, LoginForm, SetPasswordForm
from mentoring.accounts.tokens import InvalidToken
from mentoring.core import limits
from mentoring.core.auth import roles_required
from mentoring.core.i18n import _
from mentoring.core.urls import safe_next
from mentoring.extensions import db, limiter
from mentoring.tenancy.queries import sso_config

bp = Blueprint("accounts", __name__, template_folder="templates")

LANDING = {
    "coordinator": "home.coordinator_home",
    "mentor": "home.participant_home",
    "mentee": "home.participant_home",
    "analyst": "network.analyst_home",
    "operator": "network.operator_home",
}


def landing_url(account: Any) -> str:
    return url_for(LANDING[account.role])


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(limits.per_address("LIMIT_LOGIN_PER_ADDRESS"), methods=["POST"])
def login() -> Response | str:
    if current_user.is_authenticated:
        return redirect(landing_url(current_user))
    form = LoginForm()
    if form.validate_on_submit():
        account = services.authenticate_limited(form.email.data, form.password.data)
        if account is not None:
            target = safe_next(request.args.get("next")) or landing_url(account)
            services.sign_in(account)
            db.session.commit()
            return redirect(target)
        form.password.errors.append(_("The e-mail or the password is not right."))
    status = 400 if form.errors else 200
    sso = sso_config(g.get("tenant"))
    return render_template("accounts/login.html", form=form, sso=sso), status


@bp.route("/logout", methods=["POST"])
def logout() -> Response:
    services.sign_out()
    db.session.commit()
    flash(_("You are signed out."), "info")
    return redirect(url_for("accounts.login"))


@bp.route("/password/forgot", methods=["GET", "POST"])
@limiter.limit(limits.per_address("LIMIT_RESET_PER_ADDRESS"), methods=["POST"])
def forgot_password() -> Response | str:
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        services.send_password_reset(form.email.data)
        db.session.commit()
        flash(
            _(
                "If the address has an account here, a link is on its way. "
                "Check your inbox."
            ),
            "info",
        )
        return redirect(url_for("accounts.login"))
    return render_template(
        "accounts/forgot.html", form=form
    ), 400 if form.errors else 200


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str) -> Response | str | tuple[str, int]:
    return _set_password_from_link("reset", token)


@bp.route("/invitation/<token>", methods=["GET", "POST"])
def accept_invitation(token: str) -> Response | str | tuple[str, int]:
    return _set_password_from_link("invite", token)


def _set_password_from_link(
    purpose: str, token: str
) -> Response | str | tuple[str, int]:
    try:
        account = services.account_for_token(purpose, token)
    except InvalidToken:
        return render_template("accounts/link_invalid.html", purpose=purpose), 400
    form = SetPasswordForm(email=account.email, city_names=services.city_names())
    if form.validate_on_submit():
        target = landing_url(account)
        services.set_password(account, form.password.data)
        services.sign_in(account)
        db.session.commit()
        flash(_("Your password is saved. Welcome!"), "success")
        return redirect(target)
    template = "accounts/set_password.html"
    page = render_template(template, form=form, purpose=purpose, account=account)
    return page, 400 if form.errors else 200


EVERYONE = ("coordinator", "mentor", "mentee", "analyst", "operator")


@bp.route("/account/sessions")
@roles_required(*EVERYONE)
def my_sessions() -> str:
    rows = queries.open_sessions(current_user)
    return render_template("accounts/sessions.html", sessions=rows)


@bp.route("/account/sessions/<session_id>/end", methods=["POST"])
@roles_required(*EVERYONE)
def end_session(session_id: str) -> Response:
    """End one of one's own sessions; anyone else's, or none, is not found."""
    try:
        ident = uuid.UUID(session_id)
    except ValueError:
        abort(404)
    if not services.end_session(current_user, ident):
        if not queries.is_own_session(current_user, ident):
            abort(404)
        flash(_("That session has already ended."), "info")
        return redirect(url_for("accounts.my_sessions"))
    db.session.commit()
    flash(_("The session is ended: that device is signed out."), "success")
    return redirect(url_for("accounts.my_sessions"))


@bp.route("/account/sessions/end-others", methods=["POST"])
@roles_required(*EVERYONE)
def end_other_sessions() -> Response:
    services.end_other_sessions(current_user)
    db.session.commit()
    flash(_("You are signed out everywhere else."), "success")
    return redirect(url_for("accounts.my_sessions"))


@bp.route("/account/sessions/end-all", methods=["POST"])
@roles_required(*EVERYONE)
def end_all_sessions() -> Response:
    services.end_all_sessions(current_user, "ended_by_user")
    services.sign_out()
    db.session.commit()
    flash(_("You are signed out everywhere, on this device too."), "info")
    return redirect(url_for("accounts.login"))
