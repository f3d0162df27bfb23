"""Cohort, event and success-criteria changes are in the audit trail too."""

from __future__ import annotations

import pytest

from mentoring.audit.models import AuditEntry
from mentoring.events.models import Event
from mentoring.programmes.models import Cohort
from tests.audit.test_trail import TRAIL, rows
from tests.conftest import csrf_token, login
from tests.events.conftest import load
from tests.events.test_coordinator_events import FORM

EVENT_FORM = {**FORM, "title_en": "Extra evening", "title_da": "Ekstra aften"}
COHORT = {
    "name": "Spring 2031",
    "starts_on": "2031-03-01",
    "mentee_capacity": "15",
    "mentor_capacity": "15",
}


@pytest.fixture
def alma(client_for, make_user, city_a):
    client = client_for(city_a)
    login(client, make_user(city_a, role="coordinator", full_name="Alma A").email)
    return client


def post(client, path, data):
    response = client.post(path, data={**data, "csrf_token": csrf_token(client, path)})
    assert response.status_code == 302, response.get_data(as_text=True)
    return response


def test_cohort_and_event_changes_are_recorded(app, alma, city_a, city_b):
    post(alma, "/coordinator/cohorts/new", COHORT)
    (cohort,) = load(app, city_a, Cohort, name="Spring 2031")
    edit = f"/coordinator/cohorts/{cohort.id}/edit"
    same = {
        **COHORT,
        "ends_on": cohort.ends_on.isoformat(),
        "nudge_after_weeks": str(cohort.nudge_after_weeks),
    }
    post(alma, edit, same)  # nothing changed: nothing recorded
    post(alma, edit, {**same, "mentee_capacity": "20"})
    events = f"/coordinator/cohorts/{cohort.id}/events"
    post(alma, f"{events}/new", EVENT_FORM)
    (event,) = load(app, city_a, Event, title_en="Extra evening")
    post(
        alma, f"/coordinator/events/{event.id}/edit", {**EVENT_FORM, "location": "DTU"}
    )

    entries = load(app, city_a, AuditEntry)
    by_action = {}
    for entry in entries:
        by_action.setdefault(entry.action, []).append(entry)
    assert {a: len(e) for a, e in by_action.items()} == {
        "cohort.create": 1,
        "cohort.edit": 1,
        "event.create": 1,
        "event.edit": 1,
    }
    assert by_action["cohort.edit"][0].detail == {"fields": "mentee_capacity"}
    assert by_action["event.edit"][0].detail == {"fields": "location"}
    assert by_action["event.create"][0].subject_label == "Spring 2031 – Ekstra aften"
    assert {e.subject_id for e in by_action["cohort.create"]} == {cohort.id}
    assert load(app, city_b, AuditEntry) == []

    html = alma.get(f"{TRAIL}?lang=en").get_data(as_text=True)
    text = "".join(rows(html))
    for label in (
        "created a cohort",
        "changed a cohort&#39;s details",
        "created an event",
        "changed an event",
    ):
        assert label in text
    assert "Alma A" in text


def test_saving_the_success_criteria_is_recorded(app, alma, city_a):
    from mentoring.results.forms import WITH_CRITERION

    post(
        alma,
        "/coordinator/results/criteria",
        {m.key: "40" for m in WITH_CRITERION},
    )
    (entry,) = load(app, city_a, AuditEntry, action="criteria.save")
    assert entry.detail == {m.key: "40%" for m in WITH_CRITERION}
    html = alma.get(f"{TRAIL}?action=criteria.save&lang=en").get_data(as_text=True)
    assert "saved the success criteria" in "".join(rows(html))
