"""Fixtures for the application tests: open cohorts in both cities, a coordinator."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import login


@pytest.fixture
def open_cohort(in_city: Any) -> Any:
    """``open_cohort(tenant, **kw)``: a cohort taking applications; returns its id."""
    from tests.factories import CohortFactory

    def make(tenant: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("status", "recruiting")
        with in_city(tenant):
            cohort = CohortFactory(**kwargs)
            return cohort.id

    return make


@pytest.fixture
def cohort_a(city_a: Any, open_cohort: Any) -> Any:
    return open_cohort(city_a, name="Autumn 2026")


@pytest.fixture
def coordinator(client_for: Any, make_user: Any) -> Any:
    """``coordinator(tenant)``: a client signed in as a coordinator of that city."""

    def make(tenant: Any) -> Any:
        client = client_for(tenant)
        user = make_user(tenant, role="coordinator")
        assert login(client, user.email).status_code == 302
        return client

    return make


@pytest.fixture
def make_application(in_city: Any) -> Any:
    """``make_application(tenant, cohort_id, cv=False, **kw)``: returns its id."""
    from mentoring.extensions import db
    from mentoring.programmes.models import Cohort
    from tests.applications.factories import ApplicationFactory, CVFactory

    def make(tenant: Any, cohort_id: Any, cv: bool = False, **kwargs: Any) -> Any:
        with in_city(tenant):
            cohort = db.session.scalar(db.select(Cohort).where(Cohort.id == cohort_id))
            application = ApplicationFactory(cohort=cohort, **kwargs)
            if cv:
                CVFactory(application=application)
            return application.id

    return make
