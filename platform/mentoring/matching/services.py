"""Writes for speed-dating, ratings and the matching board. They flush; the
request (or the job) commits. E-mails go out after the commit."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError

from mentoring.core.i18n import N_, _
from mentoring.core.models import utcnow
from mentoring.core.tenancy import path_for, tenant_url
from mentoring.extensions import db
from mentoring.mail.services import queue_email
from mentoring.matching import queries, speed_dating
from mentoring.matching.models import (
    RATING_MAX,
    RATING_MIN,
    MatchingConstraint,
    MatchingSettings,
    Rating,
    RatingReminder,
    SpeedDate,
    SpeedDatingPlan,
)
from mentoring.matching.scores import Weights, score_pairs, totals
from mentoring.programmes.models import Cohort, Participant
from mentoring.programmes.queries import cohort_or_404
from mentoring.tenancy.models import Tenant

REMIND_BEFORE = timedelta(hours=24)


class MatchingError(ValueError):
    """An action that cannot be done; the message is translated for the user."""


# -- settings ----------------------------------------------------------------------


def settings_for(cohort: Cohort) -> MatchingSettings:
    """The cohort's settings row, created with the default weights when missing."""
    found = queries.settings_of(cohort)
    if found is None:
        found = MatchingSettings(cohort_id=cohort.id, weights=Weights().as_dict())
        db.session.add(found)
        db.session.flush()
    return found


def set_weights(cohort: Cohort, weights: dict[str, float]) -> None:
    try:
        Weights(**weights)
    except ValueError:
        raise MatchingError(_("Give at least one weight above zero.")) from None
    settings_for(cohort).weights = dict(weights)
    db.session.flush()


def set_deadline(cohort: Cohort, deadline_at: datetime | None) -> None:
    settings_for(cohort).rating_deadline_at = deadline_at
    db.session.flush()


# -- the speed-dating plan ----------------------------------------------------------


def generate_plan(cohort: Cohort, k: int, now: datetime | None = None) -> int:
    """(Re)build the kickoff plan: each mentee meets ``k`` mentors, the most
    compatible profiles first. Refused once ratings came in or the kickoff began.
    Returns the number of talks."""
    _refuse_regenerating(cohort, now or utcnow())
    group, _declined = queries.kickoff_people(cohort)
    if not group.mentees or not group.mentors:
        raise MatchingError(_("The cohort needs mentees and mentors for a plan."))
    made = speed_dating.plan(
        len(group.mentees), len(group.mentors), k=k, affinity=_affinity(cohort, group)
    )
    old = queries.plan_of(cohort)
    if old is not None:
        db.session.delete(old)
        db.session.flush()
    plan = SpeedDatingPlan(
        cohort_id=cohort.id, k=k, tables=len(group.mentors), rounds=len(made.rounds)
    )
    db.session.add(plan)
    for number, meetings in enumerate(made.rounds, start=1):
        for i, j in meetings:
            plan.meetings.append(_talk(group, number, i, j))
    db.session.flush()
    return len(plan.meetings)


def _talk(group: queries.People, number: int, i: int, j: int) -> SpeedDate:
    # Mentors keep their table all evening; mentees move: table = mentor's place.
    return SpeedDate(
        round_no=number,
        table_no=j + 1,
        mentee_id=group.mentees[i].id,
        mentor_id=group.mentors[j].id,
    )


def _refuse_regenerating(cohort: Cohort, now: datetime) -> None:
    kickoff = queries.kickoff_at(cohort)
    begun = kickoff is not None and now >= kickoff
    if begun and queries.has_pairs(cohort):
        raise MatchingError(
            _("The kickoff is over and the pairs are made: no plan is needed now.")
        )
    if queries.plan_of(cohort) is None:
        return
    if queries.has_ratings(cohort):
        raise MatchingError(_("People have rated the plan's talks: it stays as it is."))
    if begun:
        raise MatchingError(_("The kickoff has begun: the plan stays as it is."))


def _affinity(cohort: Cohort, group: queries.People) -> list[list[float | None]]:
    """Profile compatibility only (nobody has rated yet); ``None``: better not."""
    mentees, mentors = queries.profiles(cohort, group)
    weights = queries.weights_of(queries.settings_of(cohort))
    return totals(score_pairs(mentees, mentors, None, None, weights))


# -- ratings -----------------------------------------------------------------------


def save_rating(me: Participant, rated_id: uuid.UUID, value: int) -> Rating:
    """Rate someone ``me`` met at the kickoff, while rating is open."""
    if not RATING_MIN <= value <= RATING_MAX:
        raise MatchingError(_("Choose a rating from 1 to 5."))
    plan = queries.plan_of(me.cohort)
    if plan is None or not _met(plan, me, rated_id):
        raise MatchingError(_("You can only rate people you met at the kickoff."))
    state = rating_state(me.cohort, plan)
    if state == "before_kickoff":
        raise MatchingError(_("Rating opens when the kickoff begins."))
    if state != "open":
        raise MatchingError(_("Rating is closed."))
    rating = db.session.scalar(
        db.select(Rating).where(Rating.rater_id == me.id, Rating.rated_id == rated_id)
    )
    if rating is None:
        rating = Rating(cohort_id=me.cohort_id, rater_id=me.id, rated_id=rated_id)
        db.session.add(rating)
    rating.value = value
    db.session.flush()
    return rating


def _met(plan: SpeedDatingPlan, me: Participant, other_id: uuid.UUID) -> bool:
    pair = (me.id, other_id) if me.role == "mentee" else (other_id, me.id)
    return pair in set(queries.met_pairs(plan))


def rating_state(
    cohort: Cohort, plan: SpeedDatingPlan | None, now: datetime | None = None
) -> str:
    settings = queries.settings_of(cohort)
    return queries.rating_state(
        plan,
        settings.rating_deadline_at if settings else None,
        queries.kickoff_at(cohort),
        now or utcnow(),
    )


# -- reminders ---------------------------------------------------------------------


def due_reminder_cohorts(now: datetime) -> list[tuple[uuid.UUID, uuid.UUID]]:
    """(tenant id, cohort id) whose rating deadline is within the next 24 hours."""
    rows = db.session.execute(
        db.select(MatchingSettings.tenant_id, MatchingSettings.cohort_id)
        .join(SpeedDatingPlan, SpeedDatingPlan.cohort_id == MatchingSettings.cohort_id)
        .where(
            MatchingSettings.rating_deadline_at > now,
            MatchingSettings.rating_deadline_at <= now + REMIND_BEFORE,
        )
    ).all()
    return [(tenant_id, cohort_id) for tenant_id, cohort_id in rows]


def send_rating_reminders(tenant: Tenant, now: datetime) -> int:
    """Remind everyone who has not rated all they met, once per deadline."""
    sent = 0
    for _tenant_id, cohort_id in due_reminder_cohorts(now):
        cohort = cohort_or_404(cohort_id)
        deadline = queries.settings_of(cohort).rating_deadline_at
        for row in queries.overview(cohort, queries.plan_of(cohort)).waiting:
            if _claim(row.participant, deadline, now):
                _remind(tenant, cohort, row.participant, deadline)
                sent += 1
    return sent


def _claim(participant: Participant, deadline: datetime, now: datetime) -> bool:
    """Insert the reminder row in a savepoint: of two runs, only one wins."""
    try:
        with db.session.begin_nested():
            db.session.add(
                RatingReminder(
                    participant_id=participant.id, deadline_at=deadline, sent_at=now
                )
            )
    except IntegrityError:
        return False
    return True


def _remind(
    tenant: Tenant, cohort: Cohort, participant: Participant, deadline: datetime
) -> None:
    queue_email(
        participant.user,
        "rating_reminder",
        N_("Rate the people you met at the kickoff"),
        tenant=tenant,
        cohort=cohort,
        deadline=deadline,
        link=speed_dating_url(tenant, cohort.id),
    )


def speed_dating_url(tenant: Tenant, cohort_id: uuid.UUID) -> str:
    """The participant's rounds and ratings page on the city's host."""
    return tenant_url(tenant, path_for("matching.my_speed_dating", cohort_id=cohort_id))


# -- constraints -------------------------------------------------------------------


def add_constraint(
    cohort: Cohort, kind: str, mentee_id: uuid.UUID | None, mentor_id: uuid.UUID | None
) -> MatchingConstraint:
    """Lock, forbid or leave out; drops the older constraints it contradicts."""
    for old in queries.constraints(cohort):
        if _contradicts(old, kind, mentee_id, mentor_id):
            db.session.delete(old)
    made = MatchingConstraint(
        cohort_id=cohort.id, kind=kind, mentee_id=mentee_id, mentor_id=mentor_id
    )
    db.session.add(made)
    db.session.flush()
    return made


def _contradicts(
    old: MatchingConstraint,
    kind: str,
    mentee: uuid.UUID | None,
    mentor: uuid.UUID | None,
) -> bool:
    same_pair = (old.mentee_id, old.mentor_id) == (mentee, mentor)
    shares = bool({old.mentee_id, old.mentor_id} - {None} & {mentee, mentor} - {None})
    if kind == "lock":  # one lock per person; a locked pair is neither forbidden
        return shares and (old.kind != "forbid" or same_pair)  # nor left out
    if kind == "forbid":
        return same_pair
    return old.kind in ("lock", "leave_out") and shares  # leave_out


def remove_constraint(cohort: Cohort, constraint_id: uuid.UUID) -> None:
    found = db.session.scalar(
        db.select(MatchingConstraint).where(
            MatchingConstraint.id == constraint_id,
            MatchingConstraint.cohort_id == cohort.id,
        )
    )
    if found is not None:
        db.session.delete(found)
        db.session.flush()


def swap(cohort: Cohort, first: uuid.UUID, second: uuid.UUID) -> None:
    """Exchange the mentors of two proposed pairs (given by their mentees); the
    two new pairs are locked."""
    proposed = {
        m: t for m, t, *_ in (settings_for(cohort).proposal or {}).get("pairs", [])
    }
    a, b = _uuid(first), _uuid(second)
    if (
        a is None
        or b is None
        or a == b
        or str(a) not in proposed
        or str(b) not in proposed
    ):
        raise MatchingError(_("Choose two proposed pairs to swap."))
    add_constraint(cohort, "lock", a, uuid.UUID(proposed[str(b)]))
    add_constraint(cohort, "lock", b, uuid.UUID(proposed[str(a)]))


def _uuid(value: object) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


# -- solving and publishing --------------------------------------------------------


@dataclass(frozen=True)
class Published:
    pairs: int


def store_proposal(cohort: Cohort, proposal: dict) -> None:
    settings_for(cohort).proposal = proposal
    db.session.flush()


def publish(cohort: Cohort, tenant: Tenant) -> Published:
    """Create the proposed pairs (each audited and announced to both people in
    their language). People paired meanwhile make the whole publish fail."""
    from mentoring.meetings.services import PairingError, make_pair

    # A double-tapped Publish queues up here; the later one finds the proposal
    # used up (re-read under the lock) instead of pairing people twice.
    db.session.execute(
        db.select(Cohort.id).where(Cohort.id == cohort.id).with_for_update()
    )
    settings = settings_for(cohort)
    db.session.expire(settings, ["proposal"])
    pairs = (settings.proposal or {}).get("pairs", [])
    if not pairs:
        raise MatchingError(_("Find the best matching first."))
    try:
        for mentee_id, mentor_id, *_rest in pairs:
            make_pair(cohort, mentee_id, mentor_id, tenant)
    except PairingError as exc:
        raise MatchingError(str(exc)) from None
    settings.proposal = None
    db.session.flush()
    return Published(len(pairs))
