"""Reads for surveys: the link's invitation and the coordinator's overview.

Each function runs a fixed number of SQL statements, whatever the city's size.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func
from sqlalchemy.orm import selectinload

from mentoring.extensions import db
from mentoring.programmes.models import Cohort, Participant
from mentoring.surveys.models import SurveyDefinition, SurveyInvitation
from mentoring.surveys.tokens import LINK_VALID_FOR


def invitation_for_link(invitation_id: str) -> SurveyInvitation | None:
    """The invitation a link names, in the current city (``None`` otherwise)."""
    try:
        ident = uuid.UUID(invitation_id)
    except ValueError:
        return None
    return db.session.scalar(
        db.select(SurveyInvitation)
        .where(SurveyInvitation.id == ident)
        .options(
            selectinload(SurveyInvitation.definition).selectinload(
                SurveyDefinition.questions
            ),
            selectinload(SurveyInvitation.answers),
            selectinload(SurveyInvitation.participant).selectinload(Participant.user),
        )
    )


def _open_of(user_id: uuid.UUID, now: datetime):  # noqa: ANN202 - a select
    """The user's surveys sent within the e-mailed link's lifetime, unanswered."""
    return (
        db.select(SurveyInvitation)
        .join(Participant, Participant.id == SurveyInvitation.participant_id)
        .where(
            Participant.user_id == user_id,
            Participant.withdrawn_at.is_(None),
            SurveyInvitation.completed_at.is_(None),
            SurveyInvitation.sent_at.is_not(None),
            SurveyInvitation.sent_at > now - LINK_VALID_FOR,
        )
    )


def open_invitations_of(user_id: uuid.UUID, now: datetime) -> list[SurveyInvitation]:
    """What a participant still has to answer, oldest first, with each survey's
    definition (two queries): their home lists them, since an e-mail gets lost."""
    return list(
        db.session.scalars(
            _open_of(user_id, now)
            .options(selectinload(SurveyInvitation.definition))
            .order_by(SurveyInvitation.sent_at)
        )
    )


def my_open_invitation(
    invitation_id: uuid.UUID, user_id: uuid.UUID, now: datetime
) -> SurveyInvitation | None:
    """The user's own open survey; anyone else's is as absent as a missing one."""
    return db.session.scalar(
        _open_of(user_id, now).where(SurveyInvitation.id == invitation_id)
    )


@dataclass(frozen=True)
class Rate:
    """Invited and answered for one survey in one cohort."""

    invited: int
    answered: int

    @property
    def share(self) -> float:
        return self.answered / self.invited if self.invited else 0.0


@dataclass
class CohortRates:
    """One cohort's response rates, keyed by survey key (missing: nobody invited)."""

    cohort_id: uuid.UUID
    name: str
    rates: dict[str, Rate] = field(default_factory=dict)


def response_rates() -> list[CohortRates]:
    """Invited / answered per cohort and survey, newest cohort first: one query."""
    rows = db.session.execute(
        db.select(
            Cohort.id,
            Cohort.name,
            SurveyInvitation.survey_key,
            func.count(SurveyInvitation.id),
            func.count(SurveyInvitation.completed_at),
        )
        .join(Cohort, Cohort.id == SurveyInvitation.cohort_id)
        .group_by(Cohort.id, Cohort.name, Cohort.starts_on, SurveyInvitation.survey_key)
        .order_by(Cohort.starts_on.desc(), Cohort.name)
    )
    cohorts: dict[uuid.UUID, CohortRates] = {}
    for cohort_id, name, key, invited, answered in rows:
        entry = cohorts.setdefault(cohort_id, CohortRates(cohort_id, name))
        entry.rates[key] = Rate(invited, answered)
    return list(cohorts.values())
