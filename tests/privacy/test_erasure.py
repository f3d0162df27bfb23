"""A coordinator erases a person; the published figures stay the same."""

from __future__ import annotations

from mentoring.accounts.models import AccountSession, User
from mentoring.applications.models import Application, ApplicationFile
from mentoring.audit.models import AuditEntry
from mentoring.extensions import db
from mentoring.meetings.models import Meeting
from mentoring.privacy.models import ErasureRequest
from mentoring.programmes.models import Participant
from mentoring.results.queries import results
from tests.applications.factories import ApplicationFactory, CVFactory
from tests.benchmarking.conftest import (
    SECRET_COMMENT,
    SECRET_NOTE,
    figures,
    recompute,
    seed_city,
)
from tests.conftest import csrf_token, login
from tests.factories import UserFactory


def _setup(in_city, city, clock):  # noqa: ANN001
    seeded = seed_city(in_city, city, pairs=6, today=clock.today())
    with in_city(city):
        coordinator = UserFactory(role="coordinator")
        person = db.session.scalar(
            db.select(User).where(User.full_name == f"Mentee {city.slug} 0")
        )
        cohort_id = db.session.scalar(
            db.select(Participant.cohort_id).where(Participant.user_id == person.id)
        )
        application = ApplicationFactory(
            cohort_id=cohort_id, email=person.email, status="accepted",
            user_id=person.id, full_name=person.full_name,
        )  # fmt: skip
        CVFactory(application=application)
        db.session.add(
            AuditEntry(
                action="application.accept", subject_type="application",
                subject_id=application.id, subject_label=person.full_name,
            )
        )  # fmt: skip
        ids = (coordinator.email, person.id, person.email, application.id)
    return seeded, ids


def _results(app, in_city, city):  # noqa: ANN001
    with in_city(city):
        return results(city)


def test_erasure_keeps_figures_and_removes_identity(
    app, in_city, city_a, city_b, client_for, clock
):  # noqa: ANN001
    seed_city(in_city, city_b, pairs=6, today=clock.today())
    _seeded, (coordinator, person_id, email, application_id) = _setup(
        in_city, city_a, clock
    )
    recompute(app)
    before = (_results(app, in_city, city_a), figures(app))

    client = client_for(city_a)
    login(client, coordinator)
    page = client.get(f"/coordinator/people/{person_id}/erase?lang=en")
    assert page.status_code == 200 and "cannot be undone" in page.get_data(as_text=True)
    token = csrf_token(client, f"/coordinator/people/{person_id}/erase")
    refused = client.post(
        f"/coordinator/people/{person_id}/erase", data={"csrf_token": token}
    )
    assert refused.status_code == 400  # no confirmation: nothing erased
    with in_city(city_a):
        assert db.session.get(User, person_id).erased_at is None
    done = client.post(
        f"/coordinator/people/{person_id}/erase",
        data={"csrf_token": token, "confirm": "yes"},
    )
    assert done.status_code == 302

    recompute(app)
    assert (_results(app, in_city, city_a), figures(app)) == before
    with in_city(city_a):
        user = db.session.get(User, person_id)
        assert user.full_name == "Erased person" and user.email != email
        assert user.password_hash is None and not user.active and user.erased_at
        kept = db.select(Participant).where(Participant.user_id == user.id)
        assert db.session.scalar(kept)
        application = db.session.get(Application, application_id)
        assert application.full_name == "Erased person" and application.goals is None
        assert db.session.scalars(db.select(ApplicationFile)).all() == []
        labels = db.session.scalars(db.select(AuditEntry.subject_label)).all()
        assert f"Mentee {city_a.slug} 0" not in labels
        assert (
            db.session.scalar(
                db.select(AuditEntry).where(AuditEntry.action == "person.erase")
            ).detail
            == {}
        )
        assert not db.session.scalars(
            db.select(AccountSession).where(
                AccountSession.user_id == user.id, AccountSession.ended_at.is_(None)
            )
        ).all()
    with in_city(city_b):  # the other city is untouched
        notes = db.session.scalars(db.select(Meeting.notes)).all()
        assert notes and set(notes) == {SECRET_NOTE}


def test_erasure_clears_notes_and_free_text_and_runs_once(app, in_city, city_a, clock):  # noqa: ANN001
    from mentoring.privacy.services import erase_person
    from mentoring.surveys.models import SurveyAnswer

    _seeded, (_c, person_id, _e, _a) = _setup(in_city, city_a, clock)
    with in_city(city_a):
        user = db.session.get(User, person_id)
        db.session.add(ErasureRequest(user_id=user.id, requested_at=clock.now()))
        assert erase_person(user, by_coordinator=False)
        assert not erase_person(user, by_coordinator=False)  # twice: nothing more
        assert db.session.scalar(db.select(ErasureRequest.done_at))
        answers = [a.value for a in db.session.scalars(db.select(SurveyAnswer))]
        assert SECRET_COMMENT in answers  # others' comments stay
        assert (
            answers.count(SECRET_COMMENT) == 5
        )  # six mentees wrote it; the erased one's is gone
        notes = db.session.scalars(db.select(Meeting.notes)).all()
        assert "" in notes and SECRET_NOTE in notes


def test_coordinator_cannot_be_erased_and_other_city_404(
    in_city, city_a, city_b, client_for
):  # noqa: ANN001
    with in_city(city_a):
        coordinator = UserFactory(role="coordinator")
        colleague = UserFactory(role="coordinator")
    with in_city(city_b):
        stranger = UserFactory(role="mentee")
    client = client_for(city_a)
    login(client, coordinator.email)
    assert client.get(f"/coordinator/people/{stranger.id}/erase").status_code == 404
    assert client.get(f"/coordinator/people/{colleague.id}/erase").status_code == 302
