"""The cohort page: the stage indicator and the one primary next step."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from tests.conftest import login


@pytest.fixture
def coordinator(client_for, city_a, make_user):
    client = client_for(city_a)
    login(client, make_user(city_a, role="coordinator").email)
    return client


def cohort_with(in_city, tenant, status, pairs=0, event=None, **kw):
    """A cohort in ``status``; ``event`` = (kind, days from now) adds one event."""
    from mentoring.core.models import utcnow
    from mentoring.events.models import Event
    from mentoring.extensions import db
    from tests.factories import CohortFactory, PairFactory

    with in_city(tenant):
        cohort = CohortFactory(status=status, **kw)
        PairFactory.create_batch(pairs, cohort=cohort)
        if event:
            starts = utcnow() + timedelta(days=event[1])
            db.session.add(
                Event(
                    cohort_id=cohort.id,
                    kind=event[0],
                    title_da="Begivenhed",
                    title_en="Event",
                    starts_at=starts,
                    ends_at=starts + timedelta(hours=2),
                )
            )
            db.session.flush()
        return cohort.id


def primary(html: str) -> str:
    """The page's one primary action (the element marked cohort-next)."""
    found = re.findall(r"<(?:a|button)[^>]*cohort-next[^>]*>[^<]*<", html)
    assert len(found) == 1, found
    return found[0]


def current_stage(html: str) -> str:
    return re.search(r'aria-current="step">([^<]+)<', html).group(1)


def page(client, cohort_id):
    return client.get(f"/coordinator/cohorts/{cohort_id}?lang=en").get_data(
        as_text=True
    )


def test_planning_and_recruiting_move_the_cohort_on(coordinator, city_a, in_city):
    for status, label in (("planning", "Recruiting"), ("recruiting", "Matching")):
        html = page(coordinator, cohort_with(in_city, city_a, status))
        assert current_stage(html) == "Recruiting"
        assert f"Move on to: {label}" in primary(html)
        assert "<button" in primary(html)


def test_kickoff_planned_leads_to_the_speed_dating_plan(coordinator, city_a, in_city):
    cohort_id = cohort_with(in_city, city_a, "matching", event=("kickoff", 5))
    html = page(coordinator, cohort_id)
    assert current_stage(html) == "Kickoff planned"
    button = primary(html)
    assert f'href="/coordinator/cohorts/{cohort_id}/speed-dating"' in button
    assert "Make the speed-dating plan" in button


def test_published_pairs_lead_to_running(coordinator, city_a, in_city):
    html = page(coordinator, cohort_with(in_city, city_a, "matching", pairs=2))
    assert current_stage(html) == "Pairs published"
    assert "Move on to: Running" in primary(html)


def test_a_running_cohort_leads_to_its_work_and_closes_quietly(
    coordinator, city_a, in_city
):
    cohort_id = cohort_with(in_city, city_a, "running", pairs=2)
    html = page(coordinator, cohort_id)
    assert current_stage(html) == "Running"
    assert f'href="/coordinator/cohorts/{cohort_id}/pairs"' in primary(html)
    assert "Move on to: Closed" not in html
    assert "Close the cohort" not in html  # it ends in seven weeks

    soon = cohort_with(in_city, city_a, "running", 1, ("interview_session", 20))
    button = primary(page(coordinator, soon))
    assert "Open slots for the job-interview session" in button
    assert "/slots" in button


def test_after_the_closing_event_closing_is_a_quiet_button(
    coordinator, city_a, in_city
):
    cohort_id = cohort_with(in_city, city_a, "running", 1, ("closing", -2))
    html = page(coordinator, cohort_id)
    assert "cohort-next" not in html.split("Close the cohort…")[0].rsplit("<", 1)[1]
    assert 'class="button button--quiet">Close the cohort…' in html
    assert "/pairs" in primary(html)


def test_a_closed_cohort_leads_to_its_answers(coordinator, city_a, in_city):
    from tests.factories import today

    cohort_id = cohort_with(
        in_city, city_a, "closed", 1, starts_on=today() - timedelta(days=130)
    )
    html = page(coordinator, cohort_id)
    assert current_stage(html) == "Surveys out"
    button = primary(html)
    assert "See the end-of-programme answers" in button
    assert f"cohort={cohort_id}" in button and "survey=mentee_end" in button


def test_the_stages_and_the_next_step_in_danish(coordinator, city_a, in_city):
    cohort_id = cohort_with(in_city, city_a, "matching")
    html = coordinator.get(f"/coordinator/cohorts/{cohort_id}?lang=da").get_data(
        as_text=True
    )
    assert current_stage(html) == "Kickoff planlagt"
    assert "Næste skridt" in html
    assert "Lav planen for speed-dating" in primary(html)
