"""People, managed: withdraw, edit, add without an application, deactivate,
invite a colleague coordinator, and the waiting list's offer of a freed place."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from flask import Flask

from mentoring.accounts.models import AccountSession, User
from mentoring.applications.models import Application
from mentoring.audit.models import AuditEntry
from mentoring.core.models import utcnow
from mentoring.core.scoping import cross_tenant, set_tenant
from mentoring.extensions import db
from mentoring.programmes.models import Pair, Participant
from tests.conftest import CSRF_RE, PASSWORD, body_text, link_in, login


def read(app: Flask, tenant: Any, model: Any, *where: Any) -> list[Any]:
    with app.app_context():
        set_tenant(db.session, tenant.id)
        rows = list(db.session.scalars(db.select(model).where(*where)))
        db.session.expunge_all()
        return rows


def token_of(client: Any, path: str) -> str:
    match = CSRF_RE.search(client.get(path).get_data(as_text=True))
    assert match, f"no CSRF token on {path}"
    return match.group(1) or match.group(2)


def post(client: Any, path: str, **data: Any) -> Any:
    """Answer the form on ``path`` (its GET shows the question, or the form)."""
    return client.post(path, data={"csrf_token": token_of(client, path), **data})


def actions(app: Flask, tenant: Any) -> list[str]:
    return sorted(e.action for e in read(app, tenant, AuditEntry))


@pytest.fixture
def coordinator(client_for: Any, make_user: Any) -> Any:
    """``coordinator(tenant)``: that city's coordinator, signed in, in English."""

    def make(tenant: Any) -> Any:
        client = client_for(tenant)
        user = make_user(tenant, role="coordinator", locale="en")
        assert login(client, user.email).status_code == 302
        client.get("/?lang=en")
        return client

    return make


@pytest.fixture
def paired(city_a: Any, in_city: Any) -> Any:
    """A running cohort with one pair; returns (cohort, pair, mentee, mentor) ids."""
    from tests.factories import PairFactory

    with in_city(city_a):
        pair = PairFactory(
            mentee__user__locale="en", mentor__user__locale="en", cohort__name="Spring"
        )
        return pair.cohort_id, pair.id, pair.mentee_id, pair.mentor_id


def withdraw_path(cohort_id: Any, participant_id: Any) -> str:
    return f"/coordinator/cohorts/{cohort_id}/participants/{participant_id}/withdraw"


# -- withdraw ---------------------------------------------------------------------


def test_withdraw_asks_first_then_ends_the_pair_and_is_audited(
    app, city_a, coordinator, paired
):
    cohort_id, pair_id, mentee_id, _ = paired
    client = coordinator(city_a)
    path = withdraw_path(cohort_id, mentee_id)
    question = client.get(path)
    assert question.status_code == 200
    assert "cannot be undone" in question.get_data(as_text=True)
    assert read(app, city_a, Pair)  # asking changed nothing

    response = post(client, path, reason="Found a job")
    assert response.status_code == 302
    (mentee,) = read(app, city_a, Participant, Participant.id == mentee_id)
    assert mentee.withdrawn_at is not None
    assert mentee.withdrawal_reason == "Found a job"
    assert read(app, city_a, Pair, Pair.id == pair_id) == []
    assert actions(app, city_a) == ["pair.delete", "participant.withdraw"]
    page = client.get(f"/coordinator/cohorts/{cohort_id}").get_data(as_text=True)
    assert "Withdrawn" in page and "Found a job" in page


def test_withdraw_without_a_reason_is_refused(app, city_a, coordinator, paired):
    cohort_id, _, mentee_id, _ = paired
    client = coordinator(city_a)
    response = post(client, withdraw_path(cohort_id, mentee_id), reason="")
    assert response.status_code == 400
    (mentee,) = read(app, city_a, Participant, Participant.id == mentee_id)
    assert mentee.withdrawn_at is None
    assert read(app, city_a, Pair)


def test_nobody_is_withdrawn_from_a_closed_cohort(
    app, city_a, in_city, coordinator, paired
):
    from mentoring.programmes.models import Cohort

    cohort_id, _, mentee_id, _ = paired
    with in_city(city_a):
        db.session.scalar(
            db.select(Cohort).where(Cohort.id == cohort_id)
        ).status = "closed"
    client = coordinator(city_a)
    response = client.get(withdraw_path(cohort_id, mentee_id))
    assert response.status_code == 302
    (mentee,) = read(app, city_a, Participant, Participant.id == mentee_id)
    assert mentee.withdrawn_at is None


def test_withdrawn_participants_get_no_reminders_or_surveys(
    app, city_a, in_city, coordinator, paired
):
    from mentoring.events.jobs import enqueue_due_reminders
    from mentoring.surveys.jobs import due_invitations
    from tests.events.factories import EventFactory, InvitationFactory

    cohort_id, _, mentee_id, mentor_id = paired
    now = utcnow()
    with in_city(city_a):
        cohort = db.session.get(Participant, mentee_id).cohort
        soon = EventFactory(cohort=cohort, starts_at=now + timedelta(hours=30))
        for pid in (mentee_id, mentor_id):
            InvitationFactory(event=soon, participant=db.session.get(Participant, pid))
        EventFactory(cohort=cohort, kind="midway", starts_at=now - timedelta(hours=1))

    def due() -> tuple[int, set[Any]]:
        with app.app_context():
            reminders = enqueue_due_reminders(now)
            db.session.rollback()  # count only: no job runs
            with cross_tenant(db.session, "test: what the tick finds"):
                surveys = {pid for _, pid, key in due_invitations(now)}
            return reminders, surveys

    assert due() == (2, {mentee_id, mentor_id})
    post(coordinator(city_a), withdraw_path(cohort_id, mentee_id), reason="Moved")
    assert due() == (1, {mentor_id})


def test_withdrawing_frees_the_place_and_the_summary_counts_them_apart(
    app, city_a, in_city, coordinator, paired
):
    from mentoring.home.summaries import summarise
    from mentoring.programmes.models import Cohort
    from tests.applications.factories import ApplicationFactory

    cohort_id, _, mentee_id, _ = paired
    with in_city(city_a):
        mentee = db.session.get(Participant, mentee_id)
        ApplicationFactory(
            cohort=mentee.cohort,
            email=mentee.user.email,
            user_id=mentee.user_id,
            status="accepted",
        )
    post(coordinator(city_a), withdraw_path(cohort_id, mentee_id), reason="Ill")
    (application,) = read(app, city_a, Application)
    assert application.status == "withdrawn"
    with app.app_context():
        set_tenant(db.session, city_a.id)
        cohort = db.session.scalar(db.select(Cohort).where(Cohort.id == cohort_id))
        (summary,) = summarise([cohort])
    assert (summary.mentees, summary.mentors) == (0, 1)
    assert summary.withdrawn == {"mentee": 1, "mentor": 0}


# -- the waiting list's offer -------------------------------------------------------


def test_a_freed_place_offers_the_earliest_waitlisted_and_one_click_accepts(
    app, city_a, in_city, coordinator, paired, outbox
):
    from tests.applications.factories import ApplicationFactory

    cohort_id, _, mentee_id, _ = paired
    now = utcnow()
    with in_city(city_a):
        cohort = db.session.get(Participant, mentee_id).cohort
        cohort.mentee_capacity = 1
        for name, age in (("Later Lis", 1), ("First Frida", 3), ("Middle Mo", 2)):
            ApplicationFactory(
                cohort=cohort,
                full_name=name,
                status="waitlisted",
                created_at=now - timedelta(days=age),
            )
    client = coordinator(city_a)
    review = f"/coordinator/applications/?cohort={cohort_id}"
    assert "A place for a mentee is free" not in client.get(review).get_data(
        as_text=True
    )
    post(client, withdraw_path(cohort_id, mentee_id), reason="Moved away")
    page = client.get(review).get_data(as_text=True)
    assert (
        "A place for a mentee is free: First Frida is first on the waiting list."
        in (page)
    )
    cohort_page = client.get(f"/coordinator/cohorts/{cohort_id}")
    assert "First Frida is first" in cohort_page.get_data(as_text=True)

    (frida,) = read(app, city_a, Application, Application.full_name == "First Frida")
    response = client.post(
        f"/coordinator/applications/{frida.id}/decision",
        data={
            "decision": "accept",
            "seen": "waitlisted",
            "csrf_token": token_of(client, review),
        },
    )
    assert response.status_code == 302
    (frida,) = read(app, city_a, Application, Application.id == frida.id)
    assert frida.status == "accepted"
    assert "is free" not in client.get(review).get_data(as_text=True)


# -- edit -------------------------------------------------------------------------


def test_edit_a_persons_details(app, city_a, coordinator, make_user):
    person = make_user(city_a, role="mentor", full_name="Old Name", email="o@x.dk")
    client = coordinator(city_a)
    response = post(
        client,
        f"/coordinator/people/{person.id}/edit",
        full_name="New Name",
        email="New@X.dk ",
        phone="+45 11 22 33 44",
        locale="da",
    )
    assert response.status_code == 302
    (user,) = read(app, city_a, User, User.id == person.id)
    assert (user.full_name, user.email, user.phone, user.locale) == (
        "New Name",
        "new@x.dk",
        "+45 11 22 33 44",
        "da",
    )
    assert actions(app, city_a) == ["person.edit"]


def test_a_duplicate_email_is_refused_in_danish_and_nothing_changes(
    app, city_a, coordinator, make_user
):
    make_user(city_a, email="taken@x.dk")
    person = make_user(city_a, role="mentor", full_name="Kim", email="kim@x.dk")
    client = coordinator(city_a)
    client.get("/?lang=da")
    response = post(
        client,
        f"/coordinator/people/{person.id}/edit",
        full_name="Kim Renamed",
        email="taken@x.dk",
        phone="",
        locale="da",
    )
    assert response.status_code == 400
    assert "En anden person i byen har denne e-mail." in response.get_data(as_text=True)
    (user,) = read(app, city_a, User, User.id == person.id)
    assert (user.full_name, user.email) == ("Kim", "kim@x.dk")
    assert actions(app, city_a) == []


def test_the_same_email_in_another_city_is_fine(
    app, city_a, city_b, coordinator, make_user
):
    make_user(city_b, email="both@x.dk")
    person = make_user(city_a, email="one@x.dk")
    response = post(
        coordinator(city_a),
        f"/coordinator/people/{person.id}/edit",
        full_name="Both",
        email="both@x.dk",
        phone="",
        locale="en",
    )
    assert response.status_code == 302


# -- add without an application ---------------------------------------------------


def test_add_a_returning_mentor_who_is_told_by_email(
    app, city_a, in_city, coordinator, make_user, outbox
):
    from tests.factories import CohortFactory

    mentor = make_user(city_a, role="mentor", email="back@x.dk", locale="en")
    with in_city(city_a):
        cohort = CohortFactory(name="Autumn", status="recruiting")
    path = f"/coordinator/cohorts/{cohort.id}/participants/add"
    response = post(
        coordinator(city_a),
        path,
        email="Back@x.dk",
        full_name="ignored",
        role="mentor",
        locale="en",
    )
    assert response.status_code == 302
    (row,) = read(app, city_a, Participant, Participant.cohort_id == cohort.id)
    assert (row.user_id, row.role) == (mentor.id, "mentor")
    assert len(read(app, city_a, User, User.email == "back@x.dk")) == 1
    (message,) = [m for m in outbox() if m["To"].addresses[0].addr_spec == "back@x.dk"]
    assert "You have a place as a mentor in Autumn" in body_text(message)
    assert actions(app, city_a) == ["participant.add"]
    again = post(
        coordinator(city_a),
        path,
        email="back@x.dk",
        full_name="x",
        role="mentor",
        locale="en",
    )
    assert again.status_code == 400
    assert "already in the cohort" in again.get_data(as_text=True)


def test_add_a_new_person_creates_an_account_and_invites_them(
    app, city_a, in_city, coordinator, outbox
):
    from tests.factories import CohortFactory

    with in_city(city_a):
        cohort = CohortFactory(status="running")
    response = post(
        coordinator(city_a),
        f"/coordinator/cohorts/{cohort.id}/participants/add",
        email="fresh@x.dk",
        full_name="Fresh Mentor",
        role="mentor",
        locale="da",
    )
    assert response.status_code == 302
    (user,) = read(app, city_a, User, User.email == "fresh@x.dk")
    assert (user.role, user.locale, user.password_hash) == ("mentor", "da", None)
    (message,) = [m for m in outbox() if m["To"].addresses[0].addr_spec == "fresh@x.dk"]
    assert "/invitation/" in link_in(message)


# -- deactivate -------------------------------------------------------------------


def test_deactivate_asks_ends_sessions_and_login_fails(
    app, city_a, client_for, coordinator, make_user
):
    person = make_user(city_a, role="mentee", email="gone@x.dk")
    theirs = client_for(city_a)
    assert login(theirs, person.email).status_code == 302
    assert theirs.get("/me/").status_code == 200

    client = coordinator(city_a)
    path = f"/coordinator/people/{person.id}/deactivate"
    assert "Deactivate" in client.get(path).get_data(as_text=True)
    assert read(app, city_a, User, User.id == person.id)[0].active  # only asked
    assert post(client, path).status_code == 302

    (user,) = read(app, city_a, User, User.id == person.id)
    assert user.active is False
    sessions = read(app, city_a, AccountSession, AccountSession.user_id == person.id)
    assert sessions and all(s.end_reason == "deactivated" for s in sessions)
    assert theirs.get("/me/").status_code == 302  # signed out: to the login page
    assert login(client_for(city_a), person.email, PASSWORD).status_code != 302
    assert actions(app, city_a) == ["account.deactivate"]

    again = client.post(
        f"/coordinator/people/{person.id}/reactivate",
        data={"csrf_token": token_of(client, f"/coordinator/people/{person.id}")},
        headers={"HX-Request": "true"},
    )
    assert again.status_code == 200
    assert "can sign in again" in again.get_data(as_text=True)
    assert login(client_for(city_a), person.email, PASSWORD).status_code == 302


# -- invite a colleague -----------------------------------------------------------


def test_invite_a_colleague_coordinator(app, city_a, coordinator, outbox, make_user):
    client = coordinator(city_a)
    path = "/coordinator/people/invite-coordinator"
    response = post(client, path, full_name="Colleague", email="col@x.dk", locale="da")
    assert response.status_code == 302
    (user,) = read(app, city_a, User, User.email == "col@x.dk")
    assert (user.role, user.password_hash) == ("coordinator", None)
    (message,) = [m for m in outbox() if m["To"].addresses[0].addr_spec == "col@x.dk"]
    link = link_in(message)
    assert link.startswith(f"http://{city_a.subdomain}.") and "/invitation/" in link
    assert message["Subject"].startswith("Velkommen")  # in her language
    assert actions(app, city_a) == ["coordinator.invite"]

    make_user(city_a, email="dup@x.dk")
    refused = post(client, path, full_name="Dup", email="dup@x.dk", locale="en")
    assert refused.status_code == 400


# -- who may -----------------------------------------------------------------------


@pytest.fixture
def paths(city_b, in_city, make_user, paired) -> list[tuple[str, str]]:
    """Every new page, with another city's ids (for the 404 test)."""
    from tests.factories import PairFactory

    person = make_user(city_b)
    with in_city(city_b):
        pair = PairFactory()
        cohort_id, mentee_id = pair.cohort_id, pair.mentee_id
    return [
        ("get", f"/coordinator/people/{person.id}"),
        ("get", f"/coordinator/people/{person.id}/edit"),
        ("get", f"/coordinator/people/{person.id}/deactivate"),
        ("post", f"/coordinator/people/{person.id}/reactivate"),
        ("get", withdraw_path(cohort_id, mentee_id)),
        ("get", f"/coordinator/cohorts/{cohort_id}/participants/add"),
    ]


def test_another_citys_ids_are_not_found(city_a, coordinator, paths):
    client = coordinator(city_a)
    token = token_of(client, "/coordinator/people/invite-coordinator")
    for method, path in paths:
        response = getattr(client, method)(path, data={"csrf_token": token})
        assert response.status_code == 404, path


def test_participants_cannot_manage_people(app, city_a, client_for, make_user, paired):
    cohort_id, _, mentee_id, mentor_id = paired
    (mentor,) = read(app, city_a, Participant, Participant.id == mentor_id)
    (user,) = read(app, city_a, User, User.id == mentor.user_id)
    client = client_for(city_a)
    assert login(client, user.email).status_code == 302
    token = token_of(client, "/me/")
    for path in (
        f"/coordinator/people/{user.id}",
        f"/coordinator/people/{user.id}/edit",
        f"/coordinator/people/{user.id}/deactivate",
        withdraw_path(cohort_id, mentee_id),
        f"/coordinator/cohorts/{cohort_id}/participants/add",
        "/coordinator/people/invite-coordinator",
    ):
        assert client.get(path).status_code == 403, path
        answer = client.post(path, data={"csrf_token": token, "reason": "x"})
        assert answer.status_code in (403, 405), path
    (mentee,) = read(app, city_a, Participant, Participant.id == mentee_id)
    assert mentee.withdrawn_at is None
