"""The programme report's content: activities and effect over a period.

``gather`` reads the city's data (scoped, a fixed number of statements);
``document`` turns it into titled tables in the current language, which the
HTML page, the PDF and the CSV all print, so the three always agree.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from flask_babel import format_percent
from sqlalchemy import func
from sqlalchemy.orm import selectinload

from mentoring.core.i18n import _
from mentoring.core.models import utcnow
from mentoring.events.models import Event, EventInvitation
from mentoring.extensions import db
from mentoring.programmes.models import Cohort, Participant
from mentoring.results.aggregation import Figure, SurveyRecord, aggregate, ratio
from mentoring.results.labels import measure_label
from mentoring.results.models import SuccessCriterion
from mentoring.surveys.models import SurveyAnswer, SurveyInvitation, SurveyQuestion
from mentoring.tenancy.models import Tenant


@dataclass(frozen=True)
class ReportData:
    """What the report says, before it is written in a language."""

    city: str
    period_start: date
    period_end: date
    cohorts: list[str]
    events_held: int
    mentees: int
    mentors: int
    checked_in: int
    invited: int
    figures: list[Figure]
    motivations: list[tuple[str, dict[str, str], int]]  # value, labels, count


@dataclass(frozen=True)
class Section:
    """One titled table of the report."""

    title: str
    intro: str
    header: list[str]
    rows: list[list[str]]


def gather(tenant: Tenant, start: date, end: date, language: str) -> ReportData:
    """Everything the report needs for cohorts running within ``start``-``end``."""
    cohorts = _cohorts(start, end)
    ids = [c.id for c in cohorts]
    roles = _participants(ids)
    held, checked_in, invited = _attendance(ids, start, end)
    records = _survey_records(ids)
    results = aggregate([r for r, _q in records], _criteria(tenant))
    return ReportData(
        city=tenant.name(language),
        period_start=start,
        period_end=end,
        cohorts=[c.name for c in cohorts],
        events_held=held,
        mentees=roles.get("mentee", 0),
        mentors=roles.get("mentor", 0),
        checked_in=checked_in,
        invited=invited,
        figures=results.overall,
        motivations=_motivations(records),
    )


def _cohorts(start: date, end: date) -> list[Cohort]:
    return list(
        db.session.execute(
            db.select(Cohort)
            .where(Cohort.starts_on <= end, Cohort.ends_on >= start)
            .order_by(Cohort.starts_on, Cohort.name)
        ).scalars()
    )


def _participants(cohort_ids: list[Any]) -> dict[str, int]:
    rows = db.session.execute(
        db.select(Participant.role, func.count(Participant.id))
        .where(Participant.cohort_id.in_(cohort_ids))
        .group_by(Participant.role)
    )
    return dict(rows.tuples().all())


def _attendance(cohort_ids: list[Any], start: date, end: date) -> tuple[int, int, int]:
    """(events held, check-ins, invitations) for events held in the period."""
    first = datetime.combine(start, time.min, tzinfo=UTC)
    last = min(datetime.combine(end, time.max, tzinfo=UTC), utcnow())
    held = (
        db.select(Event.id)
        .where(
            Event.cohort_id.in_(cohort_ids),
            Event.starts_at >= first,
            Event.starts_at <= last,
        )
        .subquery()
    )
    events = db.session.scalar(db.select(func.count()).select_from(held)) or 0
    checked, invited = db.session.execute(
        db.select(
            func.count(EventInvitation.checked_in_at), func.count(EventInvitation.id)
        ).where(EventInvitation.event_id.in_(db.select(held.c.id)))
    ).one()
    return events, checked, invited


def _survey_records(
    cohort_ids: list[Any],
) -> list[tuple[SurveyRecord, dict[str, SurveyQuestion]]]:
    """Each invitation as a record, with the questions its answers belong to."""
    invitations = db.session.execute(
        db.select(SurveyInvitation)
        .where(SurveyInvitation.cohort_id.in_(cohort_ids))
        .options(
            selectinload(SurveyInvitation.cohort),
            selectinload(SurveyInvitation.answers).selectinload(SurveyAnswer.question),
        )
    ).scalars()
    records = []
    for invitation in invitations:
        questions = {a.question.key: a.question for a in invitation.answers}
        answers = {a.question.key: a.value for a in invitation.answers}
        record = SurveyRecord(invitation.cohort.name, invitation.survey_key, answers)
        records.append((record, questions))
    return records


def _criteria(tenant: Tenant) -> dict[str, float]:
    """As ``queries.criteria_for_city`` but for a job: the tenant is given."""
    rows = db.session.execute(db.select(SuccessCriterion)).scalars()
    defaults = dict(tenant.success_criteria or {})
    return defaults | {row.measure: row.minimum_share for row in rows}


def _motivations(
    records: list[tuple[SurveyRecord, dict[str, SurveyQuestion]]],
) -> list[tuple[str, dict[str, str], int]]:
    """How many mentors gave each motivation ("motivation" of "mentor_end")."""
    counts: Counter[str] = Counter()
    labels: dict[str, dict[str, str]] = {}
    for record, questions in records:
        values = record.answers.get("motivation")
        if record.survey != "mentor_end" or not values:
            continue
        counts.update(values if isinstance(values, list) else [values])
        for choice in questions["motivation"].choices:
            labels.setdefault(choice["value"], choice)
    return [(value, labels.get(value, {}), n) for value, n in counts.most_common()]


def document(data: ReportData, language: str) -> list[Section]:
    """The report's tables in the current locale (call inside ``force_locale``)."""
    return [_activities(data), _effect(data), _motivation_section(data, language)]


def percent(share: float | None) -> str:
    return "–" if share is None else format_percent(share)


def _activities(data: ReportData) -> Section:
    rows = [
        [_("Cohorts"), ", ".join(data.cohorts) or "–"],
        [_("Events held"), str(data.events_held)],
        [_("Mentees"), str(data.mentees)],
        [_("Mentors"), str(data.mentors)],
        [
            _("Attendance (check-ins of invited)"),
            f"{data.checked_in} / {data.invited} "
            f"({percent(ratio(data.checked_in, data.invited))})",
        ],
    ]
    intro = _("What the programme did in %(city)s in the period.", city=data.city)
    return Section(_("Activities"), intro, [_("Activity"), _("Number")], rows)


def _effect(data: ReportData) -> Section:
    header = [
        _("Measure"),
        _("Result"),
        _("Success criterion"),
        _("Criterion met"),
        _("Response rate"),
    ]
    return Section(
        _("Effect"),
        _("Each measure against its success criterion, with its response rate."),
        header,
        [_figure_row(f) for f in data.figures],
    )


def _figure_row(figure: Figure) -> list[str]:
    met = {True: _("Yes"), False: _("No"), None: "–"}[figure.meets]
    result = f"{percent(figure.share)} ({figure.numerator}/{figure.denominator})"
    if figure.denominator and figure.small_sample:
        result += " " + _("small sample")
    answered = (
        f"{percent(figure.response_rate)} ({figure.denominator}/{figure.invited})"
    )
    return [
        measure_label(figure.measure),
        result,
        percent(figure.criterion),
        met,
        answered,
    ]


def _motivation_section(data: ReportData, language: str) -> Section:
    rows = [
        [labels.get(language) or labels.get("en") or value, str(count)]
        for value, labels, count in data.motivations
    ]
    return Section(
        _("Mentor motivations"),
        _("Why the mentors took part, from their answers at the end."),
        [_("Motivation"), _("Mentors")],
        rows,
    )
