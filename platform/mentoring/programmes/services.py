"""Writes for the city's cohort template and cohorts: they flush, the view commits."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from mentoring.audit.services import record
from mentoring.extensions import db
from mentoring.programmes import status as status_rules
from mentoring.programmes import template_defaults as defaults
from mentoring.programmes.models import Cohort, CohortTemplate, Pair, TemplateStep
from mentoring.programmes.signals import cohort_closed, cohort_created
from mentoring.programmes.status import CohortStatus

TEMPLATE_FIELDS = (
    "mentee_capacity",
    "mentor_capacity",
    "duration_weeks",
    "nudge_after_weeks",
)
COHORT_FIELDS = (
    "name",
    "starts_on",
    "ends_on",
    "mentee_capacity",
    "mentor_capacity",
    "nudge_after_weeks",
)


def get_or_create_template() -> CohortTemplate:
    """The city's template, created from the programme's defaults on first use.

    Two first visits at once: the later insert hits the unique key (one per city)
    inside its own savepoint, which is rolled back, and the winner's is read.
    """
    template = _template()
    if template is not None:
        return template
    try:
        with db.session.begin_nested():
            return _new_template()
    except IntegrityError:
        template = _template()
        if template is None:  # pragma: no cover - the key names only the city
            raise
        return template


def _template() -> CohortTemplate | None:
    return db.session.scalar(
        db.select(CohortTemplate).options(selectinload(CohortTemplate.steps))
    )


def _new_template() -> CohortTemplate:
    template = CohortTemplate(
        mentee_capacity=defaults.MENTEE_CAPACITY,
        mentor_capacity=defaults.MENTOR_CAPACITY,
        duration_weeks=defaults.DURATION_WEEKS,
        nudge_after_weeks=defaults.NUDGE_AFTER_WEEKS,
        steps=[TemplateStep(**asdict(step)) for step in defaults.DEFAULT_STEPS],
    )
    db.session.add(template)
    db.session.flush()
    return template


def update_template(template: CohortTemplate, values: dict[str, Any]) -> None:
    """Set the template's capacity, length and nudge weeks."""
    for name in TEMPLATE_FIELDS:
        setattr(template, name, values[name])
    db.session.flush()


def update_step(step: TemplateStep, values: dict[str, Any]) -> None:
    for name, value in values.items():
        setattr(step, name, value)
    db.session.flush()


def add_step(template: CohortTemplate, values: dict[str, Any]) -> TemplateStep:
    step = TemplateStep(**values)
    template.steps.append(step)
    db.session.flush()
    return step


def remove_step(template: CohortTemplate, step: TemplateStep) -> None:
    template.steps.remove(step)
    db.session.flush()


def name_taken(name: str, cohort: Cohort | None = None) -> bool:
    """True if another cohort of the city already has ``name``."""
    query = db.select(func.count()).select_from(Cohort).where(Cohort.name == name)
    if cohort is not None:
        query = query.where(Cohort.id != cohort.id)
    return bool(db.session.scalar(query))


def create_cohort(
    template: CohortTemplate,
    timezone: str,
    *,
    name: str,
    starts_on: date,
    mentee_capacity: int,
    mentor_capacity: int,
) -> Cohort:
    """A cohort from the template: its length and nudges; listeners of
    ``cohort_created`` add the rest (the events domain: one event per step)."""
    cohort = Cohort(
        name=name,
        starts_on=starts_on,
        ends_on=starts_on + timedelta(weeks=template.duration_weeks),
        mentee_capacity=mentee_capacity,
        mentor_capacity=mentor_capacity,
        nudge_after_weeks=template.nudge_after_weeks,
    )
    db.session.add(cohort)
    db.session.flush()
    cohort_created.send(cohort, template=template, timezone=timezone)
    record("cohort.create", "cohort", cohort.id, cohort.name)
    db.session.flush()
    return cohort


def update_cohort(cohort: Cohort, values: dict[str, Any]) -> None:
    """Change the cohort's name, dates, capacity or nudge weeks (not its events);
    a real change is recorded in the audit trail with the fields changed."""
    changed = [n for n in COHORT_FIELDS if getattr(cohort, n) != values[n]]
    for name in changed:
        setattr(cohort, name, values[name])
    if changed:
        record(
            "cohort.edit", "cohort", cohort.id, cohort.name, fields=", ".join(changed)
        )
    db.session.flush()


def change_status(
    cohort: Cohort, target: str, confirmed: bool, may_close: bool
) -> str | None:
    """Move the cohort to ``target`` if the rules allow; else the refusal's code.

    ``may_close`` comes from the caller, which can see the cohort's events.
    The cohort's row is locked first, so two changes at once are decided one
    after the other on fresh data. An accepted change is audited.
    """
    db.session.execute(
        db.select(Cohort.id).where(Cohort.id == cohort.id).with_for_update()
    )
    db.session.refresh(cohort, ["status"])
    pairs = db.session.scalar(
        db.select(func.count()).select_from(Pair).where(Pair.cohort_id == cohort.id)
    )
    reason = status_rules.refusal(
        cohort.status, target, pairs or 0, confirmed, may_close
    )
    if reason is not None:
        return reason
    previous, cohort.status = cohort.status, target
    record("cohort.status", "cohort", cohort.id, cohort.name, old=previous, new=target)
    db.session.flush()
    if target == CohortStatus.CLOSED:
        cohort_closed.send(cohort)
    return None
