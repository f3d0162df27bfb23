"""The coordinator's surveys page: the city's surveys, response rates per cohort
(bounded queries), adding the city's own question in a new version, one survey's
questions in both languages."""

from __future__ import annotations

import re

import pytest

from tests.conftest import csrf_token, login
from tests.surveys.conftest import NOW, build_cohort

PAGE = "/coordinator/surveys/"


@pytest.fixture
def coordinator(client_for, city_a, make_user):
    client = client_for(city_a)
    login(client, make_user(city_a, role="coordinator").email)
    return client


def invite(tenant, in_city, cohort, key: str) -> None:
    """Invite the cohort's mentee and mentor to ``key``; only the mentee answers."""
    from mentoring.extensions import db
    from mentoring.surveys.models import SurveyInvitation
    from mentoring.surveys.services import ensure_standard_surveys

    with in_city(tenant):
        definition = ensure_standard_surveys()[key]
        for person, answered in ((cohort.mentee_id, True), (cohort.mentor_id, False)):
            db.session.add(
                SurveyInvitation(
                    definition_id=definition.id,
                    survey_key=key,
                    cohort_id=cohort.id,
                    participant_id=person,
                    sent_at=NOW,
                    completed_at=NOW if answered else None,
                )
            )


def row(html: str, row_id: str) -> str:
    return html[html.index(f'id="{row_id}"') :].split("</tr>")[0]


def latest(app, tenant, key: str):
    from mentoring.core.scoping import set_tenant
    from mentoring.extensions import db
    from mentoring.surveys.services import latest_definitions

    with app.app_context():
        set_tenant(db.session, tenant.id)
        found = latest_definitions().get(key)
        result = found and (
            found.version,
            [(q.key, q.standard) for q in found.questions],
        )
        db.session.commit()
        return result


def add(client, **data):
    token = csrf_token(client, PAGE)
    return client.post(PAGE + "?lang=en", data={"csrf_token": token, **data})


def test_the_page_lists_four_surveys_and_rates_per_cohort(
    coordinator, app, city_a, in_city
):
    cohort = build_cohort(city_a, in_city)
    invite(city_a, in_city, cohort, "mentee_end")
    html = coordinator.get(PAGE + "?lang=en").get_data(as_text=True)
    assert '<html lang="en"' in html and html.count("<h1") == 1
    for title in ("Evaluation of the mentoring programme", "Follow-up six months"):
        assert title in html
    assert html.count('id="survey-') == 4
    mentee_end = row(html, "survey-mentee_end")
    assert ">1<" in mentee_end  # version 1
    rates = row(html, f"rates-{cohort.id}")
    assert "1 of 2 answered (50%)" in rates
    assert rates.count("Not sent") == 3


def test_the_page_speaks_danish(coordinator):
    html = coordinator.get(PAGE + "?lang=da").get_data(as_text=True)
    assert '<html lang="da"' in html
    assert "Evaluering af mentorforløbet" in html
    assert "Evaluation of the mentoring programme" not in html


def test_a_city_sees_only_its_own_cohorts(coordinator, city_b, in_city):
    other = build_cohort(city_b, in_city)
    invite(city_b, in_city, other, "mentor_end")
    html = coordinator.get(PAGE + "?lang=en").get_data(as_text=True)
    assert str(other.id) not in html
    assert "No survey has been sent yet." in html


def test_the_page_runs_a_fixed_number_of_queries(
    coordinator, city_a, in_city, count_queries
):
    def queries() -> int:
        coordinator.get(PAGE)
        with count_queries() as counter:
            assert coordinator.get(PAGE).status_code == 200
        return counter.count

    cohort = build_cohort(city_a, in_city)
    invite(city_a, in_city, cohort, "mentee_end")
    small = queries()
    for _ in range(3):
        more = build_cohort(city_a, in_city)
        invite(city_a, in_city, more, "mentee_end")
        invite(city_a, in_city, more, "midway")
    assert queries() == small


def test_adding_a_question_makes_a_new_version_keeping_the_standard_keys(
    coordinator, app, city_a, city_b
):
    coordinator.get(PAGE)
    _, before = latest(app, city_a, "mentee_end")
    response = add(
        coordinator,
        survey="mentee_end",
        kind="single",
        text_da="Hvor hørte du om os?",
        text_en="Where did you hear about us?",
        choices_da="Avis\nVenner",
        choices_en="Newspaper\nFriends",
    )
    assert response.status_code == 303
    version, questions = latest(app, city_a, "mentee_end")
    assert version == 2
    assert questions == [*before, ("own_where_did_you_hear_about_us", False)]
    assert latest(app, city_b, "mentee_end") in (None, (1, before))
    html = coordinator.get(response.headers["Location"] + "?lang=en").get_data(
        as_text=True
    )
    assert "Version 2, " in html
    assert "Hvor hørte du om os?" in html and "Where did you hear about us?" in html
    assert "Avis" in html and "Friends" in html
    assert "The city&#39;s own question" in html or "The city's own question" in html


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (
            {"kind": "text", "text_da": " ", "text_en": "Anything else?"},
            "Write the question in Danish.",
        ),
        (
            {
                "kind": "single",
                "text_da": "Hvad?",
                "text_en": "What?",
                "choices_da": "Kun en",
                "choices_en": "Only one",
            },
            "Give at least two choices, one per line.",
        ),
        (
            {
                "kind": "multi",
                "text_da": "Hvad?",
                "text_en": "What?",
                "choices_da": "A\nB",
                "choices_en": "A",
            },
            "Give as many English choices as Danish ones",
        ),
        (
            {
                "kind": "scale",
                "text_da": "Hvad?",
                "text_en": "What?",
                "choices_da": "A\nB",
                "choices_en": "A\nB",
            },
            "Only questions with one or several choices have choices.",
        ),
    ],
)
def test_bad_input_saves_nothing(coordinator, app, city_a, data, error):
    coordinator.get(PAGE)
    response = add(coordinator, survey="midway", **data)
    assert response.status_code == 400
    assert error in response.get_data(as_text=True)
    assert latest(app, city_a, "midway")[0] == 1


def test_bad_input_is_explained_in_danish(coordinator, app, city_a):
    token = csrf_token(coordinator, PAGE)
    response = coordinator.post(
        PAGE + "?lang=da",
        data={"csrf_token": token, "survey": "midway", "kind": "text"},
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and '<html lang="da"' in html
    assert re.search(r'field__error" id="text_da-error">[^<]+<', html)


def test_only_the_coordinator(client_for, city_a, make_user):
    anonymous = client_for(city_a)
    assert anonymous.get(PAGE).status_code == 302
    mentor = client_for(city_a)
    login(mentor, make_user(city_a, role="mentor").email)
    token = csrf_token(mentor, "/")  # a valid token, so the role is what refuses
    assert mentor.get(PAGE).status_code == 403
    assert mentor.get(PAGE + "midway").status_code == 403
    data = {"csrf_token": token, "survey": "midway", "kind": "text"}
    posted = mentor.post(PAGE, data={**data, "text_da": "a", "text_en": "b"})
    assert posted.status_code == 403


def test_a_survey_page_in_both_languages_and_unknown_surveys(coordinator):
    en = coordinator.get(PAGE + "mentee_followup?lang=en").get_data(as_text=True)
    assert "What is your situation today?" in en
    assert "Hvad er din situation i dag?" in en  # the Danish text shown too
    assert "Still job-seeking" in en and "Stadig jobsøgende" in en
    da = coordinator.get(PAGE + "mentee_followup?lang=da")
    assert '<html lang="da"' in da.get_data(as_text=True)
    assert coordinator.get(PAGE + "nonsense").status_code == 404
