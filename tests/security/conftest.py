"""The security matrices' world: two cities with one of everything, and the network.

Both cities are seeded by the demo seed itself (``demo.services``: cohorts closed,
running and recruiting, participants, pairs, meetings, events, invitations,
check-ins, applications, surveys and answers, the speed-dating plan), small, and
then given what the seed leaves out (a CV, interview slots, a message, a report,
success criteria, matching settings and a constraint, a calendar feed). Every
person's name and e-mail, cohort name and event title of city A carries the
marker ``ZZA-`` (``zza-`` in e-mails), so a page that shows any of it is caught
by one search (``World.leaks``).
"""

from __future__ import annotations

import functools
import hashlib
import re
import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask

from mentoring.extensions import db
from tests.conftest import csrf_token, login

MARKER = "ZZA-"
DEMO_PASSWORD = "demo-password"  # noqa: S105 - the demo seed's published password
# Columns every request may touch without it being a change of the city's data.
VOLATILE = {"last_seen_at", "last_login_at", "updated_at"}
# A's rows as the request must leave them; sessions are a login's own bookkeeping.
UNSNAPSHOTTED = {"account_sessions"}
CSRF_INPUT = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


@dataclass
class City:
    """One seeded city: its tenant and the ids (as text) of one of each record."""

    tenant: Any
    ids: dict[str, str] = field(default_factory=dict)
    emails: dict[str, str] = field(default_factory=dict)


@dataclass
class World:
    a: City
    b: City
    network: dict[str, str]

    def leaks(self, body: str) -> list[str]:
        """A's markers found in a response body (any case, escaped or not)."""
        found = MARKER.lower() in body.lower()
        return [MARKER] if found else []


@pytest.fixture
def world(app: Flask, city_a: Any, city_b: Any) -> World:
    return build_world(app, city_a, city_b)


def build_world(app: Flask, city_a: Any, city_b: Any) -> World:
    from mentoring.core.scoping import cross_tenant, tenant_scope
    from mentoring.demo import services as demo
    from mentoring.network.models import TrackedCity
    from tests.factories import today

    size = demo.SeedSize(participants=2, cohorts=2)
    counts: dict[str, int] = dict.fromkeys(
        ("users", "cohorts", "pairs", "meetings", "applications", "survey answers"),
        0,
    )
    with app.app_context():
        password = _password_hash()
        cities = []
        for tenant in (city_a, city_b):
            with tenant_scope(db.session, tenant.id):
                tenant = db.session.merge(tenant, load=True)
                demo._seed_city(tenant, size, today(), password, counts)  # noqa: SLF001
                db.session.flush()
                cities.append(_complete(tenant, marked=tenant.id == city_a.id))
        demo._seed_network(password)  # noqa: SLF001
        db.session.commit()
        with cross_tenant(db.session, "test: a tracked city's id"):
            row = db.session.scalars(db.select(TrackedCity)).first()
        network = {"row_id": str(row.id)}
        db.session.remove()
    return World(a=cities[0], b=cities[1], network=network)


@functools.cache
def _password_hash() -> str:
    """Hashing is slow on purpose: once per run."""
    from mentoring.accounts.passwords import hash_password

    return hash_password(DEMO_PASSWORD)


def _complete(tenant: Any, marked: bool) -> City:
    """What the demo seed leaves out, then the ids of one of each record."""
    from mentoring.accounts.models import User
    from mentoring.applications.models import Application
    from mentoring.events.models import Event
    from mentoring.programmes.models import Cohort

    city = City(tenant=tenant)
    cohorts = {c.status: c for c in db.session.scalars(db.select(Cohort))}
    running, recruiting = cohorts["running"], cohorts["recruiting"]
    made = _extras(running, recruiting, MARKER if marked else "B-")
    if marked:
        for user in db.session.scalars(db.select(User)):
            user.full_name, user.email = MARKER + user.full_name, "zza-" + user.email
        for app_row in db.session.scalars(db.select(Application)):
            app_row.full_name = MARKER + app_row.full_name
            app_row.email = "zza-" + app_row.email
        for cohort in cohorts.values():
            cohort.name = MARKER + cohort.name
        for event in db.session.scalars(db.select(Event)):
            event.title_da, event.title_en = (
                MARKER + event.title_da,
                MARKER + event.title_en,
            )
        db.session.flush()
    city.ids = _ids(tenant, running, made)
    for user in db.session.scalars(db.select(User)):
        local = user.email.split("@")[0].removeprefix("zza-")
        city.emails[local] = user.email
    return city


def _extras(running: Any, recruiting: Any, mark: str) -> Any:
    """A CV, an interview slot, a message, a report, criteria, matching
    settings and a constraint, a decision template, a calendar feed."""
    from mentoring.applications.models import Application, MessageTemplate
    from mentoring.events.models import Event
    from mentoring.events.services import new_calendar_feed
    from mentoring.matching.models import MatchingConstraint, MatchingSettings
    from mentoring.messages.models import CohortMessage, CohortMessageRecipient
    from mentoring.programmes.models import Participant
    from mentoring.reports.models import ProgrammeReport
    from mentoring.results.models import SuccessCriterion
    from tests.applications.factories import CVFactory
    from tests.events.factories import SlotFactory

    application = db.session.scalars(
        db.select(Application).where(Application.cohort_id == recruiting.id)
    ).first()
    CVFactory(application=application)
    people = db.session.scalars(
        db.select(Participant).where(Participant.cohort_id == running.id)
    ).all()
    mentor = next(p for p in people if p.role == "mentor")
    mentee = next(p for p in people if p.role == "mentee")
    events = db.session.scalars(
        db.select(Event).where(Event.cohort_id == running.id).order_by(Event.starts_at)
    ).all()
    interview = next((e for e in events if e.kind == "interview_session"), events[0])
    slot = SlotFactory(event=interview, interviewer=mentor)
    message = CohortMessage(
        cohort=running,
        audience="everyone",
        audience_label=f"{mark}everyone",
        subject_da=f"{mark}emne",
        subject_en=f"{mark}subject",
        body_da=f"{mark}tekst",
        body_en=f"{mark}text",
    )
    report = ProgrammeReport(
        period_start=running.starts_on - timedelta(days=365),
        period_end=running.starts_on,
        locale="en",
        status="done",
        progress=100,
        html=f"<p>{mark}report</p>",
        pdf=b"%PDF-1.4 " + mark.encode(),
        tables=[{"title": f"{mark}table", "header": ["a"], "rows": [["x"]]}],
        narrative={"en": f"{mark}narrative"},
    )
    db.session.add_all([message, report])
    db.session.flush()
    db.session.add_all(
        [
            CohortMessageRecipient(message_id=message.id, participant_id=mentee.id),
            SuccessCriterion(measure="mentees_in_work", minimum_share=0.3),
            MatchingSettings(cohort_id=running.id, weights={}),
            MatchingConstraint(
                cohort_id=running.id,
                kind="avoid",
                mentee_id=mentee.id,
                mentor_id=mentor.id,
            ),
            MessageTemplate(
                kind="rejected",
                locale="en",
                subject=f"{mark}subject",
                body=f"{mark}sorry",
            ),
        ]
    )
    feed = new_calendar_feed(mentee.user_id)
    db.session.flush()
    return SimpleNamespace(
        application=application,
        slot=slot,
        interview=interview,
        message=message,
        report=report,
        mentee=mentee,
        mentor=mentor,
        feed=feed,
    )


def _ids(tenant: Any, running: Any, made: Any) -> dict[str, str]:
    """One record of each kind, as the text a URL carries."""
    from flask import current_app

    from mentoring.accounts import tokens
    from mentoring.events.models import EventInvitation
    from mentoring.meetings.models import Meeting
    from mentoring.programmes.models import Pair, TemplateStep
    from mentoring.surveys.models import SurveyInvitation
    from mentoring.surveys.tokens import make_link_token

    secret = current_app.config["SECRET_KEY"]
    pair = db.session.scalars(
        db.select(Pair).where(Pair.cohort_id == running.id)
    ).first()
    meeting = db.session.scalars(
        db.select(Meeting).where(Meeting.pair_id == pair.id)
    ).first()
    invitation = (
        db.session.scalars(
            db.select(EventInvitation).where(
                EventInvitation.event_id == made.interview.id,
                EventInvitation.participant_id == made.mentee.id,
            )
        ).first()
        or db.session.scalars(db.select(EventInvitation)).first()
    )
    survey = (
        db.session.scalars(
            db.select(SurveyInvitation).where(SurveyInvitation.completed_at.is_(None))
        ).first()
        or db.session.scalars(db.select(SurveyInvitation)).first()
    )
    step = db.session.scalars(db.select(TemplateStep)).first()
    user = made.mentee.user
    scope = str(tenant.id)
    from mentoring.accounts.models import AccountSession
    from mentoring.applications import confirmation
    from mentoring.core.models import utcnow
    from mentoring.privacy.models import ConsentRecord

    signed_in = AccountSession(  # a browser of A's mentee, for "Your sessions"
        user_id=user.id, key_hash=uuid.uuid4().hex * 2, last_seen_at=utcnow()
    )
    db.session.add(signed_in)
    consent = ConsentRecord(  # A's mentee's consent, to withdraw on "My data"
        user_id=user.id, purpose="evaluation", text_version="2026-12", given_at=utcnow()
    )
    db.session.add(consent)
    db.session.flush()
    return {
        "record_id": str(consent.id),
        "session_id": str(signed_in.id),
        "cohort_id": str(running.id),
        "recruiting_id": str(made.application.cohort_id),
        "application_id": str(made.application.id),
        "user_id": str(user.id),
        "participant_id": str(made.mentee.id),
        "mentor_participant_id": str(made.mentor.id),
        "pair_id": str(pair.id),
        "meeting_id": str(meeting.id) if meeting else str(uuid.uuid4()),
        "event_id": str(made.interview.id),
        "invitation_id": str(invitation.id),
        "survey_invitation_id": str(survey.id),
        "definition_id": str(survey.definition_id),
        "slot_id": str(made.slot.id),
        "message_id": str(made.message.id),
        "report_id": str(made.report.id),
        "step_id": str(step.id),
        "survey_token": make_link_token(secret, str(survey.id), scope),
        "invite_token": tokens.make_token(secret, "invite", user, scope),
        "reset_token": tokens.make_token(secret, "reset", user, scope),
        "feed_token": made.feed,
        "confirm_token": confirmation.make_link_token(
            secret, made.application.id, scope
        ),
    }


# -- requests -------------------------------------------------------------------


def sign_in(client: Any, email: str, password: str = DEMO_PASSWORD) -> Any:
    response = login(client, email, password)
    assert response.status_code == 302, f"{email} could not sign in"
    return client


def page_token(client: Any, path: str) -> str:
    """A CSRF token from a page the signed-in client may see."""
    html = client.get(path, follow_redirects=True).get_data(as_text=True)
    match = CSRF_INPUT.search(html)
    return match.group(1) if match else csrf_token(client, "/login")


def snapshot(connection: Any, tenant_id: Any) -> dict[str, tuple[int, str]]:
    """Every tenant-owned table's rows of one city: (count, hash), read raw."""
    from mentoring.core.scoping import tenant_owned_tables

    if connection.dialect.name == "postgresql":
        connection.execute(
            sa.text(
                "SELECT set_config('app.tenant_id', :t, true),"
                " set_config('app.cross_tenant', '', true)"
            ),
            {"t": str(tenant_id)},
        )
    owned = tenant_owned_tables() - UNSNAPSHOTTED
    state = {}
    for table in db.metadata.sorted_tables:
        if table.name not in owned:
            continue
        columns = [c for c in table.columns if c.name not in VOLATILE]
        rows = connection.execute(
            sa.select(*columns)
            .where(table.c.tenant_id == tenant_id)
            .order_by(*table.primary_key.columns)
        ).all()
        digest = hashlib.sha256(repr([tuple(r) for r in rows]).encode()).hexdigest()
        state[table.name] = (len(rows), digest)
    return state


def changed(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    return sorted(name for name in before if before[name] != after.get(name))
