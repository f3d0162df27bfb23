"""Writes for pairs and meetings. They flush; the request (or the job) commits.

E-mails go out after the commit (``queue_email``).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from mentoring.accounts.models import User
from mentoring.audit.services import record
from mentoring.core.i18n import N_, _
from mentoring.core.models import utcnow
from mentoring.core.tenancy import path_for, tenant_url
from mentoring.extensions import db
from mentoring.mail.services import queue_email
from mentoring.meetings import queries
from mentoring.meetings.models import Meeting, PairReminder
from mentoring.meetings.rules import ALERT, NUDGE, pairing_problem
from mentoring.programmes.models import Cohort, Pair, Participant
from mentoring.programmes.signals import participant_withdrawn
from mentoring.programmes.status import CohortStatus
from mentoring.tenancy.models import Tenant


class PairingError(ValueError):
    """A pair that cannot be made; the message is translated for the coordinator."""


# -- pairs ------------------------------------------------------------------------


def make_pair(cohort: Cohort, mentee_id: str, mentor_id: str, tenant: Tenant) -> Pair:
    """Pair a mentee and a mentor of ``cohort``; audit it and tell both by e-mail."""
    if cohort.status == CohortStatus.CLOSED:
        raise PairingError(_("This cohort is closed: its pairs cannot change."))
    mentee, mentor = _participant(cohort, mentee_id), _participant(cohort, mentor_id)
    problem = pairing_problem(
        mentee.role if mentee else None,
        mentor.role if mentor else None,
        mentee is not None and _is_paired(mentee),
        mentor is not None and _is_paired(mentor),
    )
    if problem:
        raise PairingError(_pairing_message(problem, mentee, mentor))
    pair = Pair(cohort_id=cohort.id, mentee=mentee, mentor=mentor)
    db.session.add(pair)
    db.session.flush()
    record("pair.create", "pair", pair.id, pair_label(pair), cohort=cohort.name)
    _announce_pair(pair, tenant)
    return pair


def _participant(cohort: Cohort, raw_id: str) -> Participant | None:
    try:
        ident = uuid.UUID(str(raw_id))
    except ValueError:
        return None
    return db.session.scalar(
        db.select(Participant)
        .where(
            Participant.id == ident,
            Participant.cohort_id == cohort.id,
            Participant.withdrawn_at.is_(None),
        )
        .options(selectinload(Participant.user))
    )


def _is_paired(participant: Participant) -> bool:
    column = Pair.mentee_id if participant.role == "mentee" else Pair.mentor_id
    return (
        db.session.scalar(db.select(Pair.id).where(column == participant.id))
        is not None
    )


def _pairing_message(
    problem: str, mentee: Participant | None, mentor: Participant | None
) -> str:
    if problem == "not_mentee":
        return _("Choose a mentee of this cohort.")
    if problem == "not_mentor":
        return _("Choose a mentor of this cohort.")
    if problem == "mentee_paired":
        return _("%(name)s already has a mentor.", name=mentee.user.full_name)
    return _("%(name)s already has a mentee.", name=mentor.user.full_name)


def pair_label(pair: Pair) -> str:
    return f"{pair.mentee.user.full_name} – {pair.mentor.user.full_name}"


def remove_pair(pair: Pair) -> None:
    """Unpair; the pair's meeting log and reminders go with it (audited)."""
    record("pair.delete", "pair", pair.id, pair_label(pair), cohort=pair.cohort.name)
    db.session.delete(pair)
    db.session.flush()


def end_pair_of(participant: Participant, **_: Any) -> None:
    """A participant withdrew: their pair ends (``participant_withdrawn``).

    The pair is deleted, not marked ended: a pair's unique keys allow one pair
    per mentee and per mentor, and the partner left behind must be free to be
    paired again. Its meeting log goes with it, as with any removed pair; the
    removal is audited.
    """
    column = Pair.mentee_id if participant.role == "mentee" else Pair.mentor_id
    pair = db.session.scalar(
        db.select(Pair)
        .where(column == participant.id)
        .options(selectinload(Pair.mentee).selectinload(Participant.user))
        .options(selectinload(Pair.mentor).selectinload(Participant.user))
    )
    if pair is not None:
        remove_pair(pair)


def connect_signals() -> None:
    """Listen to the programmes domain (called once by the app factory)."""
    participant_withdrawn.connect(end_pair_of)


def _announce_pair(pair: Pair, tenant: Tenant) -> None:
    """Each side learns who the other is and how to reach them, in their language."""
    link = pair_url(tenant, pair.id)
    for me, other, subject in (
        (pair.mentee, pair.mentor, N_("Meet your mentor")),
        (pair.mentor, pair.mentee, N_("Meet your mentee")),
    ):
        queue_email(
            me.user,
            "pair_made",
            subject,
            tenant=tenant,
            partner=other.user,
            partner_is_mentor=other.role == "mentor",
            cohort=pair.cohort,
            link=link,
        )


def pair_url(tenant: Tenant, pair_id: uuid.UUID) -> str:
    """The pair page on the city's host; a job has no request, so config builds it."""
    return tenant_url(tenant, path_for("meetings.pair_page", pair_id=pair_id))


# -- meetings ---------------------------------------------------------------------


def log_meeting(pair: Pair, user: User, values: dict[str, Any]) -> Meeting:
    """A meeting logged by one side of the pair (``values`` already validated)."""
    meeting = Meeting(pair_id=pair.id, logged_by_id=user.id)
    update_meeting(meeting, values)
    db.session.add(meeting)
    db.session.flush()
    return meeting


def update_meeting(meeting: Meeting, values: dict[str, Any]) -> None:
    meeting.held_on = values["held_on"]
    meeting.duration_minutes = values["duration_minutes"]
    meeting.topics = list(values["topics"])
    meeting.notes = (values.get("notes") or "").strip()


def delete_meeting(meeting: Meeting) -> None:
    db.session.delete(meeting)
    db.session.flush()


# -- quiet pairs --------------------------------------------------------------------


@dataclass(frozen=True)
class Reminded:
    due: queries.Due
    pair: Pair


def send_due_reminders(tenant: Tenant, today: date | None) -> int:
    """Nudge quiet pairs and alert the coordinators; each reminder once (claimed
    through ``PairReminder``'s unique key). Returns how many were sent."""
    due = [d for d in queries.due_reminders(today) if _claim(d)]
    pairs = _pairs_by_id({d.pair_id for d in due})
    sent = [Reminded(d, pairs[d.pair_id]) for d in due if d.pair_id in pairs]
    for item in sent:
        if item.due.kind == NUDGE:
            _nudge(tenant, item)
    alerts = [item for item in sent if item.due.kind == ALERT]
    if alerts:
        _alert_coordinators(tenant, alerts)
    return len(sent)


def _claim(due: queries.Due) -> bool:
    """Insert the reminder row in a savepoint: of two runs, only one wins."""
    try:
        with db.session.begin_nested():
            db.session.add(
                PairReminder(
                    pair_id=due.pair_id,
                    kind=due.kind,
                    since=due.since,
                    sent_at=utcnow(),
                )
            )
    except IntegrityError:
        return False
    return True


def _pairs_by_id(ids: set[uuid.UUID]) -> dict[uuid.UUID, Pair]:
    if not ids:
        return {}
    pairs = db.session.scalars(
        db.select(Pair)
        .where(Pair.id.in_(ids))
        .options(
            selectinload(Pair.cohort),
            selectinload(Pair.mentee).selectinload(Participant.user),
            selectinload(Pair.mentor).selectinload(Participant.user),
        )
    )
    return {pair.id: pair for pair in pairs}


def _nudge(tenant: Tenant, item: Reminded) -> None:
    pair, link = item.pair, pair_url(tenant, item.pair.id)
    for me, other in ((pair.mentee, pair.mentor), (pair.mentor, pair.mentee)):
        queue_email(
            me.user,
            "pair_nudge",
            N_("Time for a meeting?"),
            tenant=tenant,
            partner=other.user,
            since=item.due.since,
            weeks=item.due.weeks,
            link=link,
        )


def _alert_coordinators(tenant: Tenant, alerts: list[Reminded]) -> None:
    for coordinator in queries.coordinators():
        queue_email(
            coordinator,
            "pair_alert",
            N_("Pairs that have not met for a while"),
            tenant=tenant,
            alerts=alerts,
            links={a.pair.id: pair_url(tenant, a.pair.id) for a in alerts},
        )
