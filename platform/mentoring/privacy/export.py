"""A person's own data as one ZIP: ``data.json`` and their CV files (reads only)."""

from __future__ import annotations

import io
import json
import uuid
import zipfile
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import undefer

from mentoring.accounts.models import User
from mentoring.applications.models import Application, ApplicationFile
from mentoring.audit.models import AuditEntry
from mentoring.events.models import EventInvitation
from mentoring.extensions import db
from mentoring.meetings.models import Meeting
from mentoring.privacy import queries
from mentoring.programmes.models import Cohort, Pair, Participant
from mentoring.surveys.models import SurveyInvitation

APPLICATION_SKIP = {"tenant_id", "user_id"}


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def _columns(row: Any, skip: set[str] = frozenset()) -> dict[str, Any]:  # type: ignore[assignment]
    return {
        c.key: _plain(getattr(row, c.key))
        for c in row.__table__.columns
        if c.key not in skip and c.key != "content"
    }


def personal_data(user: User) -> dict[str, Any]:
    """Everything the city keeps about ``user`` that is theirs to see."""
    participants = queries.participants_of(user.id)
    pids = [p.id for p in participants]
    return {
        "account": {
            key: _plain(getattr(user, key))
            for key in (
                "full_name",
                "email",
                "phone",
                "role",
                "locale",
                "created_at",
                "last_login_at",
                "gets_digest",
                "surveys_declined_at",
            )
        },  # fmt: skip
        "applications": [_application(a) for a in queries.applications_of(user)],
        "participations": [_participation(p) for p in participants],
        "pairs": [_pair(pair, pids) for pair in _pairs(pids)],
        "meetings_logged": [_columns(m, {"tenant_id"}) for m in _meetings(pids)],
        "event_answers": [_rsvp(i) for i in _rsvps(pids)],
        "survey_answers": [_survey(i) for i in _surveys(pids)],
        "consents": [_columns(c, {"tenant_id"}) for c in queries.consents_of(user)],
        "erasure_requests": [
            _columns(r, {"tenant_id"}) for r in queries.erasure_requests_of(user.id)
        ],
        "audit_entries_about_you": [_audit(e) for e in _audit_entries(user, pids)],
    }


def personal_zip(user: User) -> bytes:
    """``data.json`` plus ``cv/<file>`` for each CV kept with their applications."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        data = json.dumps(personal_data(user), ensure_ascii=False, indent=2)
        archive.writestr("data.json", data)
        for cv in _cvs(user):
            archive.writestr(f"cv/{cv.application_id}-{cv.filename}", cv.content)
    return buffer.getvalue()


def _application(application: Application) -> dict[str, Any]:
    values = _columns(application, APPLICATION_SKIP)
    values["cohort"] = application.cohort.name
    values["cv"] = application.cv.filename if application.cv else None
    return values


def _participation(participant: Participant) -> dict[str, Any]:
    cohort: Cohort = participant.cohort
    return {
        "cohort": cohort.name,
        "role": participant.role,
        "starts_on": _plain(cohort.starts_on),
        "ends_on": _plain(cohort.ends_on),
        "withdrawn_at": _plain(participant.withdrawn_at),
        "withdrawal_reason": participant.withdrawal_reason,
    }


def _pairs(pids: list[uuid.UUID]) -> list[Pair]:
    return list(
        db.session.scalars(
            db.select(Pair).where(Pair.mentee_id.in_(pids) | Pair.mentor_id.in_(pids))
        )
    )


def _pair(pair: Pair, pids: list[uuid.UUID]) -> dict[str, Any]:
    partner = pair.mentor if pair.mentee_id in pids else pair.mentee
    return {
        "cohort": pair.cohort.name,
        "partner": partner.user.full_name,
        "partner_role": partner.role,
        "since": _plain(pair.created_at),
    }


def _meetings(pids: list[uuid.UUID]) -> list[Meeting]:
    mine = Pair.mentee_id.in_(pids) | Pair.mentor_id.in_(pids)
    pairs = db.select(Pair.id).where(mine)
    return list(
        db.session.scalars(
            db.select(Meeting)
            .where(Meeting.pair_id.in_(pairs))
            .order_by(Meeting.held_on)
        )
    )


def _rsvps(pids: list[uuid.UUID]) -> list[EventInvitation]:
    return list(
        db.session.scalars(
            db.select(EventInvitation).where(EventInvitation.participant_id.in_(pids))
        )
    )


def _rsvp(invitation: EventInvitation) -> dict[str, Any]:
    return {
        "event": invitation.event.title_en,
        "starts_at": _plain(invitation.event.starts_at),
        "answer": invitation.rsvp,
        "answered_at": _plain(invitation.responded_at),
        "checked_in_at": _plain(invitation.checked_in_at),
    }


def _surveys(pids: list[uuid.UUID]) -> list[SurveyInvitation]:
    return list(
        db.session.scalars(
            db.select(SurveyInvitation).where(SurveyInvitation.participant_id.in_(pids))
        )
    )


def _survey(invitation: SurveyInvitation) -> dict[str, Any]:
    return {
        "survey": invitation.survey_key,
        "version": invitation.definition.version,
        "sent_at": _plain(invitation.sent_at),
        "completed_at": _plain(invitation.completed_at),
        "answers": {a.question.key: a.value for a in invitation.answers},
    }


def _audit_entries(user: User, pids: list[uuid.UUID]) -> list[AuditEntry]:
    ids = {user.id, *pids, *(a.id for a in queries.applications_of(user))}
    return list(
        db.session.scalars(
            db.select(AuditEntry)
            .where(AuditEntry.subject_id.in_(ids))
            .order_by(AuditEntry.created_at)
        )
    )


def _audit(entry: AuditEntry) -> dict[str, Any]:
    return {"at": _plain(entry.created_at), "action": entry.action}


def _cvs(user: User) -> list[ApplicationFile]:
    ids = [a.id for a in queries.applications_of(user)]
    return list(
        db.session.scalars(
            db.select(ApplicationFile)
            .where(ApplicationFile.application_id.in_(ids))
            .options(undefer(ApplicationFile.content))
        )
    )
