"""The matching board: scores from ratings and profiles, the coordinator's
constraints, the exact solve, and what the board shows about it.

Only people of the cohort without a pair take part: pairs made by hand (or
published earlier) are never touched, so publishing only adds pairs.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from mentoring.core.i18n import _
from mentoring.matching import queries, services, solver
from mentoring.matching.models import MatchingConstraint
from mentoring.matching.scores import PairScore, score_pairs, totals
from mentoring.programmes.models import Cohort, Pair, Participant


@dataclass(frozen=True)
class Inputs:
    """Everything a solve needs, read in a fixed number of queries."""

    group: queries.People
    scores: list[list[PairScore | None]]
    mentee_ratings: list[list[int | None]]
    mentor_ratings: list[list[int | None]]
    constraints: list[MatchingConstraint]
    already_paired: int
    index: dict[uuid.UUID, int]

    def position(self, participant_id: uuid.UUID | None) -> int | None:
        return self.index.get(participant_id)


def inputs(cohort: Cohort) -> Inputs:
    group = queries.people(cohort, unpaired_only=True)
    mentees, mentors = queries.profiles(cohort, group)
    given = queries.ratings(cohort)
    by_mentee = [
        [given.get((a.id, b.id)) for b in group.mentors] for a in group.mentees
    ]
    by_mentor = [
        [given.get((b.id, a.id)) for b in group.mentors] for a in group.mentees
    ]
    weights = queries.weights_of(queries.settings_of(cohort))
    return Inputs(
        group,
        score_pairs(mentees, mentors, by_mentee, by_mentor, weights),
        by_mentee,
        by_mentor,
        queries.constraints(cohort),
        len(queries.paired_ids(cohort)) // 2,
        group.index(),
    )


def _indexed(data: Inputs, kind: str) -> list[tuple[int, int]]:
    found = []
    for c in data.constraints:
        i, j = data.position(c.mentee_id), data.position(c.mentor_id)
        if c.kind == kind and i is not None and j is not None:
            found.append((i, j))
    return found


def _left_out(data: Inputs, column: str) -> list[int]:
    ids = [getattr(c, column) for c in data.constraints if c.kind == "leave_out"]
    return [data.position(pid) for pid in ids if data.position(pid) is not None]


def solve(cohort: Cohort) -> None:
    """Find the best matching under the constraints and keep it as the proposal."""
    data = inputs(cohort)
    try:
        found = solver.solve(
            totals(data.scores),
            locked=_indexed(data, "lock"),
            forbidden=_indexed(data, "forbid"),
            left_out_mentees=_left_out(data, "mentee_id"),
            left_out_mentors=_left_out(data, "mentor_id"),
        )
    except ValueError:
        raise services.MatchingError(
            _("The locked pairs cannot all be kept: undo a lock or a forbidden pair.")
        ) from None
    group = data.group
    services.store_proposal(
        cohort,
        {
            "pairs": [
                [str(group.mentees[i].id), str(group.mentors[j].id)]
                for i, j in found.pairs
            ],
            "total": found.total,
            "greedy_total": found.greedy_total,
            "greedy_pairs": found.greedy_pairs,
        },
    )


# -- what the board shows ----------------------------------------------------------


@dataclass(frozen=True)
class ProposedPair:
    mentee: Participant
    mentor: Participant
    score: PairScore
    locked: bool


@dataclass(frozen=True)
class Board:
    pairs: list[ProposedPair] = field(default_factory=list)
    unmatched_mentees: list[Participant] = field(default_factory=list)
    unmatched_mentors: list[Participant] = field(default_factory=list)
    left_out: set[uuid.UUID] = field(default_factory=set)
    constraints: list[
        tuple[MatchingConstraint, Participant | None, Participant | None]
    ] = field(default_factory=list)
    total: float | None = None
    greedy_total: float | None = None
    greedy_pairs: int | None = None
    blocking: int | None = None
    already_paired: int = 0
    candidates: queries.People | None = None
    forbidden: set[tuple[uuid.UUID, uuid.UUID]] = field(default_factory=set)
    published: list[Pair] = field(default_factory=list)

    @property
    def solved(self) -> bool:
        return self.total is not None


def board(cohort: Cohort) -> Board:
    """The last proposal, as far as it still holds, with reasons and figures."""
    data = inputs(cohort)
    proposal = (queries.settings_of(cohort) or _NoSettings).proposal or {}
    pairs = _proposed(data, proposal.get("pairs", []))
    matched = {p.mentee.id for p in pairs} | {p.mentor.id for p in pairs}
    group = data.group
    published = queries.published_pairs(cohort)
    on_board = {p.id: p for p in [*group.mentees, *group.mentors]}
    people = on_board | {
        p.id: p for pair in published for p in (pair.mentee, pair.mentor)
    }
    return Board(
        pairs=pairs,
        unmatched_mentees=[p for p in group.mentees if p.id not in matched],
        unmatched_mentors=[p for p in group.mentors if p.id not in matched],
        left_out={
            pid
            for c in data.constraints
            if c.kind == "leave_out"
            for pid in (c.mentee_id, c.mentor_id)
            if pid
        },
        # An adjustment about people who are all paired by now has done its work.
        constraints=[
            (c, people.get(c.mentee_id), people.get(c.mentor_id))
            for c in data.constraints
            if c.mentee_id in on_board or c.mentor_id in on_board
        ],
        total=proposal.get("total"),
        greedy_total=proposal.get("greedy_total"),
        greedy_pairs=proposal.get("greedy_pairs"),
        blocking=_blocking(data, pairs) if proposal else None,
        already_paired=data.already_paired,
        candidates=group,
        forbidden={
            (c.mentee_id, c.mentor_id) for c in data.constraints if c.kind == "forbid"
        },
        published=published,
    )


class _NoSettings:
    proposal = None


def _proposed(data: Inputs, stored: list[list[str]]) -> list[ProposedPair]:
    locks = {(c.mentee_id, c.mentor_id) for c in data.constraints if c.kind == "lock"}
    found = []
    for mentee_id, mentor_id, *_rest in stored:
        i, j = data.position(uuid.UUID(mentee_id)), data.position(uuid.UUID(mentor_id))
        if i is None or j is None or data.scores[i][j] is None:
            continue  # paired by hand meanwhile, or no longer allowed
        mentee, mentor = data.group.mentees[i], data.group.mentors[j]
        found.append(
            ProposedPair(
                mentee, mentor, data.scores[i][j], (mentee.id, mentor.id) in locks
            )
        )
    return found


def _blocking(data: Inputs, pairs: list[ProposedPair]) -> int:
    indices = [(data.position(p.mentee.id), data.position(p.mentor.id)) for p in pairs]
    return len(solver.blocking_pairs(indices, data.mentee_ratings, data.mentor_ratings))
