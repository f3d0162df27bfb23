"""Privacy writes: consents, erasure requests, erasing a person (they flush)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from flask import g

from mentoring.accounts.models import User
from mentoring.accounts.services import end_all_sessions
from mentoring.applications.choices import PRIVACY_NOTICE_VERSION
from mentoring.applications.models import Application, ApplicationFile
from mentoring.applications.signals import application_submitted
from mentoring.audit.models import AuditEntry
from mentoring.audit.services import record
from mentoring.core.i18n import N_
from mentoring.core.models import utcnow
from mentoring.events.models import CalendarFeed, InterviewSlot
from mentoring.extensions import db
from mentoring.mail.models import CityEmail
from mentoring.mail.services import queue_email
from mentoring.meetings.models import Meeting
from mentoring.privacy.models import PURPOSES, ConsentRecord, ErasureRequest
from mentoring.programmes.models import Pair, Participant
from mentoring.surveys.models import SurveyAnswer, SurveyInvitation, SurveyQuestion

ERASED_NAME = "Erased person"
# The personal, free-text answers of an application; role, status, sector and
# languages stay (they are counted, and say nothing about who it was).
APPLICATION_TEXT = (
    "phone", "linkedin", "education", "field_of_study", "profession",
    "target_roles", "partner_employer", "goals", "job_title", "employer",
    "help_with", "motivation", "arrived_on", "years_experience",
)  # fmt: skip


# -- consent ----------------------------------------------------------------------


def record_application_consents(application: Application, **_: Any) -> None:
    """The application form's consent covers every purpose of the privacy notice;
    each is recorded on its own, so each can be withdrawn on its own."""
    for purpose in PURPOSES:
        db.session.add(
            ConsentRecord(
                application_id=application.id,
                user_id=application.user_id,
                purpose=purpose,
                text_version=application.consent_version or PRIVACY_NOTICE_VERSION,
                given_at=application.consented_at,
            )
        )
    db.session.flush()


def connect_signals() -> None:
    application_submitted.connect(record_application_consents)


def withdraw_consent(user: User, record_: ConsentRecord) -> bool:
    """Withdraw one consent (False if already); evaluation stops the surveys."""
    if record_.withdrawn_at is not None:
        return False
    record_.withdrawn_at = utcnow()
    if record_.purpose == "evaluation_surveys":
        user.surveys_declined_at = user.surveys_declined_at or record_.withdrawn_at
    db.session.flush()
    return True


# -- erasure requests -------------------------------------------------------------


def request_erasure(user: User) -> ErasureRequest:
    """One open request per person; the city's coordinators are told by e-mail."""
    open_request = open_erasure_request(user.id)
    if open_request is not None:
        return open_request
    request = ErasureRequest(user_id=user.id, requested_at=utcnow())
    db.session.add(request)
    db.session.flush()
    for coordinator in _coordinators():
        queue_email(
            coordinator,
            "erasure_requested",
            N_("A person asks to be erased"),
            tenant=g.tenant,
            person=user,
        )
    return request


def open_erasure_request(user_id: uuid.UUID) -> ErasureRequest | None:
    return db.session.scalar(
        db.select(ErasureRequest).where(
            ErasureRequest.user_id == user_id, ErasureRequest.done_at.is_(None)
        )
    )


def _coordinators() -> list[User]:
    return list(
        db.session.scalars(
            db.select(User).where(User.role == "coordinator", User.active.is_(True))
        )
    )


# -- erasing a person -------------------------------------------------------------


def erase_person(user: User, by_coordinator: bool = True) -> bool:
    """Anonymise ``user``: no name, address, password, session, CV or free text
    left; participant rows, pairs, meetings and survey answers to closed
    questions stay, attached to the anonymous row, so every published figure
    stays as it was. The row is kept, never deleted (no SET NULL on composite
    keys). False when already erased: running twice does nothing twice."""
    if user.erased_at is not None:
        return False
    now = utcnow()
    email = user.email
    mine = Participant.user_id == user.id
    participant_ids = _ids(db.select(Participant.id).where(mine))
    application_ids = _scrub_applications(user, email)
    _clear_personal_notes(participant_ids)
    _drop_free_text_answers(participant_ids)
    db.session.execute(db.delete(CalendarFeed).where(CalendarFeed.user_id == user.id))
    db.session.execute(db.delete(CityEmail).where(CityEmail.to_address == email))
    anonymise_audit({user.id, *participant_ids, *application_ids})
    _anonymise_account(user, now)
    _close_consents_and_requests(user, application_ids, now)
    if by_coordinator:
        record("person.erase", "user", user.id)
    db.session.flush()
    return True


def _ids(query: Any) -> list[uuid.UUID]:
    return list(db.session.scalars(query))


def _scrub_applications(user: User, email: str) -> list[uuid.UUID]:
    applications = db.session.scalars(
        db.select(Application).where(
            (Application.user_id == user.id) | (Application.email == email)
        )
    ).all()
    for application in applications:
        scrub_application(application)
    return [a.id for a in applications]


def scrub_application(application: Application) -> None:
    """An application kept for the counts, with nothing left that names anyone."""
    application.full_name = ERASED_NAME
    application.email = f"erased-{application.id.hex}@erased.invalid"
    for name in APPLICATION_TEXT:
        setattr(application, name, None)
    db.session.execute(
        db.delete(ApplicationFile).where(
            ApplicationFile.application_id == application.id
        )
    )


def _clear_personal_notes(participant_ids: list[uuid.UUID]) -> None:
    """Meeting notes of their pairs and interview feedback about them."""
    pairs = db.select(Pair.id).where(
        Pair.mentee_id.in_(participant_ids) | Pair.mentor_id.in_(participant_ids)
    )
    db.session.execute(
        db.update(Meeting).where(Meeting.pair_id.in_(pairs)).values(notes="")
    )
    db.session.execute(
        db.update(InterviewSlot)
        .where(InterviewSlot.mentee_id.in_(participant_ids))
        .values(feedback=None)
    )


def _drop_free_text_answers(participant_ids: list[uuid.UUID]) -> None:
    """Free text could name them; the closed answers are anonymous once the
    account is, and are what the figures count."""
    invitations = db.select(SurveyInvitation.id).where(
        SurveyInvitation.participant_id.in_(participant_ids)
    )
    texts = db.select(SurveyQuestion.id).where(SurveyQuestion.kind == "text")
    db.session.execute(
        db.delete(SurveyAnswer).where(
            SurveyAnswer.invitation_id.in_(invitations),
            SurveyAnswer.question_id.in_(texts),
        )
    )


def anonymise_audit(subject_ids: set[uuid.UUID]) -> None:
    db.session.execute(
        db.update(AuditEntry)
        .where(AuditEntry.subject_id.in_(subject_ids))
        .values(subject_label=ERASED_NAME, detail={})
    )


def _anonymise_account(user: User, now: datetime) -> None:
    user.full_name = ERASED_NAME
    user.email = f"erased-{user.id.hex}@erased.invalid"
    user.phone = None
    user.password_hash = None
    user.active = False
    user.gets_digest = False
    user.surveys_declined_at = user.surveys_declined_at or now
    user.erased_at = now
    end_all_sessions(user, "erased")


def _close_consents_and_requests(
    user: User, application_ids: list[uuid.UUID], now: datetime
) -> None:
    mine = ConsentRecord.user_id == user.id
    if application_ids:
        mine = mine | ConsentRecord.application_id.in_(application_ids)
    db.session.execute(
        db.update(ConsentRecord)
        .where(mine, ConsentRecord.withdrawn_at.is_(None))
        .values(withdrawn_at=now)
    )
    db.session.execute(
        db.update(ErasureRequest)
        .where(ErasureRequest.user_id == user.id, ErasureRequest.done_at.is_(None))
        .values(done_at=now)
    )
