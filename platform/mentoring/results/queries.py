"""Reads for the results page and the programme report (scoped to the city).

:func:`results` is the one computation of the figures: both pages call it, so
they count the same answers.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from mentoring.accounts.models import User
from mentoring.extensions import db
from mentoring.programmes.models import Cohort, Participant
from mentoring.results.aggregation import Results, SurveyRecord, aggregate
from mentoring.results.answers import (
    HELP_QUESTION,
    HELP_SURVEY,
    GivenAnswer,
    QuestionInfo,
)
from mentoring.results.measures import default_criteria
from mentoring.results.models import SuccessCriterion
from mentoring.surveys.instruments import SCALE, YES_NO
from mentoring.surveys.models import (
    SurveyAnswer,
    SurveyDefinition,
    SurveyInvitation,
    SurveyQuestion,
)
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


def criteria_saved() -> bool:
    """Whether the city's coordinators saved success criteria (1 query)."""
    query = db.select(SuccessCriterion.id).limit(1)
    return db.session.scalar(query) is not None


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


# -- every answer of one survey in one cohort ---------------------------------------


def survey_questions(
    survey: str, locale: str, yes_no: dict[str, str]
) -> list[QuestionInfo]:
    """Every question of the city's versions of ``survey``, once per key.

    The newest version gives a question's wording; choices from older versions
    stay, so their answers are still counted. ``yes_no`` labels yes and no.
    """
    rows = db.session.scalars(
        db.select(SurveyQuestion)
        .join(SurveyDefinition, SurveyDefinition.id == SurveyQuestion.definition_id)
        .where(SurveyDefinition.key == survey)
        .order_by(SurveyDefinition.version.desc(), SurveyQuestion.position)
    )
    found: dict[str, QuestionInfo] = {}
    for row in rows:
        known = found.get(row.key)
        choices = _choices(row, locale, yes_no)
        if known is not None:
            extra = tuple(c for c in choices if c not in known.choices)
            choices = known.choices + extra
        info = known or QuestionInfo(
            row.key, row.kind, row.text(locale), (), row.standard
        )
        found[row.key] = QuestionInfo(
            info.key, info.kind, info.text, choices, info.standard
        )
    return list(found.values())


def _choices(
    row: SurveyQuestion, locale: str, yes_no: dict[str, str]
) -> tuple[tuple[str, str], ...]:
    if row.kind == "scale":
        return tuple((str(n), str(n)) for n in SCALE)
    if row.kind == "yes_no":
        return tuple((v, yes_no[v]) for v in YES_NO)
    return tuple(row.choice_labels(locale))


def cohort_answers(cohort_id: uuid.UUID, survey: str) -> list[GivenAnswer]:
    """The cohort's sent-in answers to ``survey``, oldest first, in one statement.

    A form saved but not sent in brings nothing.
    """
    query = _answers_query(cohort_id).where(SurveyInvitation.survey_key == survey)
    return [GivenAnswer(*row) for row in db.session.execute(query)]


def help_answers(cohort_id: uuid.UUID) -> list[GivenAnswer]:
    """The cohort's sent-in answers to the midway question asking for help."""
    query = _answers_query(cohort_id).where(
        SurveyInvitation.survey_key == HELP_SURVEY,
        SurveyQuestion.key == HELP_QUESTION,
    )
    return [GivenAnswer(*row) for row in db.session.execute(query)]


def _answers_query(cohort_id: uuid.UUID) -> Any:
    return (
        db.select(
            SurveyQuestion.key,
            SurveyAnswer.value,
            SurveyInvitation.completed_at,
            User.full_name,
            User.email,
            db.func.coalesce(User.phone, ""),
            Participant.role,
        )
        .join(SurveyInvitation, SurveyInvitation.id == SurveyAnswer.invitation_id)
        .join(SurveyQuestion, SurveyQuestion.id == SurveyAnswer.question_id)
        .join(Participant, Participant.id == SurveyInvitation.participant_id)
        .join(User, User.id == Participant.user_id)
        .where(
            SurveyInvitation.cohort_id == cohort_id,
            SurveyInvitation.completed_at.is_not(None),
        )
        .order_by(SurveyInvitation.completed_at, SurveyAnswer.id)
    )


def city_cohorts() -> list[Cohort]:
    """The city's cohorts, newest first, for choosing one."""
    return list(db.session.scalars(db.select(Cohort).order_by(Cohort.starts_on.desc())))
