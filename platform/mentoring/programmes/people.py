"""Writes on the city's people: withdraw, edit, add to a cohort, deactivate, invite.

Like ``services`` they flush; the request commits. Decisions on one row take
its lock first (``queries.participant_for_change``, ``queries.person_for_change``)
so two coordinators pressing at once change it once. E-mails go out after commit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import g

from mentoring.accounts.models import User
from mentoring.accounts.services import (
    end_all_sessions,
    normalise_email,
    send_invitation,
)
from mentoring.audit.services import record
from mentoring.core.i18n import N_
from mentoring.core.models import utcnow
from mentoring.core.tenancy import path_for, site_url
from mentoring.extensions import db
from mentoring.mail.services import queue_email
from mentoring.programmes.models import Cohort, Participant
from mentoring.programmes.signals import participant_withdrawn

PERSON_FIELDS = ("full_name", "email", "phone", "locale")


def withdraw_participant(participant: Participant, reason: str) -> bool:
    """Withdraw from the cohort; False if already withdrawn (nothing changes).

    Listeners of ``participant_withdrawn`` end the pair (meetings) and free the
    place of the accepted application (applications). The caller holds the lock.
    """
    if participant.is_withdrawn:
        return False
    participant.withdrawn_at = utcnow()
    participant.withdrawal_reason = reason.strip()[:200]
    record(
        "participant.withdraw",
        "participant",
        participant.id,
        participant.user.full_name,
        cohort=participant.cohort.name,
        role=participant.role,
        reason=participant.withdrawal_reason,
    )
    db.session.flush()
    participant_withdrawn.send(participant)
    db.session.flush()
    return True


def email_taken(email: str, user: User | None = None) -> bool:
    """True if another person of the city already has this e-mail."""
    query = db.select(User.id).where(User.email == normalise_email(email))
    if user is not None:
        query = query.where(User.id != user.id)
    return db.session.scalar(query) is not None


def update_person(user: User, values: dict[str, Any]) -> list[str]:
    """Set name, e-mail, phone and language; returns the names of changed fields."""
    values = {**values, "email": normalise_email(values["email"])}
    values["phone"] = (values.get("phone") or "").strip() or None
    changed = [n for n in PERSON_FIELDS if getattr(user, n) != values[n]]
    for name in changed:
        setattr(user, name, values[name])
    if changed:
        record("person.edit", "user", user.id, user.full_name, fields=",".join(changed))
    db.session.flush()
    return changed


@dataclass(frozen=True)
class Added:
    """What ``add_to_cohort`` did: the participant, or why not (``already``)."""

    participant: Participant | None
    new_account: bool = False


def add_to_cohort(cohort: Cohort, role: str, values: dict[str, Any]) -> Added:
    """Add a person without an application (a returning mentor, say).

    The city's account with this e-mail is used as it is; otherwise a new one is
    made and invited to choose a password. A person already in the cohort is
    not added twice.
    """
    email = normalise_email(values["email"])
    user = db.session.scalar(db.select(User).where(User.email == email))
    new_account = user is None
    if user is None:
        user = _new_account(role, email, values)
    elif _in_cohort(cohort, user):
        return Added(None)
    participant = Participant(cohort_id=cohort.id, user_id=user.id, role=role)
    db.session.add(participant)
    db.session.flush()
    record(
        "participant.add",
        "participant",
        participant.id,
        user.full_name,
        cohort=cohort.name,
        role=role,
    )
    _tell_added(user, cohort, role)
    return Added(participant, new_account)


def _new_account(role: str, email: str, values: dict[str, Any]) -> User:
    user = User(
        role=role,
        email=email,
        full_name=values["full_name"].strip(),
        locale=values.get("locale") or None,
    )
    db.session.add(user)
    db.session.flush()
    return user


def _in_cohort(cohort: Cohort, user: User) -> bool:
    return (
        db.session.scalar(
            db.select(Participant.id).where(
                Participant.cohort_id == cohort.id, Participant.user_id == user.id
            )
        )
        is not None
    )


def _tell_added(user: User, cohort: Cohort, role: str) -> None:
    """No password yet: the invitation; else word of the new place (their language)."""
    if not user.has_password:
        send_invitation(user)
        return
    queue_email(
        user,
        "participant_added",
        N_("You have a place in the new cohort"),
        tenant=g.tenant,
        cohort=cohort,
        role=role,
        link=site_url(path_for("accounts.login")),
    )


def deactivate_account(user: User) -> bool:
    """No more signing in: every session of theirs ends now. False if already."""
    if not user.active:
        return False
    user.active = False
    end_all_sessions(user, "deactivated")
    record("account.deactivate", "user", user.id, user.full_name)
    db.session.flush()
    return True


def reactivate_account(user: User) -> bool:
    if user.active:
        return False
    user.active = True
    record("account.reactivate", "user", user.id, user.full_name)
    db.session.flush()
    return True


def invite_coordinator(values: dict[str, Any]) -> User | None:
    """A colleague's coordinator account, invited; None if the e-mail is taken."""
    email = normalise_email(values["email"])
    if email_taken(email):
        return None
    user = _new_account("coordinator", email, values)
    record("coordinator.invite", "user", user.id, user.full_name)
    send_invitation(user)
    return user
