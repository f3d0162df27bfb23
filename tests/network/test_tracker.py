"""The operator's tracker: stages with their dates, counts against the criterion."""

from __future__ import annotations

import re
from datetime import date, timedelta
from html import unescape

import pytest

from mentoring.extensions import db
from mentoring.network import tracker
from mentoring.network.models import TrackedCity
from tests.conftest import csrf_token, login
from tests.network.helpers import network_client, post_form


class Row:
    stage = "informed"
    informed_on = interested_on = onboarding_on = live_on = None


def test_a_stage_change_stamps_the_dates_of_the_way_there():
    row, day = Row(), date(2026, 4, 15)
    tracker.move(row, "informed", day - timedelta(days=30))
    tracker.move(row, "onboarding", day)
    assert row.stage == "onboarding"
    assert row.informed_on == day - timedelta(days=30)
    assert row.interested_on == row.onboarding_on == day
    assert row.live_on is None
    tracker.move(row, "interested", day + timedelta(days=1))
    assert row.interested_on == day and row.onboarding_on is None
    with pytest.raises(ValueError):
        tracker.move(row, "famous", day)


def test_counts_per_stage_and_against_the_criterion():
    counts = tracker.counts(["informed"] * 5 + ["interested", "onboarding", "live"])
    assert counts.by_stage == {
        "informed": 5,
        "interested": 1,
        "onboarding": 1,
        "live": 1,
    }
    assert counts.interested_or_further == 3 and counts.informed == 8
    assert not counts.criterion_met
    assert tracker.counts(["live"] * 4).criterion_met


@pytest.fixture
def operator(app, client_for):
    return network_client(app, client_for, "operator")


def move(client, row_id: str, stage: str, **kwargs):
    token = csrf_token(client, "/operations/cities/")
    return client.post(
        f"/operations/cities/{row_id}/stage?lang=en",
        data={"stage": stage, "csrf_token": token},
        **kwargs,
    )


def first_row_id(client) -> str:
    html = client.get("/operations/cities/").get_data(as_text=True)
    return re.search(r"/operations/cities/([0-9a-f-]{36})/stage", html).group(1)


def page(client, path: str = "/operations/cities/?lang=en") -> str:
    return unescape(client.get(path).get_data(as_text=True))


def rows(app) -> list[tuple]:
    with app.app_context():
        found = db.session.scalars(db.select(TrackedCity)).unique().all()
        return sorted(
            (r.name, r.stage, r.informed_on, r.interested_on, r.note) for r in found
        )


def test_only_operators_on_the_apex_see_the_tracker(app, client_for, city_a, make_user):
    paths = ["/operations/cities/", "/operations/cities/new", "/operations/onboard"]
    analyst = network_client(app, client_for, "analyst")
    anonymous = client_for(None)
    coordinator = client_for(city_a)
    login(coordinator, make_user(city_a, role="coordinator").email)
    operator = network_client(app, client_for, "operator")
    for path in paths:
        assert analyst.get(path).status_code == 403
        assert anonymous.get(path).status_code == 302  # to the login page
        assert coordinator.get(path).status_code == 404  # no such page on a city
        assert operator.get(path).status_code == 200


def test_an_operator_adds_a_city_and_moves_it_without_javascript(app, operator, clock):
    response = post_form(
        operator,
        "/operations/cities/new",
        {"name": "Vejle", "region": "Syddanmark", "stage": "informed", "note": "Mail"},
    )
    assert response.status_code == 302
    today = clock.today()
    assert rows(app) == [("Vejle", "informed", today, None, "Mail")]
    assert "Interested or further: 0 of the network's criterion 4." in page(operator)
    row_id = first_row_id(operator)
    moved = move(operator, row_id, "interested")
    assert moved.status_code == 302
    assert rows(app) == [("Vejle", "interested", today, today, "Mail")]
    assert "Interested or further: 1 of the network's criterion 4." in page(operator)


def test_htmx_changes_the_stage_in_place_with_the_counts(app, operator):
    post_form(
        operator, "/operations/cities/new", {"name": "Vejle", "stage": "informed"}
    )
    row_id = first_row_id(operator)
    response = move(operator, row_id, "live", headers={"HX-Request": "true"})
    assert response.status_code == 200
    fragment = response.get_data(as_text=True)
    assert fragment.lstrip().startswith(f'<tr id="tracked-{row_id}">')
    assert 'id="tracker-counts"' in fragment and 'hx-swap-oob="true"' in fragment
    assert "Interested or further: 1 of" in fragment
    assert "<html" not in fragment
    assert rows(app)[0][1] == "live"


def test_bad_tracker_input_is_refused_in_danish_and_changes_nothing(app, operator):
    before = rows(app)
    response = post_form(
        operator,
        "/operations/cities/new?lang=da",
        {"name": "", "stage": "famous", "note": "x" * 501},
    )
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Feltet skal udfyldes." in html and "Ikke et gyldigt valg." in html
    assert rows(app) == before
    post_form(
        operator, "/operations/cities/new", {"name": "Vejle", "stage": "informed"}
    )
    row_id = first_row_id(operator)
    before = rows(app)
    bad = move(operator, row_id, "famous")
    assert bad.status_code == 302
    assert rows(app) == before
    missing = operator.get(f"/operations/cities/{'0' * 8}-0000-0000-0000-{'0' * 12}")
    assert missing.status_code == 404


def test_an_operator_edits_a_row(app, operator, clock):
    post_form(
        operator, "/operations/cities/new", {"name": "Vejle", "stage": "informed"}
    )
    row_id = first_row_id(operator)
    edited = post_form(
        operator,
        f"/operations/cities/{row_id}/edit",
        {"name": "Vejle Kommune", "stage": "interested", "note": "Meeting in May"},
    )
    assert edited.status_code == 302
    today = clock.today()
    assert rows(app) == [
        ("Vejle Kommune", "interested", today, today, "Meeting in May")
    ]


def test_the_demo_tracker_matches_the_report_and_marks_demo_rows(app, clock):
    from mentoring.demo.network import seed_tracker

    with app.app_context():
        seed_tracker(clock.today())
        found = db.session.scalars(db.select(TrackedCity)).unique().all()
        counts = tracker.counts(r.stage for r in found)
        assert counts.informed >= tracker.INFORMED_TARGET
        assert counts.interested_or_further == 8 and counts.criterion_met
        real = [r for r in found if not r.demo]
        assert [(r.stage, r.tenant.slug) for r in real] == [("live", "lyngby-taarbaek")]
        assert all(r.live_on >= r.onboarding_on >= r.informed_on for r in real)
        db.session.rollback()
