"""What the programme report says: activities and effect over a period.

``gather`` reads the city's data (scoped, a fixed number of statements); the
figures come from ``results.queries.results``, the same computation as the
results page, so the two never disagree on the same answers.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import func

from mentoring.core.models import utcnow
from mentoring.events.models import Event, EventInvitation
from mentoring.extensions import db
from mentoring.programmes.models import Cohort, Participant
from mentoring.results.aggregation import Figure
from mentoring.results.queries import results, survey_records
from mentoring.surveys.models import SurveyDefinition, SurveyQuestion
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
    by_cohort: dict[str, list[Figure]]  # cohort name -> figures, oldest first
    motivations: list[tuple[str, dict[str, str], int]]  # value, labels, count


def gather(tenant: Tenant, start: date, end: date, language: str) -> ReportData:
    """Everything the report needs for cohorts running within ``start``-``end``."""
    cohorts = _cohorts(start, end)
    ids = [c.id for c in cohorts]
    roles = _participants(ids)
    held, checked_in, invited = _attendance(ids, start, end)
    computed = results(tenant, ids)
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
        figures=computed.overall,
        by_cohort=computed.by_cohort,
        motivations=_motivations(ids),
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
    """People per role, not places: a mentor returning for a second cohort is
    one mentor."""
    rows = db.session.execute(
        db.select(Participant.role, func.count(Participant.user_id.distinct()))
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


def _motivations(cohort_ids: list[Any]) -> list[tuple[str, dict[str, str], int]]:
    """How many mentors gave each motivation ("motivation" of "mentor_end").

    From the same submitted answers as the figures (``survey_records``).
    """
    counts: Counter[str] = Counter()
    for record in survey_records(cohort_ids):
        values = record.answers.get("motivation")
        if record.survey == "mentor_end" and values:
            counts.update(values if isinstance(values, list) else [values])
    labels = _motivation_labels() if counts else {}
    return [(value, labels.get(value, {}), n) for value, n in counts.most_common()]


def _motivation_labels() -> dict[str, dict[str, str]]:
    """Each motivation's labels by language, from any version of the survey."""
    choices = db.session.execute(
        db.select(SurveyQuestion.choices)
        .join(SurveyDefinition, SurveyDefinition.id == SurveyQuestion.definition_id)
        .where(SurveyDefinition.key == "mentor_end", SurveyQuestion.key == "motivation")
        .order_by(SurveyDefinition.version.desc())
    ).scalars()
    labels: dict[str, dict[str, str]] = {}
    for listed in choices:
        for choice in listed:
            labels.setdefault(choice["value"], choice)
    return labels
