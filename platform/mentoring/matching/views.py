"""Kickoff speed-dating (the plan, each person's rounds, ratings) and the
matching board (solve, adjust, publish). Plain forms work without JavaScript;
htmx swaps the board or one rating in place."""

from __future__ import annotations

import uuid

from babel.lists import format_list
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
from flask_babel import get_locale, ngettext
from flask_login import current_user
from werkzeug.wrappers import Response

from mentoring.applications.choices import SECTORS, SPOKEN_LANGUAGES
from mentoring.applications.models import DANISH_LEVELS
from mentoring.core.auth import roles_required
from mentoring.core.htmx import render_page_or_fragment
from mentoring.core.i18n import _
from mentoring.core.tenancy import require_city
from mentoring.events.rules import local_to_utc, utc_to_local
from mentoring.extensions import db, htmx
from mentoring.matching import board as boards
from mentoring.matching import queries, services
from mentoring.matching.forms import DeadlineForm, PlanForm, WeightsForm
from mentoring.matching.models import RATING_MAX, RATING_MIN
from mentoring.matching.scores import (
    display_points,
    display_score,
    mid_sentence,
    render_reason,
)
from mentoring.programmes.models import Cohort
from mentoring.programmes.queries import cohort_or_404

bp = Blueprint("matching", __name__, template_folder="templates")
bp.before_request(require_city)

REASON_LABELS = {
    "sector": SECTORS,
    "languages": SPOKEN_LANGUAGES,
    "level": DANISH_LEVELS,
}
# Names of languages keep their capital inside an English sentence only.
PROPER_NOUNS = {"en": {"languages"}}


def _status(failed: bool) -> int:
    """400 for a failed plain form; htmx (2.x) swaps only 2xx answers."""
    return 400 if failed and not htmx else 200


@bp.app_template_global()
def reason_text(reason: tuple[str, dict]) -> str:
    """A score's reason as a sentence in the request's language."""
    locale = get_locale()
    keep = PROPER_NOUNS.get(locale.language if locale else "", set())
    labels = {
        param: {
            code: str(label) if param in keep else mid_sentence(str(label))
            for code, label in names.items()
        }
        for param, names in REASON_LABELS.items()
    }
    return render_reason(
        reason, _, labels, lambda items: format_list(items, locale=locale)
    )


bp.add_app_template_filter(display_score, "match_score")
bp.add_app_template_filter(display_points, "match_points")


@bp.app_template_global()
def speed_dating_for(cohort_id: uuid.UUID) -> queries.MatchingStatus | None:
    """For the participant home: the user's plan and rating window in a cohort
    (one query for all their cohorts, once per request)."""
    if "matching_home" not in g:
        g.matching_home = queries.my_cohorts_with_plans(current_user.id)
    return g.matching_home.get(cohort_id)


# -- the coordinator's speed-dating plan ---------------------------------------------


@bp.route("/coordinator/cohorts/<uuid:cohort_id>/speed-dating", methods=["GET", "POST"])
@roles_required("coordinator")
def speed_dating(cohort_id: uuid.UUID) -> str | Response:
    cohort = cohort_or_404(cohort_id)
    form, error = PlanForm(), None
    if form.validate_on_submit():
        try:
            talks = services.generate_plan(cohort, form.k.data)
        except services.MatchingError as exc:
            error = str(exc)
        else:
            db.session.commit()
            flash(_("Plan made: %(num)s talks.", num=talks), "success")
            return redirect(url_for(".speed_dating", cohort_id=cohort.id))
    elif request.method == "GET":
        plan = queries.plan_of(cohort)
        form.k.data = plan.k if plan else 5
    failed = bool(error or form.errors)
    return _plan_page(cohort, form, _deadline_form(cohort), error), _status(failed)


def _plan_page(
    cohort: Cohort, form: PlanForm, deadline: DeadlineForm, error: str | None = None
) -> str:
    plan = queries.plan_of(cohort)
    group, declined = queries.kickoff_people(cohort)
    return render_template(
        "matching/speed_dating.html",
        cohort=cohort,
        plan=plan,
        declined=declined,
        grid=queries.plan_grid(plan, group) if plan else None,
        form=form,
        deadline_form=deadline,
        settings=queries.settings_of(cohort),
        overview=queries.overview(cohort, plan),
        state=services.rating_state(cohort, plan),
        error=error,
    )


def _deadline_form(cohort: Cohort) -> DeadlineForm:
    form = DeadlineForm(formdata=None)
    settings = queries.settings_of(cohort)
    if settings and settings.rating_deadline_at:
        local = utc_to_local(settings.rating_deadline_at, g.tenant.timezone)
        form.day.data, form.at.data = local.date(), local.time()
    return form


@bp.route(
    "/coordinator/cohorts/<uuid:cohort_id>/speed-dating/deadline", methods=["POST"]
)
@roles_required("coordinator")
def set_deadline(cohort_id: uuid.UUID) -> str | Response:
    cohort = cohort_or_404(cohort_id)
    form = DeadlineForm()
    if not form.validate_on_submit():
        return _plan_page(cohort, PlanForm(formdata=None), form), 400
    deadline = local_to_utc(form.day.data, form.at.data, g.tenant.timezone)
    services.set_deadline(cohort, deadline)
    db.session.commit()
    flash(_("Rating deadline saved."), "success")
    return redirect(url_for(".speed_dating", cohort_id=cohort.id))


# -- a participant's rounds and ratings --------------------------------------------


@bp.route("/me/speed-dating/<uuid:cohort_id>")
@roles_required("mentor", "mentee")
def my_speed_dating(cohort_id: uuid.UUID) -> str:
    me = queries.my_participant_or_404(cohort_id, current_user.id)
    return _my_page(me)


def _my_page(me, error: str | None = None) -> str:  # noqa: ANN001
    plan = queries.plan_of(me.cohort)
    talks = queries.my_talks(plan, me) if plan else []
    settings = queries.settings_of(me.cohort)
    return render_template(
        "matching/my_speed_dating.html",
        me=me,
        cohort=me.cohort,
        plan=plan,
        talks=talks,
        given=queries.my_ratings(me),
        state=services.rating_state(me.cohort, plan),
        deadline=settings.rating_deadline_at if settings else None,
        scale=range(RATING_MIN, RATING_MAX + 1),
        error=error,
    )


@bp.route("/me/speed-dating/<uuid:cohort_id>/rate/<uuid:rated_id>", methods=["POST"])
@roles_required("mentor", "mentee")
def rate(cohort_id: uuid.UUID, rated_id: uuid.UUID) -> str | Response:
    me = queries.my_participant_or_404(cohort_id, current_user.id)
    value = request.form.get("value", type=int) or 0
    try:
        services.save_rating(me, rated_id, value)
    except services.MatchingError as exc:
        db.session.rollback()
        return _rating_answer(me, rated_id, rate_error=str(exc))
    db.session.commit()
    return _rating_answer(me, rated_id, rate_message=_("Saved."))


def _rating_answer(me, rated_id: uuid.UUID, **context: object) -> str | Response:  # noqa: ANN001
    if not htmx:
        if "rate_error" in context:
            return _my_page(me, error=str(context["rate_error"])), 400
        flash(_("Your rating is saved."), "success")
        return redirect(url_for(".my_speed_dating", cohort_id=me.cohort_id))
    plan = queries.plan_of(me.cohort)
    talk = (
        next(
            (
                t
                for t in queries.my_talks(plan, me)
                if rated_id in (t.mentee_id, t.mentor_id)
            ),
            None,
        )
        if plan
        else None
    )
    if talk is None:
        return _my_page(me, error=str(context.get("rate_error", "")))
    return render_template(
        "matching/_rate_person.html",
        me=me,
        talk=talk,
        given=queries.my_ratings(me),
        state=services.rating_state(me.cohort, plan),
        scale=range(RATING_MIN, RATING_MAX + 1),
        **context,
    )


# -- the matching board ------------------------------------------------------------


@bp.route("/coordinator/cohorts/<uuid:cohort_id>/matching")
@roles_required("coordinator")
def matching(cohort_id: uuid.UUID) -> Response:
    cohort = cohort_or_404(cohort_id)
    return _board(cohort)


def _board(
    cohort: Cohort, status: int = 200, weights: WeightsForm | None = None, **ctx: object
) -> Response:
    if weights is None:
        settings = queries.settings_of(cohort)
        weights = WeightsForm(formdata=None).fill(
            queries.weights_of(settings).as_dict()
        )
    response = render_page_or_fragment(
        "matching/board.html",
        "matching/_board.html",
        cohort=cohort,
        board=boards.board(cohort),
        weights=weights,
        **ctx,
    )
    response.status_code = status
    return response


def _after(cohort: Cohort, action, message: str) -> Response:  # noqa: ANN001
    """Run ``action``, re-solve, commit; show the board (htmx) or redirect."""
    try:
        action()
        boards.solve(cohort)
    except services.MatchingError as exc:
        db.session.rollback()
        cohort = cohort_or_404(cohort.id)
        return _board(cohort, status=_status(True), error=str(exc))
    db.session.commit()
    if not htmx:
        flash(message, "success")
        return redirect(url_for(".matching", cohort_id=cohort.id))
    return _board(cohort, message=message)


@bp.route("/coordinator/cohorts/<uuid:cohort_id>/matching/solve", methods=["POST"])
@roles_required("coordinator")
def solve(cohort_id: uuid.UUID) -> Response:
    cohort = cohort_or_404(cohort_id)
    return _after(cohort, lambda: None, _("Found the best matching."))


@bp.route("/coordinator/cohorts/<uuid:cohort_id>/matching/weights", methods=["POST"])
@roles_required("coordinator")
def weights(cohort_id: uuid.UUID) -> Response:
    cohort = cohort_or_404(cohort_id)
    form = WeightsForm()
    if not form.validate_on_submit():
        return _board(cohort, status=_status(True), weights=form)
    return _after(
        cohort,
        lambda: services.set_weights(cohort, form.values()),
        _("Weights saved; the matching is solved again."),
    )


ADJUSTMENTS = {
    "lock": lambda c, f: services.add_constraint(
        c, "lock", _id(f, "mentee"), _id(f, "mentor")
    ),
    "forbid": lambda c, f: services.add_constraint(
        c, "forbid", _id(f, "mentee"), _id(f, "mentor")
    ),
    "leave_out_mentee": lambda c, f: services.add_constraint(
        c, "leave_out", _id(f, "mentee"), None
    ),
    "leave_out_mentor": lambda c, f: services.add_constraint(
        c, "leave_out", None, _id(f, "mentor")
    ),
    "swap": lambda c, f: services.swap(c, f.get("mentee"), f.get("other")),
    "undo": lambda c, f: services.remove_constraint(c, _id(f, "constraint")),
}


def _id(form, name: str) -> uuid.UUID:  # noqa: ANN001
    value = services._uuid(form.get(name))  # noqa: SLF001
    if value is None:
        raise services.MatchingError(_("Choose who this is about."))
    return value


@bp.route("/coordinator/cohorts/<uuid:cohort_id>/matching/adjust", methods=["POST"])
@roles_required("coordinator")
def adjust(cohort_id: uuid.UUID) -> Response:
    cohort = cohort_or_404(cohort_id)
    action = ADJUSTMENTS.get(request.form.get("action", ""))
    if action is None:
        return _board(cohort, status=_status(True), error=_("Unknown adjustment."))
    _people_of(cohort, request.form)
    return _after(
        cohort,
        lambda: action(cohort, request.form),
        _("Adjusted; the matching is solved again."),
    )


def _people_of(cohort: Cohort, form) -> None:  # noqa: ANN001
    """Only this cohort's unpaired people can be adjusted (another id: refused)."""
    group = queries.people(cohort, unpaired_only=True)
    allowed = {str(p.id) for p in [*group.mentees, *group.mentors]}
    for name in ("mentee", "mentor", "other"):
        if form.get(name) and form.get(name) not in allowed:
            abort(404)


@bp.route("/coordinator/cohorts/<uuid:cohort_id>/matching/publish", methods=["POST"])
@roles_required("coordinator")
def publish(cohort_id: uuid.UUID) -> Response:
    """Publish asks first (how many pairs, how many e-mails); ``confirm`` does it."""
    cohort = cohort_or_404(cohort_id)
    if request.form.get("confirm") != "yes":
        proposed = boards.board(cohort).pairs
        if proposed:  # without a proposal the service says what to do first
            return _publish_confirmation(cohort, len(proposed))
    try:
        done = services.publish(cohort, g.tenant)
    except services.MatchingError as exc:
        db.session.rollback()
        cohort = cohort_or_404(cohort_id)
        return _board(cohort, status=_status(True), error=str(exc))
    db.session.commit()
    message = ngettext(
        "Published %(num)s pair. Both have been told by e-mail.",
        "Published %(num)s pairs. Everyone has been told by e-mail.",
        done.pairs,
    )
    if not htmx:
        flash(message, "success")
        return redirect(url_for(".matching", cohort_id=cohort.id))
    return _board(cohort, message=message)


def _publish_confirmation(cohort: Cohort, pairs: int) -> Response:
    return render_page_or_fragment(
        "matching/publish_confirm.html",
        "matching/_publish_confirm.html",
        cohort=cohort,
        pairs=pairs,
    )
