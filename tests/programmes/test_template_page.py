"""The city's cohort template: created with the defaults, edited by the coordinator."""

from __future__ import annotations

import re

import pytest

from mentoring.programmes import template_defaults as defaults
from tests.conftest import csrf_token, login

PAGE = "/coordinator/template"


@pytest.fixture
def coordinator(client_for, city_a, make_user):
    client = client_for(city_a)
    login(client, make_user(city_a, role="coordinator").email)
    return client


def template_of(app, tenant):
    """(settings, steps) of the city's template as stored; None if there is none."""
    from mentoring.core.scoping import set_tenant
    from mentoring.extensions import db
    from mentoring.programmes.models import CohortTemplate

    with app.app_context():
        set_tenant(db.session, tenant.id)
        templates = db.session.scalars(db.select(CohortTemplate)).all()
        if not templates:
            return None
        (template,) = templates
        settings = (
            template.mentee_capacity,
            template.mentor_capacity,
            template.duration_weeks,
            template.nudge_after_weeks,
        )
        steps = [
            {
                "id": s.id,
                "kind": s.kind,
                "offset_days": s.offset_days,
                "start_time": s.start_time,
                "title_en": s.title_en,
                "title_da": s.title_da,
            }
            for s in template.steps
        ]
        return settings, steps


def step_prefix(step_id) -> str:
    from mentoring.programmes.views import step_prefix

    return step_prefix(step_id)


def step_data(prefix: str, **changes) -> dict:
    data = {
        "kind": "other",
        "offset_days": "30",
        "start_time": "18:30",
        "duration_minutes": "90",
        "audience": "both",
        "title_da": "Netværksaften",
        "title_en": "Networking evening",
        "description_da": "",
        "description_en": "",
        "location": "Rådhuset",
    }
    data.update(changes)
    return {f"{prefix}-{key}": value for key, value in data.items()}


def test_the_first_visit_creates_the_template_with_the_programmes_steps(
    app, coordinator, city_a, city_b
):
    assert template_of(app, city_a) is None
    html = coordinator.get(f"{PAGE}?lang=en").get_data(as_text=True)
    assert "<h1>Cohort template</h1>" in html
    for step in defaults.DEFAULT_STEPS:
        assert step.title_en in html
    coordinator.get(PAGE)  # a second visit makes no second template
    settings, steps = template_of(app, city_a)
    assert settings == (15, 15, 17, 3)
    assert [s["kind"] for s in steps] == [s.kind for s in defaults.DEFAULT_STEPS]
    assert template_of(app, city_b) is None  # each city has its own


def test_the_page_speaks_danish_too(coordinator):
    html = coordinator.get(f"{PAGE}?lang=da").get_data(as_text=True)
    assert '<html lang="da">' in html
    assert "Kickoff med speed-dating" in html  # the step's own Danish title


def test_the_coordinator_saves_places_length_and_nudges(app, coordinator, city_a):
    token = csrf_token(coordinator, PAGE)
    response = coordinator.post(
        PAGE,
        data={
            "csrf_token": token,
            "mentee_capacity": "12",
            "mentor_capacity": "14",
            "duration_weeks": "16",
            "nudge_after_weeks": "4",
        },
    )
    assert response.status_code == 302
    assert template_of(app, city_a)[0] == (12, 14, 16, 4)


@pytest.mark.parametrize(
    ("field", "value"),
    [("mentee_capacity", "0"), ("mentor_capacity", "abc"), ("nudge_after_weeks", "")],
)
def test_bad_settings_are_explained_and_change_nothing(
    app, coordinator, city_a, field, value
):
    data = {
        "csrf_token": csrf_token(coordinator, PAGE),
        "mentee_capacity": "12",
        "mentor_capacity": "14",
        "duration_weeks": "16",
        "nudge_after_weeks": "4",
        field: value,
    }
    response = coordinator.post(f"{PAGE}?lang=en", data=data)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Nothing has been saved." in html
    assert re.search(rf'id="{field}-error">[^<]*Enter a whole number from', html)
    assert template_of(app, city_a)[0] == (15, 15, 17, 3)


def test_a_step_is_edited_in_both_languages(app, coordinator, city_a):
    coordinator.get(PAGE)
    kickoff = next(s for s in template_of(app, city_a)[1] if s["kind"] == "kickoff")
    prefix = step_prefix(kickoff["id"])
    data = step_data(prefix, kind="kickoff", offset_days="0", start_time="16:30")
    data[f"{prefix}-csrf_token"] = csrf_token(coordinator, PAGE)
    response = coordinator.post(f"{PAGE}/steps/{kickoff['id']}", data=data)
    assert response.status_code == 302
    saved = next(s for s in template_of(app, city_a)[1] if s["id"] == kickoff["id"])
    assert saved["start_time"] == "16:30"
    assert saved["title_da"] == "Netværksaften"
    assert saved["title_en"] == "Networking evening"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title_en", "", "This field is required."),
        ("start_time", "25:00", "Enter a time such as 17:00."),
        ("offset_days", "9999", "Enter a whole number from -365 to 365."),
        ("duration_minutes", "5", "Enter a whole number from 15 to 720."),
        ("audience", "everybody", "Not a valid choice"),
    ],
)
def test_a_bad_step_is_explained_and_changes_nothing(
    app, coordinator, city_a, field, value, message
):
    coordinator.get(PAGE)
    before = template_of(app, city_a)
    step = before[1][0]
    prefix = step_prefix(step["id"])
    data = step_data(prefix, **{field: value})
    data[f"{prefix}-csrf_token"] = csrf_token(coordinator, PAGE)
    response = coordinator.post(f"{PAGE}/steps/{step['id']}?lang=en", data=data)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert message in html
    assert f'<details class="template-step" id="step-{step["id"]}" open>' in html
    assert template_of(app, city_a) == before


def test_a_step_is_added_and_removed(app, coordinator, city_a):
    coordinator.get(PAGE)
    data = step_data("new")
    data["new-csrf_token"] = csrf_token(coordinator, PAGE)
    assert coordinator.post(f"{PAGE}/steps", data=data).status_code == 302
    steps = template_of(app, city_a)[1]
    added = next(s for s in steps if s["title_en"] == "Networking evening")
    assert (added["offset_days"], added["start_time"]) == (30, "18:30")
    assert len(steps) == len(defaults.DEFAULT_STEPS) + 1
    token = csrf_token(coordinator, PAGE)
    response = coordinator.post(
        f"{PAGE}/steps/{added['id']}/delete", data={"csrf_token": token}
    )
    assert response.status_code == 302
    assert len(template_of(app, city_a)[1]) == len(defaults.DEFAULT_STEPS)


def test_a_bad_new_step_adds_nothing(app, coordinator, city_a):
    coordinator.get(PAGE)
    data = step_data("new", title_da="")
    data["new-csrf_token"] = csrf_token(coordinator, PAGE)
    response = coordinator.post(f"{PAGE}/steps?lang=en", data=data)
    assert response.status_code == 400
    assert "This field is required." in response.get_data(as_text=True)
    assert len(template_of(app, city_a)[1]) == len(defaults.DEFAULT_STEPS)


def test_another_citys_steps_are_out_of_reach(
    app, coordinator, city_a, city_b, client_for, make_user
):
    other = client_for(city_b)
    login(other, make_user(city_b, role="coordinator").email)
    other.get(PAGE)
    step = template_of(app, city_b)[1][0]
    token = csrf_token(coordinator, PAGE)
    prefix = step_prefix(step["id"])
    data = step_data(prefix)
    data[f"{prefix}-csrf_token"] = token
    assert coordinator.post(f"{PAGE}/steps/{step['id']}", data=data).status_code == 404
    deleted = coordinator.post(
        f"{PAGE}/steps/{step['id']}/delete", data={"csrf_token": token}
    )
    assert deleted.status_code == 404
    assert template_of(app, city_b)[1][0] == step


def test_only_coordinators_see_the_template(client_for, city_a, make_user):
    anonymous = client_for(city_a).get(PAGE)
    assert anonymous.status_code == 302
    assert "/login" in anonymous.headers["Location"]
    mentee = client_for(city_a)
    login(mentee, make_user(city_a, role="mentee").email)
    assert mentee.get(PAGE).status_code == 403
