"""A small programme to run events in: a cohort in city A with two pairs,
its coordinator, and an event (plus helpers to sign people in)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

import pytest

from tests.conftest import login

HX = {"HX-Request": "true"}


@dataclass
class Programme:
    """Ids and e-mail addresses (objects do not outlive their session)."""

    cohort_id: uuid.UUID
    event_id: uuid.UUID
    coordinator: str
    mentees: list[str]
    mentors: list[str]
    mentee_ids: list[uuid.UUID]
    mentor_ids: list[uuid.UUID]
    extra: dict[str, Any] = field(default_factory=dict)


def build_programme(
    tenant: Any, in_city: Any, pairs: int = 2, **event: Any
) -> Programme:
    from tests.events.factories import EventFactory
    from tests.factories import CohortFactory, PairFactory, UserFactory

    with in_city(tenant):
        coordinator = UserFactory(role="coordinator", full_name="Cora Coordinator")
        cohort = CohortFactory()
        made = [
            PairFactory(
                cohort=cohort,
                mentee__user__full_name=f"Mentee {n} Person",
                mentee__user__locale="en",
                mentor__user__full_name=f"Mentor {n} Person",
                mentor__user__locale="da",
            )
            for n in range(1, pairs + 1)
        ]
        first = EventFactory(cohort=cohort, **event)
        return Programme(
            cohort_id=cohort.id,
            event_id=first.id,
            coordinator=coordinator.email,
            mentees=[p.mentee.user.email for p in made],
            mentors=[p.mentor.user.email for p in made],
            mentee_ids=[p.mentee.id for p in made],
            mentor_ids=[p.mentor.id for p in made],
        )


@pytest.fixture
def programme(city_a, in_city) -> Programme:
    return build_programme(city_a, in_city)


@pytest.fixture
def signed_in(client_for) -> Any:
    """``signed_in(tenant, email)``: a client of that city, signed in."""

    def make(tenant: Any, email: str) -> Any:
        client = client_for(tenant)
        response = login(client, email)
        assert response.status_code == 302, email
        return client

    return make


@pytest.fixture
def invite_all(app, city_a) -> Any:
    """Send an event's invitations as the coordinator would (a real request)."""

    def send(programme: Programme, event_id: uuid.UUID | None = None) -> Any:
        from tests.conftest import HostClient, csrf_token

        client = HostClient(app, app.response_class, use_cookies=True)
        client.host = f"{city_a.subdomain}.localhost"
        login(client, programme.coordinator)
        event = event_id or programme.event_id
        token = csrf_token(client, f"/coordinator/cohorts/{programme.cohort_id}/events")
        return client.post(
            f"/coordinator/events/{event}/invite", data={"csrf_token": token}
        )

    return send


def load(app: Any, tenant: Any, model: Any, **where: Any) -> list[Any]:
    """Rows as they are in the database now (detached), filtered by columns."""
    from mentoring.core.scoping import set_tenant
    from mentoring.extensions import db

    with app.app_context():
        set_tenant(db.session, tenant.id)
        query = db.select(model).filter_by(**where)
        rows = list(db.session.scalars(query))
        db.session.expunge_all()
        return rows
