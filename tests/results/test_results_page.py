"""The coordinator's results page: every measure per cohort and overall, from
the city's own survey answers, with the response rate beside each figure."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Any

import pytest

from tests.conftest import login

PAGE = "/coordinator/results/"
NOW = datetime(2030, 6, 1, 8, 0, tzinfo=UTC)


def seed(
    in_city: Any,
    tenant: Any,
    cohort: str,
    survey: str,
    question: str,
    values: list[Any],
    unanswered: int = 0,
    starts_on: date = date(2029, 1, 1),
    half_filled: Any = None,
) -> None:
    """One cohort: ``values`` from completed surveys, ``unanswered`` still open,
    and ``half_filled`` (if given) saved on a survey not yet sent in."""
    from mentoring.extensions import db
    from mentoring.surveys.models import SurveyAnswer, SurveyInvitation
    from mentoring.surveys.services import ensure_standard_surveys
    from tests.factories import CohortFactory, ParticipantFactory

    with in_city(tenant):
        definition = ensure_standard_surveys()[survey]
        asked = next(q for q in definition.questions if q.key == question)
        group = CohortFactory(name=cohort, starts_on=starts_on, status="closed")
        opened = [] if half_filled is None else [(half_filled, None)]
        given = [(v, NOW) for v in values] + [(None, None)] * unanswered + opened
        for value, completed_at in given:
            invitation = SurveyInvitation(
                definition_id=definition.id,
                survey_key=survey,
                cohort_id=group.id,
                participant_id=ParticipantFactory(cohort=group).id,
                sent_at=NOW,
                completed_at=completed_at,
            )
            if value is not None:
                invitation.answers = [SurveyAnswer(question_id=asked.id, value=value)]
            db.session.add(invitation)


def followups(in_city, tenant, cohort, employed, others, unanswered=0, **kw):
    outcomes = ["employed"] * employed + ["job_seeking"] * others
    seed(
        in_city,
        tenant,
        cohort,
        "mentee_followup",
        "outcome",
        outcomes,
        unanswered,
        **kw,
    )


def section(html: str, measure: str) -> str:
    match = re.search(rf'<section[^>]*id="measure-{measure}".*?</section>', html, re.S)
    assert match, f"no section for {measure}"
    return match.group(0)


def rows_of(html: str, measure: str) -> list[list[str]]:
    body = section(html, measure).split("<tbody>")[1]
    return [
        [
            re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


@pytest.fixture
def coordinator_of(client_for, make_user):
    def make(tenant):
        client = client_for(tenant)
        login(client, make_user(tenant, role="coordinator").email)
        return client

    return make


def test_figures_per_cohort_and_overall_against_the_criterion(
    coordinator_of, city_a, in_city
):
    followups(in_city, city_a, "Spring 2029", 12, 13, unanswered=5)
    followups(
        in_city, city_a, "Autumn 2029", 1, 2, unanswered=12, starts_on=date(2029, 8, 1)
    )
    html = coordinator_of(city_a).get(PAGE + "?lang=en").get_data(as_text=True)
    assert '<html lang="en"' in html
    assert "<h1>Results</h1>" in html
    assert rows_of(html, "mentees_in_work_after_six_months") == [
        ["Spring 2029", "48 %", "25 of 30 answered", "83 %", "≥ 33 %: met"],
        [
            "Autumn 2029",
            "33 % (small sample)",
            "3 of 15 answered",
            "20 %",
            "≥ 33 %: met",
        ],
        ["All cohorts", "46 %", "28 of 45 answered", "62 %", "≥ 33 %: met"],
    ]
    chart = section(html, "mentees_in_work_after_six_months")
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart"' in chart
    assert "48 % (25/30)" in chart and "33 % (3/15) *" in chart
    assert 'class="chart__criterion"' in chart
    assert 'href="/coordinator/results/criteria"' in html
    assert 'href="/coordinator/results/"' in html  # the nav links the page


def test_half_filled_surveys_and_other_questions_do_not_count(
    coordinator_of, city_a, in_city
):
    seed(
        in_city,
        city_a,
        "Spring",
        "mentor_end",
        "would_recommend",
        ["yes", "no"],
        half_filled="yes",
    )
    html = coordinator_of(city_a).get(PAGE + "?lang=en").get_data(as_text=True)
    assert rows_of(html, "mentors_would_recommend")[0][:3] == [
        "Spring",
        "50 % (small sample)",
        "2 of 3 answered",
    ]
    # the follow-up had no invitations at all
    assert rows_of(html, "mentees_in_work_after_six_months")[0][1:3] == [
        "no answers",
        "0 of 0 answered",
    ]


def test_empty_state_before_any_answers(coordinator_of, city_a, in_city):
    followups(in_city, city_a, "Spring", 0, 0, unanswered=4)
    html = coordinator_of(city_a).get(PAGE + "?lang=en").get_data(as_text=True)
    assert "No survey answers yet." in html
    assert "<svg" not in html
    assert 'href="/coordinator/results/criteria"' in html


def test_a_city_sees_only_its_own_figures(coordinator_of, city_a, city_b, in_city):
    followups(in_city, city_a, "Lyngby spring", 12, 13)
    followups(in_city, city_b, "Aarhus spring", 1, 1)
    html = coordinator_of(city_b).get(PAGE + "?lang=en").get_data(as_text=True)
    assert "Lyngby spring" not in html
    assert rows_of(html, "mentees_in_work_after_six_months") == [
        [
            "Aarhus spring",
            "50 % (small sample)",
            "2 of 2 answered",
            "100 %",
            "≥ 35 %: met",
        ],
        [
            "All cohorts",
            "50 % (small sample)",
            "2 of 2 answered",
            "100 %",
            "≥ 35 %: met",
        ],
    ]


def test_the_page_speaks_danish_by_default(coordinator_of, city_a, in_city):
    followups(in_city, city_a, "Forår", 1, 0)
    html = coordinator_of(city_a).get(PAGE + "?lang=da").get_data(as_text=True)
    assert '<html lang="da"' in html
    assert "Forår" in html


def seed_cohorts(in_city, tenant, first, last):
    for n in range(first, last):
        followups(in_city, tenant, f"Cohort {n}", 2 * n + 1, n + 1, unanswered=n)
        seed(in_city, tenant, f"End {n}", "mentee_end", "cv_improved", ["yes"] * n)


def test_query_count_does_not_grow_with_data(
    coordinator_of, city_a, in_city, count_queries
):
    client = coordinator_of(city_a)
    client.get(PAGE + "?lang=en")  # warm up: the language choice is saved once
    counts = []
    for first, last in [(0, 1), (1, 6)]:
        seed_cohorts(in_city, city_a, first, last)
        with count_queries() as counter:
            assert client.get(PAGE + "?lang=en").status_code == 200
        counts.append(counter.count)
    html = client.get(PAGE + "?lang=en").get_data(as_text=True)
    assert len(rows_of(html, "mentees_cv_improved")) == 12  # 11 cohorts + overall
    assert counts[0] == counts[1] <= 8, counts


@pytest.mark.parametrize("role", ["mentor", "mentee"])
def test_only_coordinators_see_results(client_for, make_user, city_a, role):
    client = client_for(city_a)
    login(client, make_user(city_a, role=role).email)
    assert client.get(PAGE).status_code == 403


def test_signed_out_and_network_host(client_for):
    assert client_for(None).get(PAGE).status_code == 404
