"""The results page and the programme report count the same answers (issue 8,
point 4): one computation, from submitted surveys only, over the same measures."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from mentoring.extensions import db
from mentoring.reports.queries import gather
from mentoring.results.measures import MEASURES
from mentoring.results.queries import results
from mentoring.surveys.services import ensure_standard_surveys
from mentoring.tenancy.models import Tenant
from tests.factories import CohortFactory, ParticipantFactory
from tests.reports.test_programme_report import answer, ask, coordinator, reports
from tests.results.test_results_page import rows_of

WORK = "mentees_in_work_after_six_months"


@pytest.fixture
def alma(client_for, make_user, city_a, in_city):
    """One cohort in the report's period: two of three follow-ups sent in say
    "employed", one says "job_seeking", and one more saying "employed" is only
    saved, not sent in."""
    with in_city(city_a):
        cohort = CohortFactory(
            name="Spring 2026", starts_on=date(2026, 2, 1), status="closed"
        )
        definitions = ensure_standard_surveys()
        outcomes = [("employed", True), ("employed", True), ("job_seeking", True)]
        outcomes.append(("employed", False))
        for outcome, submitted in outcomes:
            mentee = ParticipantFactory(cohort=cohort, user__role="mentee")
            answer(definitions, mentee, "mentee_followup", submitted, outcome=outcome)
    return coordinator(client_for, make_user, city_a)


def report_rows(alma, run_jobs, in_city, city_a) -> list[list[str]]:
    ask(alma, "en")
    run_jobs()
    (report,) = reports(in_city, city_a)
    url = f"/coordinator/reports/{report.id}/tables/2.csv"  # the effect table
    body = alma.get(url).data.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body, newline=""), delimiter=";"))


def test_a_saved_unsent_answer_counts_on_neither_page(alma, run_jobs, in_city, city_a):
    page = alma.get("/coordinator/results/?lang=en").get_data(as_text=True)
    assert rows_of(page, WORK)[-1][:4] == [
        "All cohorts",
        "67 % (small sample)",
        "3 of 4 answered",
        "75 %",
    ]
    work = next(
        row
        for row in report_rows(alma, run_jobs, in_city, city_a)
        if row and row[0] == "Mentees in work six months after"
    )
    # Cohort, result %, count, answers, small sample, criterion, met, response %,
    # invited
    assert work[1:6] == ["All cohorts", "67", "2", "3", "Yes"]
    assert work[8:10] == ["75", "4"]


def test_both_pages_take_their_figures_from_one_function(app, alma, in_city, city_a):
    with in_city(city_a):
        tenant = db.session.scalar(db.select(Tenant).where(Tenant.id == city_a.id))
        page = results(tenant).overall
        report = gather(tenant, date(2026, 1, 1), date(2026, 11, 1), "en").figures
    assert report == page
    work = next(fig for fig in page if fig.measure == WORK)
    assert (work.numerator, work.denominator, work.invited) == (2, 3, 4)


def test_the_results_page_and_the_report_show_the_same_measures_in_order(
    alma, run_jobs, in_city, city_a
):
    page = alma.get("/coordinator/results/?lang=en").get_data(as_text=True)
    sections = [key for key in _section_ids(page) if key]
    assert sections == [m.key for m in MEASURES]
    rows = report_rows(alma, run_jobs, in_city, city_a)
    labels = [row[0] for row in rows[1:]]  # the effect table, after its header
    assert labels == [m.label for m in MEASURES]  # English: the labels as written


def _section_ids(html: str) -> list[str]:
    import re

    return re.findall(r'<section[^>]*id="measure-([a-z_]+)"', html)
