"""The ONE cross-city read of the network's comparison: counts per sharing city.

Everything here runs under ``cross_tenant(db.session, REASON)`` and selects only
grouped counts, or, for the surveys, the answers to standard closed questions
(never a text question, a name or an e-mail address). It returns disclosure
``Cell``s, keyed by the city's tenant id; :mod:`benchmarking.services` turns
them into the stored snapshot. The network's pages read that snapshot only.

Periods: a cohort belongs to the calendar year its end date falls in, and to
``all``. Cohorts count once they have begun (running or closed); completion and
every survey measure count closed cohorts only, since only those have been
evaluated. The query count does not grow with the number of cities or people.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func
from sqlalchemy.orm import aliased

from mentoring.benchmarking import measures as m
from mentoring.benchmarking.disclosure import ALL_TIME, Cell
from mentoring.benchmarking.models import CitySharing
from mentoring.core.scoping import cross_tenant
from mentoring.events.models import Event, EventInvitation
from mentoring.extensions import db
from mentoring.meetings.models import Meeting
from mentoring.programmes.models import Cohort, Pair, Participant
from mentoring.programmes.status import CohortStatus
from mentoring.results.aggregation import SurveyRecord, figure
from mentoring.surveys.instruments import INSTRUMENTS
from mentoring.surveys.models import SurveyAnswer, SurveyInvitation, SurveyQuestion
from mentoring.tenancy.models import Tenant

REASON = "network snapshot: counts per sharing city"
STARTED = (CohortStatus.RUNNING, CohortStatus.CLOSED)
YEAR = func.extract("year", Cohort.ends_on)
Key = tuple[uuid.UUID, str]  # (tenant id, period)


@dataclass(frozen=True)
class SharingCity:
    """A city in the snapshot: how it is labelled, and whether it is demo data."""

    tenant_id: uuid.UUID
    label: str
    demo: bool


def snapshot(now: datetime) -> tuple[list[SharingCity], list[Cell]]:
    """The sharing cities and every standard measure's cell per city and period."""
    with cross_tenant(db.session, REASON):
        cities = sharing_cities()
        ids = [city.tenant_id for city in cities]
        cells = _cells(ids, now) if ids else []
    return cities, cells


def sharing_cities() -> list[SharingCity]:
    """Cities that share, named (Danish name) or under their pseudonym.

    A city that has never saved a choice has no ``CitySharing`` row: it shares
    under its name, the default the programme's cities agreed to (and the demo
    data relies on).
    """
    choices = {
        row.tenant_id: row
        for row in db.session.execute(db.select(CitySharing)).scalars()
    }
    tenants = db.session.execute(db.select(Tenant).order_by(Tenant.slug)).scalars()
    cities = []
    for tenant in tenants:
        choice = choices.get(tenant.id)
        if choice is not None and not choice.shares:
            continue
        label = tenant.name_da if choice is None or choice.named else choice.pseudonym
        cities.append(SharingCity(tenant.id, label, tenant.demo))
    return cities


def _cells(ids: Sequence[uuid.UUID], now: datetime) -> list[Cell]:
    periods = _periods(ids)
    values: dict[tuple[uuid.UUID, str, str], tuple[int, int]] = {}
    for measure, rows in _additive(ids, now).items():
        for (tenant_id, year), nc in rows.items():
            for period in (year, ALL_TIME):
                n, count = values.get((tenant_id, period, measure), (0, 0))
                values[(tenant_id, period, measure)] = (n + nc[0], count + nc[1])
    for measure, rows in _distinct(ids).items():
        for (tenant_id, period), count in rows.items():
            values[(tenant_id, period, measure)] = (count, count)
    return [
        Cell(str(t), period, key, kind, *values.get((t, period, key), (0, 0)))
        for t, period in periods
        for key, kind in m.NETWORK_MEASURES.items()
    ]


def _started(ids: Sequence[uuid.UUID]) -> Any:
    return Cohort.tenant_id.in_(ids) & Cohort.status.in_(STARTED)


def _closed(ids: Sequence[uuid.UUID]) -> Any:
    return Cohort.tenant_id.in_(ids) & (Cohort.status == CohortStatus.CLOSED)


def _year(value: Any) -> str:
    return str(int(value))


def _periods(ids: Sequence[uuid.UUID]) -> list[Key]:
    """Each city's years (of begun cohorts), oldest first, then all time."""
    rows = db.session.execute(
        db.select(Cohort.tenant_id, YEAR).where(_started(ids)).distinct()
    ).all()
    years: dict[uuid.UUID, set[str]] = defaultdict(set)
    for tenant_id, year in rows:
        years[tenant_id].add(_year(year))
    return [
        (tenant_id, period)
        for tenant_id in ids
        if tenant_id in years
        for period in (*sorted(years[tenant_id]), ALL_TIME)
    ]


def _grouped(query: Any) -> dict[Key, tuple[int, int]]:
    """``(tenant, year, n, count)`` rows as ``{(tenant, year): (n, count)}``."""
    return {
        (tenant_id, _year(year)): (int(n or 0), int(count or 0))
        for tenant_id, year, n, count in db.session.execute(query)
    }


def _additive(
    ids: Sequence[uuid.UUID], now: datetime
) -> dict[str, dict[Key, tuple[int, int]]]:
    """Measures whose all-time figure is the sum of the years'."""
    found = {
        m.COHORTS: _grouped(_cohorts(ids)),
        m.COMPLETION: _grouped(_completion(ids)),
        m.ATTENDANCE: _grouped(_attendance(ids, now)),
        m.MEETINGS_PER_PAIR: _grouped(_meetings(ids)),
    }
    found.update(_survey_measures(ids))
    return found


def _cohorts(ids: Sequence[uuid.UUID]) -> Any:
    """Cohorts that have begun (a count: n and count alike)."""
    count = func.count(Cohort.id)
    return (
        db.select(Cohort.tenant_id, YEAR, count, count)
        .where(_started(ids))
        .group_by(Cohort.tenant_id, YEAR)
    )


def _completion(ids: Sequence[uuid.UUID]) -> Any:
    """Mentees of closed cohorts (n) who were still in a pair at the close."""
    return (
        db.select(
            Participant.tenant_id, YEAR, func.count(Participant.id), func.count(Pair.id)
        )
        .join(Cohort, Cohort.id == Participant.cohort_id)
        .outerjoin(Pair, Pair.mentee_id == Participant.id)
        .where(_closed(ids), Participant.role == "mentee")
        .group_by(Participant.tenant_id, YEAR)
    )


def _attendance(ids: Sequence[uuid.UUID], now: datetime) -> Any:
    """Invitations to events that have begun (n), and those checked in."""
    return (
        db.select(
            Event.tenant_id,
            YEAR,
            func.count(EventInvitation.id),
            func.count(EventInvitation.checked_in_at),
        )
        .join(EventInvitation, EventInvitation.event_id == Event.id)
        .join(Cohort, Cohort.id == Event.cohort_id)
        .where(_started(ids), Event.starts_at <= now)
        .group_by(Event.tenant_id, YEAR)
    )


def _meetings(ids: Sequence[uuid.UUID]) -> Any:
    """Pairs (n) and the meetings they logged (the mean's sum)."""
    return (
        db.select(
            Pair.tenant_id,
            YEAR,
            func.count(func.distinct(Pair.id)),
            func.count(Meeting.id),
        )
        .join(Cohort, Cohort.id == Pair.cohort_id)
        .outerjoin(Meeting, Meeting.pair_id == Pair.id)
        .where(_started(ids))
        .group_by(Pair.tenant_id, YEAR)
    )


def _distinct(ids: Sequence[uuid.UUID]) -> dict[str, dict[Key, int]]:
    """People counted once per period: a mentor of two cohorts is one mentor."""
    found: dict[str, dict[Key, int]] = defaultdict(dict)
    for by_year in (True, False):
        for tenant_id, role, period, count in _people(ids, by_year):
            key = m.PARTICIPANTS_MENTEES if role == "mentee" else m.PARTICIPANTS_MENTORS
            found[key][(tenant_id, period)] = count
        for tenant_id, period, count in _returning(ids, by_year):
            found[m.RETURNING_MENTORS][(tenant_id, period)] = count
    return found


def _period_column(by_year: bool) -> list[Any]:
    return [YEAR] if by_year else []


def _period_of(row: Sequence[Any], by_year: bool) -> str:
    return _year(row[0]) if by_year else ALL_TIME


def _people(ids: Sequence[uuid.UUID], by_year: bool) -> Iterable[tuple]:
    period = _period_column(by_year)
    rows = db.session.execute(
        db.select(
            Participant.tenant_id,
            Participant.role,
            *period,
            func.count(func.distinct(Participant.user_id)),
        )
        .join(Cohort, Cohort.id == Participant.cohort_id)
        .where(_started(ids))
        .group_by(Participant.tenant_id, Participant.role, *period)
    ).all()
    for row in rows:
        yield row[0], row[1], _period_of(row[2:], by_year), int(row[-1])


def _returning(ids: Sequence[uuid.UUID], by_year: bool) -> Iterable[tuple]:
    """Mentors who had mentored in an earlier begun cohort of the same city."""
    earlier, earlier_cohort = aliased(Participant), aliased(Cohort)
    before = (
        db.select(earlier.id)
        .join(earlier_cohort, earlier_cohort.id == earlier.cohort_id)
        .where(
            earlier.tenant_id == Participant.tenant_id,
            earlier.user_id == Participant.user_id,
            earlier.role == "mentor",
            earlier_cohort.status.in_(STARTED),
            earlier_cohort.starts_on < Cohort.starts_on,
        )
        .exists()
    )
    period = _period_column(by_year)
    rows = db.session.execute(
        db.select(
            Participant.tenant_id,
            *period,
            func.count(func.distinct(Participant.user_id)),
        )
        .join(Cohort, Cohort.id == Participant.cohort_id)
        .where(_started(ids), Participant.role == "mentor", before)
        .group_by(Participant.tenant_id, *period)
    ).all()
    for row in rows:
        yield row[0], _period_of(row[1:], by_year), int(row[-1])


def _survey_measures(ids: Sequence[uuid.UUID]) -> dict[str, dict[Key, tuple[int, int]]]:
    """Response rates and every survey measure, per city and year (one read).

    The results page's own arithmetic (``results.aggregation.figure``) counts
    the answers, so a city's figures here agree with its results page.
    """
    found: dict[str, dict[Key, tuple[int, int]]] = defaultdict(dict)
    for key, records in _survey_records(ids).items():
        for instrument in INSTRUMENTS:
            asked = [r for r in records if r.survey == instrument]
            answered = sum(1 for r in asked if r.cohort == "answered")
            found[m.response_rate_key(instrument)][key] = (len(asked), answered)
        for measure in m.SURVEY_MEASURES:
            fig = figure(measure, records)
            found[measure.key][key] = (fig.denominator, fig.numerator)
    return found


def _survey_records(ids: Sequence[uuid.UUID]) -> dict[Key, list[SurveyRecord]]:
    """One record per invitation of a closed cohort, with its readable answers.

    ``SurveyRecord.cohort`` carries "answered" or "open" here: the snapshot
    needs no cohort, only whether the survey was sent in.
    """
    readable = (
        db.select(SurveyAnswer.invitation_id, SurveyQuestion.key, SurveyAnswer.value)
        .join(SurveyQuestion, SurveyQuestion.id == SurveyAnswer.question_id)
        .where(
            SurveyQuestion.standard.is_(True),
            SurveyQuestion.kind != "text",
            SurveyQuestion.key.in_(sorted(m.SURVEY_QUESTIONS)),
        )
        .subquery()
    )
    rows = db.session.execute(
        db.select(
            SurveyInvitation.tenant_id,
            YEAR,
            SurveyInvitation.id,
            SurveyInvitation.survey_key,
            SurveyInvitation.completed_at,
            readable.c.key,
            readable.c.value,
        )
        .join(Cohort, Cohort.id == SurveyInvitation.cohort_id)
        .outerjoin(readable, readable.c.invitation_id == SurveyInvitation.id)
        .where(_closed(ids))
    )
    return _fold(rows)


def _fold(rows: Iterable[Any]) -> dict[Key, list[SurveyRecord]]:
    heads: dict[uuid.UUID, tuple[Key, str, bool]] = {}
    answers: dict[uuid.UUID, dict[str, Any]] = defaultdict(dict)
    for tenant_id, year, invitation_id, survey, completed_at, question, value in rows:
        done = completed_at is not None
        heads.setdefault(invitation_id, ((tenant_id, _year(year)), survey, done))
        if done and question is not None:  # a saved, unsent form is no answer
            answers[invitation_id][question] = value
    records: dict[Key, list[SurveyRecord]] = defaultdict(list)
    for invitation_id, (key, survey, done) in heads.items():
        state = "answered" if done else "open"
        records[key].append(SurveyRecord(state, survey, answers[invitation_id]))
    return records
