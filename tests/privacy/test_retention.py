"""Retention under the controlled clock: nothing early, the right rows after,
nothing more on a second run, other cities untouched."""

from __future__ import annotations

from datetime import timedelta

from mentoring.accounts.models import User
from mentoring.applications.models import Application, ApplicationFile
from mentoring.extensions import db
from mentoring.privacy.jobs import apply_retention, enqueue_due_retention
from mentoring.privacy.rules import months_before
from mentoring.tenancy.config import RETENTION_DEFAULTS, InvalidValue, check_retention
from tests.applications.factories import ApplicationFactory, CVFactory
from tests.factories import CohortFactory, ParticipantFactory


def _seed(in_city, city, clock):  # noqa: ANN001
    with in_city(city):
        cohort = CohortFactory(
            status="closed",
            starts_on=clock.today() - timedelta(days=10),
            ends_on=clock.today() - timedelta(days=1),
        )
        rejected = ApplicationFactory(cohort=cohort, status="rejected")
        CVFactory(application=rejected)
        participant = ParticipantFactory(cohort=cohort, user__role="mentee")
        accepted = ApplicationFactory(
            cohort=cohort, status="accepted", user_id=participant.user.id,
            email=participant.user.email,
        )  # fmt: skip
        CVFactory(application=accepted)
        return rejected.id, accepted.id, participant.user.id


def _state(in_city, city, ids):  # noqa: ANN001
    rejected, accepted, user = ids
    with in_city(city):
        return (
            db.session.get(Application, rejected) is not None,
            db.session.scalar(
                db.select(ApplicationFile).where(
                    ApplicationFile.application_id == accepted
                )
            )
            is not None,
            db.session.get(User, user).erased_at is None,
        )


def _run(app, city):  # noqa: ANN001
    with app.app_context():
        return apply_retention(str(city.id))


def _due(app) -> int:  # noqa: ANN001
    with app.app_context():
        due = enqueue_due_retention()
        db.session.rollback()  # only count: the test runs the job itself
        return due


def test_defaults_and_checks():
    assert RETENTION_DEFAULTS == {
        "applications_months": 6, "participants_years": 3, "cv_months": 1,
    }  # fmt: skip
    assert months_before(clock_day := __import__("datetime").date(2026, 3, 31), 1) == (
        clock_day.replace(month=2, day=28)
    )
    for bad in (-1, 1.5, True, "6", 10_000):
        try:
            check_retention("cv_months", bad)
        except InvalidValue:
            continue
        raise AssertionError(bad)


def test_retention_steps(app, in_city, city_a, city_b, clock):  # noqa: ANN001
    a = _seed(in_city, city_a, clock)
    b = _seed(in_city, city_b, clock)
    assert _due(app) == 0
    assert _run(app, city_a) == {"applications": 0, "cvs": 0, "participants": 0}
    assert _state(in_city, city_a, a) == (True, True, True)

    clock.shift(timedelta(days=40))  # past cv_months (1) after the start
    assert _due(app) == 2  # both cities
    assert _run(app, city_a)["cvs"] == 1
    assert _state(in_city, city_a, a) == (True, False, True)

    clock.shift(timedelta(days=160))  # past applications_months (6)
    assert _run(app, city_a)["applications"] == 1
    assert _state(in_city, city_a, a) == (False, False, True)

    clock.shift(timedelta(days=3 * 366))  # past participants_years (3)
    assert _run(app, city_a)["participants"] == 1
    assert _state(in_city, city_a, a) == (False, False, False)
    assert _run(app, city_a) == "skipped"  # the same sweep again: its key is done
    clock.shift(timedelta(minutes=1))  # the next sweep finds nothing more to do
    assert _run(app, city_a) == {"applications": 0, "cvs": 0, "participants": 0}
    assert _due(app) == 1  # only city_b, never run, is still due
    assert _state(in_city, city_b, b) == (True, True, True)
