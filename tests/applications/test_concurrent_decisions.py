"""Decisions made at the same moment by two coordinators (real parallel requests).

PostgreSQL only: the ``committed`` fixture runs each request on its own
connection, with real commits that are cleaned up afterwards.
"""

from __future__ import annotations

from typing import Any

import pytest

from mentoring.applications.models import Application
from mentoring.mail.models import CityEmail
from mentoring.programmes.models import Participant
from tests.applications.test_review import LIST, read, token_of
from tests.conftest import login


@pytest.fixture
def coordinators(committed, city_a, client_for, make_user) -> Any:
    """``coordinators(n)``: n clients, each signed in as a coordinator of city A."""

    def make(n: int) -> list[Any]:
        clients = []
        for _ in range(n):
            client = client_for(city_a)
            user = make_user(city_a, role="coordinator")
            assert login(client, user.email).status_code == 302
            client.get("/?lang=en")
            clients.append(client)
        return clients

    return make


def pressing(client: Any, application_id: Any, decision: str) -> Any:
    """A decision button as the list page sends it (htmx, with the status seen)."""
    token = token_of(client)

    def press() -> Any:
        return client.post(
            f"{LIST}{application_id}/decision",
            data={"decision": decision, "seen": "submitted", "confirm_reject": "yes"},
            headers={"HX-Request": "true", "X-CSRFToken": token},
        )

    return press


def outcome(app, city, application_id) -> tuple[str, int, int]:
    (application,) = read(app, city, Application, Application.id == application_id)
    members = read(
        app,
        city,
        Participant,
        Participant.cohort_id == application.cohort_id,
        Participant.user_id == application.user_id,
    )
    mails = read(app, city, CityEmail, CityEmail.to_address == application.email)
    return application.status, len(members), len(mails)


def test_accept_and_reject_at_once_leave_one_consistent_outcome(
    app, committed, city_a, coordinators, open_cohort, make_application
):
    cohort = open_cohort(city_a)
    app_id = make_application(city_a, cohort)
    first, second = coordinators(2)
    answers = committed(
        pressing(first, app_id, "accept"), pressing(second, app_id, "reject")
    )
    codes = sorted(r.status_code for r in answers)
    assert codes == [200, 409], codes
    status, members, mails = outcome(app, city_a, app_id)
    # The applicant's confirmation is not among these: the factory sent none.
    assert mails == 1
    assert members == (1 if status == "accepted" else 0)
    winner = next(r for r in answers if r.status_code == 200)
    loser = next(r for r in answers if r.status_code == 409)
    assert status == ("accepted" if winner is answers[0] else "rejected")
    assert "Someone else decided" in loser.get_data(as_text=True)


def test_ten_accepts_at_once_give_one_success_and_nine_clear_answers(
    app, committed, city_a, coordinators, open_cohort, make_application
):
    cohort = open_cohort(city_a)
    app_id = make_application(city_a, cohort)
    clients = coordinators(10)
    answers = committed(*(pressing(c, app_id, "accept") for c in clients))
    codes = sorted(r.status_code for r in answers)
    assert codes == [200] + [409] * 9, codes
    for loser in (r for r in answers if r.status_code == 409):
        assert "Someone else decided" in loser.get_data(as_text=True)
    assert outcome(app, city_a, app_id) == ("accepted", 1, 1)


def test_a_decision_from_an_out_of_date_page_changes_nothing(
    app, city_a, coordinator, open_cohort, make_application
):
    """The same rule without threads (so it runs on SQLite too)."""
    cohort = open_cohort(city_a)
    app_id = make_application(city_a, cohort)
    first, second = coordinator(city_a), coordinator(city_a)
    second.get("/?lang=en")
    assert pressing(first, app_id, "reject")().status_code == 200
    late = pressing(second, app_id, "accept")()
    assert late.status_code == 409
    html = late.get_data(as_text=True)
    assert "Someone else decided" in html and "“Not accepted”" in html
    assert outcome(app, city_a, app_id) == ("rejected", 0, 1)
    # A plain form (no htmx) is told the same on the page it returns to.
    token = token_of(second)
    response = second.post(
        f"{LIST}{app_id}/decision",
        data={"decision": "accept", "seen": "submitted", "csrf_token": token},
        follow_redirects=True,
    )
    assert "Someone else decided" in response.get_data(as_text=True)
    assert outcome(app, city_a, app_id) == ("rejected", 0, 1)
