"""Who a cohort message can go to, and who that is (read-side).

An audience is a short key: ``all``, ``mentees``, ``mentors``,
``survey:<definition id>`` (has not answered that survey yet) or
``event:<event id>`` (said yes to that event).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import Select
from sqlalchemy.orm import selectinload

from mentoring.core.i18n import _
from mentoring.events.models import Event, EventInvitation
from mentoring.extensions import db
from mentoring.programmes.models import Cohort, Participant
from mentoring.surveys.models import SurveyDefinition, SurveyInvitation

ROLES = {"all": ("mentor", "mentee"), "mentees": ("mentee",), "mentors": ("mentor",)}


@dataclass(frozen=True)
class Audience:
    key: str
    label: str
    count: int


def audiences(cohort: Cohort, locale: str) -> list[Audience]:
    """Every audience the coordinator can choose for ``cohort``, with its size."""
    options = [
        ("all", _("Everyone in the cohort")),
        ("mentees", _("The mentees")),
        ("mentors", _("The mentors")),
    ]
    for definition in _surveys_sent(cohort.id):
        title = definition.title_en if locale == "en" else definition.title_da
        label = _("Not answered the survey: %(title)s", title=title)
        options.append((f"survey:{definition.id}", label))
    for event in _events(cohort.id):
        label = _("Said yes to: %(title)s", title=event.title(locale))
        options.append((f"event:{event.id}", label))
    return [Audience(key, str(label), _count(cohort, key)) for key, label in options]


def recipients(cohort: Cohort, key: str) -> list[Participant] | None:
    """The cohort's participants in audience ``key`` (None: no such audience)."""
    query = _select(cohort, key)
    if query is None:
        return None
    query = query.options(selectinload(Participant.user))
    return list(db.session.scalars(query.order_by(Participant.created_at)))


def _count(cohort: Cohort, key: str) -> int:
    query = _select(cohort, key)
    if query is None:
        return 0
    return db.session.scalar(db.select(db.func.count()).select_from(query.subquery()))


def _select(cohort: Cohort, key: str) -> Select | None:
    base = db.select(Participant).where(Participant.cohort_id == cohort.id)
    if key in ROLES:
        return base.where(Participant.role.in_(ROLES[key]))
    kind, _sep, ident = key.partition(":")
    try:
        target = uuid.UUID(ident)
    except ValueError:
        return None
    if kind == "survey":
        return base.where(Participant.id.in_(_not_answered(cohort.id, target)))
    if kind == "event":
        return base.where(Participant.id.in_(_said_yes(cohort.id, target)))
    return None


def _not_answered(cohort_id: uuid.UUID, definition_id: uuid.UUID) -> Select:
    return db.select(SurveyInvitation.participant_id).where(
        SurveyInvitation.cohort_id == cohort_id,
        SurveyInvitation.definition_id == definition_id,
        SurveyInvitation.completed_at.is_(None),
    )


def _said_yes(cohort_id: uuid.UUID, event_id: uuid.UUID) -> Select:
    return (
        db.select(EventInvitation.participant_id)
        .join(Event, Event.id == EventInvitation.event_id)
        .where(
            Event.id == event_id,
            Event.cohort_id == cohort_id,
            EventInvitation.rsvp == "yes",
        )
    )


def _surveys_sent(cohort_id: uuid.UUID) -> list[SurveyDefinition]:
    sent = db.select(SurveyInvitation.definition_id).where(
        SurveyInvitation.cohort_id == cohort_id
    )
    return list(
        db.session.scalars(
            db.select(SurveyDefinition)
            .where(SurveyDefinition.id.in_(sent))
            .order_by(SurveyDefinition.key, SurveyDefinition.version)
        )
    )


def _events(cohort_id: uuid.UUID) -> list[Event]:
    return list(
        db.session.scalars(
            db.select(Event)
            .where(Event.cohort_id == cohort_id, Event.cancelled_at.is_(None))
            .order_by(Event.starts_at)
        )
    )
