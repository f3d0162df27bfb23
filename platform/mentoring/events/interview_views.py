"""The job-interview session: slots (coordinator), booking (mentees), feedback
(interviewers). Their own blueprint, beside the events one."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import ngettext
from flask_login import current_user
from werkzeug.wrappers import Response
from wtforms.fields.choices import SelectChoice

from mentoring.core.auth import roles_required
from mentoring.core.i18n import _
from mentoring.core.models import utcnow
from mentoring.core.tenancy import current_tenant, require_city
from mentoring.events import interviews, queries
from mentoring.events.forms import FeedbackForm, SlotsForm
from mentoring.events.models import Event, InterviewSlot
from mentoring.events.rules import local_to_utc, may_read_feedback, utc_to_local
from mentoring.events.views import parse_id
from mentoring.extensions import db
from mentoring.programmes.models import Participant

bp = Blueprint("interviews", __name__, template_folder="templates")
bp.before_request(require_city)

INTERVIEW = "interview_session"


def _problem_message(code: str) -> str:
    return {
        "started": _("The session has started: bookings are closed."),
        "already_booked": _(
            "You have already booked a slot. Cancel it first to choose another."
        ),
        "taken": _("Someone else has just booked that slot. Please choose another."),
        "own_mentor": _("Please choose an interviewer who is not your own mentor."),
    }[code]


def _interview_event_or_404(event_id: str) -> Event:
    event = queries.event_or_404(parse_id(event_id))
    if event.kind != INTERVIEW:
        abort(404)
    return event


# -- the coordinator opens slots -------------------------------------------------------


@bp.route("/coordinator/events/<event_id>/slots", methods=["GET", "POST"])
@roles_required("coordinator")
def slots(event_id: str) -> str | Response:
    event = _interview_event_or_404(event_id)
    mentors = queries.cohort_mentors(event.cohort_id)
    form = SlotsForm()
    form.interviewer.choices = [
        SelectChoice(str(m.id), m.user.full_name) for m in mentors
    ]
    if form.validate_on_submit():
        count = _open(event, mentors, form)
        db.session.commit()
        flash(
            ngettext("%(num)d slot opened.", "%(num)d slots opened.", count), "success"
        )
        return redirect(url_for(".slots", event_id=event.id))
    return render_template(
        "events/slots.html",
        event=event,
        form=form,
        slots=queries.slots_of(event.id),
    )


def _open(event: Event, mentors: list[Participant], form: SlotsForm) -> int:
    interviewer = next(m for m in mentors if str(m.id) == form.interviewer.data)
    day = utc_to_local(event.starts_at, current_tenant.timezone).date()
    start = local_to_utc(day, form.starts.data, current_tenant.timezone)
    return interviews.open_slots(
        event, interviewer, start, form.minutes.data, form.count.data
    )


@bp.route("/coordinator/slots/<slot_id>/remove", methods=["POST"])
@roles_required("coordinator")
def remove_slot(slot_id: str) -> Response:
    slot = queries.slot_or_404(parse_id(slot_id))
    if interviews.remove_slot(slot):
        flash(_("The slot is removed."), "success")
    else:
        flash(_("A booked slot cannot be removed."), "error")
    db.session.commit()
    return redirect(url_for(".slots", event_id=slot.event_id))


# -- mentees book, mentors see their slots ---------------------------------------


def _my_participation(event: Event) -> Participant:
    participant = queries.takes_part(event.cohort_id, current_user.id)
    if participant is None:
        abort(404)
    return participant


@bp.route("/me/events/<event_id>/interview")
@roles_required("mentor", "mentee")
def interview(event_id: str) -> str:
    event = _interview_event_or_404(event_id)
    me = _my_participation(event)
    all_slots = queries.slots_of(event.id)
    own_mentor = queries.own_mentor_id(me.id) if me.role == "mentee" else None
    return render_template(
        "events/interview.html",
        event=event,
        me=me,
        mine=[s for s in all_slots if me.id in (s.mentee_id, s.interviewer_id)],
        bookable=_bookable(all_slots, own_mentor),
        is_open=event.starts_at > utcnow(),
    )


def _bookable(
    all_slots: list[InterviewSlot], own_mentor: object
) -> list[InterviewSlot]:
    """Free slots with interviewers other than the mentee's own mentor."""
    return [
        s for s in all_slots if s.mentee_id is None and s.interviewer_id != own_mentor
    ]


@bp.route("/me/events/<event_id>/interview/book", methods=["POST"])
@roles_required("mentee")
def book(event_id: str) -> Response:
    event = _interview_event_or_404(event_id)
    me = _my_participation(event)
    slot = queries.slot_or_404(parse_id(request.form.get("slot", "")))
    if slot.event_id != event.id or me.role != "mentee":
        abort(404)
    problem = interviews.book(slot, me)
    db.session.commit()
    if problem:
        flash(_problem_message(problem), "error")
    else:
        flash(_("Your practice interview is booked."), "success")
    return redirect(url_for(".interview", event_id=event.id))


@bp.route("/me/events/<event_id>/interview/cancel", methods=["POST"])
@roles_required("mentee")
def cancel(event_id: str) -> Response:
    event = _interview_event_or_404(event_id)
    me = _my_participation(event)
    if interviews.cancel(event, me):
        flash(_("Your booking is cancelled."), "success")
    else:
        flash(_("There was no booking to cancel before the session."), "error")
    db.session.commit()
    return redirect(url_for(".interview", event_id=event.id))


# -- one slot and its feedback ----------------------------------------------------


@bp.route("/interviews/<slot_id>", methods=["GET", "POST"])
@roles_required("coordinator", "mentor", "mentee")
def slot(slot_id: str) -> str | Response:
    """The mentee, their interviewer and coordinators only; others get a 404."""
    slot = queries.slot_or_404(parse_id(slot_id))
    if not _may_read(slot):
        abort(404)
    writer = slot.interviewer.user_id == current_user.id and slot.mentee_id
    form = FeedbackForm(data={"feedback": slot.feedback or ""})
    if request.method == "POST":
        if not writer:
            abort(404)
        if form.validate_on_submit():
            interviews.leave_feedback(slot, form.feedback.data)
            db.session.commit()
            flash(_("Your feedback is saved. The mentee can read it now."), "success")
            return redirect(url_for(".slot", slot_id=slot.id))
    return render_template("events/slot.html", slot=slot, form=form if writer else None)


def _may_read(slot: InterviewSlot) -> bool:
    mentee_user = slot.mentee.user_id if slot.mentee is not None else None
    return may_read_feedback(
        current_user.role, current_user.id, slot.interviewer.user_id, mentee_user
    )
