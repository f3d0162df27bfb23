"""The coordinator's exports: one table per file, read across the domains.

Each function returns a ``Table`` that ``core.spreadsheet.excel_csv`` writes;
headers and labels are in the current language, numbers stay numbers. Free
text (survey answers) is included: it is the city's own data, and the writer
neutralises anything that would start a formula. A fixed number of queries
each, however large the cohort.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from flask_babel import get_locale
from sqlalchemy import func
from sqlalchemy.orm import joinedload, selectinload

from mentoring.core.i18n import _
from mentoring.core.spreadsheet import Cell
from mentoring.events.models import Event, EventInvitation
from mentoring.extensions import db
from mentoring.meetings.models import Meeting
from mentoring.programmes.models import Cohort, Pair, Participant
from mentoring.surveys.models import SurveyDefinition, SurveyInvitation


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[list[Cell]]


def _language() -> str:
    return get_locale().language if get_locale() else "da"


def participants(cohort: Cohort) -> Table:
    """Everyone taking part, with role, e-mail and phone (one query)."""
    rows = db.session.scalars(
        db.select(Participant)
        .where(Participant.cohort_id == cohort.id)
        .options(joinedload(Participant.user))
        .order_by(Participant.role, Participant.created_at)
    ).all()
    header = [_("Name"), _("Role"), _("E-mail"), _("Phone")]
    return Table(
        header,
        [[p.user.full_name, p.role_label, p.user.email, p.user.phone] for p in rows],
    )


def pairs(cohort: Cohort) -> Table:
    """Each pair with its meetings: how many, minutes, the latest (two queries)."""
    pair_rows = db.session.scalars(
        db.select(Pair)
        .where(Pair.cohort_id == cohort.id)
        .options(
            joinedload(Pair.mentee).joinedload(Participant.user),
            joinedload(Pair.mentor).joinedload(Participant.user),
        )
        .order_by(Pair.created_at)
    ).all()
    stats = _meeting_stats([p.id for p in pair_rows])
    header = [_("Mentee"), _("Mentor"), _("Meetings"), _("Minutes"), _("Last meeting")]
    rows: list[list[Cell]] = []
    for pair in pair_rows:
        count, minutes, last = stats.get(pair.id, (0, 0, None))
        last_text = last.isoformat() if last else None
        mentee, mentor = pair.mentee.user.full_name, pair.mentor.user.full_name
        rows.append([mentee, mentor, count, minutes, last_text])
    return Table(header, rows)


def _meeting_stats(pair_ids: list[uuid.UUID]) -> dict[uuid.UUID, Any]:
    if not pair_ids:
        return {}
    rows = db.session.execute(
        db.select(
            Meeting.pair_id,
            func.count(Meeting.id),
            func.coalesce(func.sum(Meeting.duration_minutes), 0),
            func.max(Meeting.held_on),
        )
        .where(Meeting.pair_id.in_(pair_ids))
        .group_by(Meeting.pair_id)
    ).all()
    return {
        pair_id: (count, int(minutes), last) for pair_id, count, minutes, last in rows
    }


def attendance(cohort: Cohort) -> Table:
    """Each event: invited, said yes, checked in and the share who came (one query)."""
    checked_in = func.count(EventInvitation.checked_in_at)
    yes = func.count(EventInvitation.id).filter(EventInvitation.rsvp == "yes")
    rows = db.session.execute(
        db.select(Event, func.count(EventInvitation.id), yes, checked_in)
        .outerjoin(EventInvitation, EventInvitation.event_id == Event.id)
        .where(Event.cohort_id == cohort.id)
        .group_by(Event.id)
        .order_by(Event.starts_at)
    ).all()
    language = _language()
    header = [
        _("Event"),
        _("Date"),
        _("Invited"),
        _("Said yes"),
        _("Checked in"),
        _("Attendance (%)"),
    ]
    return Table(
        header,
        [
            [
                event.title(language),
                event.starts_at.date().isoformat(),
                invited,
                said_yes,
                came,
                round(100 * came / invited) if invited else None,
            ]
            for event, invited, said_yes, came in rows
        ],
    )


def surveys_of(cohorts: list[Cohort]) -> dict[uuid.UUID, list[SurveyDefinition]]:
    """The survey versions each cohort was sent (one query for all cohorts)."""
    rows = db.session.execute(
        db.select(SurveyInvitation.cohort_id, SurveyDefinition)
        .join(SurveyDefinition, SurveyDefinition.id == SurveyInvitation.definition_id)
        .where(SurveyInvitation.cohort_id.in_([c.id for c in cohorts]))
        .distinct()
        .order_by(SurveyDefinition.key, SurveyDefinition.version)
    ).all()
    found: dict[uuid.UUID, list[SurveyDefinition]] = {}
    for cohort_id, definition in rows:
        found.setdefault(cohort_id, []).append(definition)
    return found


def survey_answers(cohort: Cohort, definition: SurveyDefinition) -> Table:
    """One row per sent-in answer sheet, one column per question (three queries).

    Answers saved but not sent in are left out: the person has not given them.
    """
    language = _language()
    questions = sorted(definition.questions, key=lambda q: q.position)
    sheets = db.session.scalars(
        db.select(SurveyInvitation)
        .where(
            SurveyInvitation.cohort_id == cohort.id,
            SurveyInvitation.definition_id == definition.id,
            SurveyInvitation.completed_at.is_not(None),
        )
        .options(
            joinedload(SurveyInvitation.participant).joinedload(Participant.user),
            selectinload(SurveyInvitation.answers),
        )
        .order_by(SurveyInvitation.completed_at)
    ).all()
    header = [_("Name"), _("Role"), _("Sent in")]
    header += [q.text(language) for q in questions]
    rows: list[list[Cell]] = []
    for sheet in sheets:
        values = {a.question_id: a.value for a in sheet.answers}
        person = sheet.participant
        row: list[Cell] = [person.user.full_name, person.role_label]
        row.append(
            sheet.completed_at.date().isoformat() if sheet.completed_at else None
        )
        row += [_answer(q, values.get(q.id), language) for q in questions]
        rows.append(row)
    return Table(header, rows)


def _answer(question: Any, value: Any, language: str) -> Cell:
    """A scale as its number, a choice as its label, several choices joined."""
    if value is None or isinstance(value, int | float):
        return value
    labels = {c["value"]: c.get(language) or c.get("en") for c in question.choices}
    if question.kind == "yes_no":
        labels = {"yes": _("Yes"), "no": _("No")}
    if isinstance(value, list):
        return ", ".join(str(labels.get(v, v)) for v in value)
    return str(labels.get(value, value))
