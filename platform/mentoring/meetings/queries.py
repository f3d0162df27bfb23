"""Read-side of pairs and meetings: a fixed number of SQL statements each."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import func
from sqlalchemy.orm import selectinload

from mentoring.accounts.models import User
from mentoring.extensions import db
from mentoring.meetings.models import Meeting, PairReminder
from mentoring.meetings.rules import due_kinds, quiet_since
from mentoring.programmes.models import Cohort, Pair, Participant
from mentoring.programmes.status import CohortStatus
from mentoring.tenancy.models import Tenant


@dataclass(frozen=True)
class PairRow:
    """A pair with its meeting count and last meeting date (never the notes)."""

    pair: Pair
    mentee: Participant
    mentor: Participant
    meetings: int
    last_meeting: date | None


@dataclass(frozen=True)
class PairBoard:
    pairs: list[PairRow]
    unpaired_mentees: list[Participant]
    unpaired_mentors: list[Participant]


def _meeting_stats():  # noqa: ANN202 - a subquery
    return (
        db.select(
            Meeting.pair_id,
            func.count(Meeting.id).label("meetings"),
            func.max(Meeting.held_on).label("last_meeting"),
        )
        .group_by(Meeting.pair_id)
        .subquery()
    )


def _pair_rows(*where: object) -> list[PairRow]:
    """Pairs matching ``where`` with both people and their meeting stats (3 queries)."""
    stats = _meeting_stats()
    rows = db.session.execute(
        db.select(Pair, stats.c.meetings, stats.c.last_meeting)
        .outerjoin(stats, stats.c.pair_id == Pair.id)
        .where(*where)
        .options(
            selectinload(Pair.mentee).selectinload(Participant.user),
            selectinload(Pair.mentor).selectinload(Participant.user),
        )
    ).all()
    result = [PairRow(p, p.mentee, p.mentor, n or 0, last) for p, n, last in rows]
    return sorted(result, key=lambda r: r.mentee.user.full_name.lower())


def pair_board(cohort: Cohort) -> PairBoard:
    """The cohort's pairs and who is still without a partner (4 queries)."""
    pairs = _pair_rows(Pair.cohort_id == cohort.id)
    paired = {r.mentee.id for r in pairs} | {r.mentor.id for r in pairs}
    people = db.session.scalars(
        db.select(Participant)
        .join(Participant.user)
        .where(
            Participant.cohort_id == cohort.id,
            Participant.id.not_in(paired),
            Participant.withdrawn_at.is_(None),
        )
        .options(selectinload(Participant.user))
        .order_by(func.lower(User.full_name))
    ).all()
    return PairBoard(
        pairs,
        [p for p in people if p.role == "mentee"],
        [p for p in people if p.role == "mentor"],
    )


def pair_rows_of(participant_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, PairRow]:
    """For each of these participants, their pair (participant id -> row)."""
    ids = list(participant_ids)
    if not ids:
        return {}
    rows = _pair_rows(Pair.mentee_id.in_(ids) | Pair.mentor_id.in_(ids))
    found = {row.mentee.id: row for row in rows}
    found.update({row.mentor.id: row for row in rows})
    return {pid: found[pid] for pid in ids if pid in found}


def pair_or_404(pair_id: uuid.UUID) -> Pair:
    """A pair of this city with its people and cohort (or 404)."""
    return db.one_or_404(
        db.select(Pair)
        .where(Pair.id == pair_id)
        .options(
            selectinload(Pair.cohort),
            selectinload(Pair.mentee).selectinload(Participant.user),
            selectinload(Pair.mentor).selectinload(Participant.user),
        )
    )


def meetings_of(pair: Pair) -> list[Meeting]:
    """The pair's log, newest first, notes included: for the pair's own eyes."""
    return list(
        db.session.scalars(
            db.select(Meeting)
            .where(Meeting.pair_id == pair.id)
            .order_by(Meeting.held_on.desc(), Meeting.created_at.desc())
        )
    )


def meeting_dates(pair: Pair) -> list[date]:
    """Only the dates, newest first: the coordinator's view never loads notes."""
    return list(
        db.session.scalars(
            db.select(Meeting.held_on)
            .where(Meeting.pair_id == pair.id)
            .order_by(Meeting.held_on.desc())
        )
    )


def own_meeting_or_404(
    pair: Pair, meeting_id: uuid.UUID, user_id: uuid.UUID
) -> Meeting:
    """A meeting of this pair that this user logged: the only ones they may change."""
    return db.one_or_404(
        db.select(Meeting).where(
            Meeting.id == meeting_id,
            Meeting.pair_id == pair.id,
            Meeting.logged_by_id == user_id,
        )
    )


def coordinators() -> list[User]:
    return list(
        db.session.scalars(
            db.select(User).where(User.role == "coordinator", User.active.is_(True))
        )
    )


# -- quiet pairs ----------------------------------------------------------------


@dataclass(frozen=True)
class Due:
    """A reminder owed: ``kind`` (nudge|alert) for the quiet spell from ``since``."""

    tenant_id: uuid.UUID
    pair_id: uuid.UUID
    kind: str
    since: date
    weeks: int


def due_reminders(today: date | None = None) -> list[Due]:
    """Reminders owed to pairs of running cohorts and not yet sent (2 queries).

    Works in the session's scope: one city for its job, every city (inside
    ``cross_tenant``) for the tick. Without ``today``, each city's own date.
    """
    sent = _sent_reminders()
    due = []
    for row in _running_pairs():
        since = quiet_since(row.last_meeting, row.created_at.date(), row.starts_on)
        day = today or city_today(row.timezone)
        for kind in due_kinds(since, day, row.nudge_after_weeks):
            if (row.id, kind, since) not in sent:
                due.append(
                    Due(row.tenant_id, row.id, kind, since, row.nudge_after_weeks)
                )
    return due


def _running_pairs():  # noqa: ANN202 - rows
    stats = db.select(
        Meeting.pair_id, func.max(Meeting.held_on).label("last_meeting")
    ).group_by(Meeting.pair_id)
    stats = stats.subquery()
    return db.session.execute(
        db.select(
            Pair.id,
            Pair.tenant_id,
            Pair.created_at,
            Cohort.starts_on,
            Cohort.nudge_after_weeks,
            Tenant.timezone,
            stats.c.last_meeting,
        )
        .join(Cohort, Cohort.id == Pair.cohort_id)
        .join(Tenant, Tenant.id == Pair.tenant_id)
        .outerjoin(stats, stats.c.pair_id == Pair.id)
        .where(Cohort.status == CohortStatus.RUNNING)
    ).all()


def _sent_reminders() -> set[tuple[uuid.UUID, str, date]]:
    rows = db.session.execute(
        db.select(PairReminder.pair_id, PairReminder.kind, PairReminder.since)
        .join(Pair, Pair.id == PairReminder.pair_id)
        .join(Cohort, Cohort.id == Pair.cohort_id)
        .where(Cohort.status == CohortStatus.RUNNING)
    ).all()
    return {(pair_id, kind, since) for pair_id, kind, since in rows}


def city_today(timezone: str) -> date:
    """Today's date where the city is (a nudge is due by the city's calendar)."""
    return datetime.now(ZoneInfo(timezone)).date()
