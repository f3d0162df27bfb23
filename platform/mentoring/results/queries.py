"""Reads for the results page and the programme report (scoped to the city).

:func:`results` is the one computation of the figures: both pages call it, so
they count the same answers.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from mentoring.extensions import db
from mentoring.programmes.models import Cohort
from mentoring.results.aggregation import Results, SurveyRecord, aggregate
from mentoring.results.measures import default_criteria
from mentoring.results.models import SuccessCriterion
from mentoring.surveys.models import SurveyAnswer, SurveyInvitation, SurveyQuestion
from mentoring.tenancy.models import Tenant


def results(tenant: Tenant, cohort_ids: Sequence[uuid.UUID] | None = None) -> Results:
    """Every measure per cohort and overall, from submitted answers only.

    ``cohort_ids`` limits it to those cohorts (the report's period); without
    them it covers all of the city's cohorts (the results page).
    """
    return aggregate(survey_records(cohort_ids), criteria_for(tenant))


def criteria_for(tenant: Tenant) -> dict[str, float]:
    """What the coordinator set, over tenant.toml's values, over the defaults."""
    rows = db.session.execute(db.select(SuccessCriterion)).scalars()
    saved = {row.measure: row.minimum_share for row in rows}
    return default_criteria() | dict(tenant.success_criteria or {}) | saved


def survey_records(
    cohort_ids: Sequence[uuid.UUID] | None = None,
) -> list[SurveyRecord]:
    """Each invitation with its answers, in one statement.

    Only submitted surveys bring answers: a form saved but not sent in is not
    yet an answer, so it counts as unanswered. Cohorts come oldest first; a
    cohort is named by its name (unique in a city).
    """
    submitted = (SurveyAnswer.invitation_id == SurveyInvitation.id) & (
        SurveyInvitation.completed_at.is_not(None)
    )
    query = (
        db.select(
            SurveyInvitation.id,
            Cohort.name,
            SurveyInvitation.survey_key,
            SurveyQuestion.key,
            SurveyAnswer.value,
        )
        .join(Cohort, Cohort.id == SurveyInvitation.cohort_id)
        .outerjoin(SurveyAnswer, submitted)
        .outerjoin(SurveyQuestion, SurveyQuestion.id == SurveyAnswer.question_id)
        .order_by(Cohort.starts_on, Cohort.name, SurveyInvitation.id)
    )
    if cohort_ids is not None:
        query = query.where(SurveyInvitation.cohort_id.in_(cohort_ids))
    return _records(db.session.execute(query))


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
