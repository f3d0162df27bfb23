"""Consent records: recorded when applying, withdrawn on "My data"; surveys stop."""

from __future__ import annotations

from datetime import timedelta

from mentoring.accounts.models import User
from mentoring.applications.models import Application
from mentoring.core.scoping import cross_tenant
from mentoring.extensions import db
from mentoring.privacy.models import ConsentRecord
from mentoring.surveys.jobs import due_invitations
from tests.applications.factories import ApplicationFactory
from tests.conftest import csrf_token, login
from tests.factories import CohortFactory, ParticipantFactory


def test_applying_records_each_purpose(in_city, city_a):  # noqa: ANN001
    from mentoring.privacy.services import record_application_consents

    with in_city(city_a):
        application = ApplicationFactory()
        record_application_consents(application)
        rows = db.session.scalars(db.select(ConsentRecord)).all()
        assert {r.purpose for r in rows} == {
            "application", "evaluation_surveys", "network_statistics",
        }  # fmt: skip
        assert all(r.given_at and r.text_version and not r.withdrawn_at for r in rows)


def test_withdrawn_evaluation_consent_stops_surveys(
    app, in_city, city_a, city_b, client_for, clock
):  # noqa: ANN001
    from mentoring.privacy.services import record_application_consents

    with in_city(city_a):
        cohort = CohortFactory(
            status="closed",
            starts_on=clock.today() - timedelta(days=130),
            ends_on=clock.today() - timedelta(days=5),
        )
        participant = ParticipantFactory(cohort=cohort, user__role="mentee")
        application = ApplicationFactory(
            cohort=cohort, email=participant.user.email, user_id=participant.user.id,
            status="accepted",
        )  # fmt: skip
        record_application_consents(db.session.get(Application, application.id))
        user_id, email = participant.user.id, participant.user.email
        pid = participant.id
    with app.app_context(), cross_tenant(db.session, "test"):
        assert pid in {p for _t, p, _k in due_invitations(clock.now())}

    client = client_for(city_a)
    login(client, email)
    page = client.get("/me/data")
    assert page.status_code == 200
    with in_city(city_a):
        record = db.session.scalar(
            db.select(ConsentRecord).where(
                ConsentRecord.purpose == "evaluation_surveys"
            )
        )
    token = csrf_token(client, "/me/data")
    bad = client.post(f"/me/data/consents/{record.id}/withdraw", data={})
    assert bad.status_code == 400  # no token: nothing changed
    with in_city(city_a):
        assert db.session.get(ConsentRecord, record.id).withdrawn_at is None
    client.post(f"/me/data/consents/{record.id}/withdraw", data={"csrf_token": token})
    with in_city(city_a):
        assert db.session.get(ConsentRecord, record.id).withdrawn_at is not None
        assert db.session.get(User, user_id).surveys_declined_at is not None
    with app.app_context(), cross_tenant(db.session, "test"):
        assert pid not in {p for _t, p, _k in due_invitations(clock.now())}

    other = client_for(city_b)  # another city's host knows no such consent
    response = other.post(f"/me/data/consents/{record.id}/withdraw")
    assert response.status_code in (400, 404)


def test_ask_for_erasure_tells_coordinators(in_city, city_a, client_for, outbox):  # noqa: ANN001
    from mentoring.privacy.models import ErasureRequest
    from tests.factories import UserFactory

    with in_city(city_a):
        UserFactory(role="coordinator", email="coord@example.org")
        person = UserFactory(role="mentee")
    client = client_for(city_a)
    login(client, person.email)
    token = csrf_token(client, "/me/data")
    response = client.post("/me/data/erasure", data={"csrf_token": token})
    assert response.status_code == 302
    client.post("/me/data/erasure", data={"csrf_token": token})  # twice: one request
    with in_city(city_a):
        assert len(db.session.scalars(db.select(ErasureRequest)).all()) == 1
    to = [m["To"] for m in outbox()]
    assert to.count("coord@example.org") == 1
    assert "You asked for erasure" in client.get("/me/data?lang=en").get_data(
        as_text=True
    )
