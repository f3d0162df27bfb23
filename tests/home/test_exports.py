"""The coordinator's exports: one table per file for Danish Excel, the city's own
cohorts only, in a fixed number of queries."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest

from mentoring.extensions import db
from mentoring.programmes.models import Cohort
from mentoring.surveys.models import SurveyAnswer, SurveyInvitation
from mentoring.surveys.services import ensure_standard_surveys
from tests.conftest import login
from tests.programmes import cohort_data

PAGE = "/coordinator/exports/"


@pytest.fixture
def coordinator(client_for, city_a, make_user):
    client = client_for(city_a)
    login(client, make_user(city_a, role="coordinator").email)
    return client


@pytest.fixture
def cohort(city_a, in_city):
    from tests.factories import CohortFactory, PairFactory

    with in_city(city_a):
        cohort = CohortFactory(name="Forår 2026")
        cohort_data.busy_cohort(cohort, pairs=2)
        PairFactory(
            cohort=cohort,
            mentee__user__full_name='=HYPERLINK("http://evil.example","x")',
            mentor__user__phone="+45 12 34 56 78",
        )
        return cohort


def rows_of(response) -> list[list[str]]:
    assert response.data.startswith(b"\xef\xbb\xbf")
    text = response.data.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def test_the_page_links_each_cohorts_files(coordinator, cohort):
    html = coordinator.get(f"{PAGE}?lang=en").get_data(as_text=True)
    for name in ("participants", "pairs", "attendance"):
        assert f'href="{PAGE}{cohort.id}/{name}.csv"' in html
    assert 'href="/coordinator/exports/"' in coordinator.get("/coordinator/").get_data(
        as_text=True
    )


def test_participants_download_as_an_excel_csv(coordinator, cohort):
    response = coordinator.get(f"{PAGE}{cohort.id}/participants.csv?lang=en")
    assert response.status_code == 200
    assert response.headers.getlist("Content-Type") == ["text/csv; charset=utf-8"]
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="participants-forar_2026.csv"'
    )
    rows = rows_of(response)
    assert rows[0] == ["Name", "Role", "E-mail", "Phone"]
    assert len(rows) == 1 + 6
    assert ['\'=HYPERLINK("http://evil.example","x")', "Mentee"] in [
        r[:2] for r in rows
    ]
    assert "'+45 12 34 56 78" in [r[3] for r in rows]


def test_pairs_have_their_meeting_counts_as_numbers(coordinator, cohort):
    rows = rows_of(coordinator.get(f"{PAGE}{cohort.id}/pairs.csv?lang=en"))
    assert rows[0] == ["Mentee", "Mentor", "Meetings", "Minutes", "Last meeting"]
    assert sorted(r[2:] for r in rows[1:]) == [
        ["0", "0", ""],
        ["2", "120", "2026-03-15"],
        ["2", "120", "2026-03-15"],
    ]


def test_attendance_per_event_has_counts_and_a_percent_column(coordinator, cohort):
    rows = rows_of(coordinator.get(f"{PAGE}{cohort.id}/attendance.csv?lang=en"))
    assert rows[0][-1] == "Attendance (%)"
    assert rows[1][0] == "Event kickoff"
    assert rows[1][2:] == ["4", "4", "3", "75"]


def test_survey_answers_are_one_file_per_survey(coordinator, cohort, city_a, in_city):
    with in_city(city_a):
        definition = ensure_standard_surveys()["mentee_end"]
        mentee = db.session.get(Cohort, cohort.id).pairs[0].mentee
        invitation = SurveyInvitation(
            definition_id=definition.id,
            survey_key="mentee_end",
            cohort_id=cohort.id,
            participant_id=mentee.id,
            completed_at=datetime(2026, 9, 1, tzinfo=UTC),
        )
        db.session.add(invitation)
        db.session.flush()
        first = sorted(definition.questions, key=lambda q: q.position)[0]
        db.session.add(
            SurveyAnswer(invitation_id=invitation.id, question_id=first.id, value="yes")
        )
        db.session.flush()
        url = f"{PAGE}{cohort.id}/surveys/{definition.id}.csv"
    assert f'href="{url}"' in coordinator.get(PAGE).get_data(as_text=True)
    response = coordinator.get(f"{url}?lang=en")
    assert (
        "survey-mentee_end-v1-forar_2026.csv" in response.headers["Content-Disposition"]
    )
    rows = rows_of(response)
    assert rows[0][:3] == ["Name", "Role", "Sent in"]
    assert rows[0][3] == first.text_en
    assert rows[1][1:4] == ["Mentee", "2026-09-01", "Yes"]


def test_another_citys_cohort_is_not_found(cohort, client_for, make_user, city_b):
    bob = client_for(city_b)
    login(bob, make_user(city_b, role="coordinator").email)
    for name in ("participants", "pairs", "attendance"):
        assert bob.get(f"{PAGE}{cohort.id}/{name}.csv").status_code == 404
    assert cohort.name not in bob.get(PAGE).get_data(as_text=True)


def test_an_unknown_export_is_not_found(coordinator, cohort):
    assert coordinator.get(f"{PAGE}{cohort.id}/secrets.csv").status_code == 404


@pytest.mark.parametrize("role", ["mentee", "mentor"])
def test_only_coordinators_may_export(cohort, client_for, make_user, city_a, role):
    client = client_for(city_a)
    login(client, make_user(city_a, role=role).email)
    assert client.get(PAGE).status_code in (403, 404)
    assert client.get(f"{PAGE}{cohort.id}/participants.csv").status_code in (403, 404)


def test_the_exports_run_a_fixed_number_of_queries(
    coordinator, cohort, city_a, in_city, count_queries
):
    from tests.factories import CohortFactory

    urls = [PAGE] + [
        f"{PAGE}{cohort.id}/{n}.csv" for n in ("participants", "pairs", "attendance")
    ]

    def queries() -> list[int]:
        counts = []
        for url in urls:
            coordinator.get(url)
            with count_queries() as counter:
                assert coordinator.get(url).status_code == 200
            counts.append(counter.count)
        return counts

    few = queries()
    with in_city(city_a):
        cohort_data.busy_cohort(db.session.get(Cohort, cohort.id), pairs=5)
        for _ in range(3):
            cohort_data.busy_cohort(CohortFactory(), pairs=2)
    assert queries() == few
