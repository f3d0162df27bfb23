"""One tenant context (``in_city``) for requests, jobs and commands."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from flask import g
from flask_babel import get_timezone

from mentoring.core.context import in_city, in_network
from mentoring.core.scoping import TenantScopeError, scope_of
from mentoring.extensions import db
from mentoring.matching.jobs import enqueue_due_rating_reminders, send_rating_reminders
from mentoring.programmes.models import Cohort
from mentoring.tenancy.models import Tenant
from tests.conftest import body_text
from tests.matching.web import (  # noqa: F401 - the fixture
    _clean_mail_queue,
    make_cohort,
    make_plan,
    set_deadline,
)

# 16:00 UTC: 11:00 in New York (EST), 17:00 in Copenhagen (CET).
DEADLINE = datetime(2030, 3, 2, 16, tzinfo=UTC)


@pytest.fixture
def city_in_new_york(app, city_a):
    """City A, moved to New York for this test (the transaction is rolled back)."""
    with app.app_context():
        tenant = db.session.scalar(db.select(Tenant).where(Tenant.id == city_a.id))
        tenant.timezone = "America/New_York"
        db.session.commit()
        db.session.refresh(tenant)
        db.session.expunge(tenant)
    return tenant


def test_in_city_sets_scope_city_and_timezone_and_restores_them(
    app, city_a, city_b, city_in_new_york
):
    with app.app_context():
        assert scope_of(db.session) == (None, None)
        with in_city(city_in_new_york):
            assert g.tenant is city_in_new_york
            assert scope_of(db.session)[0] == city_a.id
            assert str(get_timezone()) == "America/New_York"
            with in_city(city_b):
                assert scope_of(db.session)[0] == city_b.id
                assert str(get_timezone()) == "Europe/Copenhagen"
            assert g.tenant is city_in_new_york
            assert str(get_timezone()) == "America/New_York"
        assert scope_of(db.session) == (None, None)
        assert "tenant" not in g
        with in_network():
            assert g.is_network and g.tenant is None
            with pytest.raises(TenantScopeError):
                db.session.scalars(db.select(Cohort)).all()


def test_a_job_for_a_city_in_another_timezone_writes_its_local_times(
    app, city_in_new_york, in_city, outbox, run_jobs
):
    people = make_cohort(city_in_new_york, in_city, size=1)
    make_plan(city_in_new_york, in_city, people, k=1)
    set_deadline(city_in_new_york, in_city, people, DEADLINE)
    with app.app_context():
        assert enqueue_due_rating_reminders(DEADLINE - timedelta(hours=3)) == 1
        db.session.commit()
    run_jobs()
    to_mentor = next(m for m in outbox() if m["To"] == people.mentors[0][1])
    text = body_text(to_mentor)
    assert to_mentor["Content-Language"] == "da"
    assert "2. mar. 2030 11.00" in text  # New York's time, not Copenhagen's 17.00
    assert "17.00" not in text


def test_a_job_without_the_context_cannot_touch_tenant_tables(app, city_a):
    job = send_rating_reminders.__wrapped__.__wrapped__  # below city_job
    with app.app_context(), pytest.raises(TenantScopeError):
        job(city_a, (DEADLINE - timedelta(hours=3)).isoformat())


def test_a_job_for_a_city_that_is_gone_is_skipped(app):
    import uuid

    with app.app_context():
        assert send_rating_reminders(str(uuid.uuid4()), "") == "skipped"


def test_a_request_runs_inside_its_city(app, city_in_new_york):
    host = f"{city_in_new_york.subdomain}.localhost"
    with app.test_request_context("/", base_url=f"http://{host}"):
        app.preprocess_request()  # the real before_request hooks, tenancy first
        assert g.tenant.id == city_in_new_york.id
        assert scope_of(db.session)[0] == city_in_new_york.id
        assert str(get_timezone()) == "America/New_York"
        app.do_teardown_request()
        assert scope_of(db.session) == (None, None)
