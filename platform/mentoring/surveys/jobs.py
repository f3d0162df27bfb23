"""Survey invitations and reminders: the database says what is due.

The tick finds, in every city, people due a survey and invitations due a
reminder, and enqueues one job each. An invitation is unique per person and
survey, and a reminder is claimed with one atomic UPDATE, so a repeated tick
or job sends nothing twice; a missed tick catches up (see ``rules``).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement
from sqlalchemy.orm import joinedload

from mentoring.accounts.models import User
from mentoring.core.models import utcnow
from mentoring.core.scoping import cross_tenant
from mentoring.events.models import Event
from mentoring.extensions import db
from mentoring.jobs import city_job, enqueue_after_commit
from mentoring.programmes.models import Cohort, Participant
from mentoring.programmes.status import CohortStatus
from mentoring.surveys import services
from mentoring.surveys.instruments import INSTRUMENTS
from mentoring.surveys.models import SurveyInvitation
from mentoring.surveys.rules import CATCH_UP, FOLLOWUP_AFTER, REMINDERS, reminder_due
from mentoring.tenancy.models import Tenant


def _occasions(now: datetime) -> dict[str, tuple[Any, ...]]:
    """Per survey: what makes it due for a participant of a cohort."""
    today = now.date()
    closed = Cohort.status == CohortStatus.CLOSED
    midway = (
        db.select(Event.id)
        .where(
            Event.cohort_id == Participant.cohort_id,
            Event.kind == "midway",
            Event.starts_at <= now,
            Event.starts_at > now - CATCH_UP,
        )
        .exists()
    )
    end = (closed, Cohort.ends_on >= today - CATCH_UP)
    followup = (
        closed,
        Cohort.ends_on <= today - FOLLOWUP_AFTER,
        Cohort.ends_on > today - FOLLOWUP_AFTER - CATCH_UP,
    )
    return {
        "mentee_end": end,
        "mentor_end": end,
        "midway": (~closed, midway),
        "mentee_followup": followup,
    }


def _not_invited(key: str) -> ColumnElement[bool]:
    return ~(
        db.select(SurveyInvitation.id)
        .where(
            SurveyInvitation.participant_id == Participant.id,
            SurveyInvitation.survey_key == key,
        )
        .exists()
    )


def _surveys_wanted() -> ColumnElement[bool]:
    """The person has not withdrawn their consent to evaluation surveys (privacy)."""
    return ~(
        db.select(User.id)
        .where(User.id == Participant.user_id, User.surveys_declined_at.is_not(None))
        .exists()
    )


def due_invitations(now: datetime) -> list[tuple[uuid.UUID, uuid.UUID, str]]:
    """(tenant id, participant id, survey key) of every survey due, all cities."""
    due = []
    for key, conditions in _occasions(now).items():
        rows = db.session.execute(
            db.select(Participant.tenant_id, Participant.id)
            .join(Cohort, Cohort.id == Participant.cohort_id)
            .where(
                Participant.role.in_(INSTRUMENTS[key].roles),
                Participant.withdrawn_at.is_(None),
                _surveys_wanted(),
                _not_invited(key),
                *conditions,
            )
        ).all()
        due += [(tenant_id, pid, key) for tenant_id, pid in rows]
    return due


def _reminder_candidates(now: datetime) -> list[tuple[uuid.UUID, uuid.UUID]]:
    sent = SurveyInvitation.sent_at
    first = SurveyInvitation.reminded_7_at.is_(None) & (sent <= now - REMINDERS["7"])
    return list(
        db.session.execute(
            db.select(SurveyInvitation.tenant_id, SurveyInvitation.id)
            .join(Participant, Participant.id == SurveyInvitation.participant_id)
            .where(
                Participant.withdrawn_at.is_(None),
                _surveys_wanted(),
                SurveyInvitation.completed_at.is_(None),
                SurveyInvitation.reminded_14_at.is_(None),
                sent > now - CATCH_UP,
                first | (sent <= now - REMINDERS["14"]),
            )
        ).all()
    )


def enqueue_due_surveys(now: datetime | None = None) -> int:
    """Enqueue invitation and reminder jobs (after the caller commits)."""
    now = now or utcnow()
    with cross_tenant(db.session, "job tick: ids of due survey invitations"):
        invitations = due_invitations(now)
        reminders = _reminder_candidates(now)
    for tenant_id, participant_id, key in invitations:
        enqueue_after_commit(
            send_survey_invitation,
            str(tenant_id),
            str(participant_id),
            key,
            now.isoformat(),
        )
    for tenant_id, invitation_id in reminders:
        enqueue_after_commit(
            send_survey_reminder, str(tenant_id), str(invitation_id), now.isoformat()
        )
    return len(invitations) + len(reminders)


@city_job
def send_survey_invitation(
    tenant: Tenant, participant_id: str, key: str, now: str
) -> str:
    """Create the invitation (once per person and survey) and e-mail the link."""
    participant = db.session.scalar(
        db.select(Participant)
        .where(Participant.id == uuid.UUID(participant_id))
        .options(joinedload(Participant.user))
    )
    if participant is None or participant.is_withdrawn or key not in INSTRUMENTS:
        return "skipped"
    if participant.user.surveys_declined_at is not None:
        return "skipped"  # consent to evaluation surveys withdrawn
    sent = services.invite(participant, key, tenant, datetime.fromisoformat(now))
    db.session.commit()
    return "sent" if sent else "skipped"


@city_job
def send_survey_reminder(tenant: Tenant, invitation_id: str, now: str) -> str:
    """Claim the due reminder and queue its e-mail, in one transaction."""
    at = datetime.fromisoformat(now)
    invitation = _invitation(uuid.UUID(invitation_id))
    if invitation is None or invitation.participant.is_withdrawn:
        return "skipped"
    if invitation.participant.user.surveys_declined_at is not None:
        return "skipped"
    stage = reminder_due(
        invitation.sent_at, invitation.reminded_7_at, invitation.reminded_14_at, at
    )
    if stage is None or not _claim(invitation, stage, at):
        return "skipped"
    services.remind(invitation, tenant, at)
    db.session.commit()
    return f"reminded_{stage}"


def _invitation(invitation_id: uuid.UUID) -> SurveyInvitation | None:
    return db.session.scalar(
        db.select(SurveyInvitation)
        .where(SurveyInvitation.id == invitation_id)
        .options(
            joinedload(SurveyInvitation.definition),
            joinedload(SurveyInvitation.participant).joinedload(Participant.user),
        )
    )


def _claim(invitation: SurveyInvitation, stage: str, at: datetime) -> bool:
    """One atomic UPDATE: of two runs, exactly one marks the reminder sent."""
    column = getattr(SurveyInvitation, f"reminded_{stage}_at")
    claimed = db.session.execute(
        db.update(SurveyInvitation)
        .where(
            SurveyInvitation.id == invitation.id,
            SurveyInvitation.completed_at.is_(None),
            SurveyInvitation.reminded_14_at.is_(None),
            column.is_(None),
        )
        .values({column.key: at})
        .execution_options(synchronize_session=False)
    ).rowcount
    return bool(claimed)
