"""Reads for surveys: the link's invitation and the coordinator's overview.

Each function runs a fixed number of SQL statements, whatever the city's size.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from sqlalchemy import func
from sqlalchemy.orm import selectinload

from mentoring.extensions import db
from mentoring.programmes.models import Cohort, Participant
from mentoring.surveys.models import SurveyDefinition, SurveyInvitation


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
