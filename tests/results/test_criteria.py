"""Success criteria: tenant.toml defaults, edited by the coordinator, per city."""

from __future__ import annotations

import re

import pytest

from mentoring.extensions import db
from mentoring.results.forms import CriteriaForm
from mentoring.results.measures import WITH_CRITERION
from mentoring.results.models import SuccessCriterion
from tests.conftest import csrf_token, login

PAGE = "/coordinator/results/criteria"


def coordinator(client_for, make_user, tenant):
    client = client_for(tenant)
    login(client, make_user(tenant, role="coordinator").email)
    return client


def value_of(html: str, measure: str) -> str | None:
    match = re.search(rf'<input[^>]*name="{measure}"[^>]*>', html)
    assert match, f"no input for {measure}"
    value = re.search(r'value="([^"]*)"', match.group(0))
    return value.group(1) if value else None


def post(client, **percents):
    data = {"csrf_token": csrf_token(client, PAGE)}
    data.update({key: str(value) for key, value in percents.items()})
    return client.post(PAGE + "?lang=en", data=data)


def stored(in_city, tenant) -> dict[str, float]:
    with in_city(tenant):
        rows = db.session.execute(db.select(SuccessCriterion)).scalars()
        return {row.measure: row.minimum_share for row in rows}


@pytest.fixture
def alma(client_for, make_user, city_a):
    return coordinator(client_for, make_user, city_a)


def test_the_form_has_one_field_per_success_measure(app):
    with app.test_request_context():
        form = CriteriaForm(meta={"csrf": False})
    assert [field.name for field in form.measure_fields()] == [
        "mentees_in_work_after_six_months",
        "mentees_network_grown",
        "mentors_would_recommend",
    ]
    assert {field.name for field in form} == {m.key for m in WITH_CRITERION}


def test_page_shows_the_tenant_toml_defaults_as_percents(alma):
    html = alma.get(PAGE + "?lang=en").get_data(as_text=True)
    assert '<html lang="en"' in html
    assert "<h1>Success criteria</h1>" in html
    assert value_of(html, "mentees_in_work_after_six_months") == "33"
    assert value_of(html, "mentees_network_grown") == "75"
    assert value_of(html, "mentors_would_recommend") == "90"


def test_saving_stores_shares_and_the_page_shows_them(alma, in_city, city_a):
    response = post(
        alma,
        mentees_in_work_after_six_months=40,
        mentees_network_grown=80,
        mentors_would_recommend=100,
    )
    assert response.status_code == 302
    assert stored(in_city, city_a) == {
        "mentees_in_work_after_six_months": 0.40,
        "mentees_network_grown": 0.80,
        "mentors_would_recommend": 1.0,
    }
    html = alma.get(PAGE + "?lang=en").get_data(as_text=True)
    assert value_of(html, "mentees_in_work_after_six_months") == "40"
    assert "Success criteria saved." in html
    # saving again updates the rows, it does not add any
    post(
        alma,
        mentees_in_work_after_six_months=35,
        mentees_network_grown=80,
        mentors_would_recommend=100,
    )
    assert stored(in_city, city_a)["mentees_in_work_after_six_months"] == 0.35


@pytest.mark.parametrize("bad", ["101", "-1", "abc", ""])
def test_bad_input_saves_nothing_and_says_why(alma, in_city, city_a, bad):
    response = alma.post(
        PAGE + "?lang=en",
        data={
            "csrf_token": csrf_token(alma, PAGE),
            "mentees_in_work_after_six_months": bad,
            "mentees_network_grown": "80",
            "mentors_would_recommend": "90",
        },
    )
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Nothing was saved" in html
    assert 'aria-invalid="true"' in html
    assert stored(in_city, city_a) == {}


def test_one_citys_criteria_do_not_reach_another(
    alma, client_for, make_user, city_b, in_city
):
    post(
        alma,
        mentees_in_work_after_six_months=50,
        mentees_network_grown=50,
        mentors_would_recommend=50,
    )
    bo = coordinator(client_for, make_user, city_b)
    html = bo.get(PAGE).get_data(as_text=True)
    assert value_of(html, "mentees_in_work_after_six_months") == "35"  # aarhus toml
    assert stored(in_city, city_b) == {}


def test_criteria_for_prefers_the_database_over_the_defaults(app, in_city, city_a):
    from mentoring.results.queries import criteria_for
    from mentoring.tenancy.models import Tenant

    with in_city(city_a):
        tenant = db.session.scalar(db.select(Tenant).where(Tenant.id == city_a.id))
        db.session.add(
            SuccessCriterion(measure="mentees_network_grown", minimum_share=0.6)
        )
        db.session.flush()
        assert criteria_for(tenant) == {
            "mentees_in_work_after_six_months": 0.33,
            "mentees_network_grown": 0.6,
            "mentors_would_recommend": 0.90,
        }


@pytest.mark.parametrize("role", ["mentor", "mentee"])
def test_only_coordinators_edit_criteria(client_for, make_user, city_a, role):
    client = client_for(city_a)
    login(client, make_user(city_a, role=role).email)
    assert client.get(PAGE).status_code == 403


def test_signed_out_people_are_sent_to_log_in(client_for, city_a):
    response = client_for(city_a).get(PAGE)
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_no_criteria_page_on_the_national_network(client_for):
    assert client_for(None).get(PAGE).status_code == 404
