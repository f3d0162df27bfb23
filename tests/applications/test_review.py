"""The coordinator's review: list, filters, detail, CV, decisions, invitations."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask

from mentoring.accounts.models import User
from mentoring.applications.models import Application, MessageTemplate
from mentoring.audit.models import AuditEntry
from mentoring.core.scoping import set_tenant
from mentoring.extensions import db
from mentoring.programmes.models import Participant
from tests.applications.helpers import tiny_pdf
from tests.conftest import CSRF_RE, body_text, link_in, login

LIST = "/coordinator/applications/"


def read(app: Flask, tenant: Any, model: Any, *where: Any) -> list[Any]:
    with app.app_context():
        set_tenant(db.session, tenant.id)
        rows = list(db.session.scalars(db.select(model).where(*where)))
        db.session.expunge_all()
        return rows


def token_of(client: Any, path: str = LIST) -> str:
    match = CSRF_RE.search(client.get(path).get_data(as_text=True))
    assert match, f"no CSRF token on {path}"
    return match.group(1) or match.group(2)


def decide(client: Any, application_id: Any, decision: str, **extra: str) -> Any:
    """Press a decision button in the list, as htmx does (a rejection confirmed)."""
    token = token_of(client)
    if decision == "reject":
        extra.setdefault("confirm_reject", "yes")
    return client.post(
        f"{LIST}{application_id}/decision",
        data={"decision": decision, **extra},
        headers={"HX-Request": "true", "X-CSRFToken": token},
    )


def status_of(app: Flask, tenant: Any, application_id: Any) -> str:
    (row,) = read(app, tenant, Application, Application.id == application_id)
    return row.status


def actions(app: Flask, tenant: Any) -> list[str]:
    return sorted(e.action for e in read(app, tenant, AuditEntry))


@pytest.fixture
def a_client(city_a, coordinator):
    """Lyngby's coordinator, working in English (the city's default is Danish)."""
    client = coordinator(city_a)
    client.get("/?lang=en")
    return client


# -- the list ---------------------------------------------------------------------


def test_the_list_shows_the_newest_open_cohort_by_default(
    a_client, city_a, open_cohort, make_application
):
    from datetime import date

    old = open_cohort(city_a, name="Old", status="closed", starts_on=date(2025, 1, 1))
    new = open_cohort(city_a, name="New", starts_on=date(2026, 9, 1))
    make_application(city_a, old, full_name="Olga Old")
    make_application(city_a, new, full_name="Nina New")
    html = a_client.get(LIST + "?lang=en").get_data(as_text=True)
    assert "<h1" in html and "Applications" in html
    assert "Nina New" in html and "Olga Old" not in html
    assert "1 application." in html
    html = a_client.get(f"{LIST}?cohort={old}").get_data(as_text=True)
    assert "Olga Old" in html and "Nina New" not in html


def test_filters_and_search(a_client, city_a, cohort_a, make_application):
    make_application(city_a, cohort_a, full_name="Ana Mentee", profession="Chemist")
    make_application(
        city_a,
        cohort_a,
        full_name="Mads Mentor",
        role="mentor",
        employer="Novo Nordisk",
        profession=None,
    )
    make_application(
        city_a,
        cohort_a,
        full_name="Rita Rejected",
        status="rejected",
        profession="Nurse",
    )

    def names(query: str) -> set[str]:
        html = a_client.get(f"{LIST}?cohort={cohort_a}&{query}").get_data(as_text=True)
        return set(re.findall(r">(\w+ \w+)</a><br>", html))

    assert names("role=mentor") == {"Mads Mentor"}
    assert names("role=mentee") == {"Ana Mentee", "Rita Rejected"}
    assert names("status=rejected") == {"Rita Rejected"}
    assert names("q=novo") == {"Mads Mentor"}
    assert names("q=CHEMIST") == {"Ana Mentee"}
    assert names("q=rita") == {"Rita Rejected"}
    assert names("role=nonsense&status=nonsense") == {
        "Ana Mentee",
        "Mads Mentor",
        "Rita Rejected",
    }


def test_htmx_gets_only_the_list(a_client, city_a, cohort_a, make_application):
    make_application(city_a, cohort_a, full_name="Ana Mentee")
    response = a_client.get(f"{LIST}?q=ana", headers={"HX-Request": "true"})
    html = response.get_data(as_text=True)
    assert html.lstrip().startswith('<div id="applications-list"')
    assert "<html" not in html and "Ana Mentee" in html
    assert "HX-Request" in response.headers["Vary"]


def test_the_list_works_in_danish(a_client, city_a, cohort_a, make_application):
    make_application(city_a, cohort_a, full_name="Ana Mentee")
    html = a_client.get(LIST + "?lang=da").get_data(as_text=True)
    assert '<html lang="da">' in html and "Ana Mentee" in html


def test_the_list_runs_the_same_few_queries_at_5_and_40_applications(
    a_client, city_a, cohort_a, make_application, count_queries
):
    counts = []
    for size, more in ((5, 5), (40, 35)):
        for n in range(more):
            role = "mentor" if n % 3 else "mentee"
            make_application(city_a, cohort_a, cv=n % 2 == 0, role=role)
        a_client.get(LIST)  # warm up: the session, the tenant
        with count_queries() as counter:
            response = a_client.get(LIST)
        html = response.get_data(as_text=True)
        assert html.count('<tr id="application-') == size
        counts.append(counter.count)
    assert counts[0] == counts[1] <= 10, counter.statements


def test_participants_and_strangers_cannot_review(
    client_for, city_a, make_user, cohort_a
):
    assert client_for(city_a).get(LIST).status_code == 302
    mentee = client_for(city_a)
    login(mentee, make_user(city_a, role="mentee").email)
    assert mentee.get(LIST).status_code == 403


# -- one application, its CV ----------------------------------------------------------


def test_the_detail_page_shows_the_answers_and_the_cv_link(
    a_client, city_a, cohort_a, make_application
):
    app_id = make_application(
        city_a,
        cohort_a,
        cv=True,
        full_name="Ana Souza",
        goals="Work in a lab\n<b>soon</b>",
        linkedin="https://www.linkedin.com/in/ana",
        target_sectors=["life_science", "it"],
    )
    html = a_client.get(f"{LIST}{app_id}?lang=en").get_data(as_text=True)
    assert "<h1>Ana Souza</h1>" in html
    assert "Life science and pharma, IT and software" in html
    assert "Work in a lab<br>&lt;b&gt;soon&lt;/b&gt;" in html
    assert 'href="https://www.linkedin.com/in/ana"' in html
    assert f'href="{LIST}{app_id}/cv"' in html
    assert "2026-11" in html  # the consent's version


def test_the_cv_downloads_as_a_pdf_and_is_audited(
    app, a_client, city_a, cohort_a, make_application
):
    app_id = make_application(city_a, cohort_a, cv=True, full_name="Ana Souza")
    response = a_client.get(f"{LIST}{app_id}/cv")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert response.data == tiny_pdf()
    (entry,) = read(app, city_a, AuditEntry)
    assert (entry.action, entry.subject_id, entry.subject_label) == (
        "application.view_cv",
        app_id,
        "Ana Souza",
    )


def test_no_cv_is_not_found(a_client, city_a, cohort_a, make_application):
    app_id = make_application(city_a, cohort_a, role="mentor")
    assert a_client.get(f"{LIST}{app_id}/cv").status_code == 404


def test_another_citys_application_is_not_found(
    app, city_a, city_b, coordinator, cohort_a, make_application
):
    app_id = make_application(city_a, cohort_a, cv=True)
    b_client = coordinator(city_b)
    assert b_client.get(f"{LIST}{app_id}").status_code == 404
    assert b_client.get(f"{LIST}{app_id}/cv").status_code == 404
    assert decide(b_client, app_id, "accept").status_code == 404
    assert status_of(app, city_a, app_id) == "submitted"
    assert read(app, city_b, AuditEntry) == []
    assert app_id.hex not in b_client.get(LIST).get_data(as_text=True)


# -- decisions -------------------------------------------------------------------


def test_accepting_creates_the_account_and_sends_the_invitation(
    app, a_client, client_for, city_a, cohort_a, make_application, outbox
):
    app_id = make_application(
        city_a,
        cohort_a,
        full_name="Ana Souza",
        email="ana@example.org",
        phone="+45 11 22 33 44",
        locale="en",
    )
    response = decide(a_client, app_id, "accept")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert html.lstrip().startswith(f'<tr id="application-{app_id}"')
    assert "Accepted" in html and "has been sent an e-mail" in html
    assert response.headers["HX-Trigger"] == "applications-changed"  # counts refresh

    (user,) = read(app, city_a, User, User.email == "ana@example.org")
    assert (user.role, user.full_name, user.phone, user.locale) == (
        "mentee",
        "Ana Souza",
        "+45 11 22 33 44",
        "en",
    )
    assert user.password_hash is None
    (application,) = read(app, city_a, Application, Application.id == app_id)
    assert application.user_id == user.id and application.decided_at is not None
    (participant,) = read(app, city_a, Participant, Participant.user_id == user.id)
    assert (participant.cohort_id, participant.role) == (cohort_a, "mentee")
    assert actions(app, city_a) == ["application.accept"]

    (mail,) = outbox()
    assert mail["To"] == "ana@example.org"
    assert mail["Content-Language"] == "en"
    assert mail["Subject"] == "Welcome: choose your password"
    _set_password_with(client_for(city_a), link_in(mail))
    assert (
        login(client_for(city_a), "ana@example.org", "a new long password").status_code
        == 302
    )


def _set_password_with(client: Any, link: str) -> None:
    page = client.get(link)
    assert page.status_code == 200
    token = CSRF_RE.search(page.get_data(as_text=True))
    data = {
        "password": "a new long password",
        "confirm": "a new long password",
        "csrf_token": token.group(1) or token.group(2),
    }
    assert client.post(link, data=data).status_code == 302


def test_the_invitation_speaks_the_applicants_language(
    app, a_client, city_a, cohort_a, make_application, outbox
):
    app_id = make_application(city_a, cohort_a, locale="da")
    a_client.get(LIST + "?lang=en")  # the coordinator works in English
    decide(a_client, app_id, "accept")
    (mail,) = outbox()
    assert mail["Content-Language"] == "da"


def test_a_plain_form_post_redirects_back_with_a_message(
    app, a_client, city_a, cohort_a, make_application
):
    app_id = make_application(city_a, cohort_a, full_name="Ana Souza")
    back = f"{LIST}?cohort={cohort_a}&role=mentee"
    response = a_client.post(
        f"{LIST}{app_id}/decision",
        data={"decision": "waitlist", "next": back, "csrf_token": token_of(a_client)},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == back
    html = a_client.get(back + "&lang=en").get_data(as_text=True)
    assert "Ana Souza is on the waiting list" in html


def test_an_outside_next_is_ignored(a_client, city_a, cohort_a, make_application):
    app_id = make_application(city_a, cohort_a)
    response = a_client.post(
        f"{LIST}{app_id}/decision",
        data={
            "decision": "reject",
            "confirm_reject": "yes",
            "next": "//evil.example/",
            "csrf_token": token_of(a_client),
        },
    )
    assert response.headers["Location"] == f"{LIST}{app_id}"


def test_rejecting_asks_first_and_changes_nothing(
    app, a_client, city_a, cohort_a, make_application, outbox
):
    app_id = make_application(city_a, cohort_a, full_name="Ana Souza")
    asked = decide(a_client, app_id, "reject", confirm_reject="", seen="submitted")
    row = asked.get_data(as_text=True)
    assert asked.status_code == 200
    assert row.lstrip().startswith("<tr")  # htmx swaps the row in place
    assert "Reject Ana Souza? They get an e-mail" in row
    assert "1 person is told" in row
    assert 'name="confirm_reject" value="yes"' in row
    plain = a_client.post(
        f"{LIST}{app_id}/decision?lang=en",
        data={"decision": "reject", "csrf_token": token_of(a_client)},
    )
    assert "Reject Ana Souza?" in plain.get_data(as_text=True)
    assert "<h1>Ana Souza</h1>" in plain.get_data(as_text=True)
    assert status_of(app, city_a, app_id) == "submitted"
    assert outbox() == []
    assert actions(app, city_a) == []
    decide(a_client, app_id, "reject", seen="submitted")
    assert status_of(app, city_a, app_id) == "rejected"
    assert len(outbox()) == 1


def test_an_unknown_decision_is_a_bad_request(
    a_client, city_a, cohort_a, make_application
):
    app_id = make_application(city_a, cohort_a)
    assert decide(a_client, app_id, "promote").status_code == 400


@pytest.mark.parametrize(
    ("decision", "status", "action", "subject"),
    [
        ("waitlist", "waitlisted", "application.waitlist", "waiting list for Autumn"),
        ("reject", "rejected", "application.reject", "Your application to Autumn"),
    ],
)
def test_waitlist_and_reject_send_the_citys_default_message(
    app,
    a_client,
    city_a,
    cohort_a,
    make_application,
    outbox,
    decision,
    status,
    action,
    subject,
):
    app_id = make_application(city_a, cohort_a, full_name="Ana Souza", locale="en")
    response = decide(a_client, app_id, decision)
    assert response.status_code == 200
    assert status_of(app, city_a, app_id) == status
    assert actions(app, city_a) == [action]
    (mail,) = outbox()
    assert subject in mail["Subject"] and "2026" in mail["Subject"]
    assert "Dear Ana Souza," in body_text(mail)
    assert "{name}" not in body_text(mail)
    kinds = {(t.kind, t.locale) for t in read(app, city_a, MessageTemplate)}
    assert kinds == {(status, "en")}  # made from the default on first use
    assert decide(a_client, app_id, decision).status_code == 200  # again: nothing
    assert actions(app, city_a) == [action]
    assert len(outbox()) == 1


def test_the_danish_default_message_for_a_danish_applicant(
    app, a_client, city_a, cohort_a, make_application, outbox
):
    app_id = make_application(city_a, cohort_a, full_name="Ana Souza", locale="da")
    decide(a_client, app_id, "reject")
    (mail,) = outbox()
    assert mail["Content-Language"] == "da"
    assert "Kære Ana Souza" in body_text(mail)


def test_a_waitlisted_applicant_can_still_be_accepted(
    app, a_client, city_a, cohort_a, make_application
):
    app_id = make_application(city_a, cohort_a, status="waitlisted")
    decide(a_client, app_id, "accept")
    assert status_of(app, city_a, app_id) == "accepted"


def test_an_accepted_application_stays_accepted(
    app, a_client, city_a, cohort_a, make_application, outbox
):
    app_id = make_application(city_a, cohort_a, full_name="Ana Souza")
    decide(a_client, app_id, "accept")
    html = decide(a_client, app_id, "reject").get_data(as_text=True)
    assert "already accepted" in html
    assert status_of(app, city_a, app_id) == "accepted"
    assert actions(app, city_a) == ["application.accept"]
    assert len(outbox()) == 1


def test_accepting_beyond_capacity_asks_first(
    app, a_client, city_a, open_cohort, make_application, outbox
):
    cohort = open_cohort(city_a, mentee_capacity=1)
    make_application(city_a, cohort, status="accepted")
    make_application(city_a, cohort, role="mentor")  # other role: not counted
    app_id = make_application(city_a, cohort, full_name="One Too Many")
    html = decide(a_client, app_id, "accept").get_data(as_text=True)
    assert "place for mentees is taken" in html and "Accept anyway" in html
    assert 'name="confirm" value="1"' in html
    assert "HX-Trigger" not in decide(a_client, app_id, "accept").headers
    assert status_of(app, city_a, app_id) == "submitted"
    assert actions(app, city_a) == [] and outbox() == []

    html = decide(a_client, app_id, "accept", confirm="1").get_data(as_text=True)
    assert "Accepted" in html
    assert status_of(app, city_a, app_id) == "accepted"
    assert actions(app, city_a) == ["application.accept"]


def test_without_javascript_the_capacity_warning_is_a_page(
    app, a_client, city_a, open_cohort, make_application
):
    cohort = open_cohort(city_a, mentor_capacity=0)
    app_id = make_application(city_a, cohort, role="mentor", full_name="Mads")
    response = a_client.post(
        f"{LIST}{app_id}/decision",
        data={"decision": "accept", "csrf_token": token_of(a_client)},
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "All 0 places for mentors are taken." in html and "<h1>Mads</h1>" in html
    assert status_of(app, city_a, app_id) == "submitted"


def test_a_returning_mentor_keeps_the_account_and_is_told_they_are_in(
    app, a_client, city_a, cohort_a, make_user, make_application, outbox
):
    mentor = make_user(city_a, role="mentor", email="mette@example.org", locale="en")
    app_id = make_application(
        city_a, cohort_a, role="mentor", email="mette@example.org", locale="en"
    )
    decide(a_client, app_id, "accept")
    (user,) = read(app, city_a, User, User.email == "mette@example.org")
    assert user.id == mentor.id and user.password_hash is not None
    (participant,) = read(app, city_a, Participant, Participant.user_id == user.id)
    assert participant.role == "mentor"
    (mail,) = outbox()
    assert mail["Subject"] == "You have a place in the new cohort"
    assert "Welcome back!" in body_text(mail)
    assert link_in(mail).endswith("/login")


def test_an_account_without_a_password_is_invited_again(
    app, a_client, city_a, cohort_a, make_user, make_application, outbox
):
    make_user(city_a, role="mentee", email="new@example.org", password_hash=None)
    app_id = make_application(city_a, cohort_a, email="new@example.org")
    decide(a_client, app_id, "accept")
    (mail,) = outbox()
    assert mail["Subject"] == "Welcome: choose your password"
    assert len(read(app, city_a, User, User.email == "new@example.org")) == 1


# -- the city's messages -----------------------------------------------------------


def test_the_messages_page_shows_the_defaults_in_both_languages(a_client):
    html = a_client.get(f"{LIST}messages?lang=en").get_data(as_text=True)
    assert "Decision e-mails" in html
    assert "{name}" in html and "{cohort}" in html
    assert html.count('<form method="post"') == 5  # four messages and sign-out
    assert "Kære {name}" in html and "Dear {name}," in html


def test_a_city_edits_a_message_and_it_is_used(
    app, a_client, city_a, city_b, cohort_a, make_application, outbox
):
    token = token_of(a_client, f"{LIST}messages")
    response = a_client.post(
        f"{LIST}messages/waitlisted/en",
        data={
            "csrf_token": token,
            "waitlisted-en-subject": "{cohort}: you are number {position}",
            "waitlisted-en-body": "Hi {name} <b>&</b>\r\n\r\nWe'll see. {0.__class__}",
        },
    )
    assert response.status_code == 302
    html = a_client.get(f"{LIST}messages").get_data(as_text=True)
    assert "you are number {position}" in html
    (saved,) = read(app, city_a, MessageTemplate)
    assert saved.body == "Hi {name} <b>&</b>\n\nWe'll see. {0.__class__}"
    assert read(app, city_b, MessageTemplate) == []  # only this city's

    app_id = make_application(city_a, cohort_a, full_name="Ana", locale="en")
    decide(a_client, app_id, "waitlist")
    (mail,) = outbox()
    assert mail["Subject"] == "Autumn 2026: you are number {position}"
    assert body_text(mail).startswith("Hi Ana <b>&</b>\n\nWe'll see. {0.__class__}")
    html_part = mail.get_body(("html",)).get_content()
    assert "<p>Hi Ana &lt;b&gt;&amp;&lt;/b&gt;</p>" in html_part
    assert "<b>&</b>" not in html_part


def test_an_empty_message_is_refused(app, a_client, city_a):
    token = token_of(a_client, f"{LIST}messages")
    response = a_client.post(
        f"{LIST}messages/rejected/da",
        data={"csrf_token": token, "rejected-da-subject": "", "rejected-da-body": "x"},
    )
    assert response.status_code == 400
    assert "Please enter a subject." in response.get_data(as_text=True)
    assert read(app, city_a, MessageTemplate) == []


def test_an_unknown_message_kind_or_language_is_not_found(a_client):
    token = token_of(a_client, f"{LIST}messages")
    for path in ("accepted/en", "rejected/de"):
        response = a_client.post(f"{LIST}messages/{path}", data={"csrf_token": token})
        assert response.status_code == 404


def test_the_messages_page_in_danish(a_client):
    html = a_client.get(f"{LIST}messages?lang=da").get_data(as_text=True)
    assert '<html lang="da">' in html
    assert 'lang="da"' in html and 'lang="en"' in html  # each text marked


def test_a_mentors_detail_page(a_client, city_a, cohort_a, make_application):
    app_id = make_application(
        city_a,
        cohort_a,
        role="mentor",
        full_name="Mads Holm",
        job_title="Engineering manager",
        employer="Novo Nordisk",
        sector="life_science",
        motivation="I was new once.",
        earlier_cohorts=2,
        profession=None,
    )
    html = a_client.get(f"{LIST}{app_id}").get_data(as_text=True)
    assert "Engineering manager" in html and "Novo Nordisk" in html
    assert "Life science and pharma" in html and "I was new once." in html
    assert "/cv" not in html  # mentors send no CV
