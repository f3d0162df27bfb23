"""A closed cohort in a city (one pair: an English mentee, a Danish mentor),
a controlled clock, and the tick's survey part."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.conftest import link_in

NOW = datetime(2030, 6, 1, 8, 0, tzinfo=UTC)


@dataclass
class Cohort:
    id: uuid.UUID
    mentee_id: uuid.UUID
    mentor_id: uuid.UUID
    mentee: str
    mentor: str


def build_cohort(
    tenant: Any, in_city: Any, status: str = "closed", ends_on: date | None = None
) -> Cohort:
    from tests.factories import CohortFactory, PairFactory

    ends_on = ends_on or (NOW - timedelta(days=1)).date()
    with in_city(tenant):
        cohort = CohortFactory(
            status=status, starts_on=ends_on - timedelta(days=120), ends_on=ends_on
        )
        pair = PairFactory(
            cohort=cohort,
            mentee__user__full_name="Mia Mentee",
            mentee__user__locale="en",
            mentor__user__full_name="Mads Mentor",
            mentor__user__locale="da",
        )
        return Cohort(
            cohort.id,
            pair.mentee.id,
            pair.mentor.id,
            pair.mentee.user.email,
            pair.mentor.user.email,
        )


@pytest.fixture
def closed(city_a, in_city) -> Cohort:
    """Closed yesterday (by the test clock)."""
    return build_cohort(city_a, in_city)


def tick(app: Any, now: datetime = NOW) -> int:
    """The tick's survey part at ``now``; the jobs run after the commit."""
    from mentoring.extensions import db
    from mentoring.surveys.jobs import enqueue_due_surveys

    with app.app_context():
        count = enqueue_due_surveys(now)
        db.session.commit()
    return count


def by_recipient(messages: list[Any]) -> dict[str, list[Any]]:
    sent: dict[str, list[Any]] = {}
    for message in messages:
        sent.setdefault(message["To"].addresses[0].addr_spec, []).append(message)
    return sent


def path_of(message: Any) -> str:
    return urlsplit(link_in(message)).path


def invitations(app: Any, tenant: Any, **where: Any) -> list[Any]:
    from mentoring.surveys.models import SurveyInvitation
    from tests.events.conftest import load

    return load(app, tenant, SurveyInvitation, **where)
