"""A running cohort with people but no pairs yet; helpers to read what was written."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
from babel.dates import format_date

from mentoring.extensions import db
from tests.conftest import login, reference_now
from tests.mail.helpers import clear_mail_queue

# The cohort started 13 weeks before the day every test starts on (the clock).
START = reference_now().date() - timedelta(weeks=13)


def day(n: int) -> date:
    """Day ``n`` of the cohort (day 0 is its start)."""
    return START + timedelta(days=n)


def long_date(when: date, locale: str) -> str:
    """A date as e-mails and pages write it: "1 September 2026", "1. september 2026"."""
    return format_date(when, "d MMMM y" if locale == "en" else "d. MMMM y", locale)


@dataclass
class People:
    """Ids and addresses (the objects themselves stay in their own session)."""

    cohort_id: Any
    coordinator: str
    mentees: list[tuple[Any, str]] = field(default_factory=list)
    mentors: list[tuple[Any, str]] = field(default_factory=list)


@pytest.fixture(autouse=True)
def _clean_mail_queue(request: pytest.FixtureRequest) -> None:
    if "app" in request.fixturenames:
        clear_mail_queue(request.getfixturevalue("app"))


def make_cohort(tenant: Any, in_city: Any, size: int = 2, **cohort: Any) -> People:
    """A cohort of ``size`` mentees (first in English, the rest in Danish) and
    ``size`` mentors (first in Danish, the rest in English), and a coordinator."""
    from tests.factories import CohortFactory, ParticipantFactory, UserFactory

    with in_city(tenant):
        values = {"starts_on": START, "status": "running", **cohort}
        made = CohortFactory(**values)
        coordinator = UserFactory(role="coordinator", locale="en")
        people = People(made.id, coordinator.email)
        for n in range(size):
            mentee = ParticipantFactory(
                cohort=made,
                user__role="mentee",
                user__locale="en" if n == 0 else "da",
                user__full_name=f"Mentee {n} {tenant.slug}",
                user__phone=f"+45 11 11 11 {n:02d}",
            )
            mentor = ParticipantFactory(
                cohort=made,
                user__role="mentor",
                user__locale="da" if n == 0 else "en",
                user__full_name=f"Mentor {n} {tenant.slug}",
                user__phone=f"+45 22 22 22 {n:02d}",
            )
            people.mentees.append((mentee.id, mentee.user.email))
            people.mentors.append((mentor.id, mentor.user.email))
        return people


@pytest.fixture
def cohort_a(city_a: Any, in_city: Any) -> People:
    return make_cohort(city_a, in_city)


def paired(tenant: Any, in_city: Any, people: People, n: int = 0, **kw: Any) -> Any:
    """Pair mentee ``n`` with mentor ``n`` directly; returns the pair's id."""
    from mentoring.programmes.models import Pair

    kw.setdefault("created_at", datetime.combine(START, time(8), UTC))
    with in_city(tenant):
        pair = Pair(
            cohort_id=people.cohort_id,
            mentee_id=people.mentees[n][0],
            mentor_id=people.mentors[n][0],
            **kw,
        )
        db.session.add(pair)
        db.session.flush()
        return pair.id


def signed_in(client_for: Any, tenant: Any, email: str) -> Any:
    client = client_for(tenant)
    response = login(client, email)
    assert response.status_code == 302, email
    return client


def rows(app: Any, tenant: Any, model: Any, *where: Any) -> list[Any]:
    """Rows of ``model`` as the city sees them now (detached)."""
    from mentoring.core.scoping import set_tenant

    with app.app_context():
        set_tenant(db.session, tenant.id)
        found = list(db.session.scalars(db.select(model).where(*where)))
        db.session.expunge_all()
        return found
