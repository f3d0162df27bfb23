"""The network's pages on the apex host: counts per city, never a person."""

from __future__ import annotations

import re

import pytest

from tests.accounts.helpers import make_network_user
from tests.conftest import login


@pytest.fixture
def activity(city_a, city_b, in_city):
    """City A: two cohorts, one pair, three mentees; city B: one cohort, nobody."""
    from tests.factories import CohortFactory, PairFactory, ParticipantFactory

    people = []
    with in_city(city_a):
        pair = PairFactory(
            mentee__user__email="private.mentee@a.example",
            mentee__user__full_name="Private Mentee",
        )
        extra = ParticipantFactory.create_batch(
            2, cohort=pair.cohort, user__role="mentee"
        )
        CohortFactory()
        people += [pair.mentee.user, pair.mentor.user, *(p.user for p in extra)]
        people = [(u.email, u.full_name) for u in people]
    with in_city(city_b):
        CohortFactory()
    return people


def row_of(html: str, name: str) -> list[str]:
    """The numbers in the table row of a city."""
    rows = re.findall(r"<tr>(.*?)</tr>", html, re.S)
    (row,) = [r for r in rows if name in r]
    return re.findall(r'<td class="num">([^<]*)</td>', row)


@pytest.fixture
def analyst(app, client_for):
    client = client_for(None)
    login(client, make_network_user(app, role="analyst").email)
    return client


def test_the_analyst_sees_counts_per_city(analyst, city_a, city_b, activity):
    html = analyst.get("/network/?lang=en").get_data(as_text=True)
    assert row_of(html, city_a.name_en) == ["2", "3", "1", "1"]
    assert row_of(html, city_b.name_en) == ["1", "0", "0", "0"]
    assert html.count("<tr>") == 8 + 1  # every city, plus the header


def test_network_pages_show_no_personal_data(app, analyst, client_for, activity):
    operator = client_for(None)
    login(operator, make_network_user(app, role="operator").email)
    pages = [
        analyst.get("/network/"),
        operator.get("/operations/"),
        client_for(None).get("/"),
    ]
    for response in pages:
        assert response.status_code == 200
        html = response.get_data(as_text=True)
        for email, name in activity:
            assert email not in html
            assert name not in html
        # No address of any person at all: only the cities' own contact addresses.
        addresses = set(re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", html))
        assert all(a.startswith("kontakt@") for a in addresses), addresses


def test_operations_lists_every_city_with_its_accounts(
    app, client_for, city_a, make_user
):
    make_user(city_a)
    make_user(city_a)
    client = client_for(None)
    login(client, make_network_user(app, role="operator").email)
    html = client.get("/operations/?lang=en").get_data(as_text=True)
    assert row_of(html, city_a.name_en) == ["2"]
    assert "http://lyngby-taarbaek.localhost/" in html
    assert html.count("Demo") >= 7


def test_the_network_pages_run_a_fixed_number_of_queries(
    analyst, city_a, in_city, count_queries
):
    from tests.factories import PairFactory

    def queries() -> int:
        analyst.get("/network/")
        with count_queries() as counter:
            assert analyst.get("/network/").status_code == 200
        return counter.count

    few = queries()
    with in_city(city_a):
        PairFactory.create_batch(10)
    assert queries() == few
