"""Read-side queries for the pages that bring the domains together.

A fixed number of SQL statements each, however many cohorts, pairs and events.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func
from sqlalchemy.orm import selectinload

from mentoring.accounts.models import User
from mentoring.events.models import Event, InterviewSlot
from mentoring.extensions import db
from mentoring.home.lifecycle import CohortFacts
from mentoring.home.summaries import CohortSummary, summarise
from mentoring.matching.models import SpeedDatingPlan
from mentoring.meetings.queries import PairRow, pair_rows_of
from mentoring.meetings.rules import due_kinds, quiet_since, quiet_weeks
from mentoring.programmes.models import Cohort, Participant
from mentoring.programmes.status import CohortStatus


def cohort_summaries() -> list[CohortSummary]:
    """Every cohort of the city with its counts, newest first (seven queries)."""
    cohorts = db.session.scalars(
        db.select(Cohort).order_by(Cohort.starts_on.desc())
    ).all()
    return summarise(cohorts)


@dataclass(frozen=True)
class TimelineEntry:
    event: Event
    state: str  # past | next | later


@dataclass(frozen=True)
class Participation:
    """One of a participant's cohorts: their pair (with its meeting stats), the
    partner, the cohort's events meant for them, and whether the pair is quiet."""

    participant: Participant
    partner: User | None
    pair: PairRow | None = None
    timeline: list[TimelineEntry] = field(default_factory=list)
    quiet_weeks: int | None = None  # set when a nudge would be due


AUDIENCES_OF_ROLE = {"mentee": ("mentees", "both"), "mentor": ("mentors", "both")}


def participations(
    user_id: uuid.UUID, today: date, now: datetime
) -> list[Participation]:
    """The user's cohorts, newest first, each with pair, partner and timeline.

    A fixed number of queries, however many cohorts, pairs and events.
    """
    mine = db.session.scalars(
        db.select(Participant)
        .where(Participant.user_id == user_id)
        .options(selectinload(Participant.cohort))
        .join(Participant.cohort)
        .order_by(Cohort.starts_on.desc())
    ).all()
    pairs = pair_rows_of(p.id for p in mine)
    events = _events_of({p.cohort_id for p in mine})
    return [
        _participation(p, pairs.get(p.id), events.get(p.cohort_id, []), today, now)
        for p in mine
    ]


def _participation(
    me: Participant,
    row: PairRow | None,
    events: list[Event],
    today: date,
    now: datetime,
) -> Participation:
    audiences = AUDIENCES_OF_ROLE.get(me.role, ("both",))
    mine = [e for e in events if e.audience in audiences]
    partner = None
    if row is not None:
        partner = (row.mentor if row.mentee.id == me.id else row.mentee).user
    return Participation(me, partner, row, _timeline(mine, now), _quiet(me, row, today))


def _timeline(events: list[Event], now: datetime) -> list[TimelineEntry]:
    """Events in order; past ones marked, and the first one still to come is next."""
    entries, found_next = [], False
    for event in events:
        state = "past" if event.ends_at <= now else ("later" if found_next else "next")
        found_next = found_next or state == "next"
        entries.append(TimelineEntry(event, state))
    return entries


def _quiet(me: Participant, row: PairRow | None, today: date) -> int | None:
    cohort = me.cohort
    if row is None or cohort.status != CohortStatus.RUNNING:
        return None
    since = quiet_since(row.last_meeting, row.pair.created_at.date(), cohort.starts_on)
    if not due_kinds(since, today, cohort.nudge_after_weeks):
        return None
    return quiet_weeks(since, today)


def _events_of(cohort_ids: set[uuid.UUID]) -> dict[uuid.UUID, list[Event]]:
    if not cohort_ids:
        return {}
    found: dict[uuid.UUID, list[Event]] = {}
    for event in db.session.scalars(
        db.select(Event)
        .where(Event.cohort_id.in_(cohort_ids))
        .order_by(Event.starts_at, Event.title_en)
    ):
        found.setdefault(event.cohort_id, []).append(event)
    return found


def cohort_facts(summary: CohortSummary, now: datetime, today: date) -> CohortFacts:
    """What the cohort's stage and next step depend on (four small queries)."""
    cohort = summary.cohort
    events = _held_events(cohort.id)
    interview = events.get("interview_session")
    return CohortFacts(
        status=cohort.status,
        now=now,
        today=today,
        ends_on=cohort.ends_on,
        new_applications=sum(
            summary.with_status(role, "submitted") for role in ("mentee", "mentor")
        ),
        plan_made=_has_plan(cohort.id),
        kickoff_at=events["kickoff"].starts_at if "kickoff" in events else None,
        pairs=summary.pairs,
        interview_at=interview.starts_at if interview else None,
        interview_slots=_slots(interview.id) if interview else 0,
        interview_id=interview.id if interview else None,
        closing_ends_at=events["closing"].ends_at if "closing" in events else None,
    )


def _held_events(cohort_id: uuid.UUID) -> dict[str, Event]:
    """The cohort's events that are not cancelled, the latest of each kind."""
    found = db.session.scalars(
        db.select(Event)
        .where(Event.cohort_id == cohort_id, Event.cancelled_at.is_(None))
        .order_by(Event.starts_at)
    )
    return {event.kind: event for event in found}


def _has_plan(cohort_id: uuid.UUID) -> bool:
    query = db.select(SpeedDatingPlan.id).where(SpeedDatingPlan.cohort_id == cohort_id)
    return db.session.scalar(query.limit(1)) is not None


def _slots(event_id: uuid.UUID) -> int:
    query = db.select(func.count()).select_from(InterviewSlot)
    return db.session.scalar(query.where(InterviewSlot.event_id == event_id)) or 0
