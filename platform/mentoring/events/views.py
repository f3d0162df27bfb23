"""Events: the coordinator's list, form, invitations and check-in at the door;
participants' answers and calendars. Interview slots: ``interview_views``."""

from __future__ import annotations

import uuid
from typing import Any

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
from flask_babel import force_locale, get_locale, ngettext
from flask_login import current_user
from werkzeug.wrappers import Response

from mentoring.core.auth import roles_required
from mentoring.core.htmx import render_page_or_fragment
from mentoring.core.i18n import _, babel_locale
from mentoring.core.models import utcnow
from mentoring.core.tenancy import current_tenant, require_city, tenant_url
from mentoring.core.urls import safe_next
from mentoring.events import calendars, queries, services
from mentoring.events.forms import CancelEventForm, EventForm, WalkInForm
from mentoring.events.models import Event, EventInvitation
from mentoring.events.rules import RSVP_ANSWERS, local_to_utc, utc_to_local
from mentoring.extensions import db, htmx
from mentoring.mail.services import recipient_locale
from mentoring.programmes.models import AUDIENCES, STEP_KINDS, Participant
from mentoring.programmes.queries import cohort_or_404

bp = Blueprint("events", __name__, template_folder="templates")
bp.before_request(require_city)


def parse_id(value: str) -> uuid.UUID:
    """Ids in URLs are strings (a bad one is a 404, after the CSRF check)."""
    try:
        return uuid.UUID(value)
    except ValueError:
        abort(404)


# -- the coordinator's events of a cohort -------------------------------------------


@bp.route("/coordinator/cohorts/<cohort_id>/events")
@roles_required("coordinator")
def cohort_events(cohort_id: str) -> str:
    cohort = cohort_or_404(parse_id(cohort_id))
    return render_template(
        "events/cohort_events.html",
        cohort=cohort,
        events=queries.cohort_events(cohort.id),
        attendance=queries.attendance_by_event(cohort.id),
        empty=queries.Attendance(),
        kinds=STEP_KINDS,
        audiences=AUDIENCES,
    )


@bp.route("/coordinator/cohorts/<cohort_id>/events/new", methods=["GET", "POST"])
@roles_required("coordinator")
def new_event(cohort_id: str) -> str | Response:
    cohort = cohort_or_404(parse_id(cohort_id))
    if refused := _refuse_if_closed(cohort):
        return refused
    form = EventForm()
    if form.validate_on_submit():
        services.create_event(cohort, _details(form))
        db.session.commit()
        flash(
            _("The event is saved. Send the invitations when it is ready."), "success"
        )
        return redirect(url_for(".cohort_events", cohort_id=cohort.id))
    return render_template("events/event_form.html", form=form, cohort=cohort)


@bp.route("/coordinator/events/<event_id>/edit", methods=["GET", "POST"])
@roles_required("coordinator")
def edit_event(event_id: str) -> str | Response:
    event = queries.event_or_404(parse_id(event_id))
    if event.cancelled_at is not None:
        abort(404)  # a cancelled event is not changed any more
    if refused := _refuse_if_closed(event.cohort):
        return refused
    form = EventForm(data=None if request.method == "POST" else _form_data(event))
    if form.validate_on_submit():
        changed = services.update_event(event, _details(form))
        told = services.tell_of_change(event, g.tenant, changed)
        db.session.commit()
        _flash_update(changed, told)
        return redirect(url_for(".cohort_events", cohort_id=event.cohort_id))
    return render_template(
        "events/event_form.html", form=form, cohort=event.cohort, event=event
    )


def _flash_update(changed: frozenset[str], told: int) -> None:
    if told:
        flash(
            ngettext(
                "The event is updated. %(num)d person invited is told of the change.",
                "The event is updated. %(num)d people invited are told of the change.",
                told,
            ),
            "success",
        )
    elif changed:
        flash(_("The event is updated."), "success")


@bp.route("/coordinator/events/<event_id>/cancel", methods=["GET", "POST"])
@roles_required("coordinator")
def cancel_event(event_id: str) -> str | Response:
    """A confirmation page; the POST cancels and tells those invited."""
    event = queries.event_or_404(parse_id(event_id))
    form = CancelEventForm()
    if event.cancelled_at is None and form.validate_on_submit():
        told = services.cancel_event(event, g.tenant)
        db.session.commit()
        flash(
            ngettext(
                "The event is cancelled. %(num)d person invited is told.",
                "The event is cancelled. %(num)d people invited are told.",
                told,
            ),
            "success",
        )
        return redirect(url_for(".cohort_events", cohort_id=event.cohort_id))
    return render_template(
        "events/cancel_event.html",
        form=form,
        event=event,
        told=queries.invited_not_declined_count(event.id),
    )


def _details(form: EventForm) -> services.EventDetails:
    zone = current_tenant.timezone
    return services.EventDetails(
        kind=form.kind.data,
        title_da=form.title_da.data,
        title_en=form.title_en.data,
        description_da=form.description_da.data or "",
        description_en=form.description_en.data or "",
        starts_at=local_to_utc(form.day.data, form.starts.data, zone),
        ends_at=local_to_utc(form.day.data, form.ends.data, zone),
        location=form.location.data or "",
        audience=form.audience.data,
    )


def _form_data(event: Event) -> dict[str, Any]:
    start = utc_to_local(event.starts_at, current_tenant.timezone)
    end = utc_to_local(event.ends_at, current_tenant.timezone)
    fields = ("kind", "title_da", "title_en", "description_da", "description_en")
    data = {name: getattr(event, name) for name in fields}
    data.update(location=event.location, audience=event.audience)
    return data | {"day": start.date(), "starts": start.time(), "ends": end.time()}


@bp.route("/coordinator/events/<event_id>/invite", methods=["POST"])
@roles_required("coordinator")
def invite(event_id: str) -> Response:
    """Invite the audience; pressing it again invites only newcomers."""
    event = queries.event_or_404(parse_id(event_id))
    new = services.send_invitations(event, g.tenant)
    db.session.commit()
    flash(
        ngettext(
            "%(num)d new invitation sent.", "%(num)d new invitations sent.", len(new)
        )
        if new
        else _("Everyone in the audience is invited already."),
        "success",
    )
    return redirect(url_for(".cohort_events", cohort_id=event.cohort_id))


# -- check-in at the door -------------------------------------------------------------


@bp.route("/coordinator/events/<event_id>/checkin")
@roles_required("coordinator")
def checkin(event_id: str) -> Response:
    """The door list; htmx swaps just the list while the search is typed."""
    event = queries.event_or_404(parse_id(event_id))
    search = (request.args.get("q") or "")[:100]
    return render_page_or_fragment(
        "events/checkin.html",
        "events/_checkin_list.html",
        event=event,
        search=search,
        invitations=queries.checkin_invitations(event.id, search),
        counts=queries.event_attendance(event.id),
        walk_in=None if htmx else _walk_in_form(event),
    )


def _walk_in_form(event: Event) -> WalkInForm:
    form = WalkInForm()
    form.participant.choices = [
        (str(p.id), f"{p.user.full_name} ({p.role_label})")
        for p in queries.walk_in_candidates(event)
    ]
    return form


@bp.route("/coordinator/events/<event_id>/checkin/walk-in", methods=["POST"])
@roles_required("coordinator")
def walk_in(event_id: str) -> Response:
    """Let in someone of the cohort who was not invited: invited and checked in."""
    event = queries.event_or_404(parse_id(event_id))
    form = _walk_in_form(event)
    if not form.validate_on_submit():
        flash(_("Choose someone of the cohort who is not on the list yet."), "error")
        return redirect(url_for(".checkin", event_id=event.id), 303)
    participant = db.session.get(Participant, uuid.UUID(form.participant.data))
    services.admit_walk_in(event, participant)
    db.session.commit()
    flash(_("%(name)s is checked in.", name=participant.user.full_name), "success")
    return redirect(url_for(".checkin", event_id=event.id))


@bp.route("/coordinator/events/<event_id>/checkin/<invitation_id>", methods=["POST"])
@roles_required("coordinator")
def toggle_checkin(event_id: str, invitation_id: str) -> str | Response:
    """One tap: in, or out again; htmx replaces the person's row (and the count)."""
    event = queries.event_or_404(parse_id(event_id))
    invitation = queries.invitation_for_event_or_404(event.id, parse_id(invitation_id))
    wanted = {"in": True, "out": False}.get(request.form.get("to", ""))
    services.toggle_checkin(invitation, wanted)
    db.session.commit()
    search = (request.form.get("q") or "")[:100]
    if not htmx:
        return redirect(url_for(".checkin", event_id=event.id, q=search or None))
    return render_template(
        "events/_checkin_row.html",
        event=event,
        invitation=invitation,
        search=search,
        counts=queries.event_attendance(event.id),
        oob=True,
    )


# -- participants' answers ------------------------------------------------------------


@bp.route("/me/events/")
@roles_required("mentor", "mentee")
def my_events() -> str:
    return _my_events_page()


def _my_events_page(token: str | None = None) -> str:
    return render_template(
        "events/my_events.html",
        invitations=queries.my_invitations(current_user.id),
        feed=queries.feed_of(current_user.id),
        token=token,
        links=_feed_links(token),
        now=utcnow(),
    )


@bp.route("/me/events/<event_id>")
@roles_required("mentor", "mentee")
def my_event(event_id: str) -> str:
    """One event for a participant: when, where, what, and their answer.

    Only events of a cohort the person takes part in; any other is a 404.
    """
    event = queries.event_or_404(parse_id(event_id))
    if not queries.takes_part(event.cohort_id, current_user.id):
        abort(404)
    return render_template(
        "events/my_event.html",
        event=event,
        invitation=queries.my_invitation_to(event.id, current_user.id),
        now=utcnow(),
    )


@bp.route("/me/invitations/<invitation_id>/rsvp", methods=["POST"])
@roles_required("mentor", "mentee")
def rsvp(invitation_id: str) -> str | Response:
    """Yes / maybe / no to one's own invitation; someone else's is a 404."""
    invitation = queries.my_invitation_or_404(parse_id(invitation_id), current_user.id)
    answer = request.form.get("answer")
    if answer not in RSVP_ANSWERS:
        abort(400)
    is_open = invitation.is_open
    if is_open:
        services.answer(invitation, answer)
        db.session.commit()
    next_path = safe_next(request.form.get("next")) or url_for(".my_events")
    if not htmx:
        _flash_answer(invitation, is_open)
        return redirect(next_path)
    return render_template(
        "events/_rsvp.html", invitation=invitation, next_path=next_path
    )


def _flash_answer(invitation: EventInvitation, saved: bool) -> None:
    if saved:
        flash(_("Your answer is saved: %(answer)s.", answer=invitation.rsvp_label))
    else:
        flash(_closed_message(invitation), "error")


def _closed_message(invitation: EventInvitation) -> str:
    if invitation.event.cohort.is_closed:
        return _("The cohort is closed: its events take no more answers.")
    return _("The event has begun: answers are closed.")


def _refuse_if_closed(cohort: Any) -> Response | None:
    """A closed cohort is read-only: back to its events with a message."""
    if not cohort.is_closed:
        return None
    flash(_("The cohort is closed: its events can no longer be changed."), "error")
    return redirect(url_for(".cohort_events", cohort_id=cohort.id))


# -- calendars ----------------------------------------------------------------------


@bp.route("/me/calendar", methods=["POST"])
@roles_required("mentor", "mentee")
def new_feed() -> str:
    """A new secret calendar address, shown once; the old one stops working."""
    token = services.new_calendar_feed(current_user.id)
    db.session.commit()
    if htmx:
        return render_template(
            "events/_calendar_feed.html",
            feed=queries.feed_of(current_user.id),
            token=token,
            links=_feed_links(token),
        )
    return _my_events_page(token)


def _feed_links(token: str | None) -> calendars.SubscribeLinks | None:
    """The new address (shown once) and its subscribe links, named after the city."""
    if token is None:
        return None
    url = tenant_url(current_tenant, url_for(".feed", token=token))
    return calendars.subscribe_links(url, current_tenant.name(get_locale().language))


@bp.route("/events/<event_id>.ics")
@roles_required("coordinator", "mentor", "mentee")
def event_ics(event_id: str) -> Response:
    """One event for a calendar: the city's coordinators and the cohort's people."""
    event = queries.event_or_404(parse_id(event_id))
    if current_user.role != "coordinator" and not queries.takes_part(
        event.cohort_id, current_user.id
    ):
        abort(404)
    text = calendars.published([event], current_tenant, get_locale().language)
    return _ics(text, f"event-{event.id}.ics")


@bp.route("/calendar/<token>.ics")
def feed(token: str) -> Response:
    """The personal feed: no sign-in, the secret address is the key."""
    owner = queries.feed_owner(token)
    if owner is None:
        abort(404)
    language = recipient_locale(owner, current_tenant)
    with force_locale(babel_locale(language)):
        events = [i.event for i in queries.feed_invitations(owner.id)]
        name = current_tenant.name(language)
        text = calendars.published(events, current_tenant, language, name)
    response = _ics(text, "calendar.ics")
    response.headers["Cache-Control"] = "private, max-age=300"
    return response


def _ics(text: str, filename: str) -> Response:
    response = current_app.response_class(text, mimetype="text/calendar")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
