"""The people list pages past 50, keeping the filter."""

from __future__ import annotations

import re

import pytest

from tests.conftest import login

PEOPLE = "/coordinator/people"


@pytest.fixture
def coordinator(client_for, city_a, make_user):
    client = client_for(city_a)
    login(client, make_user(city_a, role="coordinator").email)
    return client


def many_mentors(in_city, tenant, count):
    from tests.factories import UserFactory

    with in_city(tenant):
        UserFactory.create_batch(count, role="mentor")


def names(html: str) -> list[str]:
    """The names in the people table (each links to the person's page)."""
    return re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a>', html)


def test_the_second_page_shows_the_rest_and_keeps_the_filter(
    coordinator, city_a, in_city
):
    many_mentors(in_city, city_a, 60)
    first = coordinator.get(f"{PEOPLE}?role=mentor&lang=en").get_data(as_text=True)
    second = coordinator.get(f"{PEOPLE}?role=mentor&page=2&lang=en").get_data(
        as_text=True
    )
    assert len(names(first)) == 50 and len(names(second)) == 10
    assert not set(names(first)) & set(names(second))
    assert 'aria-label="Pages"' in first
    assert re.search(r'href="/coordinator/people\?[^"]*role=mentor[^"]*page=2"', first)
    assert 'rel="next"' in first and 'rel="prev"' in second
    assert '<span aria-current="page">Page 2 of 2</span>' in second


@pytest.mark.parametrize("page", ["0", "99", "two"])
def test_a_bad_page_is_the_first_page(coordinator, city_a, in_city, page):
    many_mentors(in_city, city_a, 55)
    response = coordinator.get(f"{PEOPLE}?role=mentor&page={page}&lang=en")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert '<span aria-current="page">Page 1 of 2</span>' in html


def test_the_htmx_page_links_swap_the_list(coordinator, city_a, in_city):
    many_mentors(in_city, city_a, 55)
    html = coordinator.get(f"{PEOPLE}?role=mentor", headers={"HX-Request": "true"})
    assert 'hx-target="#people-list"' in html.get_data(as_text=True)


def test_each_page_runs_the_same_queries(coordinator, city_a, in_city, count_queries):
    many_mentors(in_city, city_a, 120)
    counts = []
    for page in (1, 2, 3):
        coordinator.get(f"{PEOPLE}?page={page}")
        with count_queries() as counter:
            assert coordinator.get(f"{PEOPLE}?page={page}").status_code == 200
        counts.append(counter.count)
    assert counts[0] == counts[1] == counts[2] <= 8, counter.statements
