"""The review list pages past 100 applications, keeping the filter."""

from __future__ import annotations

import pytest

LIST = "/coordinator/applications/"


@pytest.fixture
def many_applications(in_city, city_a, cohort_a):
    from mentoring.extensions import db
    from mentoring.programmes.models import Cohort
    from tests.applications.factories import ApplicationFactory

    with in_city(city_a):
        cohort = db.session.scalar(db.select(Cohort).where(Cohort.id == cohort_a))
        ApplicationFactory.create_batch(130, cohort=cohort, role="mentee")
        ApplicationFactory.create_batch(3, cohort=cohort, role="mentor")


def test_the_second_page_shows_the_rest(
    coordinator, city_a, cohort_a, many_applications, count_queries
):
    client = coordinator(city_a)
    path = f"{LIST}?cohort={cohort_a}&role=mentee&lang=en"
    counts, rows = [], []
    for page in (1, 2):
        client.get(f"{path}&page={page}")
        with count_queries() as counter:
            html = client.get(f"{path}&page={page}").get_data(as_text=True)
        counts.append(counter.count)
        rows.append(html.count('<tr id="application-'))
        assert f"Page {page} of 2" in html
    assert rows == [100, 30]
    assert counts[0] == counts[1] <= 10
    assert "role=mentee" in html.split('rel="prev"')[0].rsplit("<a ", 1)[1]


def test_a_bad_page_is_the_first_page(coordinator, city_a, cohort_a, many_applications):
    response = coordinator(city_a).get(f"{LIST}?cohort={cohort_a}&page=-1&lang=en")
    assert response.status_code == 200
    assert "Page 1 of 2" in response.get_data(as_text=True)
