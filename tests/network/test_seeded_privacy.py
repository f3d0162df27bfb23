"""No network page, export or snapshot row shows a person (issue 9, Tests).

Built from the demo seed, as a city would have it: every GET route of the
network's host is fetched (those with an id, for every id the data has) as an
analyst, an operator and anonymously, and each answer is scanned for every
city person's name and e-mail address and for every free text they wrote.
"""

from __future__ import annotations

import re

import pytest
from sqlalchemy import inspect

from mentoring.accounts.models import User
from mentoring.benchmarking.models import BenchmarkCell, BenchmarkFigure
from mentoring.benchmarking.services import recompute_snapshot
from mentoring.core.context import in_network
from mentoring.core.scoping import cross_tenant
from mentoring.extensions import db
from mentoring.meetings.models import Meeting
from mentoring.network.models import TrackedCity
from mentoring.surveys.models import SurveyAnswer, SurveyQuestion
from tests.conftest import login

NETWORK_BLUEPRINTS = ("network", "home")
ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


@pytest.fixture
def seeded(app):
    result = app.test_cli_runner().invoke(
        args=["demo", "seed", "--cities", "3", "--participants", "10", "--cohorts", "4"]
    )
    assert result.exit_code == 0, result.output
    with app.app_context(), in_network():
        recompute_snapshot("asked")
        db.session.commit()
    with app.app_context(), cross_tenant(db.session, "test: what must never show"):
        people = db.session.execute(db.select(User.full_name, User.email)).all()
        notes = db.session.scalars(db.select(Meeting.notes).where(Meeting.notes != ""))
        free_text = (
            db.select(SurveyAnswer.value)
            .join(SurveyQuestion, SurveyQuestion.id == SurveyAnswer.question_id)
            .where(SurveyQuestion.kind == "text")
        )
        texts = [v for v in db.session.scalars(free_text) if isinstance(v, str) and v]
        secrets = [s for pair in people for s in pair] + list(notes) + texts
        measures = sorted(set(db.session.scalars(db.select(BenchmarkFigure.measure))))
        tracked = [str(i) for i in db.session.scalars(db.select(TrackedCity.id))]
    assert people and measures and tracked
    return {"secrets": secrets, "measures": measures, "tracked": tracked}


def _paths(app, ids: dict[str, list[str]]) -> list[str]:
    """Every GET route of the network's blueprints, each id filled in."""
    paths = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint.split(".")[0] not in NETWORK_BLUEPRINTS:
            continue
        if (
            "GET" not in rule.methods
            or rule.endpoint.startswith("home.")
            and (rule.rule != "/")
        ):
            continue
        if not rule.arguments:
            paths.append(rule.rule)
            continue
        (name,) = rule.arguments
        for value in ids[name]:
            paths.append(
                rule.rule.replace(f"<{name}>", value).replace(f"<uuid:{name}>", value)
            )
    return sorted(set(paths))


def _client(app, client_for, email: str | None):
    client = client_for(None)
    if email:
        login(client, email, "demo-password")
    return client


@pytest.mark.parametrize(
    "who", [None, "analyst@network.example.org", "operator@network.example.org"]
)
def test_no_network_response_shows_a_person(app, client_for, seeded, who):
    client = _client(app, client_for, who)
    paths = _paths(app, {"measure": seeded["measures"], "row_id": seeded["tracked"]})
    assert "/network/benchmarks.csv" in paths and "/impact" in paths
    seen = []
    for path in paths:
        response = client.get(path)
        assert response.status_code < 500, path
        if response.status_code != 200:
            continue
        seen.append(path)
        text = response.get_data(as_text=True)
        for secret in seeded["secrets"]:
            assert secret not in text, (path, secret)
        addresses = set(ADDRESS.findall(text)) - ({who} if who else set())
        # At most the cities' own contact addresses, never a participant's.
        assert all(a.startswith("kontakt@") for a in addresses), (path, addresses)
    assert {"/", "/impact"} <= set(seen)
    if who:  # every benchmark page and export was looked at, not refused
        assert {p for p in paths if p.startswith("/network/benchmarks")} <= set(seen)


def test_no_snapshot_row_holds_a_person(app, seeded):
    with app.app_context():
        for model in (BenchmarkCell, BenchmarkFigure):
            for row in db.session.scalars(db.select(model)):
                values = [str(getattr(row, c.key)) for c in inspect(model).columns]
                for secret in seeded["secrets"]:
                    assert secret not in values, (model.__name__, secret)


def test_an_operator_recomputes_the_figures_from_the_benchmarks_page(
    app, client_for, in_city, city_a
):
    from mentoring.benchmarking.models import BenchmarkRun
    from tests.conftest import csrf_token
    from tests.network.helpers import network_client

    analyst = network_client(app, client_for, "analyst")
    token = csrf_token(analyst, "/network/benchmarks/")
    refused = analyst.post("/network/benchmarks/recompute", data={"csrf_token": token})
    assert refused.status_code == 403
    operator = network_client(app, client_for, "operator")
    page = operator.get("/network/benchmarks/?lang=en").get_data(as_text=True)
    assert "Recompute the figures now" in page
    token = csrf_token(operator, "/network/benchmarks/")
    response = operator.post(
        "/network/benchmarks/recompute", data={"csrf_token": token}
    )
    assert response.status_code == 302
    with app.app_context():
        runs = db.session.execute(db.select(BenchmarkRun.reason)).scalars().all()
    assert runs == ["asked"]
