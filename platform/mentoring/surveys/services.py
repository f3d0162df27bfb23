"""Writes for surveys: the city's definitions, invitations, reminders, answers.

Services flush; the view (or job) commits once.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from flask import current_app
from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload
from werkzeug.datastructures import MultiDict

from mentoring.core.i18n import N_
from mentoring.core.models import utcnow
from mentoring.core.tenancy import tenant_url
from mentoring.extensions import db
from mentoring.mail.services import queue_email
from mentoring.programmes.models import Participant
from mentoring.surveys.instruments import INSTRUMENTS, Choice, Instrument, Question
from mentoring.surveys.instruments import clean_value as _clean
from mentoring.surveys.models import (
    SurveyAnswer,
    SurveyDefinition,
    SurveyInvitation,
    SurveyQuestion,
)
from mentoring.surveys.tokens import LINK_VALID_FOR, make_link_token
from mentoring.tenancy.models import Tenant

SUBJECTS = {
    "mentee_end": N_("How was the mentoring programme? A few questions"),
    "mentor_end": N_("Thank you for mentoring: a few questions"),
    "midway": N_("Halfway through: how is it going?"),
    "mentee_followup": N_("Six months on: where are you now?"),
}
REMINDER_SUBJECT = N_("Reminder: your answers help the programme")

# -- definitions -------------------------------------------------------------------


def latest_definitions() -> dict[str, SurveyDefinition]:
    """The newest version of each of the city's surveys, with its questions."""
    newest = (
        db.select(SurveyDefinition.key, func.max(SurveyDefinition.version))
        .group_by(SurveyDefinition.key)
        .subquery()
    )
    rows = db.session.scalars(
        db.select(SurveyDefinition)
        .join(
            newest,
            (newest.c.key == SurveyDefinition.key)
            & (newest.c[1] == SurveyDefinition.version),
        )
        .options(selectinload(SurveyDefinition.questions))
    )
    return {d.key: d for d in rows}


def ensure_standard_surveys() -> dict[str, SurveyDefinition]:
    """Version 1 of each standard survey for the current city, made on first use."""
    found = latest_definitions()
    missing = [i for k, i in INSTRUMENTS.items() if k not in found]
    if not missing:
        return found
    try:
        with db.session.begin_nested():  # a concurrent job may create them too
            for instrument in missing:
                _add_definition(instrument, 1, instrument.questions)
    except IntegrityError:
        pass
    return latest_definitions()


def add_version(key: str, extra: Iterable[Question]) -> SurveyDefinition:
    """A new version: every question of the current one unchanged (same keys,
    so results stay comparable), plus the city's own new questions."""
    current = latest_definitions()[key]
    kept = [_as_data(q) for q in current.questions]
    own = [Question(q.key, q.kind, q.da, q.en, q.choices, False) for q in extra]
    clash = {q.key for q in kept} & {q.key for q in own}
    if clash:
        raise ValueError(f"question keys already in use: {sorted(clash)}")
    return _add_definition(INSTRUMENTS[key], current.version + 1, [*kept, *own])


def _as_data(q: SurveyQuestion) -> Question:
    choices = tuple(Choice(c["value"], c["da"], c["en"]) for c in q.choices)
    return Question(q.key, q.kind, q.text_da, q.text_en, choices, q.standard)


def _add_definition(
    instrument: Instrument, version: int, questions: Iterable[Question]
) -> SurveyDefinition:
    definition = SurveyDefinition(
        key=instrument.key,
        version=version,
        title_da=instrument.title_da,
        title_en=instrument.title_en,
        questions=[_question(n, q) for n, q in enumerate(questions)],
    )
    db.session.add(definition)
    db.session.flush()
    return definition


def _question(position: int, q: Question) -> SurveyQuestion:
    return SurveyQuestion(
        key=q.key,
        position=position,
        kind=q.kind,
        standard=q.standard,
        text_da=q.da,
        text_en=q.en,
        choices=[{"value": c.value, "da": c.da, "en": c.en} for c in q.choices],
    )


# -- invitations and reminders ---------------------------------------------------------


def invite(
    participant: Participant, key: str, tenant: Tenant, now: datetime
) -> SurveyInvitation | None:
    """Invite one person to one survey and e-mail the link; ``None`` if done before."""
    definition = ensure_standard_surveys()[key]
    invitation = SurveyInvitation(
        definition_id=definition.id,
        survey_key=key,
        cohort_id=participant.cohort_id,
        participant_id=participant.id,
        sent_at=now,
    )
    try:
        with db.session.begin_nested():  # unique per person and survey
            db.session.add(invitation)
    except IntegrityError:
        return None
    _mail(invitation, definition, participant, tenant, "survey_invitation", now)
    return invitation


def remind(invitation: SurveyInvitation, tenant: Tenant, now: datetime) -> None:
    """The reminder e-mail (the caller has claimed the reminder)."""
    definition, participant = invitation.definition, invitation.participant
    _mail(invitation, definition, participant, tenant, "survey_reminder", now)


def survey_link(invitation: SurveyInvitation, tenant: Tenant) -> str:
    token = make_link_token(
        current_app.config["SECRET_KEY"], str(invitation.id), str(tenant.id)
    )
    return tenant_url(tenant, f"/s/{token}")


def _mail(
    invitation: SurveyInvitation,
    definition: SurveyDefinition,
    participant: Participant,
    tenant: Tenant,
    template: str,
    now: datetime,
) -> None:
    subject = SUBJECTS[definition.key] if template == "survey_invitation" else None
    user = participant.user
    queue_email(
        user,
        template,
        subject or REMINDER_SUBJECT,
        tenant=tenant,
        key=definition.key,
        title_da=definition.title_da,
        title_en=definition.title_en,
        link=survey_link(invitation, tenant),
        valid_until=now + LINK_VALID_FOR,
    )


# -- answers ------------------------------------------------------------------------


def save_answers(invitation: SurveyInvitation, form: MultiDict[str, Any]) -> int:
    """Keep what the person has answered so far; an emptied field is cleared.

    Returns how many questions now have an answer.
    """
    saved = {a.question_id: a for a in invitation.answers}
    for question in invitation.definition.questions:
        raw = form.getlist(f"q_{question.key}")
        value = _clean(question.kind, question.choice_values(), raw)
        _store(invitation, question, saved.get(question.id), value)
    db.session.flush()
    return sum(1 for a in invitation.answers)


def _store(
    invitation: SurveyInvitation,
    question: SurveyQuestion,
    answer: SurveyAnswer | None,
    value: Any,
) -> None:
    if value is None:
        if answer is not None:
            invitation.answers.remove(answer)
    elif answer is None:
        invitation.answers.append(SurveyAnswer(question_id=question.id, value=value))
    elif answer.value != value:
        answer.value = value


def complete(invitation: SurveyInvitation) -> None:
    """Mark the survey answered: no more reminders, the link becomes read-only."""
    if invitation.completed_at is None:
        invitation.completed_at = utcnow()
        db.session.flush()
