"""The coordinator's comparison with the network (issue 9 point 5): the city's
own published row only, beside the network's and the cities' range."""

from __future__ import annotations

import pytest

from tests.accounts.helpers import make_network_user
from tests.benchmarking.helpers import publish
from tests.conftest import login

PAGE = "/coordinator/results/network"
IN_WORK = "mentees_in_work_after_six_months"
GROWN = "mentees_network_grown"


@pytest.fixture
def snapshot(app, city_a, city_b):
    publish(
        app,
        {"city": city_a.name_da, "tenant_id": city_a.id, "value": 50.0},
        {"city": city_b.name_da, "tenant_id": city_b.id, "value": 30.0, "demo": True},
        {"city": "By 17", "value": 55.0},
        {"city": "network", "value": 40.0, "n": 80},
        {
            "city": city_a.name_da,
            "tenant_id": city_a.id,
            "measure": GROWN,
            "value": None,
            "reason": "small_base",
        },
        {
            "city": city_b.name_da,
            "tenant_id": city_b.id,
            "measure": GROWN,
            "value": 85.0,
        },
        {"city": "network", "measure": GROWN, "value": 80.0},
        # a year, and a measure without a network row: not compared
        {
            "city": city_a.name_da,
            "tenant_id": city_a.id,
            "period": "2025",
            "value": 65.0,
        },
        {
            "city": city_a.name_da,
            "tenant_id": city_a.id,
            "measure": "mentees_cv_improved",
            "value": 70.0,
        },
    )


@pytest.fixture
def coordinator_of(client_for, make_user):
    def make(tenant):
        client = client_for(tenant)
        login(client, make_user(tenant, role="coordinator").email)
        return client

    return make


def items(html):
    import re

    return [
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", li)).strip()
        for li in re.findall(r"<li>(.*?)</li>", html, re.S)
    ]


def test_the_coordinator_sees_the_citys_own_figures_beside_the_network(
    coordinator_of, city_a, snapshot
):
    html = coordinator_of(city_a).get(f"{PAGE}?lang=en").get_data(as_text=True)
    assert html.count("<h1>") == 1
    found = [i for i in items(html) if i.startswith("Mentees")]
    assert found == [
        "Mentees in work six months after: 50 %; the network: 40 %,"
        " cities from 30 % to 55 %",
        "Mentees whose professional network grew: not published (small numbers);"
        " the network: 80 %, cities from 85 % to 85 %",
    ]
    assert "65 %" not in html and "70 %" not in html


def test_another_citys_figures_never_appear_as_yours(coordinator_of, city_b, snapshot):
    html = coordinator_of(city_b).get(f"{PAGE}?lang=en").get_data(as_text=True)
    found = [i for i in items(html) if i.startswith("Mentees")]
    assert found == [
        "Mentees in work six months after: 30 %; the network: 40 %,"
        " cities from 30 % to 55 %",
        "Mentees whose professional network grew: 85 %; the network: 80 %,"
        " cities from 85 % to 85 %",
    ]


def test_a_city_without_published_figures_is_told_so(app, coordinator_of, snapshot):
    from tests.conftest import _tenant

    odense = _tenant(app, "odense")
    html = coordinator_of(odense).get(f"{PAGE}?lang=en").get_data(as_text=True)
    assert "No comparison yet" in html
    assert "By 17" not in html


def test_the_results_page_loads_it_in_place_with_a_link(coordinator_of, city_a):
    html = coordinator_of(city_a).get("/coordinator/results/").get_data(as_text=True)
    assert f'hx-get="{PAGE}"' in html and 'hx-trigger="load"' in html
    assert f'<a href="{PAGE}">' in html


def test_the_fragment_for_htmx(coordinator_of, city_a, snapshot):
    response = coordinator_of(city_a).get(PAGE, headers={"HX-Request": "true"})
    assert response.get_data(as_text=True).startswith('<div id="network-comparison">')


def test_coordinators_only_and_city_hosts_only(
    app, client_for, make_user, city_a, snapshot
):
    assert client_for(city_a).get(PAGE).status_code == 302
    mentee = client_for(city_a)
    login(mentee, make_user(city_a, role="mentee").email)
    assert mentee.get(PAGE).status_code == 403
    analyst = client_for(None)
    login(analyst, make_network_user(app).email)
    assert analyst.get(PAGE).status_code == 404


def test_a_fixed_number_of_queries(
    app, coordinator_of, city_a, snapshot, count_queries
):
    client = coordinator_of(city_a)

    def queries():
        client.get(PAGE)
        with count_queries() as counter:
            assert client.get(PAGE).status_code == 200
        return counter.count

    few = queries()
    publish(app, *[{"city": f"Load {i}", "value": float(i)} for i in range(40)])
    assert queries() == few
