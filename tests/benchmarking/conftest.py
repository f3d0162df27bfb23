"""Seeded cities for the snapshot: closed cohorts with pairs, a past event with
check-ins, logged meetings and submitted surveys, all from the factories."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import pytest

SECRET_NOTE = "Private meeting note about Zelda"
SECRET_COMMENT = "Free text comment naming Quentin"


@dataclass
class Seeded:
    """What a seeded city holds, so tests can compare the snapshot with it."""

    year: str
    mentees: int
    mentors: int
    returning: int
    meetings: int
    pairs: int
    invited: int
    checked_in: int
    network_grown: int
    network_answered: int
    motivated_local: int
    names: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)


def seed_city(in_city: Any, tenant: Any, pairs: int, today: date) -> Seeded:
    """A closed cohort of ``pairs`` pairs (each mentee answered mentee_end, the
    first ``pairs - 3`` saying their network grew; one saved but did not send),
    every mentor answered mentor_end; an earlier closed cohort in which the
    first two mentors already took part (so they return)."""
    from mentoring.events.models import EventInvitation
    from mentoring.extensions import db
    from mentoring.meetings.models import Meeting
    from mentoring.surveys.services import ensure_standard_surveys
    from tests.events.factories import EventFactory
    from tests.factories import CohortFactory, PairFactory, ParticipantFactory

    ends_on = today - timedelta(days=30)
    with in_city(tenant):
        surveys = ensure_standard_surveys()
        earlier = CohortFactory(
            status="closed",
            starts_on=ends_on - timedelta(days=500),
            ends_on=ends_on - timedelta(days=380),
        )
        cohort = CohortFactory(
            status="closed", starts_on=ends_on - timedelta(days=120), ends_on=ends_on
        )
        made = [
            PairFactory(
                cohort=cohort,
                mentee__user__full_name=f"Mentee {tenant.slug} {i}",
                mentor__user__full_name=f"Mentor {tenant.slug} {i}",
            )
            for i in range(pairs)
        ]
        for pair in made[:2]:
            ParticipantFactory(cohort=earlier, user=pair.mentor.user)
        event = EventFactory(
            cohort=cohort, starts_at=_utc(ends_on - timedelta(days=60))
        )
        people = [p for pair in made for p in (pair.mentee, pair.mentor)]
        for i, person in enumerate(people):
            db.session.add(
                EventInvitation(
                    event_id=event.id,
                    participant_id=person.id,
                    checked_in_at=event.starts_at if i % 4 else None,
                )
            )
        for i, pair in enumerate(made):
            for k in range(i % 3 + 1):
                db.session.add(
                    Meeting(
                        pair_id=pair.id,
                        held_on=ends_on - timedelta(days=10 + k),
                        duration_minutes=60,
                        notes=SECRET_NOTE,
                    )
                )
        end, mentor_end = surveys["mentee_end"], surveys["mentor_end"]
        for i, pair in enumerate(made):
            grown = "yes" if i < pairs - 3 else "no"
            answers = {"network_strengthened": grown, "comments": SECRET_COMMENT}
            _answer(db, end, cohort, pair.mentee, answers, sent=i != pairs - 1)
            motivation = ["local_network"] if i % 2 else ["difference"]
            _answer(db, mentor_end, cohort, pair.mentor, {"motivation": motivation})
        db.session.flush()
        names = [p.user.full_name for p in people]
        emails = [p.user.email for p in people]
    return Seeded(
        year=str(ends_on.year),
        mentees=pairs,
        mentors=pairs,
        returning=2,
        meetings=sum(i % 3 + 1 for i in range(pairs)),
        pairs=pairs,
        invited=2 * pairs,
        checked_in=sum(1 for i in range(2 * pairs) if i % 4),
        network_grown=pairs - 3,
        network_answered=pairs - 1,
        motivated_local=sum(1 for i in range(pairs) if i % 2),
        names=names,
        emails=emails,
    )


def _utc(day: date) -> Any:
    from datetime import UTC, datetime, time

    return datetime.combine(day, time(15), UTC)


def _answer(db, definition, cohort, participant, answers, sent=True):  # noqa: ANN001
    from mentoring.core.models import utcnow
    from mentoring.surveys.models import SurveyAnswer, SurveyInvitation

    by_key = {q.key: q for q in definition.questions}
    invitation = SurveyInvitation(
        definition_id=definition.id,
        survey_key=definition.key,
        cohort_id=cohort.id,
        participant_id=participant.id,
        sent_at=utcnow(),
        completed_at=utcnow() if sent else None,
    )
    invitation.answers = [
        SurveyAnswer(question_id=by_key[k].id, value=v) for k, v in answers.items()
    ]
    db.session.add(invitation)


@pytest.fixture
def city_c(app: Any) -> Any:
    from tests.conftest import _tenant

    return _tenant(app, "odense")


@pytest.fixture
def city_d(app: Any) -> Any:
    from tests.conftest import _tenant

    return _tenant(app, "aalborg")


def recompute(app: Any, reason: str = "asked") -> Any:
    """Recompute in its own app context, as the job and the command do."""
    from mentoring.benchmarking.services import recompute_snapshot
    from mentoring.core.context import in_network
    from mentoring.extensions import db

    with app.app_context(), in_network():
        run = recompute_snapshot(reason)
        db.session.commit()
        return run.cities


def cells(app: Any) -> dict[tuple[Any, str, str], tuple[int, int]]:
    from mentoring.benchmarking.models import BenchmarkCell
    from mentoring.extensions import db

    with app.app_context():
        rows = db.session.execute(db.select(BenchmarkCell)).scalars()
        return {(r.tenant_id, r.period, r.measure): (r.n, r.count) for r in rows}


def figures(app: Any) -> set[tuple]:
    from mentoring.benchmarking.models import BenchmarkFigure
    from mentoring.extensions import db

    with app.app_context():
        rows = db.session.execute(db.select(BenchmarkFigure)).scalars()
        return {
            (
                r.tenant_id,
                r.city,
                r.demo,
                r.period,
                r.measure,
                r.kind,
                r.n,
                r.value,
                r.reason,
            )
            for r in rows
        }
