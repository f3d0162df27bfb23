"""The getting-started checklist: the guide's steps, ticked from the city's data."""

from __future__ import annotations

import re
import uuid

import pytest

from mentoring.home.checklist import CityFacts, checklist
from tests.conftest import csrf_token, login
from tests.programmes import cohort_data

KEYS = [
    "success_criteria",
    "cohort",
    "mentors",
    "mentees",
    "events",
    "kickoff",
    "match",
    "follow_up",
]


# -- the rules ---------------------------------------------------------------------


def test_a_new_city_starts_with_nothing_done_and_the_first_step_next():
    steps = checklist(CityFacts())
    assert [s.key for s in steps] == KEYS
    assert not any(s.done for s in steps)
    assert [s.key for s in steps if s.is_next] == ["success_criteria"]


def test_the_next_step_is_the_first_one_not_done():
    cohort = uuid.uuid4()
    facts = CityFacts(
        success_criteria_set=True,
        cohorts=1,
        mentors=3,
        mentees=2,
        events=7,
        current_cohort_id=cohort,
    )
    steps = {s.key: s for s in checklist(facts)}
    assert [k for k in KEYS if steps[k].done] == KEYS[:5]
    assert [k for k in KEYS if steps[k].is_next] == ["kickoff"]
    assert steps["kickoff"].endpoint == "home.cohort"
    assert steps["kickoff"].args == {"cohort_id": cohort}
    assert steps["match"].endpoint == "meetings.cohort_pairs"


def test_without_a_cohort_the_links_lead_to_creating_one():
    steps = {s.key: s for s in checklist(CityFacts(success_criteria_set=True))}
    assert steps["cohort"].is_next
    assert steps["cohort"].endpoint == "programmes.cohort_new"
    assert steps["match"].endpoint == "programmes.cohort_new"
    assert steps["match"].args == {}


def test_everything_done_leaves_no_next_step():
    facts = CityFacts(True, 2, 15, 15, 14, 2, 15, 1, uuid.uuid4())
    steps = checklist(facts)
    assert all(s.done for s in steps)
    assert not any(s.is_next for s in steps)


# -- ticking itself on the coordinator's home ---------------------------------------


@pytest.fixture
def coordinator(client_for, city_a, make_user):
    client = client_for(city_a)
    login(client, make_user(city_a, role="coordinator").email)
    return client


def ticked(client) -> dict[str, bool]:
    html = client.get("/coordinator/?lang=en").get_data(as_text=True)
    found = re.findall(
        r'class="checklist__step checklist__step--(\w+)" id="checklist-(\w+)"', html
    )
    return {key: state == "done" for state, key in found}


def current_cohort():
    from mentoring.extensions import db
    from mentoring.programmes.models import Cohort

    return db.session.scalar(db.select(Cohort).order_by(Cohort.starts_on.desc()))


def test_the_checklist_ticks_itself_as_the_citys_data_appears(
    coordinator, city_a, in_city
):
    from tests.factories import PairFactory

    # tenant.toml's criteria are only the defaults: saving them ticks the step.
    assert city_a.success_criteria
    assert ticked(coordinator) == dict.fromkeys(KEYS, False)
    save_criteria(coordinator)
    assert ticked(coordinator) == dict.fromkeys(KEYS, False) | {
        "success_criteria": True
    }

    token = csrf_token(coordinator, "/coordinator/cohorts/new")
    coordinator.post(
        "/coordinator/cohorts/new",
        data={
            "csrf_token": token,
            "name": "First",
            "starts_on": "2030-03-01",  # in the future: no kickoff held yet
            "mentee_capacity": "15",
            "mentor_capacity": "15",
        },
    )
    state = ticked(coordinator)
    assert state["cohort"] and state["events"]
    assert not state["mentors"] and not state["kickoff"]

    with in_city(city_a):
        cohort = current_cohort()
        cohort_data.application(cohort, "mentor", "accepted", 1)
    state = ticked(coordinator)
    assert state["mentors"] and not state["mentees"]

    with in_city(city_a):
        cohort = current_cohort()
        PairFactory(cohort=cohort)  # a mentee and a mentor taking part, paired
        cohort_data.event(cohort, "kickoff", days_ago=1)
    state = ticked(coordinator)
    assert state["mentees"] and state["kickoff"] and state["match"]
    assert not state["follow_up"]

    with in_city(city_a):
        current_cohort().status = "closed"
    assert ticked(coordinator) == dict.fromkeys(KEYS, True)


def save_criteria(client) -> None:
    from mentoring.results.forms import WITH_CRITERION

    path = "/coordinator/results/criteria"
    data = {m.key: "40" for m in WITH_CRITERION}
    response = client.post(path, data={**data, "csrf_token": csrf_token(client, path)})
    assert response.status_code == 302


def test_the_next_step_links_to_the_action(coordinator):
    html = coordinator.get("/coordinator/?lang=en").get_data(as_text=True)
    link = '<a class="checklist__next" href="/coordinator/results/criteria">'
    assert link in html and "0 of 8 steps done." in html
    assert "Set them on the success criteria page" in html
    save_criteria(coordinator)
    html = coordinator.get("/coordinator/?lang=en").get_data(as_text=True)
    assert '<a class="checklist__next" href="/coordinator/cohorts/new">' in html
    assert "1 of 8 steps done." in html


def test_another_citys_criteria_do_not_tick_this_citys_checklist(
    coordinator, client_for, city_b, make_user
):
    other = client_for(city_b)
    login(other, make_user(city_b, role="coordinator").email)
    save_criteria(other)
    assert not ticked(coordinator)["success_criteria"]


def test_another_citys_data_does_not_tick_this_citys_checklist(
    coordinator, city_b, in_city
):
    from tests.factories import PairFactory

    with in_city(city_b):
        pair = PairFactory()
        pair.cohort.status = "closed"
        cohort_data.event(pair.cohort, "kickoff", days_ago=5)
    state = ticked(coordinator)
    assert not any(state[k] for k in KEYS[1:])


def test_the_checklist_speaks_danish(coordinator):
    html = coordinator.get("/coordinator/?lang=da").get_data(as_text=True)
    assert '<html lang="da">' in html
    assert 'id="checklist-title"' in html
