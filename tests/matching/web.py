"""Helpers for the matching web tests: a cohort with profiles, a plan, ratings."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from mentoring.extensions import db
from tests.conftest import csrf_token
from tests.mail.helpers import clear_mail_queue
from tests.meetings.conftest import People, make_cohort, rows, signed_in  # noqa: F401

HX = {"HX-Request": "true"}


@pytest.fixture(autouse=True)
def _clean_mail_queue(request: pytest.FixtureRequest) -> None:
    if "app" in request.fixturenames:
        clear_mail_queue(request.getfixturevalue("app"))


def cohort_url(people: People, page: str) -> str:
    return f"/coordinator/cohorts/{people.cohort_id}/{page}"


def my_url(people: People) -> str:
    return f"/me/speed-dating/{people.cohort_id}"


def profile(
    tenant: Any,
    in_city: Any,
    people: People,
    role: str,
    n: int,
    **answers: Any,
) -> None:
    """An accepted application with ``answers`` for participant ``n`` of ``role``."""
    from mentoring.applications.models import Application
    from mentoring.programmes.models import Participant
    from tests.applications.factories import ApplicationFactory

    pid = (people.mentees if role == "mentee" else people.mentors)[n][0]
    with in_city(tenant):
        who = db.session.scalar(db.select(Participant).where(Participant.id == pid))
        cohort = who.cohort
        ApplicationFactory(
            cohort=cohort,
            role=role,
            status="accepted",
            email=who.user.email,
            full_name=who.user.full_name,
            user_id=who.user_id,
            **answers,
        )
        assert db.session.scalar(
            db.select(Application.id).where(Application.user_id == who.user_id)
        )


def make_plan(tenant: Any, in_city: Any, people: People, k: int = 5) -> int:
    from mentoring.matching import services
    from mentoring.programmes.models import Cohort

    with in_city(tenant):
        cohort = db.session.scalar(
            db.select(Cohort).where(Cohort.id == people.cohort_id)
        )
        return services.generate_plan(cohort, k)


def set_deadline(tenant: Any, in_city: Any, people: People, at: datetime) -> None:
    from mentoring.matching import services
    from mentoring.programmes.models import Cohort

    with in_city(tenant):
        cohort = db.session.scalar(
            db.select(Cohort).where(Cohort.id == people.cohort_id)
        )
        services.set_deadline(cohort, at)


def open_rating(tenant: Any, in_city: Any, people: People, days: int = 3) -> datetime:
    deadline = datetime.now(UTC).replace(microsecond=0) + timedelta(days=days)
    set_deadline(tenant, in_city, people, deadline)
    return deadline


def give(
    tenant: Any,
    in_city: Any,
    people: People,
    rater: uuid.UUID,
    rated: uuid.UUID,
    value: int,
) -> None:
    """A rating stored directly (the views are tested on their own)."""
    from mentoring.matching.models import Rating

    with in_city(tenant):
        db.session.add(
            Rating(
                cohort_id=people.cohort_id, rater_id=rater, rated_id=rated, value=value
            )
        )


def post(
    client: Any, path: str, data: dict[str, Any], page: str, headers: dict | None = None
) -> Any:
    token = csrf_token(client, page)
    return client.post(path, data={**data, "csrf_token": token}, headers=headers or {})


def text_of(html: str) -> str:
    """Visible text, tags dropped and spaces collapsed (for phrase assertions)."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())
