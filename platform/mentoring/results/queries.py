"""Reads for the results pages (scoped to the current city)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from mentoring.core.tenancy import current_tenant
from mentoring.extensions import db
from mentoring.programmes.models import Cohort
from mentoring.results.aggregation import SurveyRecord
from mentoring.results.models import SuccessCriterion
from mentoring.surveys.models import SurveyAnswer, SurveyInvitation, SurveyQuestion


def criteria_for_city() -> dict[str, float]:
    """The city's criteria: what its coordinator set, over tenant.toml's defaults."""
    defaults = dict(current_tenant.success_criteria or {})
    rows = db.session.execute(db.select(SuccessCriterion)).scalars()
    return defaults | {row.measure: row.minimum_share for row in rows}


def survey_records() -> list[SurveyRecord]:
    """Every invitation of the city with its answers, in one statement.

    Only completed surveys bring answers: a half-filled form is not yet an
    answer, so it counts as unanswered. Cohorts come oldest first; a cohort is
    named by its name (unique in a city).
    """
    answered = SurveyAnswer.invitation_id == SurveyInvitation.id
    rows = db.session.execute(
        db.select(
            SurveyInvitation.id,
            Cohort.name,
            SurveyInvitation.survey_key,
            SurveyQuestion.key,
            SurveyAnswer.value,
        )
        .join(Cohort, Cohort.id == SurveyInvitation.cohort_id)
        .outerjoin(SurveyAnswer, answered & SurveyInvitation.completed_at.is_not(None))
        .outerjoin(SurveyQuestion, SurveyQuestion.id == SurveyAnswer.question_id)
        .order_by(Cohort.starts_on, Cohort.name, SurveyInvitation.id)
    )
    return _records(rows)


def _records(rows: Iterable[Any]) -> list[SurveyRecord]:
    """Fold the joined rows (one per answer) into one record per invitation."""
    heads: dict[uuid.UUID, tuple[str, str]] = {}
    answers: dict[uuid.UUID, dict[str, Any]] = {}
    for invitation_id, cohort, survey, question, value in rows:
        heads.setdefault(invitation_id, (cohort, survey))
        given = answers.setdefault(invitation_id, {})
        if question is not None:
            given[question] = value
    return [SurveyRecord(*heads[i], answers[i]) for i in heads]
