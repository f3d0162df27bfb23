"""Read-side of speed-dating, ratings and matching: a fixed number of statements."""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from flask import abort
from sqlalchemy import func
from sqlalchemy.orm import selectinload

from mentoring.accounts.models import User
from mentoring.applications.models import Application
from mentoring.core.models import utcnow
from mentoring.events.models import Event, EventInvitation
from mentoring.extensions import db
from mentoring.matching.models import (
    MatchingConstraint,
    MatchingSettings,
    Rating,
    SpeedDate,
    SpeedDatingPlan,
)
from mentoring.matching.scores import MenteeProfile, MentorProfile, Weights
from mentoring.programmes.models import Cohort, Pair, Participant

EMPTY_MENTEE = MenteeProfile((), (), None, "", None)
EMPTY_MENTOR = MentorProfile(None, (), "", None)


# -- people and profiles -----------------------------------------------------------


@dataclass(frozen=True)
class People:
    """A cohort's mentees and mentors in a stable order (the solver's indices)."""

    mentees: list[Participant]
    mentors: list[Participant]

    def index(self) -> dict[uuid.UUID, int]:
        found = {p.id: n for n, p in enumerate(self.mentees)}
        return found | {p.id: n for n, p in enumerate(self.mentors)}


def people(cohort: Cohort, unpaired_only: bool = False) -> People:
    """Participants by role, sorted by name (2 queries; 3 with ``unpaired_only``)."""
    query = (
        db.select(Participant)
        .join(Participant.user)
        .where(Participant.cohort_id == cohort.id)
        .options(selectinload(Participant.user))
        .order_by(func.lower(User.full_name), Participant.id)
    )
    if unpaired_only:
        query = query.where(Participant.id.not_in(paired_ids(cohort)))
    found = list(db.session.scalars(query))
    return People(
        [p for p in found if p.role == "mentee"],
        [p for p in found if p.role == "mentor"],
    )


def kickoff_declined_ids(cohort: Cohort) -> set[uuid.UUID]:
    """Participants who said no to the kickoff (to every kickoff they were
    invited to): the speed-dating plan leaves them out (1 query)."""
    rows = db.session.execute(
        db.select(EventInvitation.participant_id, EventInvitation.rsvp)
        .join(EventInvitation.event)
        .where(Event.cohort_id == cohort.id, Event.kind == "kickoff")
    ).all()
    answers: dict[uuid.UUID, set[str]] = {}
    for participant_id, rsvp in rows:
        answers.setdefault(participant_id, set()).add(rsvp)
    return {pid for pid, given in answers.items() if given == {"no"}}


def kickoff_people(cohort: Cohort) -> tuple[People, list[Participant]]:
    """Who sits at the speed-dating tables, and who said no (3 queries)."""
    group, declined = people(cohort), kickoff_declined_ids(cohort)
    coming = People(
        [p for p in group.mentees if p.id not in declined],
        [p for p in group.mentors if p.id not in declined],
    )
    away = [p for p in [*group.mentees, *group.mentors] if p.id in declined]
    return coming, away


def paired_ids(cohort: Cohort) -> set[uuid.UUID]:
    rows = db.session.execute(
        db.select(Pair.mentee_id, Pair.mentor_id).where(Pair.cohort_id == cohort.id)
    ).all()
    return {pid for row in rows for pid in row}


def published_pairs(cohort: Cohort) -> list[Pair]:
    """The cohort's pairs with both people's names, by mentee name (3 queries)."""
    pairs = db.session.scalars(
        db.select(Pair)
        .where(Pair.cohort_id == cohort.id)
        .options(
            selectinload(Pair.mentee).selectinload(Participant.user),
            selectinload(Pair.mentor).selectinload(Participant.user),
        )
    )
    return sorted(pairs, key=lambda p: (p.mentee.user.full_name.lower(), p.id))


def profiles(
    cohort: Cohort, group: People
) -> tuple[list[MenteeProfile], list[MentorProfile]]:
    """Profiles from each person's accepted application (1 query); none: empty."""
    rows = db.session.scalars(
        db.select(Application).where(
            Application.cohort_id == cohort.id, Application.status == "accepted"
        )
    )
    by_user = {a.user_id: a for a in rows if a.user_id is not None}
    mentees = [_mentee(by_user.get(p.user_id)) for p in group.mentees]
    return mentees, [_mentor(by_user.get(p.user_id)) for p in group.mentors]


def _mentee(app: Application | None) -> MenteeProfile:
    if app is None:
        return EMPTY_MENTEE
    return MenteeProfile(
        sectors=tuple(app.target_sectors or ()),
        languages=tuple(app.languages or ()),
        danish_level=app.danish_level,
        goals=app.goals or "",
        partner_employer=app.partner_employer,
    )


def _mentor(app: Application | None) -> MentorProfile:
    if app is None:
        return EMPTY_MENTOR
    return MentorProfile(
        sector=app.sector,
        languages=tuple(app.languages or ()),
        help_with=app.help_with or "",
        employer=app.employer,
    )


# -- settings, plan and ratings ----------------------------------------------------


def settings_of(cohort: Cohort) -> MatchingSettings | None:
    return db.session.scalar(
        db.select(MatchingSettings).where(MatchingSettings.cohort_id == cohort.id)
    )


def weights_of(settings: MatchingSettings | None) -> Weights:
    stored = (settings.weights or {}) if settings else {}
    defaults = Weights()
    return Weights(**{k: float(stored.get(k, getattr(defaults, k))) for k in WEIGHTS})


WEIGHTS = ("mutual_rating", "sector", "languages", "goals", "danish")


def plan_of(cohort: Cohort) -> SpeedDatingPlan | None:
    return db.session.scalar(
        db.select(SpeedDatingPlan).where(SpeedDatingPlan.cohort_id == cohort.id)
    )


def speed_dates(plan: SpeedDatingPlan, *where: object) -> list[SpeedDate]:
    """The plan's talks with both people (3 queries), by round then table."""
    return list(
        db.session.scalars(
            db.select(SpeedDate)
            .where(SpeedDate.plan_id == plan.id, *where)
            .options(
                selectinload(SpeedDate.mentee).selectinload(Participant.user),
                selectinload(SpeedDate.mentor).selectinload(Participant.user),
            )
            .order_by(SpeedDate.round_no, SpeedDate.table_no)
        )
    )


@dataclass(frozen=True)
class PlanTable:
    """One table of the printable plan: its mentor and the talk in each round."""

    mentor: Participant | None
    talks: list[SpeedDate | None]


@dataclass(frozen=True)
class PlanGrid:
    """The printable plan: for each round, the talk at each table, and who waits."""

    rounds: list[list[SpeedDate | None]]
    sitting_out: list[list[Participant]]
    tables: int

    @property
    def tables_rows(self) -> list[PlanTable]:
        """The same plan turned round: one row per table, every table and round."""
        found = []
        for number in range(self.tables):
            talks = [talks[number] for talks in self.rounds]
            mentor = next((t.mentor for t in talks if t is not None), None)
            found.append(PlanTable(mentor, talks))
        return found


def plan_grid(plan: SpeedDatingPlan, group: People) -> PlanGrid:
    talks = speed_dates(plan)
    grid = [[None] * plan.tables for _ in range(plan.rounds)]
    busy: list[set[uuid.UUID]] = [set() for _ in range(plan.rounds)]
    for talk in talks:
        grid[talk.round_no - 1][talk.table_no - 1] = talk
        busy[talk.round_no - 1].add(talk.mentee_id)
    waiting = [[m for m in group.mentees if m.id not in b] for b in busy]
    return PlanGrid(grid, waiting, plan.tables)


def ratings(cohort: Cohort) -> dict[tuple[uuid.UUID, uuid.UUID], int]:
    """Every rating of the cohort: (rater, rated) -> value (1 query)."""
    rows = db.session.execute(
        db.select(Rating.rater_id, Rating.rated_id, Rating.value).where(
            Rating.cohort_id == cohort.id
        )
    ).all()
    return {(rater, rated): value for rater, rated, value in rows}


def has_ratings(cohort: Cohort) -> bool:
    return (
        db.session.scalar(db.select(Rating.id).where(Rating.cohort_id == cohort.id))
        is not None
    )


def has_pairs(cohort: Cohort) -> bool:
    """Whether the cohort has pairs (published, or made by hand)."""
    query = db.select(Pair.id).where(Pair.cohort_id == cohort.id).limit(1)
    return db.session.scalar(query) is not None


def kickoff_at(cohort: Cohort) -> datetime | None:
    """When the cohort's (first) kickoff event starts, if it has one."""
    return db.session.scalar(
        db.select(func.min(Event.starts_at)).where(
            Event.cohort_id == cohort.id, Event.kind == "kickoff"
        )
    )


# -- who has answered --------------------------------------------------------------


@dataclass(frozen=True)
class Answering:
    participant: Participant
    met: int
    rated: int

    @property
    def done(self) -> bool:
        return self.met > 0 and self.rated >= self.met


@dataclass(frozen=True)
class Overview:
    rows: list[Answering] = field(default_factory=list)

    @property
    def answered(self) -> int:
        return sum(1 for r in self.rows if r.done)

    @property
    def waiting(self) -> list[Answering]:
        return [r for r in self.rows if not r.done]


def overview(cohort: Cohort, plan: SpeedDatingPlan | None) -> Overview:
    """For everyone in the plan: how many they met and rated (5 queries)."""
    if plan is None:
        return Overview()
    group, met = people(cohort), met_pairs(plan)
    talked = set(met) | {(b, a) for a, b in met}
    counts = Counter(pid for pair in met for pid in pair)
    rated = Counter(
        rater for rater, rated in ratings(cohort) if (rater, rated) in talked
    )
    everyone = [*group.mentees, *group.mentors]
    return Overview(
        [Answering(p, counts[p.id], rated[p.id]) for p in everyone if counts[p.id]]
    )


def met_pairs(plan: SpeedDatingPlan) -> list[tuple[uuid.UUID, uuid.UUID]]:
    """(mentee id, mentor id) of every talk in the plan (1 query)."""
    rows = db.session.execute(
        db.select(SpeedDate.mentee_id, SpeedDate.mentor_id).where(
            SpeedDate.plan_id == plan.id
        )
    ).all()
    return [(mentee, mentor) for mentee, mentor in rows]


RATING_STATES = ("no_plan", "no_deadline", "before_kickoff", "open", "closed")


def rating_state(
    plan: SpeedDatingPlan | None,
    deadline_at: datetime | None,
    kickoff: datetime | None,
    now: datetime,
) -> str:
    """Ratings open after the kickoff (if the cohort has one) once the coordinator
    set a deadline, and close at the deadline."""
    if plan is None:
        return "no_plan"
    if deadline_at is None:
        return "no_deadline"
    if now >= deadline_at:
        return "closed"
    if kickoff is not None and now < kickoff:
        return "before_kickoff"
    return "open"


# -- a participant's own view ------------------------------------------------------


def my_participant_or_404(cohort_id: uuid.UUID, user_id: uuid.UUID) -> Participant:
    """The signed-in person's place in this cohort; not theirs: 404."""
    found = db.session.scalar(
        db.select(Participant)
        .where(Participant.cohort_id == cohort_id, Participant.user_id == user_id)
        .options(selectinload(Participant.cohort))
    )
    if found is None:
        abort(404)
    return found


def my_talks(plan: SpeedDatingPlan, me: Participant) -> list[SpeedDate]:
    column = SpeedDate.mentee_id if me.role == "mentee" else SpeedDate.mentor_id
    return speed_dates(plan, column == me.id)


def my_ratings(me: Participant) -> dict[uuid.UUID, int]:
    rows = db.session.execute(
        db.select(Rating.rated_id, Rating.value).where(Rating.rater_id == me.id)
    ).all()
    return dict(rows)


def constraints(cohort: Cohort) -> list[MatchingConstraint]:
    return list(
        db.session.scalars(
            db.select(MatchingConstraint)
            .where(MatchingConstraint.cohort_id == cohort.id)
            .order_by(MatchingConstraint.created_at)
        )
    )


def my_cohorts_with_plans(user_id: uuid.UUID) -> dict[uuid.UUID, MatchingStatus]:
    """For the participant home: each of the user's cohorts with a plan (1 query)."""
    rows = db.session.execute(
        db.select(Participant.cohort_id, MatchingSettings.rating_deadline_at)
        .join(SpeedDatingPlan, SpeedDatingPlan.cohort_id == Participant.cohort_id)
        .outerjoin(
            MatchingSettings, MatchingSettings.cohort_id == Participant.cohort_id
        )
        .where(Participant.user_id == user_id)
    ).all()
    return {cohort_id: MatchingStatus(deadline) for cohort_id, deadline in rows}


@dataclass(frozen=True)
class MatchingStatus:
    deadline_at: datetime | None

    @property
    def rating_open(self) -> bool:
        """Roughly (the kickoff's start aside): the deadline is still ahead."""
        return self.deadline_at is not None and utcnow() < self.deadline_at
