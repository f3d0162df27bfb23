"""A cohort's status: the rules (pure) and the change on the cohort page (htmx)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from mentoring.programmes import status
from tests.conftest import csrf_token, login

HX = {"HX-Request": "true"}


# -- the rules -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("current", "target"),
    [
        ("planning", "recruiting"),
        ("recruiting", "matching"),
        ("matching", "running"),
        ("running", "closed"),
        ("recruiting", "planning"),
        ("matching", "recruiting"),
    ],
)
def test_allowed_changes(current, target):
    assert status.refusal(current, target, pairs=1, confirmed=True) is None
    assert target in status.next_statuses(current)


@pytest.mark.parametrize(
    ("current", "target", "reason"),
    [
        ("planning", "running", status.NOT_ALLOWED),
        ("planning", "closed", status.NOT_ALLOWED),
        ("recruiting", "running", status.NOT_ALLOWED),
        ("running", "matching", status.NOT_ALLOWED),
        ("running", "planning", status.NOT_ALLOWED),
        ("matching", "planning", status.NOT_ALLOWED),
        ("closed", "running", status.CLOSED_IS_FINAL),
        ("closed", "planning", status.CLOSED_IS_FINAL),
        ("running", "running", status.UNCHANGED),
        ("running", "archived", status.UNKNOWN),
        ("nonsense", "planning", status.UNKNOWN),
    ],
)
def test_refused_changes_say_why(current, target, reason):
    assert status.refusal(current, target, pairs=5, confirmed=True) == reason


def test_a_cohort_runs_only_with_a_pair():
    assert status.refusal("matching", "running", 0, True) == status.NEEDS_PAIRS
    assert status.refusal("matching", "running", 1, False) is None


def test_closing_needs_the_explicit_confirmation():
    assert status.refusal("running", "closed", 3, False) == status.NEEDS_CONFIRMATION
    assert status.refusal("running", "closed", 3, True) is None


def test_closing_waits_for_the_closing_event():
    too_early = status.refusal("running", "closed", 3, True, may_close=False)
    assert too_early == status.TOO_EARLY
    assert status.refusal("running", "closed", 3, False, may_close=True) == (
        status.NEEDS_CONFIRMATION
    )


def test_closed_is_final_and_every_status_is_reachable_from_planning():
    assert status.next_statuses("closed") == ()
    seen, todo = set(), ["planning"]
    while todo:
        current = todo.pop()
        seen.add(current)
        todo += [s for s in status.next_statuses(current) if s not in seen]
    assert seen == set(status.STATUSES)


# -- the cohort page -----------------------------------------------------------------


@pytest.fixture
def coordinator(client_for, city_a, make_user):
    client = client_for(city_a)
    login(client, make_user(city_a, role="coordinator", full_name="Cora").email)
    return client


def make_cohort(in_city, tenant, status="matching", pairs=0):
    from tests.factories import CohortFactory, PairFactory

    with in_city(tenant):
        cohort = CohortFactory(status=status, name=f"Cohort in {status}")
        PairFactory.create_batch(pairs, cohort=cohort)
        return cohort.id


def stored(app, tenant, cohort_id):
    """The cohort's status and the audit entries, as the database has them."""
    from mentoring.audit.models import AuditEntry
    from mentoring.core.scoping import set_tenant
    from mentoring.extensions import db
    from mentoring.programmes.models import Cohort

    with app.app_context():
        set_tenant(db.session, tenant.id)
        cohort = db.session.scalar(db.select(Cohort).where(Cohort.id == cohort_id))
        entries = db.session.scalars(
            db.select(AuditEntry).where(AuditEntry.subject_id == cohort_id)
        ).all()
        return cohort.status, [(e.action, e.detail, e.actor.full_name) for e in entries]


def post_status(client, cohort_id, target, confirm=False, headers=None):
    path = f"/coordinator/cohorts/{cohort_id}"
    data = {"csrf_token": csrf_token(client, path), "status": target}
    if confirm:
        data["confirm"] = "y"
    return client.post(f"{path}/status?lang=en", data=data, headers=headers or {})


def test_htmx_moves_the_cohort_on_in_place_and_records_it(
    app, coordinator, city_a, in_city
):
    cohort_id = make_cohort(in_city, city_a, "matching", pairs=1)
    response = post_status(coordinator, cohort_id, "running", headers=HX)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="cohort-status"')  # just the panel
    assert "<html" not in html
    assert "The cohort is now: Running." in html
    assert stored(app, city_a, cohort_id) == (
        "running",
        [("cohort.status", {"old": "matching", "new": "running"}, "Cora")],
    )


def test_a_cohort_without_pairs_cannot_run(app, coordinator, city_a, in_city):
    cohort_id = make_cohort(in_city, city_a, "matching", pairs=0)
    html = post_status(coordinator, cohort_id, "running", headers=HX).get_data(
        as_text=True
    )
    assert "A cohort can only run once it has a pair." in html
    assert 'role="alert"' in html
    assert stored(app, city_a, cohort_id) == ("matching", [])


def add_closing_event(in_city, tenant, cohort_id, days_from_now):
    """A closing event ending ``days_from_now`` days from the test clock's now."""
    from mentoring.core.models import utcnow
    from mentoring.events.models import Event
    from mentoring.extensions import db

    with in_city(tenant):
        ends = utcnow() + timedelta(days=days_from_now)
        db.session.add(
            Event(
                cohort_id=cohort_id,
                kind="closing",
                title_da="Afslutning",
                title_en="Closing event",
                starts_at=ends - timedelta(hours=2),
                ends_at=ends,
            )
        )
        db.session.flush()


def test_closing_before_the_closing_event_is_refused(app, coordinator, city_a, in_city):
    cohort_id = make_cohort(in_city, city_a, "running", pairs=1)
    add_closing_event(in_city, city_a, cohort_id, days_from_now=3)
    page = coordinator.get(f"/coordinator/cohorts/{cohort_id}?lang=en").get_data(
        as_text=True
    )
    assert "Close the cohort" not in page
    assert "once its closing event is over" in page
    for headers in (HX, {}):
        response = post_status(coordinator, cohort_id, "closed", True, headers)
        html = response.get_data(as_text=True)
        assert "can be closed once its closing event is over" in html
        assert response.status_code == (200 if headers else 400)
    assert stored(app, city_a, cohort_id) == ("running", [])


def test_closing_asks_first_with_the_number_of_people(
    app, coordinator, city_a, in_city
):
    cohort_id = make_cohort(in_city, city_a, "running", pairs=3)
    add_closing_event(in_city, city_a, cohort_id, days_from_now=-1)
    page = coordinator.get(f"/coordinator/cohorts/{cohort_id}?lang=en").get_data(
        as_text=True
    )
    assert "Close the cohort…" in page
    assert 'type="checkbox"' not in page
    asked = post_status(coordinator, cohort_id, "closed")  # no JavaScript
    html = asked.get_data(as_text=True)
    assert asked.status_code == 200
    assert "This closes the cohort for good" in html
    assert "6 people taking part get the end-of-programme survey" in html
    assert "3 mentees, 3 mentors" in html
    assert 'name="confirm" value="y"' in html
    assert stored(app, city_a, cohort_id) == ("running", [])
    panel = post_status(coordinator, cohort_id, "closed", headers=HX)
    assert (
        panel.get_data(as_text=True).lstrip().startswith('<section id="cohort-status"')
    )
    assert stored(app, city_a, cohort_id)[0] == "running"
    done = post_status(coordinator, cohort_id, "closed", confirm=True)
    assert done.status_code == 302
    assert stored(app, city_a, cohort_id)[0] == "closed"


def test_without_a_closing_event_the_end_date_decides(
    app, coordinator, city_a, in_city
):
    from tests.factories import CohortFactory, PairFactory, today

    with in_city(city_a):
        early = CohortFactory(status="running")  # ends in seven weeks
        late = CohortFactory(status="running", starts_on=today() - timedelta(days=130))
        PairFactory(cohort=early)
        PairFactory(cohort=late)
        ids = early.id, late.id
    post_status(coordinator, ids[0], "closed", confirm=True)
    post_status(coordinator, ids[1], "closed", confirm=True)
    assert stored(app, city_a, ids[0])[0] == "running"
    assert stored(app, city_a, ids[1])[0] == "closed"


def test_a_closed_cohort_is_not_reopened(app, coordinator, city_a, in_city):
    cohort_id = make_cohort(in_city, city_a, "closed", pairs=1)
    page = coordinator.get(f"/coordinator/cohorts/{cohort_id}?lang=en")
    assert "Move on to" not in page.get_data(as_text=True)
    assert "Go back to" not in page.get_data(as_text=True)
    for target in ("running", "planning"):
        html = post_status(coordinator, cohort_id, target, headers=HX).get_data(
            as_text=True
        )
        assert "a closed one stays so" in html
    assert stored(app, city_a, cohort_id) == ("closed", [])


def test_without_javascript_the_change_redirects_and_a_refusal_is_a_400_page(
    app, coordinator, city_a, in_city
):
    cohort_id = make_cohort(in_city, city_a, "planning")
    response = post_status(coordinator, cohort_id, "recruiting")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/coordinator/cohorts/{cohort_id}")
    page = coordinator.get(response.headers["Location"]).get_data(as_text=True)
    assert "The cohort is now: Recruiting." in page
    refused = post_status(coordinator, cohort_id, "closed")
    assert refused.status_code == 400
    html = refused.get_data(as_text=True)
    assert "<h1>Cohort in planning</h1>" in html
    assert "cannot move straight to that status" in html
    assert stored(app, city_a, cohort_id)[0] == "recruiting"


def test_the_page_offers_the_next_steps_forward_and_back(coordinator, city_a, in_city):
    cohort_id = make_cohort(in_city, city_a, "recruiting")
    html = coordinator.get(f"/coordinator/cohorts/{cohort_id}?lang=en").get_data(
        as_text=True
    )
    panel = html[html.index('id="cohort-status"') :].split("</section>")[0]
    assert "Move on to: Matching" in panel
    assert "Go back to: Planning" in panel
    assert 'hx-post="/coordinator/cohorts/' in panel
    assert 'name="csrf_token"' in panel  # works as a plain form too


def test_another_citys_cohort_status_cannot_be_changed(
    app, coordinator, city_a, city_b, in_city
):
    cohort_id = make_cohort(in_city, city_b, "planning")
    token = csrf_token(coordinator, "/coordinator/")
    response = coordinator.post(
        f"/coordinator/cohorts/{cohort_id}/status",
        data={"csrf_token": token, "status": "recruiting"},
    )
    assert response.status_code == 404
    assert stored(app, city_b, cohort_id)[0] == "planning"
