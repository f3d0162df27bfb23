"""Applying on the city's host: both roles, both languages, CV by content, consent."""

from __future__ import annotations

import io
from typing import Any

import pytest
from flask import Flask
from flask_babel import force_locale, gettext
from markupsafe import escape

from mentoring.applications.choices import PRIVACY_NOTICE_VERSION
from mentoring.applications.models import Application
from mentoring.applications.services import cv_content
from mentoring.core.scoping import set_tenant
from mentoring.extensions import db
from tests.applications.helpers import (
    errors_of,
    form_path,
    mentee_answers,
    mentor_answers,
    submit,
    tiny_pdf,
)


def stored(app: Flask, tenant: Any) -> list[Application]:
    """The city's applications as now in the database, CVs loaded."""
    with app.app_context():
        set_tenant(db.session, tenant.id)
        rows = list(db.session.scalars(db.select(Application)))
        for row in rows:
            if row.cv is not None:
                _ = row.cv.content, row.cv.storage_key
        db.session.expunge_all()
        return rows


def test_the_apply_page_lists_only_this_citys_open_cohorts(
    client_for, city_a, city_b, open_cohort
):
    open_cohort(city_a, name="Autumn 2026")
    open_cohort(city_a, name="Spring 2026", status="running")
    open_cohort(city_b, name="Aarhus autumn")
    html = client_for(city_a).get("/apply/?lang=en").get_data(as_text=True)
    assert "Autumn 2026" in html
    assert "Spring 2026" not in html
    assert "Aarhus autumn" not in html
    assert "Apply as a mentee" in html and "Apply as a mentor" in html


def test_without_an_open_cohort_the_page_says_so(client_for, city_a):
    html = client_for(city_a).get("/apply/?lang=en").get_data(as_text=True)
    assert "No cohort is open for applications right now." in html


def test_the_city_home_links_to_the_apply_page(client_for, city_a):
    html = client_for(city_a).get("/?lang=en").get_data(as_text=True)
    assert 'href="/apply/"' in html


def test_a_mentee_applies_in_english_with_a_cv(
    app, client_for, city_a, cohort_a, outbox
):
    client = client_for(city_a)
    response = submit(client, cohort_a, "mentee", mentee_answers())
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/apply/{cohort_a}/thanks")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Thank you for your application" in page

    (row,) = stored(app, city_a)
    assert (row.role, row.email, row.locale, row.status) == (
        "mentee",
        "ana@example.org",
        "en",
        "submitted",
    )
    assert row.target_sectors == ["life_science", "education"]
    assert row.languages == ["en", "pt"]
    assert row.years_experience == 6
    assert str(row.arrived_on) == "2026-03-01"
    assert row.consent_version == PRIVACY_NOTICE_VERSION
    assert row.consented_at is not None
    assert row.cv.content is None  # the file is on disk, under a random name
    with app.app_context():
        assert cv_content(row.cv) == tiny_pdf()
    assert row.cv.size == len(tiny_pdf())
    assert len(row.cv.sha256) == 64
    assert row.cv.filename == "Ana-CV.pdf"

    (mail,) = outbox()
    assert mail["To"] == "ana@example.org"
    assert mail["Content-Language"] == "en"
    assert mail["Subject"] == "Confirm your application"
    assert (
        "Thank you for applying as a mentee to Autumn 2026"
        in mail.get_body(("plain",)).get_content()
    )


def test_a_mentee_applying_in_danish_gets_the_mail_in_danish(
    app, client_for, city_a, cohort_a, outbox
):
    client = client_for(city_a)
    html = client.get(form_path(cohort_a, "mentee") + "?lang=da").get_data(as_text=True)
    assert '<html lang="da">' in html
    response = submit(client, cohort_a, "mentee", mentee_answers(), lang="da")
    assert response.status_code == 302
    (row,) = stored(app, city_a)
    assert row.locale == "da"
    (mail,) = outbox()
    assert mail["Content-Language"] == "da"
    assert '<html lang="da">' in mail.get_body(("html",)).get_content()


def test_a_mentor_applies(app, client_for, city_a, cohort_a, outbox):
    response = submit(client_for(city_a), cohort_a, "mentor", mentor_answers())
    assert response.status_code == 302
    (row,) = stored(app, city_a)
    assert (row.role, row.job_title, row.employer, row.sector) == (
        "mentor",
        "Engineering manager",
        "Novo Nordisk",
        "life_science",
    )
    assert row.earlier_cohorts == 1
    assert row.phone is None
    assert row.cv is None
    (mail,) = outbox()
    assert "as a mentor to Autumn 2026" in mail.get_body(("plain",)).get_content()


def test_the_email_is_stored_in_lower_case(app, client_for, city_a, cohort_a):
    answers = mentor_answers(email="  Mads@Example.ORG ")
    submit(client_for(city_a), cohort_a, "mentor", answers)
    assert stored(app, city_a)[0].email == "mads@example.org"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"full_name": ""}, "full_name", "Please enter your name."),
        ({"email": "not-an-address"}, "email", "Please enter a valid e-mail address."),
        ({"years_experience": "six"}, "years_experience", "Enter a whole number"),
        ({"years_experience": "99"}, "years_experience", "from 0 to 60"),
        ({"linkedin": "javascript://x.com/%0aalert(1)"}, "linkedin", "https://"),
        ({"arrived_on": "01/03/2026"}, "arrived_on", "Enter a date, e.g."),
        ({"target_sectors": ["space"]}, "target_sectors", "Choose one of the options"),
        ({"target_sectors": None}, "target_sectors", "Choose at least one sector."),
        ({"danish_level": "perfect"}, "danish_level", "Choose one of the options"),
        ({"phone": "call me"}, "phone", "digits"),
        ({"consent": None}, "consent", "Please agree to the privacy notice"),
        ({"cv": None}, "cv", "Please add your CV as a PDF."),
    ],
)
def test_bad_answers_get_a_clear_error_and_save_nothing(
    app, client_for, city_a, cohort_a, outbox, changes, field, message
):
    response = submit(client_for(city_a), cohort_a, "mentee", mentee_answers(**changes))
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert errors_of(html) == [field]
    assert message in html
    assert "Please correct the marked answers." in html
    assert f'href="#{field}"' in html  # the summary links to the field
    assert stored(app, city_a) == []
    assert outbox() == []


def test_errors_are_translated_into_danish(app, client_for, city_a, cohort_a):
    """Every message goes through the catalog (WTForms has no Danish of its own)."""
    answers = mentee_answers(full_name="", consent=None, years_experience="x")
    answers["danish_level"] = "perfect"
    response = submit(client_for(city_a), cohort_a, "mentee", answers, lang="da")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert '<html lang="da">' in html
    assert sorted(errors_of(html)) == [
        "consent",
        "danish_level",
        "full_name",
        "years_experience",
    ]
    for message in (
        "Please enter your name.",
        "Please agree to the privacy notice to apply.",
        "Enter a whole number, e.g. 3.",
        "Choose one of the options shown.",
    ):
        assert in_danish(app, message) in html
    assert "Not a valid" not in html


def in_danish(app: Flask, message: str) -> str:
    with app.test_request_context(), force_locale("da_DK"):
        return str(escape(gettext(message)))


def test_a_mentor_form_checks_its_own_fields(app, client_for, city_a, cohort_a):
    answers = mentor_answers(job_title="", earlier_cohorts="", languages=None)
    response = submit(client_for(city_a), cohort_a, "mentor", answers)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert sorted(errors_of(html)) == ["earlier_cohorts", "job_title", "languages"]
    assert stored(app, city_a) == []


def test_a_text_file_renamed_to_pdf_is_refused(app, client_for, city_a, cohort_a):
    fake = (io.BytesIO(b"Hello, I am a CV.\n" * 50), "cv.pdf", "application/pdf")
    response = submit(client_for(city_a), cohort_a, "mentee", mentee_answers(cv=fake))
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert errors_of(html) == ["cv"]
    assert "The file is not a PDF." in html
    assert "choose your CV again" in html
    assert stored(app, city_a) == []


def test_a_pdf_header_without_a_pdf_body_is_refused(app, client_for, city_a, cohort_a):
    fake = (io.BytesIO(b"%PDF-1.7\n" + b"<script>" * 100), "cv.pdf", "application/pdf")
    response = submit(client_for(city_a), cohort_a, "mentee", mentee_answers(cv=fake))
    assert response.status_code == 400
    assert stored(app, city_a) == []


def test_a_real_pdf_with_another_name_and_type_is_accepted(
    app, client_for, city_a, cohort_a
):
    upload = (io.BytesIO(tiny_pdf()), "resume", "application/octet-stream")
    response = submit(client_for(city_a), cohort_a, "mentee", mentee_answers(cv=upload))
    assert response.status_code == 302
    assert stored(app, city_a)[0].cv.filename == "resume.pdf"


def test_a_pdf_over_5_mb_is_refused(app, client_for, city_a, cohort_a):
    big = tiny_pdf(padding=int(5.1 * 1024 * 1024))
    assert 5 * 1024 * 1024 < len(big) < 6 * 1024 * 1024
    upload = (io.BytesIO(big), "cv.pdf", "application/pdf")
    response = submit(client_for(city_a), cohort_a, "mentee", mentee_answers(cv=upload))
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "The file is larger than 5 MB." in html
    assert stored(app, city_a) == []


def test_an_upload_over_the_request_limit_gets_the_form_again(
    app, client_for, city_a, cohort_a
):
    huge = tiny_pdf(padding=7 * 1024 * 1024)
    upload = (io.BytesIO(huge), "cv.pdf", "application/pdf")
    response = submit(client_for(city_a), cohort_a, "mentee", mentee_answers(cv=upload))
    html = response.get_data(as_text=True)
    assert response.status_code == 413
    assert "The file is larger than 5 MB." in html
    assert 'enctype="multipart/form-data"' in html  # the form, ready to try again
    assert stored(app, city_a) == []


def test_a_second_application_from_the_same_email_is_handled_kindly(
    app, client_for, city_a, cohort_a, outbox
):
    client = client_for(city_a)
    submit(client, cohort_a, "mentee", mentee_answers())
    assert len(outbox()) == 1  # the first confirmation
    again = mentor_answers(email="ANA@example.org", full_name="Someone Else")
    response = submit(client_for(city_a), cohort_a, "mentor", again)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "We already have your application" in html
    assert "The coordinator will be in touch." in html
    assert "Ana Souza" not in html and "Lab analyst" not in html  # no details
    (row,) = stored(app, city_a)
    assert row.full_name == "Ana Souza"
    assert len(outbox()) == 1  # and no second one


def test_the_same_email_may_apply_to_another_cohort(
    app, client_for, city_a, cohort_a, open_cohort
):
    other = open_cohort(city_a, name="Spring 2027")
    submit(client_for(city_a), cohort_a, "mentor", mentor_answers())
    response = submit(client_for(city_a), other, "mentor", mentor_answers())
    assert response.status_code == 302
    assert len(stored(app, city_a)) == 2


def test_a_cohort_not_recruiting_takes_no_application(
    app, client_for, city_a, open_cohort
):
    running = open_cohort(city_a, status="running", name="Running cohort")
    client = client_for(city_a)
    response = client.get(form_path(running, "mentee") + "?lang=en")
    assert response.status_code == 410
    assert "Applications for Running cohort are closed" in response.get_data(
        as_text=True
    )


def test_another_citys_cohort_is_not_found(client_for, city_b, cohort_a):
    assert client_for(city_b).get(form_path(cohort_a, "mentee")).status_code == 404
    assert client_for(city_b).get(f"/apply/{cohort_a}/thanks").status_code == 404


def test_the_network_host_has_no_application_form(client_for, cohort_a):
    assert client_for(None).get("/apply/").status_code == 404


@pytest.mark.parametrize(("lang", "heading"), [("en", "Privacy notice"), ("da", None)])
def test_the_privacy_notice_in_both_languages(client_for, city_a, lang, heading):
    html = client_for(city_a).get(f"/privacy?lang={lang}").get_data(as_text=True)
    assert f'<html lang="{lang}">' in html
    assert PRIVACY_NOTICE_VERSION in html
    assert city_a.contact["email"] in html
    if heading:
        assert "<h1" in html and heading in html


def test_the_form_links_the_privacy_notice_and_its_version(
    client_for, city_a, cohort_a
):
    html = client_for(city_a).get(form_path(cohort_a, "mentor")).get_data(as_text=True)
    assert 'href="/privacy"' in html
    assert f"version {PRIVACY_NOTICE_VERSION}" in html or PRIVACY_NOTICE_VERSION in html
    assert 'name="consent"' in html
