"""The analysts' benchmark pages and CSV (issue 9 point 4): published figures
only, suppressed cells explained, the contract's CSV, analysts only."""

from __future__ import annotations

import csv
import io
import re

import pytest

from tests.accounts.helpers import make_network_user
from tests.benchmarking.helpers import publish
from tests.conftest import login

IN_WORK = "mentees_in_work_after_six_months"


def _tenant_id(app, slug):
    from mentoring.extensions import db
    from mentoring.tenancy.models import Tenant

    with app.app_context():
        return db.session.scalar(db.select(Tenant.id).where(Tenant.slug == slug))


@pytest.fixture
def snapshot(app, city_a, city_b):
    """Four cities and the network: A named, B named demo, a pseudonymous city
    (Odense's row) and one suppressed; a year and all time; motivations."""
    odense = _tenant_id(app, "odense")
    rows = []
    for period, a, b in (("all", 50.0, 30.0), ("2025", 45.0, 35.0)):
        rows += [
            {
                "city": city_a.name_da,
                "tenant_id": city_a.id,
                "period": period,
                "value": a,
            },
            {
                "city": city_b.name_da,
                "tenant_id": city_b.id,
                "period": period,
                "value": b,
                "demo": True,
            },
            {
                "city": "By 17",
                "tenant_id": odense,
                "period": period,
                "value": 40.0,
                "demo": True,
            },
            {
                "city": "By 23",
                "period": period,
                "value": None,
                "reason": "small_complement",
            },
            {"city": "network", "period": period, "value": 40.0, "n": 80},
        ]
    for key, a, net in (
        ("motivation_welcoming", 60.0, 55.0),
        ("motivation_difference", None, 70.0),
    ):
        rows += [
            {
                "city": city_a.name_da,
                "tenant_id": city_a.id,
                "measure": key,
                "value": a,
            },
            {"city": "network", "measure": key, "value": net, "n": 60},
        ]
    rows += [
        {
            "city": "network",
            "measure": "participants_mentees",
            "kind": "count",
            "n": 45,
            "value": 45.0,
        },
        {
            "city": "network",
            "measure": "meetings_per_pair",
            "kind": "mean",
            "n": 30,
            "value": 2.5,
        },
    ]
    publish(app, *rows)
    return rows


@pytest.fixture
def analyst(app, client_for):
    client = client_for(None)
    login(client, make_network_user(app, role="analyst").email)
    return client


def parse(response):
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


def test_the_csv_follows_the_contract(analyst, snapshot, city_a):
    response = analyst.get("/network/benchmarks.csv")
    assert response.status_code == 200
    assert response.content_type == "text/csv; charset=utf-8"
    text = response.get_data(as_text=True)
    assert text.splitlines()[0] == "city,period,measure,n,value,suppressed"
    rows = parse(response)
    assert len(rows) == len(snapshot)
    by_key = {(r["city"], r["period"], r["measure"]): r for r in rows}
    assert by_key[(city_a.name_da, "all", IN_WORK)] == {
        "city": city_a.name_da,
        "period": "all",
        "measure": IN_WORK,
        "n": "20",
        "value": "50",
        "suppressed": "false",
    }
    hidden = by_key[("By 23", "2025", IN_WORK)]
    assert (hidden["value"], hidden["n"], hidden["suppressed"]) == ("", "", "true")
    assert by_key[("network", "all", IN_WORK)]["value"] == "40"
    assert by_key[("network", "all", "meetings_per_pair")]["value"] == "2.5"
    assert by_key[("network", "all", "participants_mentees")]["value"] == "45"
    assert {r["suppressed"] for r in rows} == {"true", "false"}
    assert all("%" not in r["value"] for r in rows)


def test_the_csv_takes_the_pages_filters(analyst, snapshot, city_b):
    rows = parse(analyst.get("/network/benchmarks.csv?period=2025&without_demo=1"))
    assert {r["period"] for r in rows} == {"2025"}
    assert city_b.name_da not in {r["city"] for r in rows}
    assert "By 17" not in {r["city"] for r in rows}  # demo, under a pseudonym
    assert "network" in {r["city"] for r in rows}
    # An unknown period (or nonsense) is ignored: everything.
    assert len(parse(analyst.get("/network/benchmarks.csv?period=1066"))) == len(
        snapshot
    )


def test_the_index_lists_every_measure_with_the_network_and_spread(analyst, snapshot):
    html = analyst.get("/network/benchmarks/?lang=en").get_data(as_text=True)
    assert "<h1>Benchmarks</h1>" in html
    assert "Mentees in work six months after" in html
    assert "Mentees who took part" in html  # a network-only measure's label
    assert "Mentors motivated by: Welcoming others" in html
    row = re.search(
        r"<tr>\s*<th scope=\"row\"><a[^>]*>Mentees in work.*?</tr>", html, re.S
    ).group(0)
    assert "40 %" in row  # the network
    assert "40 %</td>" in row  # median of 30, 40, 50
    assert "35 % – 45 %" in row  # quartiles
    assert "30 % – 50 %" in row
    assert "3 of 4" in row


def test_a_measure_page_has_its_chart_table_and_reasons(analyst, snapshot, city_a):
    html = analyst.get(f"/network/benchmarks/{IN_WORK}?lang=en").get_data(as_text=True)
    assert html.count("<h1>") == 1
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart chart--spread"' in html
    assert 'class="chart__band"' in html and 'class="chart__median"' in html
    assert html.count('class="chart__point"') == 3  # the suppressed city has none
    assert "the share would tell about individuals" in html
    assert "not published" in html
    # Lyngby-Taarbæk is named: its criterion (33 % in tenant.toml or default) shows;
    # the pseudonymous city's does not.
    lyngby = re.search(
        rf"<tr>\s*<th scope=\"row\">{city_a.name_da}.*?</tr>", html, re.S
    ).group(0)
    assert re.search(r"≥ \d+ %", lyngby)
    pseudo = re.search(r"<tr>\s*<th scope=\"row\">By 17.*?</tr>", html, re.S).group(0)
    assert "≥" not in pseudo
    assert "Year by year" in html and '<th scope="row">2025</th>' in html


def test_the_measure_filters_swap_in_place_and_work_without_js(analyst, snapshot):
    url = f"/network/benchmarks/{IN_WORK}?period=2025&without_demo=1&lang=en"
    page = analyst.get(url).get_data(as_text=True)
    assert 'hx-target="#benchmark-figures"' in page
    assert 'method="get"' in page
    fragment = analyst.get(url, headers={"HX-Request": "true"})
    body = fragment.get_data(as_text=True)
    assert "HX-Request" in fragment.headers["Vary"]
    assert body.startswith('<div id="benchmark-figures">')
    assert "<html" not in body and "2025" in body
    assert "By 17" not in body and "45 %" in body


def test_bad_filters_are_ignored_and_an_unknown_measure_is_404(analyst, snapshot):
    assert (
        analyst.get(
            f"/network/benchmarks/{IN_WORK}?period=<x>&without_demo=maybe"
        ).status_code
        == 200
    )
    assert analyst.get("/network/benchmarks/?period=%FF").status_code == 200
    assert analyst.get("/network/benchmarks/no_such_measure").status_code == 404
    assert analyst.get("/network/benchmarks.csv?period=%00").status_code == 400


def test_mentor_motivation_across_cities(analyst, snapshot, city_a):
    html = analyst.get("/network/benchmarks/motivation?lang=en").get_data(as_text=True)
    assert re.search(
        r"<h1>Mentors(&#39;|'|&#x27;) motivations across cities</h1>", html
    )
    assert "Welcoming others" in html and "Making a difference" in html
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart"' in html
    row = re.search(
        rf"<tr>\s*<th scope=\"row\">{city_a.name_da}.*?</tr>", html, re.S
    ).group(0)
    assert "60 %" in row and "not published" in row


NETWORK_PAGE_QUERIES = 6  # the most any network page may run


@pytest.mark.parametrize(
    "path",
    [
        "/network/benchmarks/",
        f"/network/benchmarks/{IN_WORK}",
        "/network/benchmarks/motivation",
        "/network/benchmarks.csv",
    ],
)
def test_only_network_analysts_see_the_benchmarks(
    app, client_for, city_a, make_user, snapshot, path
):
    anonymous = client_for(None).get(path)
    assert anonymous.status_code == 302 and "/login" in anonymous.location
    # On a city's host the pages do not exist, even for its coordinator.
    coordinator = make_user(city_a, role="coordinator")
    city = client_for(city_a)
    login(city, coordinator.email)
    assert city.get(path).status_code == 404
    # The coordinator's session cookie carried to the apex opens nothing there.
    apex = client_for(None)
    cookie = city.get_cookie("session", domain=f"{city_a.subdomain}.localhost")
    apex.set_cookie("session", cookie.value, domain="localhost")
    response = apex.get(path)
    assert response.status_code == 302 and "/login" in response.location
    # The operator is a network user too.
    operator = client_for(None)
    login(operator, make_network_user(app, role="operator").email)
    assert operator.get(path).status_code == 200


def test_the_analyst_home_and_navigation_link_the_benchmarks(analyst):
    html = analyst.get("/network/?lang=en").get_data(as_text=True)
    assert 'href="/network/benchmarks/"' in html
    assert 'href="/network/benchmarks.csv"' in html
    assert 'href="/network/benchmarks/motivation"' in html


def test_no_personal_data_in_any_network_response(
    app, analyst, client_for, city_a, in_city, snapshot
):
    from tests.factories import PairFactory

    with in_city(city_a):
        pair = PairFactory(
            mentee__user__email="secret.mentee@a.example",
            mentee__user__full_name="Secret Menteename",
            mentor__user__email="secret.mentor@a.example",
            mentor__user__full_name="Secret Mentorname",
        )
        people = [(u.email, u.full_name) for u in (pair.mentee.user, pair.mentor.user)]
    paths = [
        "/network/benchmarks/",
        f"/network/benchmarks/{IN_WORK}",
        "/network/benchmarks/motivation",
        "/network/benchmarks.csv",
    ]
    responses = [analyst.get(p) for p in paths] + [client_for(None).get("/impact")]
    for response in responses:
        assert response.status_code == 200
        text = response.get_data(as_text=True)
        for email, name in people:
            assert email not in text and name not in text
        addresses = set(re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", text))
        # No address of any person: at most the cities' own contact addresses.
        assert all(a.startswith("kontakt@") for a in addresses), addresses


def _more_cities(app, count, start):
    rows = []
    for i in range(start, start + count):
        for period in ("all", "2024", "2025"):
            for measure in (IN_WORK, "motivation_welcoming", "participants_mentees"):
                rows.append(
                    {
                        "city": f"Load {i}",
                        "period": period,
                        "measure": measure,
                        "value": float(20 + i % 50),
                    }
                )
    publish(app, *rows)


@pytest.mark.parametrize(
    "path",
    [
        "/network/benchmarks/",
        f"/network/benchmarks/{IN_WORK}",
        "/network/benchmarks/motivation",
        "/network/benchmarks.csv",
        "/impact",
        "/",
    ],
)
def test_network_pages_run_a_fixed_number_of_queries(
    app, analyst, snapshot, count_queries, path
):
    def queries() -> int:
        analyst.get(path)
        with count_queries() as counter:
            assert analyst.get(path).status_code == 200
        return counter.count

    few = queries()
    _more_cities(app, 40, 0)
    assert queries() == few <= NETWORK_PAGE_QUERIES, path


def test_the_impact_page_is_public_and_in_both_languages(client_for, snapshot):
    client = client_for(None)
    english = client.get("/impact?lang=en").get_data(as_text=True)
    assert '<html lang="en">' in english
    assert re.search(r"<h1>The network(&#39;|'|&#x27;)s impact</h1>", english)
    assert "Cities live" in english and "Mentees who took part" in english
    assert "45" in english  # the pooled count of mentees
    assert "40 %" in english  # the pooled six-month outcome
    assert "not published yet" in english  # cohorts: no network row yet
    danish = client.get("/impact?lang=da").get_data(as_text=True)
    assert '<html lang="da">' in danish and "Netværkets resultater" in danish
    # Pooled rows only: no city's name or pseudonym.
    for text in (english, danish):
        assert "By 17" not in text and "By 23" not in text


def test_the_impact_page_counts_the_cities_in_the_snapshot(client_for, snapshot):
    html = client_for(None).get("/impact?lang=en").get_data(as_text=True)
    count = re.search(r"<dt>Cities live</dt><dd>(\d+)</dd>", html).group(1)
    assert count == "4"


def test_the_network_home_links_the_impact_page(client_for):
    html = client_for(None).get("/").get_data(as_text=True)
    assert 'href="/impact"' in html


def test_the_impact_page_is_not_on_a_city_host(client_for, city_a):
    assert client_for(city_a).get("/impact").status_code == 404
