"""Cohorts: created from the city's template with their events, edited, overseen."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest

from tests.conftest import csrf_token, login
from tests.programmes import cohort_data

NEW = "/coordinator/cohorts/new"


@pytest.fixture
def coordinator(client_for, city_a, make_user):
    client = client_for(city_a)
    login(client, make_user(city_a, role="coordinator").email)
    return client


def in_scope(app, tenant):
    """An app context scoped to ``tenant``, for reading back what was stored."""
    from mentoring.core.scoping import set_tenant
    from mentoring.extensions import db

    context = app.app_context()
    context.push()
    set_tenant(db.session, tenant.id)
    return context


def cohorts_of(app, tenant):
    """{name: (cohort columns, [(kind, starts_at, ends_at, audience, title_en)])}."""
    from mentoring.events.models import Event
    from mentoring.extensions import db
    from mentoring.programmes.models import Cohort

    context = in_scope(app, tenant)
    try:
        result = {}
        for cohort in db.session.scalars(db.select(Cohort)):
            events = db.session.scalars(
                db.select(Event)
                .where(Event.cohort_id == cohort.id)
                .order_by(Event.starts_at)
            ).all()
            result[cohort.name] = (
                {
                    "id": cohort.id,
                    "starts_on": cohort.starts_on,
                    "ends_on": cohort.ends_on,
                    "capacity": (cohort.mentee_capacity, cohort.mentor_capacity),
                    "nudge": cohort.nudge_after_weeks,
                    "status": cohort.status,
                },
                [
                    (e.kind, e.starts_at, e.ends_at, e.audience, e.title_en)
                    for e in events
                ],
            )
        return result
    finally:
        context.pop()


def create(client, **changes):
    data = {
        "csrf_token": csrf_token(client, NEW),
        "name": "Spring 2027",
        "starts_on": "2027-03-01",
        "mentee_capacity": "15",
        "mentor_capacity": "15",
    }
    data.update(changes)
    return client.post(f"{NEW}?lang=en", data=data)


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text)


def test_the_form_is_prefilled_from_the_template(coordinator):
    html = coordinator.get(f"{NEW}?lang=en").get_data(as_text=True)
    assert "<h1" in html and "New cohort" in html
    assert re.search(r'<input[^>]*name="mentee_capacity"[^>]*value="15"', html)
    assert re.search(r'<input[^>]*name="mentor_capacity"[^>]*value="15"', html)
    assert "7 steps become events" in html


def test_a_cohort_is_created_with_one_event_per_step_at_local_times(
    app, coordinator, city_a
):
    response = create(coordinator)
    assert response.status_code == 302
    cohort, events = cohorts_of(app, city_a)["Spring 2027"]
    assert response.headers["Location"].endswith(f"/coordinator/cohorts/{cohort['id']}")
    assert cohort["status"] == "planning"
    assert cohort["ends_on"] == date(2027, 6, 28)  # 17 weeks
    assert cohort["nudge"] == 3
    by_kind = {kind: (start, end, audience) for kind, start, end, audience, _ in events}
    assert len(events) == 7
    # Winter time (UTC+1) before 28 March 2027, summer time (UTC+2) after it.
    assert by_kind["mentor_course"][0] == utc("2027-02-22T16:00:00+00:00")
    assert by_kind["career_workshop"][0] == utc("2027-02-26T08:30:00+00:00")
    assert by_kind["kickoff"][0] == utc("2027-03-01T16:00:00+00:00")
    assert by_kind["kickoff"][1] == utc("2027-03-01T19:00:00+00:00")
    assert by_kind["midway"][0] == utc("2027-04-26T15:00:00+00:00")
    assert by_kind["interview_session"][0] == utc("2027-05-24T14:00:00+00:00")
    assert by_kind["closing"][0] == utc("2027-06-28T15:00:00+00:00")
    assert by_kind["mentor_workshop"][0] == utc("2027-07-29T15:00:00+00:00")
    assert by_kind["career_workshop"][2] == "mentees"
    assert by_kind["mentor_course"][2] == "mentors"


def test_the_cohort_copies_the_templates_current_steps_and_places(
    app, coordinator, city_a
):
    coordinator.get("/coordinator/template")
    token = csrf_token(coordinator, "/coordinator/template")
    coordinator.post(
        "/coordinator/template",
        data={
            "csrf_token": token,
            "mentee_capacity": "10",
            "mentor_capacity": "12",
            "duration_weeks": "10",
            "nudge_after_weeks": "2",
        },
    )
    html = coordinator.get(NEW).get_data(as_text=True)
    assert re.search(r'<input[^>]*name="mentee_capacity"[^>]*value="10"', html)
    assert re.search(r'<input[^>]*name="mentor_capacity"[^>]*value="12"', html)
    create(coordinator, mentee_capacity="8", mentor_capacity="9")
    cohort, _ = cohorts_of(app, city_a)["Spring 2027"]
    assert cohort["capacity"] == (8, 9)  # editable per cohort
    assert cohort["nudge"] == 2
    assert cohort["ends_on"] == date(2027, 5, 10)  # 10 weeks


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, "This field is required."),
        ({"starts_on": "1 March"}, "Enter a date."),
        ({"starts_on": ""}, "Enter a date."),
        ({"mentee_capacity": "0"}, "Enter a whole number from 1 to 200."),
        ({"mentor_capacity": "many"}, "Enter a whole number from 1 to 200."),
    ],
)
def test_bad_input_is_explained_and_saves_nothing(
    app, coordinator, city_a, changes, message
):
    response = create(coordinator, **changes)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert message in html
    assert "Nothing has been saved." in html
    assert 'aria-invalid="true"' in html
    assert cohorts_of(app, city_a) == {}


def test_a_name_is_used_once_per_city(app, coordinator, city_a, city_b, in_city):
    from tests.factories import CohortFactory

    with in_city(city_b):
        CohortFactory(name="Spring 2027")  # another city may use the name
    assert create(coordinator).status_code == 302
    again = create(coordinator, starts_on="2027-09-01")
    assert again.status_code == 400
    assert "Another cohort already has this name." in again.get_data(as_text=True)
    assert len(cohorts_of(app, city_a)) == 1


def test_the_new_cohort_page_speaks_danish(coordinator):
    html = coordinator.get(f"{NEW}?lang=da").get_data(as_text=True)
    assert '<html lang="da">' in html
    assert 'type="date"' in html


def edit(client, cohort_id, **changes):
    path = f"/coordinator/cohorts/{cohort_id}/edit"
    data = {
        "csrf_token": csrf_token(client, path),
        "name": "Renamed",
        "starts_on": "2027-03-08",
        "ends_on": "2027-07-01",
        "mentee_capacity": "16",
        "mentor_capacity": "14",
        "nudge_after_weeks": "4",
    }
    data.update(changes)
    return client.post(f"{path}?lang=en", data=data)


def test_a_cohort_is_edited(app, coordinator, city_a):
    create(coordinator)
    cohort, events = cohorts_of(app, city_a)["Spring 2027"]
    response = edit(coordinator, cohort["id"])
    assert response.status_code == 302
    saved, saved_events = cohorts_of(app, city_a)["Renamed"]
    assert saved["starts_on"] == date(2027, 3, 8)
    assert saved["ends_on"] == date(2027, 7, 1)
    assert saved["capacity"] == (16, 14)
    assert saved["nudge"] == 4
    assert saved_events == events  # events are moved on their own pages


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"ends_on": "2027-01-01"}, "The end date cannot be before the start date."),
        ({"nudge_after_weeks": "0"}, "Enter a whole number from 1 to 26."),
        ({"name": "  "}, "This field is required."),
    ],
)
def test_a_bad_edit_changes_nothing(app, coordinator, city_a, changes, message):
    create(coordinator)
    before = cohorts_of(app, city_a)
    response = edit(coordinator, before["Spring 2027"][0]["id"], **changes)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert cohorts_of(app, city_a) == before


def test_another_citys_cohort_is_not_found(coordinator, city_b, in_city):
    from tests.factories import CohortFactory

    with in_city(city_b):
        cohort_id = CohortFactory(name="Aarhus 2027").id
    assert coordinator.get(f"/coordinator/cohorts/{cohort_id}").status_code == 404
    assert coordinator.get(f"/coordinator/cohorts/{cohort_id}/edit").status_code == 404
    token = csrf_token(coordinator, NEW)
    response = coordinator.post(
        f"/coordinator/cohorts/{cohort_id}/edit",
        data={"csrf_token": token, "name": "Taken over"},
    )
    assert response.status_code == 404
    missing = "00000000-0000-4000-8000-000000000000"
    assert coordinator.get(f"/coordinator/cohorts/{missing}").status_code == 404


def test_the_cohort_list_shows_this_citys_cohorts(coordinator, city_a, city_b, in_city):
    from tests.factories import CohortFactory

    with in_city(city_a):
        CohortFactory(name="Lyngby spring")
    with in_city(city_b):
        CohortFactory(name="Aarhus spring")
    html = coordinator.get("/coordinator/cohorts/?lang=en").get_data(as_text=True)
    assert "<h1" in html and "Cohorts" in html
    assert "Lyngby spring" in html
    assert "Aarhus spring" not in html
    assert 'href="/coordinator/cohorts/new"' in html


def test_cohort_pages_are_for_coordinators_only(client_for, city_a, make_user):
    mentor = client_for(city_a)
    login(mentor, make_user(city_a, role="mentor").email)
    for path in ("/coordinator/cohorts/", NEW):
        assert mentor.get(path).status_code == 403
        assert client_for(city_a).get(path).status_code == 302


# -- the cohort page ------------------------------------------------------------------


@pytest.fixture
def busy(city_a, in_city):
    """A running cohort with two pairs, meetings, applications and attendance."""
    from tests.factories import CohortFactory

    with in_city(city_a):
        cohort = CohortFactory(name="Busy cohort", mentee_capacity=2)
        cohort_data.busy_cohort(cohort, pairs=2)
        cohort_data.application(cohort, "mentee", "waitlisted", 9)
        cohort_data.application(cohort, "mentee", "withdrawn", 10)
        cohort_data.event(cohort, "closing", days_ago=-30)
        return cohort.id


def test_the_cohort_page_shows_the_cohort_at_a_glance(coordinator, busy):
    html = coordinator.get(f"/coordinator/cohorts/{busy}?lang=en").get_data(
        as_text=True
    )
    assert "<h1>Busy cohort</h1>" in html
    applications = html[html.index('id="applications-title"') :].split("</section>")[0]
    mentees = applications.split("<tr>")[2]
    # places, applied (withdrawn not counted), new, accepted, waiting list
    cells = [c.split(">", 1)[1].split("<")[0] for c in mentees.split("<td")[1:]]
    assert cells[:4] == ["2", "3", "0", "2"]
    assert cells[4] == "1"
    pairs = html[html.index('id="pairs-title"') :].split("</section>")[0]
    assert "2 pairs" in pairs and "4 meetings logged" in pairs
    assert pairs.count("15 Mar 2026") == 2  # the last meeting of each pair
    assert "secret note" not in html  # the notes are the pair's own
    events = html[html.index('id="events-title"') :].split("</section>")[0]
    kickoff = events.split("Event kickoff")[1].split("</tr>")[0]
    assert [c.split(">", 1)[1].split("<")[0] for c in kickoff.split("<td")[3:]] == [
        "4",
        "4",
        "3",
    ]  # invited, coming, checked in
    assert "Event closing" in events


def test_the_cohort_page_links_to_the_pairs_page_when_it_exists(app, coordinator, busy):
    html = coordinator.get(f"/coordinator/cohorts/{busy}").get_data(as_text=True)
    link = f'href="/coordinator/cohorts/{busy}/pairs"'
    if "meetings.cohort_pairs" in app.view_functions:
        from flask import url_for

        with app.test_request_context(base_url="http://lyngby-taarbaek.localhost"):
            link = f'href="{url_for("meetings.cohort_pairs", cohort_id=busy)}"'
        assert link in html
    else:
        assert "cohort_pairs" not in html


def test_the_cohort_page_runs_a_fixed_number_of_queries(
    coordinator, city_a, in_city, count_queries
):
    from tests.factories import CohortFactory

    with in_city(city_a):
        cohort = CohortFactory(name="Growing")
        cohort_data.busy_cohort(cohort, pairs=1)
        cohort_id = cohort.id

    def queries() -> int:
        path = f"/coordinator/cohorts/{cohort_id}"
        coordinator.get(path)
        with count_queries() as counter:
            assert coordinator.get(path).status_code == 200
        return counter.count

    few = queries()
    with in_city(city_a):
        from mentoring.extensions import db
        from mentoring.programmes.models import Cohort

        same = db.session.scalar(db.select(Cohort).where(Cohort.id == cohort_id))
        cohort_data.busy_cohort(same, pairs=12)
        for _ in range(5):
            cohort_data.event(same, "other", days_ago=-10)
    assert queries() == few
