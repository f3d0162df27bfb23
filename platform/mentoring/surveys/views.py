"""The personal survey link (answer without logging in, save as you go) and the
coordinator's survey pages."""

from __future__ import annotations

import uuid

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import get_locale, refresh
from flask_login import current_user
from werkzeug import Response
from wtforms import SelectChoice

from mentoring.core.auth import roles_required
from mentoring.core.i18n import LANGUAGES, _
from mentoring.core.models import utcnow
from mentoring.core.tenancy import current_tenant, require_city
from mentoring.extensions import db
from mentoring.surveys import queries, services
from mentoring.surveys.forms import KIND_LABELS, OwnQuestionForm
from mentoring.surveys.models import SurveyInvitation
from mentoring.surveys.tokens import (
    InvalidSurveyLink,
    make_link_token,
    read_link_token,
)

bp = Blueprint("surveys", __name__, template_folder="templates")
bp.before_request(require_city)


@bp.route("/s/<token>", methods=["GET", "POST"])
def answer(token: str) -> Response | str | tuple[str, int]:
    invitation = _from_link(token)
    if invitation is None:
        return render_template("surveys/link_invalid.html"), 400
    _speak_their_language(invitation)
    if request.method == "POST" and invitation.completed_at is None:
        services.save_answers(invitation, request.form)
        submitted = request.form.get("action") == "submit"
        if submitted:
            services.complete(invitation)
        db.session.commit()
        if not submitted:
            flash(_("Your answers are saved. You can come back to this link later."))
        return redirect(request.path, code=303)
    return render_template(
        "surveys/answer.html",
        invitation=invitation,
        definition=invitation.definition,
        values={a.question_id: a.value for a in invitation.answers},
    )


@bp.route("/me/surveys/<uuid:invitation_id>")
@roles_required("mentor", "mentee")
def my_survey(invitation_id: uuid.UUID) -> Response:
    """From the home page to one's own open survey, for whoever lost the e-mail:
    a fresh personal link is made for the signed-in owner only (others: 404)."""
    invitation = queries.my_open_invitation(invitation_id, current_user.id, utcnow())
    if invitation is None:
        abort(404)
    token = make_link_token(
        current_app.config["SECRET_KEY"], str(invitation.id), str(current_tenant.id)
    )
    return redirect(url_for(".answer", token=token), code=303)


def _from_link(token: str) -> SurveyInvitation | None:
    """The invitation of a valid link for this city; ``None`` for any bad link."""
    try:
        invitation_id = read_link_token(
            current_app.config["SECRET_KEY"], token, str(current_tenant.id)
        )
    except InvalidSurveyLink:
        return None
    return queries.invitation_for_link(invitation_id)


def _speak_their_language(invitation: SurveyInvitation) -> None:
    """The page in the person's language unless they chose one with ``?lang=``."""
    locale = invitation.participant.user.locale
    if not g.get("lang_choice") and locale in LANGUAGES:
        g.lang_choice = locale
        refresh()


# -- the coordinator's pages ---------------------------------------------------------


@bp.route("/coordinator/surveys/", methods=["GET", "POST"])
@roles_required("coordinator")
def overview() -> Response | str | tuple[str, int]:
    definitions = services.ensure_standard_surveys()
    form = OwnQuestionForm()
    form.survey.choices = [
        SelectChoice(k, d.title(str(get_locale()))) for k, d in definitions.items()
    ]
    if form.validate_on_submit():
        definition = definitions[form.survey.data]
        taken = {q.key for q in definition.questions}
        added = services.add_version(definition.key, [form.question(taken)])
        db.session.commit()
        flash(_("Question added: the survey is now version %(n)s.", n=added.version))
        return redirect(url_for(".survey", key=added.key), code=303)
    db.session.commit()  # the standard surveys, if this city had none yet
    page = render_template(
        "surveys/coordinator.html",
        definitions=definitions,
        cohorts=queries.response_rates(),
        form=form,
    )
    return (page, 400) if form.is_submitted() else page


@bp.route("/coordinator/surveys/<key>")
@roles_required("coordinator")
def survey(key: str) -> str:
    definition = services.ensure_standard_surveys().get(key)
    if definition is None:
        abort(404)
    db.session.commit()
    return render_template(
        "surveys/coordinator_survey.html",
        definition=definition,
        kinds=KIND_LABELS,
    )
