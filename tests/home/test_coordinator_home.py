"""The coordinator's home: each cohort at a glance, in a fixed number of queries."""

from __future__ import annotations

import pytest

from tests.conftest import login
from tests.programmes import cohort_data


@pytest.fixture
def coordinator(client_for, city_a, make_user):
    client = client_for(city_a)
    login(client, make_user(city_a, role="coordinator").email)
    return client


def cohort_row(html: str, name: str) -> str:
    table = html[html.index('id="cohorts-title"') :].split("</table>")[0]
    return table[table.index(name) :].split("</tr>")[0]


def test_each_cohort_shows_applications_meetings_and_attendance(
    coordinator, city_a, in_city
):
    from tests.factories import CohortFactory

    with in_city(city_a):
        cohort = CohortFactory(name="Busy cohort")
        cohort_data.busy_cohort(cohort, pairs=2)  # 4 meetings, 3 of 4 came
        cohort_data.application(cohort, "mentor", "accepted", 5)
        CohortFactory(name="Quiet cohort", status="planning")
    html = coordinator.get("/coordinator/?lang=en").get_data(as_text=True)
    busy = cohort_row(html, "Busy cohort")
    assert "2 / 15" in busy  # mentees and mentors taking part, against the places
    assert "2 applied, 2 accepted" in busy  # mentees
    assert "3 applied, 1 accepted" in busy  # mentors
    assert ">2.0<" in busy  # meetings per pair
    assert "75%" in busy  # attendance at events held so far
    assert f'href="/coordinator/cohorts/{cohort.id}">Busy cohort</a>' in html
    quiet = cohort_row(html, "Quiet cohort")
    assert "no pairs yet" in quiet and "no events held yet" in quiet
    assert "Planning" in quiet  # the status as text, not colour


def test_the_home_summarises_and_links_to_the_details(
    coordinator, city_a, in_city, make_user
):
    """Counts and at most three cohorts (the open ones first), no list of people:
    the overview stays a few phone screens long, whatever the city's size."""
    from tests.factories import CohortFactory

    with in_city(city_a):
        for n in range(4):
            CohortFactory(name=f"Closed {n}", status="closed")
        CohortFactory(name="Running now", status="running")
        upcoming = CohortFactory(name="Next")
        for n in range(3):
            cohort_data.application(upcoming, "mentee", "submitted", n)
    for n in range(6):
        make_user(city_a, role="mentee", email=f"m{n}@a.example.org")
    html = coordinator.get("/coordinator/?lang=en").get_data(as_text=True)
    assert 'id="people-list"' not in html and "m1@a.example.org" not in html
    assert "<strong>6</strong> Mentee</a>" in html
    assert 'href="/coordinator/people?role=mentee"' in html
    assert "<strong>3</strong> applications to review</a>" in html
    table = html[html.index('id="cohorts-title"') :].split("</table>")[0]
    assert table.count('<th scope="row">') == 3
    assert "Running now" in table and "Next" in table
    assert 'href="/coordinator/cohorts/">See all 6 cohorts</a>' in html
    assert 'id="checklist-title"' in html
    assert html.count("<h1") == 1


def test_the_home_runs_a_fixed_number_of_queries_whatever_the_activity(
    coordinator, city_a, in_city, count_queries
):
    from tests.factories import CohortFactory

    def queries() -> int:
        coordinator.get("/coordinator/")
        with count_queries() as counter:
            assert coordinator.get("/coordinator/").status_code == 200
        return counter.count

    with in_city(city_a):
        cohort_data.busy_cohort(CohortFactory(), pairs=1)
    few = queries()
    with in_city(city_a):
        for _ in range(3):
            cohort = CohortFactory()
            cohort_data.busy_cohort(cohort, pairs=6)
            cohort_data.event(cohort, "midway", days_ago=-5)
    assert queries() == few


def test_the_cohort_list_runs_a_fixed_number_of_queries(
    coordinator, city_a, in_city, count_queries
):
    from tests.factories import CohortFactory

    def queries() -> int:
        coordinator.get("/coordinator/cohorts/")
        with count_queries() as counter:
            assert coordinator.get("/coordinator/cohorts/").status_code == 200
        return counter.count

    with in_city(city_a):
        cohort_data.busy_cohort(CohortFactory(), pairs=1)
    few = queries()
    with in_city(city_a):
        for _ in range(4):
            cohort_data.busy_cohort(CohortFactory(), pairs=5)
    assert queries() == few
