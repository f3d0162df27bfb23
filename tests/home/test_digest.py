"""The coordinators' daily digest: new applications and interview bookings since
the last digest, once per city and local day from 07:00, in each coordinator's
language; nothing new, nothing sent; a coordinator can turn it off."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from mentoring.accounts.models import User
from mentoring.applications.models import Application
from mentoring.core.models import utcnow
from mentoring.events import interviews
from mentoring.events.models import Event, InterviewSlot
from mentoring.extensions import db
from mentoring.home.digest_rules import (
    CANCELLED,
    CHANGED,
    NEW,
    digest_day,
    net_change,
)
from mentoring.home.jobs import enqueue_due_digests, send_coordinator_digest
from mentoring.home.models import CoordinatorDigest
from mentoring.programmes.models import Participant
from tests.conftest import body_text, csrf_token
from tests.events.conftest import Programme, build_programme, load
from tests.factories import UserFactory
from tests.mail.helpers import clear_mail_queue


@pytest.fixture(autouse=True)
def _clean_mail_queue(request: pytest.FixtureRequest) -> None:
    if "app" in request.fixturenames:
        clear_mail_queue(request.getfixturevalue("app"))


@pytest.fixture
def session(city_a, in_city) -> Programme:
    """An interview session in five days at 17:00 Copenhagen time, two pairs."""
    return build_programme(city_a, in_city, kind="interview_session")


def coordinator(tenant: Any, in_city: Any, locale: str = "en", **kw: Any) -> str:
    with in_city(tenant):
        return UserFactory(role="coordinator", locale=locale, **kw).email


def apply(tenant: Any, in_city: Any, cohort_id: Any, name: str, role: str) -> Any:
    with in_city(tenant):
        application = Application(
            cohort_id=cohort_id,
            role=role,
            email=f"{name.split()[0].lower()}@example.org",
            full_name=name,
            locale="da",
            consent_version="test",
            consented_at=utcnow(),
            email_confirmed_at=utcnow(),
        )
        db.session.add(application)
        db.session.flush()
        return application.id


def open_slot(tenant: Any, in_city: Any, session: Programme, interviewer: int, hour=0):
    """A 20-minute slot with mentor ``interviewer``, ``hour`` hours after the start."""
    with in_city(tenant):
        event = db.session.scalar(db.select(Event).where(Event.id == session.event_id))
        start = event.starts_at + timedelta(hours=hour)
        slot = InterviewSlot(
            event_id=event.id,
            interviewer_id=session.mentor_ids[interviewer],
            starts_at=start,
            ends_at=start + timedelta(minutes=20),
        )
        db.session.add(slot)
        db.session.flush()
        return slot.id


def _mentee(session: Programme, n: int) -> Participant:
    return db.session.scalar(
        db.select(Participant).where(Participant.id == session.mentee_ids[n])
    )


def book(tenant: Any, in_city: Any, session: Programme, slot_id: Any, mentee: int):
    with in_city(tenant):
        query = db.select(InterviewSlot).where(InterviewSlot.id == slot_id)
        slot = db.session.scalar(query)
        assert interviews.book(slot, _mentee(session, mentee)) is None


def cancel(tenant: Any, in_city: Any, session: Programme, mentee: int) -> None:
    with in_city(tenant):
        event = db.session.scalar(db.select(Event).where(Event.id == session.event_id))
        assert interviews.cancel(event, _mentee(session, mentee))


def run_digest(app: Any, tenant: Any, clock: Any) -> int:
    """The city's digest job as the worker runs it, a few minutes after the data
    was written (a digest covers up to a minute before it runs)."""
    clock.shift(timedelta(minutes=2))
    day = digest_day(utcnow(), tenant.timezone)
    with app.app_context():
        return send_coordinator_digest(str(tenant.id), day.isoformat())


def run_tick(app: Any) -> int:
    with app.app_context():
        owed = enqueue_due_digests()
        db.session.commit()
    return owed


def cities(app: Any) -> int:
    from mentoring.tenancy.models import Tenant

    with app.app_context():
        return len(db.session.scalars(db.select(Tenant.id)).all())


def to(outbox_messages: list[Any], address: str) -> list[Any]:
    return [m for m in outbox_messages if m["To"] == address]


def test_the_digest_lists_new_applications_and_bookings_with_links_in_city_time(
    app, city_a, in_city, session, outbox, clock
):
    cora = coordinator(city_a, in_city, "en", full_name="Cora English")
    application_id = apply(city_a, in_city, session.cohort_id, "Amira Hassan", "mentee")
    book(city_a, in_city, session, open_slot(city_a, in_city, session, 1), 0)

    assert run_digest(app, city_a, clock) == 2  # Cora and the programme's coordinator
    [mail] = to(outbox(), cora)
    assert mail["Subject"] == (
        "New applications and interview bookings in Lyngby-Taarbæk City of Knowledge"
    )
    assert mail["Content-Language"] == "en"
    assert "Lyngby-Taarbæk" in mail["From"]
    assert mail["Reply-To"]  # the city's contact address, as every city e-mail
    text = body_text(mail)
    assert "Hello Cora English," in text
    assert "New applications (1):" in text
    assert "- Amira Hassan, Mentee, " in text
    assert f"/coordinator/applications/{application_id}" in text
    assert "Job-interview bookings (1):" in text
    # 17:00 in Copenhagen (15:00 UTC), on the session's local date.
    assert (
        "Booked: Mentee 1 Person with Mentor 2 Person, Monday, 20 April 2026, 17:00"
    ) in text
    assert f"/coordinator/events/{session.event_id}/slots" in text
    html = mail.get_body(preferencelist=("html",)).get_content()
    assert f'href="http://{city_a.subdomain}.' in html
    assert f"/coordinator/applications/{application_id}" in html


def test_a_danish_coordinator_reads_it_in_danish(
    app, city_a, in_city, session, outbox, clock
):
    dorte = coordinator(city_a, in_city, "da", full_name="Dorte Dansk")
    apply(city_a, in_city, session.cohort_id, "Bo Mentorsen", "mentor")
    book(city_a, in_city, session, open_slot(city_a, in_city, session, 1), 0)
    run_digest(app, city_a, clock)

    [mail] = to(outbox(), dorte)
    assert mail["Content-Language"] == "da"
    assert mail["Subject"] == (
        "Nye ansøgninger og jobsamtalebookinger i Lyngby-Taarbæk Vidensby"
    )
    text = body_text(mail)
    assert "Hej Dorte Dansk" in text
    assert "Nye ansøgninger (1):" in text
    assert "- Bo Mentorsen, Mentor, " in text
    # 17:00 in Copenhagen, written the Danish way.
    assert (
        "Booket: Mentee 1 Person med Mentor 2 Person, mandag den 20. april 2026, 17.00"
    ) in text


def test_running_the_job_or_the_tick_twice_sends_nothing_twice(
    app, city_a, in_city, session, outbox, run_jobs, clock
):
    apply(city_a, in_city, session.cohort_id, "Amira Hassan", "mentee")
    assert run_digest(app, city_a, clock) == 1
    assert run_digest(app, city_a, clock) == 0
    assert run_tick(app) == cities(app) - 1  # city A's digest for today is made
    run_jobs()
    assert run_tick(app) == 0
    assert len(outbox()) == 1
    digests = load(app, city_a, CoordinatorDigest)
    assert [(d.day, d.applications, d.recipients) for d in digests] == [
        (digest_day(utcnow(), city_a.timezone), 1, 1)
    ]


def test_nothing_new_sends_nothing(app, city_a, in_city, session, outbox, clock):
    assert run_digest(app, city_a, clock) == 0
    assert outbox() == []
    [digest] = load(app, city_a, CoordinatorDigest)
    assert (digest.applications, digest.bookings, digest.recipients) == (0, 0, 0)


def test_the_next_digest_covers_only_what_came_after_the_last(
    app, city_a, in_city, session, outbox, clock
):
    apply(city_a, in_city, session.cohort_id, "Amira Hassan", "mentee")
    run_digest(app, city_a, clock)
    clock.shift(timedelta(days=1))
    apply(city_a, in_city, session.cohort_id, "Bo Mentorsen", "mentor")
    assert run_digest(app, city_a, clock) == 1
    first, second = outbox()
    assert "Amira Hassan" in body_text(first)
    assert "Bo Mentorsen" in body_text(second)
    assert "Amira Hassan" not in body_text(second)


def test_only_the_citys_active_coordinators_who_want_it_get_it(
    app, city_a, city_b, in_city, session, outbox, clock
):
    wants = coordinator(city_a, in_city, full_name="Wants It")
    gone = coordinator(city_a, in_city, full_name="Gone", active=False)
    off = coordinator(city_a, in_city, full_name="Turned Off", gets_digest=False)
    other_city = coordinator(city_b, in_city, full_name="Aarhus Coordinator")
    apply(city_a, in_city, session.cohort_id, "Amira Hassan", "mentee")

    run_digest(app, city_a, clock)
    run_digest(app, city_b, clock)  # city B has nothing new
    addresses = {m["To"] for m in outbox()}
    assert addresses == {wants, session.coordinator}
    assert not {gone, off, other_city} & addresses


def test_a_moved_and_a_cancelled_booking_are_told_a_same_day_round_trip_is_not(
    app, city_a, in_city, clock, outbox
):
    session = build_programme(city_a, in_city, pairs=3, kind="interview_session")
    cora = coordinator(city_a, in_city, "en")
    early, late = (
        open_slot(city_a, in_city, session, 2),
        open_slot(city_a, in_city, session, 2, hour=1),
    )
    other = open_slot(city_a, in_city, session, 0, hour=2)
    book(city_a, in_city, session, early, 0)
    book(city_a, in_city, session, other, 1)
    run_digest(app, city_a, clock)
    clock.shift(timedelta(days=1))
    cancel(city_a, in_city, session, 0)  # mentee 1 moves to a later slot
    book(city_a, in_city, session, late, 0)
    cancel(city_a, in_city, session, 1)  # mentee 2 cancels
    book(city_a, in_city, session, other, 2)  # mentee 3 books and cancels: no news
    cancel(city_a, in_city, session, 2)

    run_digest(app, city_a, clock)
    text = body_text(to(outbox(), cora)[-1])
    assert "Job-interview bookings (2):" in text
    assert (
        "Moved: Mentee 1 Person with Mentor 3 Person, Monday, 20 April 2026, 18:00"
        " (was Monday, 20 April 2026, 17:00)"
    ) in text
    assert (
        "Cancelled: Mentee 2 Person with Mentor 1 Person, Monday, 20 April 2026, 19:00"
    ) in text
    assert "Mentee 3" not in text
    assert "New applications" not in text


def test_the_tick_enqueues_a_citys_digest_from_seven_local_time_once_a_day(
    app, city_a, in_city, session, clock, outbox
):
    apply(city_a, in_city, session.cohort_id, "Amira Hassan", "mentee")
    # 06:59 in Copenhagen (summer time, UTC+2) the next morning: not yet.
    morning = datetime(2026, 4, 16, 4, 59, tzinfo=UTC)
    clock.move_to(morning, tick=False)
    assert run_tick(app) == 0
    assert outbox() == []
    clock.move_to(morning + timedelta(minutes=1), tick=False)  # 07:00 local
    assert run_tick(app) == cities(app)  # every city; only city A has news
    [mail] = outbox()
    assert "Amira Hassan" in body_text(mail)
    clock.move_to(morning + timedelta(hours=12), tick=False)
    assert run_tick(app) == 0  # once a day
    clock.move_to(morning + timedelta(days=1, minutes=1), tick=False)
    assert run_tick(app) == cities(app)  # the next day: due again, nothing new
    assert len(outbox()) == 1
    days = sorted(d.day.isoformat() for d in load(app, city_a, CoordinatorDigest))
    assert days == ["2026-04-16", "2026-04-17"]


def test_a_coordinator_turns_the_digest_off_on_the_overview(
    app, city_a, in_city, session, client_for, outbox, clock
):
    from tests.conftest import login

    client = client_for(city_a)
    assert login(client, session.coordinator).status_code == 302
    page = client.get("/coordinator/?lang=en").get_data(as_text=True)
    assert "Daily e-mail" in page
    assert re.search(r'<input checked[^>]*value="on"', page)  # on by default
    token = csrf_token(client, "/coordinator/")
    response = client.post(
        "/coordinator/digest", data={"gets_digest": "off", "csrf_token": token}
    )
    assert response.status_code == 302
    [user] = load(app, city_a, User, email=session.coordinator)
    assert user.gets_digest is False
    page = client.get("/coordinator/?lang=en").get_data(as_text=True)
    assert re.search(r'<input checked[^>]*value="off"', page)

    apply(city_a, in_city, session.cohort_id, "Amira Hassan", "mentee")
    run_digest(app, city_a, clock)
    assert outbox() == []

    token = csrf_token(client, "/coordinator/")
    client.post("/coordinator/digest", data={"gets_digest": "x", "csrf_token": token})
    page = client.get("/coordinator/?lang=en").get_data(as_text=True)
    assert "Choose on or off for the daily e-mail." in page
    assert load(app, city_a, User, email=session.coordinator)[0].gets_digest is False

    token = csrf_token(client, "/coordinator/")
    client.post("/coordinator/digest", data={"gets_digest": "on", "csrf_token": token})
    page = client.get("/coordinator/?lang=en").get_data(as_text=True)
    assert re.search(r'<input checked[^>]*value="on"', page)
    assert load(app, city_a, User, email=session.coordinator)[0].gets_digest is True


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ([("booked", 1, "a")], (NEW, None)),
        ([("cancelled", 1, "a")], (CANCELLED, 1)),
        ([("cancelled", 1, "a"), ("booked", 2, "a")], (CHANGED, 1)),
        ([("cancelled", 1, "a"), ("booked", 1, "b")], (CHANGED, 1)),
        ([("cancelled", 1, "a"), ("booked", 1, "a")], None),
        ([("booked", 1, "a"), ("cancelled", 1, "a")], None),
        (
            [("cancelled", 1, "a"), ("booked", 2, "a"), ("cancelled", 2, "a")],
            (CANCELLED, 1),
        ),
        ([], None),
    ],
)
def test_a_mentees_changes_in_a_period_add_up(changes, expected):
    assert net_change(changes) == expected


def test_the_digest_day_starts_at_seven_in_the_citys_timezone():
    zone = "Europe/Copenhagen"
    winter = datetime(2026, 1, 10, 5, 59, tzinfo=UTC)  # 06:59 local (UTC+1)
    assert digest_day(winter, zone) is None
    assert digest_day(winter + timedelta(minutes=1), zone).isoformat() == "2026-01-10"
    late = datetime(2026, 1, 10, 23, 30, tzinfo=UTC)  # 00:30 local the next day
    assert digest_day(late, zone) is None
