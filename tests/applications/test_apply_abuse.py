"""The public application form cannot be used to flood a city or to e-mail an
attacker's words to anyone: limits per address, one-line names, a confirmation
e-mail with nothing the applicant typed, and an address confirmed by its owner
before the application counts."""

from __future__ import annotations

import io
import re
from datetime import timedelta
from typing import Any

import pytest
from flask import Flask

from mentoring.applications.models import Application
from mentoring.core.scoping import set_tenant
from mentoring.extensions import db
from tests.applications.helpers import (
    CSRF_RE,
    errors_of,
    form_path,
    mentee_answers,
    mentor_answers,
    multipart,
    submit,
    tiny_pdf,
)
from tests.applications.helpers import _content_type as CONTENT_TYPE
from tests.conftest import body_text

SPAM = "Cheap pills at https://spam.example.net/buy now"


def _applications(app: Flask, tenant: Any) -> list[Application]:
    with app.app_context():
        set_tenant(db.session, tenant.id)
        rows = list(db.session.scalars(db.select(Application)))
        db.session.expunge_all()
        return rows


def _confirm_link(mail: Any) -> str:
    match = re.search(r"http://[^\s]+/apply/confirm/[\w.\-]+", body_text(mail))
    assert match, body_text(mail)
    return match.group(0).split("localhost", 1)[1]


def _post_from(client, cohort_id, role, answers, address):
    path = form_path(cohort_id, role)
    html = client.get(f"{path}?lang=en").get_data(as_text=True)
    match = CSRF_RE.search(html)
    data = {**answers, "csrf_token": match.group(1) or match.group(2)}
    return client.post(
        path,
        data=multipart(data),
        content_type=CONTENT_TYPE,
        environ_base={"REMOTE_ADDR": address},
    )


def test_an_address_may_send_five_applications_an_hour(
    client_for, city_a, cohort_a, clock
):
    client = client_for(city_a)
    answers = [
        _post_from(
            client,
            cohort_a,
            "mentor",
            mentor_answers(email=f"m{n}@example.org"),
            "10.20.0.1",
        )
        for n in range(6)
    ]
    assert [a.status_code for a in answers] == [302] * 5 + [429]
    assert "Retry-After" in answers[-1].headers
    clock.shift(timedelta(minutes=61))
    again = _post_from(
        client,
        cohort_a,
        "mentor",
        mentor_answers(email="late@example.org"),
        "10.20.0.1",
    )
    assert again.status_code == 302


def test_uploads_count_too_even_when_refused(client_for, city_a, cohort_a):
    client = client_for(city_a)
    big = b"%PDF-1.7\n" + b"0" * (4 * 1024 * 1024)
    statuses = [
        _post_from(
            client,
            cohort_a,
            "mentee",
            mentee_answers(
                email=f"u{n}@example.org",
                cv=(io.BytesIO(big), "cv.pdf", "application/pdf"),
            ),
            "10.21.0.1",
        ).status_code
        for n in range(10)
    ]
    assert statuses[5:] == [429] * 5


@pytest.mark.parametrize(
    "name", ["Ana\r\nBcc: victim@example.org", "Ana\nSouza", "Ana\x07Souza"]
)
def test_a_name_with_a_line_break_or_control_character_is_refused(
    app, client_for, city_a, cohort_a, name, outbox
):
    response = submit(
        client_for(city_a), cohort_a, "mentee", mentee_answers(full_name=name)
    )
    assert response.status_code == 400
    assert "full_name" in errors_of(response.get_data(as_text=True))
    assert _applications(app, city_a) == []
    assert outbox() == []


def test_the_confirmation_e_mail_echoes_nothing_the_applicant_typed(
    client_for, city_a, cohort_a, outbox
):
    answers = mentee_answers(
        full_name="Visit https://spam.example.net now",
        profession=SPAM,
        goals=SPAM,
        target_roles=SPAM,
        field_of_study=SPAM,
        partner_employer=SPAM,
        linkedin="https://spam.example.net/buy",
    )
    assert submit(client_for(city_a), cohort_a, "mentee", answers).status_code == 302
    (mail,) = outbox()
    whole = mail.as_string()
    assert "spam.example.net" not in whole
    assert "Cheap pills" not in whole
    assert "Visit" not in whole
    assert "Autumn 2026" in body_text(mail)  # the cohort
    assert "Lyngby" in body_text(mail)  # the city


def test_an_application_counts_only_once_its_address_is_confirmed(
    app, client_for, city_a, cohort_a, coordinator, outbox
):
    applicant = client_for(city_a)
    assert submit(applicant, cohort_a, "mentor", mentor_answers()).status_code == 302
    (row,) = _applications(app, city_a)
    assert row.email_confirmed_at is None

    staff = coordinator(city_a)
    review = f"/coordinator/applications/?cohort={cohort_a}&lang=en"
    assert "Mads Holm" not in staff.get(review).get_data(as_text=True)
    waiting = staff.get(review + "&status=unconfirmed").get_data(as_text=True)
    assert "Mads Holm" in waiting
    assert staff.get("/coordinator/?lang=en").status_code == 200

    (mail,) = outbox()
    page = applicant.get(_confirm_link(mail) + "?lang=en")
    assert page.status_code == 200
    assert "Your application is confirmed" in page.get_data(as_text=True)
    (row,) = _applications(app, city_a)
    assert row.email_confirmed_at is not None
    assert "Mads Holm" in staff.get(review).get_data(as_text=True)
    assert "Mads Holm" not in staff.get(review + "&status=unconfirmed").get_data(
        as_text=True
    )


def test_a_bad_or_foreign_confirmation_link_changes_nothing(
    app, client_for, city_a, city_b, cohort_a, outbox
):
    assert (
        submit(client_for(city_a), cohort_a, "mentor", mentor_answers()).status_code
        == 302
    )
    link = _confirm_link(outbox()[0])
    assert client_for(city_b).get(link).status_code in (400, 404)
    assert client_for(city_a).get(link + "x").status_code == 400
    assert client_for(city_a).get("/apply/confirm/nonsense").status_code == 400
    (row,) = _applications(app, city_a)
    assert row.email_confirmed_at is None


def test_a_link_expires_after_a_week(app, client_for, city_a, cohort_a, outbox, clock):
    assert (
        submit(client_for(city_a), cohort_a, "mentor", mentor_answers()).status_code
        == 302
    )
    link = _confirm_link(outbox()[0])
    clock.shift(timedelta(days=8))
    assert client_for(city_a).get(link).status_code == 400


def test_an_unconfirmed_application_is_kept_until_its_link_expires(
    app, client_for, city_a, cohort_a, outbox, clock
):
    client = client_for(city_a)
    assert submit(client, cohort_a, "mentor", mentor_answers()).status_code == 302
    again = submit(client, cohort_a, "mentor", mentor_answers(job_title="CTO"))
    assert "We already have your application" in again.get_data(as_text=True)
    (first,) = outbox()
    clock.shift(timedelta(days=8))  # the link expired unopened
    assert (
        submit(client, cohort_a, "mentor", mentor_answers(job_title="CTO")).status_code
        == 302
    )
    (row,) = _applications(app, city_a)
    assert row.job_title == "CTO"
    assert row.email_confirmed_at is None
    first_again, second = outbox()
    assert client.get(_confirm_link(second)).status_code == 200
    (row,) = _applications(app, city_a)
    assert row.email_confirmed_at is not None


def test_an_unconfirmed_application_cannot_be_decided(
    app, client_for, city_a, cohort_a, coordinator
):
    assert (
        submit(client_for(city_a), cohort_a, "mentor", mentor_answers()).status_code
        == 302
    )
    (row,) = _applications(app, city_a)
    staff = coordinator(city_a)
    page = staff.get(f"/coordinator/applications/{row.id}?lang=en")
    token = CSRF_RE.search(page.get_data(as_text=True))
    assert token
    response = staff.post(
        f"/coordinator/applications/{row.id}/decision",
        data={"decision": "accept", "csrf_token": token.group(1) or token.group(2)},
    )
    assert response.status_code in (400, 404)
    (row,) = _applications(app, city_a)
    assert row.status == "submitted"


def test_applications_from_factories_are_confirmed(
    app, city_a, make_application, cohort_a
):
    make_application(city_a, cohort_a)
    (row,) = _applications(app, city_a)
    assert row.email_confirmed_at is not None
    assert tiny_pdf()
