"""Cohorts at a glance: counts for the coordinator's home and the cohort page.

Read-side only. Every function runs a fixed number of SQL statements, grouped
by cohort, whatever the number of cohorts, applications, pairs or meetings.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import and_, case, func
from sqlalchemy.orm import aliased

from mentoring.accounts.models import User
from mentoring.applications.models import COUNTS, Application
from mentoring.core.models import utcnow
from mentoring.events.models import Event, EventInvitation
from mentoring.extensions import db
from mentoring.home.checklist import CityFacts
from mentoring.meetings.models import Meeting
from mentoring.programmes.models import Cohort, Pair, Participant
from mentoring.programmes.status import CohortStatus


@dataclass(frozen=True)
class CohortSummary:
    """One cohort with its counts; attendance counts events that have begun."""

    cohort: Cohort
    mentees: int
    mentors: int
    pairs: int
    applications: dict[tuple[str, str], int] = field(default_factory=dict)
    meetings: int = 0
    events: int = 0
    kickoffs_held: int = 0
    invited: int = 0
    checked_in: int = 0
    # Withdrawn participants per role: not in ``mentees``/``mentors`` (those
    # count who is still taking part).
    withdrawn: dict[str, int] = field(default_factory=dict)

    def applied(self, role: str) -> int:
        """Applications for ``role`` in any status but withdrawn."""
        return sum(
            n
            for (r, status), n in self.applications.items()
            if r == role and status != "withdrawn"
        )

    def with_status(self, role: str, status: str) -> int:
        return self.applications.get((role, status), 0)

    @property
    def meetings_per_pair(self) -> float | None:
        return self.meetings / self.pairs if self.pairs else None

    @property
    def attendance(self) -> float | None:
        return self.checked_in / self.invited if self.invited else None


def summarise(cohorts: Sequence[Cohort]) -> list[CohortSummary]:
    """Counts for ``cohorts`` (six grouped queries, for any number of cohorts)."""
    ids = [c.id for c in cohorts]
    if not ids:
        return []
    left = Participant.withdrawn_at.is_not(None)
    people = _grouped(Participant.cohort_id, Participant.role, left, ids=ids)
    pairs = _grouped(Pair.cohort_id, ids=ids)
    applications = _applications(ids)
    meetings = _meetings(ids)
    events = _events(ids)
    attendance = _attendance(ids)
    return [
        CohortSummary(
            c,
            people.get((c.id, "mentee", False), 0),
            people.get((c.id, "mentor", False), 0),
            pairs.get((c.id,), 0),
            applications.get(c.id, {}),
            meetings.get(c.id, 0),
            *events.get(c.id, (0, 0)),
            *attendance.get(c.id, (0, 0)),
            withdrawn={r: people.get((c.id, r, True), 0) for r in ("mentee", "mentor")},
        )
        for c in cohorts
    ]


def _grouped(
    cohort_col: Any, *columns: Any, ids: list[uuid.UUID], where: Any = True
) -> dict:
    rows = db.session.execute(
        db.select(cohort_col, *columns, func.count())
        .where(cohort_col.in_(ids), where)
        .group_by(cohort_col, *columns)
    ).all()
    return {tuple(row[:-1]): row[-1] for row in rows}


def _applications(ids: list[uuid.UUID]) -> dict[uuid.UUID, dict[Any, int]]:
    rows = _grouped(
        Application.cohort_id,
        Application.role,
        Application.status,
        ids=ids,
        where=COUNTS,  # an unconfirmed address does not count yet
    )
    result: dict[uuid.UUID, dict[Any, int]] = {}
    for (cohort_id, role, status), n in rows.items():
        result.setdefault(cohort_id, {})[(role, status)] = n
    return result


def _meetings(ids: list[uuid.UUID]) -> dict[uuid.UUID, int]:
    rows = db.session.execute(
        db.select(Pair.cohort_id, func.count(Meeting.id))
        .join(Meeting, Meeting.pair_id == Pair.id)
        .where(Pair.cohort_id.in_(ids))
        .group_by(Pair.cohort_id)
    ).all()
    return dict(rows)


def _events(ids: list[uuid.UUID]) -> dict[uuid.UUID, tuple[int, int]]:
    """Events per cohort, and how many of them are kickoffs that have begun."""
    kickoff_held = case(
        (and_(Event.kind == "kickoff", Event.starts_at <= utcnow()), 1), else_=0
    )
    rows = db.session.execute(
        db.select(Event.cohort_id, func.count(), func.sum(kickoff_held))
        .where(Event.cohort_id.in_(ids))
        .group_by(Event.cohort_id)
    ).all()
    return {cohort_id: (n, int(held or 0)) for cohort_id, n, held in rows}


def _attendance(ids: list[uuid.UUID]) -> dict[uuid.UUID, tuple[int, int]]:
    """Invitations and check-ins per cohort, for events that have begun."""
    rows = db.session.execute(
        db.select(
            Event.cohort_id,
            func.count(EventInvitation.id),
            func.count(EventInvitation.checked_in_at),
        )
        .join(EventInvitation, EventInvitation.event_id == Event.id)
        .where(Event.cohort_id.in_(ids), Event.starts_at <= utcnow())
        .group_by(Event.cohort_id)
    ).all()
    return {cohort_id: (invited, came) for cohort_id, invited, came in rows}


def _recruited(summary: CohortSummary, role: str) -> int:
    """Taking part, or accepted and not yet enrolled: whichever is larger."""
    taking_part = summary.mentors if role == "mentor" else summary.mentees
    return max(taking_part, summary.with_status(role, "accepted"))


def city_facts(criteria_saved: bool, summaries: list[CohortSummary]) -> CityFacts:
    """What the checklist needs, from what is already loaded (no SQL).

    ``criteria_saved``: the city saved its success criteria on the results'
    criteria page (tenant.toml's values are only the defaults shown there)."""
    return CityFacts(
        success_criteria_set=criteria_saved,
        cohorts=len(summaries),
        mentors=sum(_recruited(s, "mentor") for s in summaries),
        mentees=sum(_recruited(s, "mentee") for s in summaries),
        events=sum(s.events for s in summaries),
        kickoffs_held=sum(s.kickoffs_held for s in summaries),
        pairs=sum(s.pairs for s in summaries),
        closed_cohorts=sum(s.cohort.status == CohortStatus.CLOSED for s in summaries),
        current_cohort_id=summaries[0].cohort.id if summaries else None,
    )


# -- one cohort's page ----------------------------------------------------------


@dataclass(frozen=True)
class PairRow:
    """A pair with its meeting count and last date: never the notes."""

    pair_id: uuid.UUID
    mentee: str
    mentor: str
    meetings: int
    last_meeting: date | None


@dataclass(frozen=True)
class EventRow:
    event: Event
    invited: int
    coming: int
    checked_in: int


def pair_rows(cohort_id: uuid.UUID) -> list[PairRow]:
    """The cohort's pairs by mentee name, with meetings per pair (one query)."""
    mentee, mentor = aliased(Participant), aliased(Participant)
    mentee_user, mentor_user = aliased(User), aliased(User)
    rows = db.session.execute(
        db.select(
            Pair.id,
            mentee_user.full_name,
            mentor_user.full_name,
            func.count(Meeting.id),
            func.max(Meeting.held_on),
        )
        .join(mentee, mentee.id == Pair.mentee_id)
        .join(mentee_user, mentee_user.id == mentee.user_id)
        .join(mentor, mentor.id == Pair.mentor_id)
        .join(mentor_user, mentor_user.id == mentor.user_id)
        .outerjoin(Meeting, Meeting.pair_id == Pair.id)
        .where(Pair.cohort_id == cohort_id)
        .group_by(Pair.id, mentee_user.full_name, mentor_user.full_name)
        .order_by(mentee_user.full_name)
    ).all()
    return [PairRow(*row) for row in rows]


def event_rows(cohort_id: uuid.UUID) -> list[EventRow]:
    """The cohort's events in time order, with invited, coming and checked in."""
    events = db.session.scalars(
        db.select(Event).where(Event.cohort_id == cohort_id).order_by(Event.starts_at)
    ).all()
    coming = func.sum(case((EventInvitation.rsvp == "yes", 1), else_=0))
    counts = {
        event_id: (invited, int(yes or 0), came)
        for event_id, invited, yes, came in db.session.execute(
            db.select(
                EventInvitation.event_id,
                func.count(),
                coming,
                func.count(EventInvitation.checked_in_at),
            )
            .join(Event, Event.id == EventInvitation.event_id)
            .where(Event.cohort_id == cohort_id)
            .group_by(EventInvitation.event_id)
        ).all()
    }
    return [EventRow(e, *counts.get(e.id, (0, 0, 0))) for e in events]
