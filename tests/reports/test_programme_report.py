"""The programme report: built by a job from the city's data, read on the web,
as PDF and as CSV, in the language asked for, by the city's coordinator only."""

from __future__ import annotations

import csv
import io
import uuid
import zipfile
from datetime import UTC, date, datetime

import pikepdf
import pytest
from flask_babel import force_locale
from pypdf import PdfReader

from mentoring.events.models import Event, EventInvitation
from mentoring.extensions import db
from mentoring.programmes.models import Cohort
from mentoring.reports.jobs import build_programme_report
from mentoring.reports.models import ProgrammeReport
from mentoring.results.measures import BY_KEY, MEASURES
from mentoring.surveys.models import SurveyAnswer, SurveyInvitation
from mentoring.surveys.services import ensure_standard_surveys
from tests.conftest import csrf_token, login
from tests.factories import CohortFactory, ParticipantFactory

PAGE = "/coordinator/reports/"


def answer(definitions, participant, key, submitted=True, **values):
    """``values`` as answers; sent in unless ``submitted`` is false (only saved)."""
    definition = definitions[key]
    invitation = SurveyInvitation(
        definition_id=definition.id,
        survey_key=key,
        cohort_id=participant.cohort_id,
        participant_id=participant.id,
        completed_at=datetime(2026, 9, 1, tzinfo=UTC) if submitted else None,
    )
    db.session.add(invitation)
    db.session.flush()
    questions = {q.key: q for q in definition.questions}
    for question, value in values.items():
        db.session.add(
            SurveyAnswer(
                invitation_id=invitation.id,
                question_id=questions[question].id,
                value=value,
            )
        )


def seed_programme(in_city, tenant):
    """A cohort with two mentees, two mentors, one event held, some answers."""
    with in_city(tenant):
        cohort = CohortFactory(name="Spring 2026", status="closed")
        mentees = [ParticipantFactory(cohort=cohort, user__role="mentee") for _ in "ab"]
        mentors = [ParticipantFactory(cohort=cohort, user__role="mentor") for _ in "ab"]
        event = Event(
            cohort_id=cohort.id,
            kind="kickoff",
            title_da="Opstart",
            title_en="Kick-off",
            starts_at=datetime(2026, 3, 1, 16, tzinfo=UTC),
            ends_at=datetime(2026, 3, 1, 18, tzinfo=UTC),
        )
        db.session.add(event)
        db.session.flush()
        for person, checked in zip(mentees + mentors, [1, 1, 0, 1], strict=True):
            when = event.starts_at if checked else None
            db.session.add(
                EventInvitation(
                    event_id=event.id, participant_id=person.id, checked_in_at=when
                )
            )
        definitions = ensure_standard_surveys()
        answer(definitions, mentees[0], "mentee_end", network_strengthened=True)
        answer(definitions, mentees[1], "mentee_end")
        answer(
            definitions,
            mentors[0],
            "mentor_end",
            motivation=["difference", "welcoming"],
            would_recommend=True,
        )
        answer(definitions, mentors[1], "mentor_end", motivation=["difference"])


def coordinator(client_for, make_user, tenant):
    client = client_for(tenant)
    login(client, make_user(tenant, role="coordinator").email)
    return client


def ask(client, locale="en", **extra):
    data = extra | {
        "csrf_token": csrf_token(client, PAGE),
        "period_start": "2026-01-01",
        "period_end": "2026-11-01",
        "locale": locale,
    }
    return client.post(PAGE, data=data)


def reports(in_city, tenant) -> list[ProgrammeReport]:
    with in_city(tenant):
        query = db.select(ProgrammeReport).order_by(ProgrammeReport.created_at)
        return list(db.session.execute(query).scalars())


@pytest.fixture
def alma(client_for, make_user, city_a, in_city):
    seed_programme(in_city, city_a)
    return coordinator(client_for, make_user, city_a)


@pytest.fixture
def built(alma, run_jobs, in_city, city_a):
    """One English report, built by the job."""
    response = ask(alma)
    assert response.status_code == 302
    run_jobs()
    (report,) = reports(in_city, city_a)
    return report


def test_the_job_builds_the_report_with_activities_and_effect(built, alma):
    assert (built.status, built.progress) == ("done", 100)
    html = alma.get(f"{PAGE}{built.id}?lang=en").get_data(as_text=True)
    assert "<h2>Activities</h2>" in html and "<h2>Effect</h2>" in html
    assert "Spring 2026" in html
    assert "3 / 4" in html  # check-ins of invited
    assert BY_KEY["mentees_network_grown"].label in html
    assert "2 / 4" not in html
    assert "(1/1)" in html  # one mentee of one answered: network grew
    assert "(1/2)" in html  # one answer of two invited: response rate
    assert "Making a difference" in html  # the mentors' motivations


def test_running_the_job_twice_builds_nothing_twice(built, app, in_city, city_a):
    with app.app_context():
        again = build_programme_report(str(city_a.id), str(built.id))
    assert again == "skipped"
    (report,) = reports(in_city, city_a)
    assert report.updated_at == built.updated_at
    assert report.html == built.html


def test_the_list_page_polls_while_building_and_stops_when_done(alma, in_city, city_a):
    with in_city(city_a):
        report = ProgrammeReport(
            period_start=date(2026, 1, 1), period_end=date(2026, 6, 1), locale="en"
        )
        db.session.add(report)
    html = alma.get(PAGE + "?lang=en").get_data(as_text=True)
    assert 'hx-trigger="every 2s"' in html
    assert f'hx-get="{PAGE}{report.id}/status"' in html
    assert "Waiting to be built" in html and ">Refresh</a>" in html
    with in_city(city_a):
        db.session.execute(
            db.update(ProgrammeReport)
            .where(ProgrammeReport.id == report.id)
            .values(status="done", progress=100)
        )
    status = alma.get(f"{PAGE}{report.id}/status", headers={"HX-Request": "true"})
    assert "every 2s" not in status.get_data(as_text=True)
    assert "Read the report" in status.get_data(as_text=True)


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_the_pdf_has_the_measures_and_the_city(built, alma, city_a):
    response = alma.get(f"{PAGE}{built.id}.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    text = text_of(response.data)
    assert city_a.name_en in text
    for measure in MEASURES:
        assert measure.label in text


def excel_rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Danish Excel needs
    text = data.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def test_each_table_is_its_own_csv_for_excel(built, alma):
    page = alma.get(f"{PAGE}{built.id}").get_data(as_text=True)
    for number in (1, 2, 3):
        assert f'href="{PAGE}{built.id}/tables/{number}.csv"' in page
    response = alma.get(f"{PAGE}{built.id}/tables/3.csv")
    assert response.headers.getlist("Content-Type") == ["text/csv; charset=utf-8"]
    assert response.headers["Content-Disposition"].startswith("attachment; ")
    assert response.headers["Content-Disposition"].endswith(
        '-3-mentor_motivations.csv"'
    )
    rows = excel_rows(response.data)
    assert rows[0] == ["Motivation", "Mentors"]
    assert ["Making a difference", "2"] in rows
    assert alma.get(f"{PAGE}{built.id}/tables/4.csv").status_code == 404


def test_the_effect_table_has_numbers_in_their_own_columns(built, alma):
    rows = excel_rows(alma.get(f"{PAGE}{built.id}/tables/2.csv").data)
    assert rows[0][:5] == ["Measure", "Cohort", "Result (%)", "Count", "Answers"]
    assert all(len(row) == len(rows[0]) for row in rows)
    measures = {row[0] for row in rows[1:]}
    assert BY_KEY["mentors_would_recommend"].label in measures
    for row in rows[1:]:
        assert all(cell == "" or cell.isdigit() for cell in row[2:5])


def test_the_zip_holds_one_csv_per_table(built, alma):
    response = alma.get(f"{PAGE}{built.id}.zip")
    assert response.mimetype == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        names = archive.namelist()
        activities = excel_rows(archive.read(names[0]))
    assert names == ["1-activities.csv", "2-effect.csv", "3-mentor_motivations.csv"]
    assert activities[0] == ["Activity", "Number"]
    assert activities[-1][0] == "Attendance (%)"


def test_danish_and_english_reports_differ(alma, run_jobs, in_city, city_a):
    ask(alma, "da")
    ask(alma, "en")
    run_jobs()
    danish, english = reports(in_city, city_a)
    assert (danish.locale, english.locale) == ("da", "en")
    assert "1. januar 2026" in danish.html
    assert "At byde andre velkommen" in danish.html
    assert "1 January 2026" in english.html
    assert "Welcoming others" in english.html
    assert danish.html != english.html


def test_another_citys_report_is_not_found(built, client_for, make_user, city_b):
    bob = coordinator(client_for, make_user, city_b)
    for suffix in ("", ".pdf", ".zip", "/tables/1.csv", "/status"):
        assert bob.get(f"{PAGE}{built.id}{suffix}").status_code == 404
    assert bob.get(f"{PAGE}{uuid.uuid4()}").status_code == 404


@pytest.mark.parametrize("role", ["mentee", "mentor"])
def test_only_the_coordinator_may_see_reports(
    built, client_for, make_user, city_a, role
):
    client = client_for(city_a)
    login(client, make_user(city_a, role=role).email)
    for path in (PAGE, f"{PAGE}{built.id}", f"{PAGE}{built.id}.pdf"):
        assert client.get(path).status_code in (403, 404)
    assert client_for(city_a).get(PAGE).status_code in (302, 401)


def test_a_returning_mentor_counts_once(alma, run_jobs, in_city, city_a):
    with in_city(city_a):
        spring = db.session.execute(
            db.select(Cohort).where(Cohort.name == "Spring 2026")
        ).scalar_one()
        returning = next(p for p in spring.participants if p.role == "mentor")
        autumn = CohortFactory(name="Autumn 2026", status="closed")
        ParticipantFactory(cohort=autumn, user=returning.user, role="mentor")
    ask(alma)
    run_jobs()
    (report,) = reports(in_city, city_a)
    rows = excel_rows(alma.get(f"{PAGE}{report.id}/tables/1.csv").data)
    activities = {row[0]: row[1] for row in rows}
    assert activities["Mentors"] == "2"  # three places in cohorts, two people
    assert activities["Mentees"] == "2"
    assert "Autumn 2026" in activities["Cohorts"]


def test_the_coordinators_narrative_is_in_the_reports_language(
    alma, run_jobs, in_city, city_a
):
    words = {
        "narrative_da": "Et godt år for Zoë og Nguyễn.",
        "narrative_en": "A good year for Zoë and Nguyễn.",
    }
    ask(alma, "da", **words)
    ask(alma, "en", **words)
    run_jobs()
    danish, english = reports(in_city, city_a)
    assert danish.narrative == {
        "da": words["narrative_da"],
        "en": words["narrative_en"],
    }
    assert words["narrative_da"] in danish.html
    assert words["narrative_en"] not in danish.html
    assert "I vores egne ord" in danish.html
    assert words["narrative_en"] in english.html
    pdf = alma.get(f"{PAGE}{english.id}.pdf").data
    assert words["narrative_en"] in text_of(pdf)


def test_a_report_without_a_narrative_has_no_empty_heading(built):
    assert built.narrative == {}
    assert "In our own words" not in built.html


def test_a_too_long_narrative_is_refused(alma, in_city, city_a):
    response = ask(alma, narrative_en="x" * 2001)
    assert response.status_code == 400
    assert reports(in_city, city_a) == []


def two_cohorts(in_city, city_a):
    """A second cohort where one mentor of two would recommend the programme."""
    with in_city(city_a):
        autumn = CohortFactory(name="Autumn 2026", status="closed")
        mentors = [ParticipantFactory(cohort=autumn, user__role="mentor") for _ in "ab"]
        definitions = ensure_standard_surveys()
        answer(definitions, mentors[0], "mentor_end", would_recommend=True)
        answer(definitions, mentors[1], "mentor_end", would_recommend=False)


def test_the_effect_table_has_a_row_per_cohort_besides_the_totals(
    alma, run_jobs, in_city, city_a
):
    two_cohorts(in_city, city_a)
    ask(alma)
    run_jobs()
    (report,) = reports(in_city, city_a)
    rows = excel_rows(alma.get(f"{PAGE}{report.id}/tables/2.csv").data)
    recommend = BY_KEY["mentors_would_recommend"].label
    by_cohort = {row[1]: row[2:5] for row in rows if row[0] == recommend}
    assert by_cohort == {
        "All cohorts": ["67", "2", "3"],
        "Spring 2026": ["100", "1", "1"],
        "Autumn 2026": ["50", "1", "2"],
    }
    assert '<td data-label="Cohort">Autumn 2026</td>' in report.html


def test_the_report_has_a_chart_per_measure_with_a_bar_per_cohort(
    alma, run_jobs, in_city, city_a
):
    two_cohorts(in_city, city_a)
    ask(alma)
    run_jobs()
    (report,) = reports(in_city, city_a)
    assert report.html.count('<figure class="report-chart">') == len(MEASURES)
    assert report.html.count("<figcaption>") == len(MEASURES)
    assert 'id="report-chart-mentors_would_recommend-title"' in report.html
    # three bars (two cohorts, all cohorts) in each chart
    assert report.html.count('class="chart__bar"') == 3 * len(MEASURES)
    pdf = text_of(alma.get(f"{PAGE}{report.id}.pdf").data)
    assert "67 % (3/4) *" in pdf and "50 % (2/2) *" in pdf


def figures(pdf: bytes) -> list[str]:
    """The alternative texts of the PDF's /Figure structure elements."""
    document = pikepdf.open(io.BytesIO(pdf))
    found, todo = [], [document.Root.StructTreeRoot]
    while todo:
        element = todo.pop()
        if element.get("/S") == "/Figure":
            found.append(str(element.get("/Alt", "")))
        kids = element.get("/K")
        kids = kids if isinstance(kids, pikepdf.Array) else [kids]
        todo += [kid for kid in kids if isinstance(kid, pikepdf.Dictionary)]
    return found


def test_the_pdf_has_the_cohort_rows_and_the_charts_as_tagged_figures(
    app, alma, run_jobs, in_city, city_a
):
    two_cohorts(in_city, city_a)
    ask(alma, "da")
    run_jobs()
    (report,) = reports(in_city, city_a)
    pdf = alma.get(f"{PAGE}{report.id}.pdf").data
    text = text_of(pdf)
    assert "Spring 2026" in text and "Autumn 2026" in text and "Alle forløb" in text
    assert "67 % (2/3)" in text  # the recommending mentors, all cohorts
    with app.test_request_context(), force_locale("da"):
        titles = tuple(measure.title() for measure in MEASURES)
    charts = [alt for alt in figures(pdf) if alt.startswith(titles)]
    assert len(charts) == len(MEASURES)
    (recommend,) = [alt for alt in charts if alt.startswith(titles[-1])]
    assert "Spring 2026: 100 % (1/2) *" in recommend
    assert "Autumn 2026: 50 % (2/2) *" in recommend
    assert "Alle forløb: 67 % (3/4) *" in recommend
    assert "Succeskriterium: 90\xa0%" in recommend
    assert "(stiplet linje: Succeskriterium: 90 %)" in text  # text_of: plain spaces
    assert pikepdf.open(io.BytesIO(pdf)).Root.Lang == "da"


def test_the_form_asks_for_a_narrative_in_each_language(alma):
    html = alma.get(PAGE + "?lang=da").get_data(as_text=True)
    assert 'name="narrative_da"' in html and 'name="narrative_en"' in html
    assert "Fortælling på dansk" in html and "Fortælling på engelsk" in html
