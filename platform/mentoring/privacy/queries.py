"""Privacy reads: a person's applications, participations, consents, requests."""

from __future__ import annotations

import uuid

from mentoring.accounts.models import User
from mentoring.applications.models import Application
from mentoring.extensions import db
from mentoring.privacy.models import ConsentRecord, ErasureRequest
from mentoring.programmes.models import Participant


def applications_of(user: User) -> list[Application]:
    """Their applications: linked to the account, or sent from its address."""
    return list(
        db.session.scalars(
            db.select(Application)
            .where((Application.user_id == user.id) | (Application.email == user.email))
            .order_by(Application.created_at)
        )
    )


def participants_of(user_id: uuid.UUID) -> list[Participant]:
    return list(
        db.session.scalars(
            db.select(Participant)
            .where(Participant.user_id == user_id)
            .order_by(Participant.created_at)
        )
    )


def consents_of(user: User) -> list[ConsentRecord]:
    applications = [a.id for a in applications_of(user)]
    mine = ConsentRecord.user_id == user.id
    if applications:
        mine = mine | ConsentRecord.application_id.in_(applications)
    return list(
        db.session.scalars(
            db.select(ConsentRecord).where(mine).order_by(ConsentRecord.given_at)
        )
    )


def consent_of_or_404(user: User, record_id: uuid.UUID) -> ConsentRecord:
    """One of their own consents; anyone else's (or a missing one) is a 404."""
    ids = [c.id for c in consents_of(user)]
    return db.one_or_404(
        db.select(ConsentRecord).where(
            ConsentRecord.id == record_id, ConsentRecord.id.in_(ids)
        )
    )


def erasure_requests_of(user_id: uuid.UUID) -> list[ErasureRequest]:
    return list(
        db.session.scalars(
            db.select(ErasureRequest)
            .where(ErasureRequest.user_id == user_id)
            .order_by(ErasureRequest.requested_at)
        )
    )


def open_erasure_requests() -> list[ErasureRequest]:
    return list(
        db.session.scalars(
            db.select(ErasureRequest)
            .where(ErasureRequest.done_at.is_(None))
            .order_by(ErasureRequest.requested_at)
        )
    )
