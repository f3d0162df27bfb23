"""Writes for events: create and edit, invite, answer, check in, calendar feeds.

Services flush; the view (or job) commits once.
"""

from __future__ import annotations

import secrets
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from flask_babel import LazyString
from sqlalchemy.orm import selectinload

from mentoring.accounts.models import User
from mentoring.audit.services import record
from mentoring.core.i18n import _, babel_locale
from mentoring.core.models import utcnow
from mentoring.core.tenancy import tenant_url
from mentoring.events import calendars
from mentoring.events.models import CalendarFeed, Event, EventInvitation
from mentoring.events.queries import feed_of, token_hash
from mentoring.events.rules import audience_roles, when_text
from mentoring.extensions import db
from mentoring.mail.services import queue_email, recipient_locale
from mentoring.programmes.models import Cohort, Participant
from mentoring.programmes.schedule import step_times
from mentoring.programmes.signals import cohort_created
from mentoring.tenancy.models import Tenant


@dataclass(frozen=True)
class EventDetails:
    """What a coordinator writes about an event (times already in UTC)."""

    kind: str
    title_da: str
    title_en: str
    description_da: str
    description_en: str
    starts_at: datetime
    ends_at: datetime
    location: str
    audience: str


def create_event(cohort: Cohort, details: EventDetails) -> Event:
    event = Event(cohort_id=cohort.id, **asdict(details))
    db.session.add(event)
    db.session.flush()
    record("event.create", "event", event.id, _event_label(cohort, event))
    return event


# What the invited are told about when it changes.
WHEN_AND_WHERE = frozenset({"starts_at", "ends_at", "location"})


def _event_label(cohort: Cohort, event: Event) -> str:
    return f"{cohort.name} – {event.title_da}"


def update_event(event: Event, details: EventDetails) -> frozenset[str]:
    """Apply changes; a real change bumps ``sequence`` so calendars update.

    Returns the names of the fields that changed (empty: nothing did).
    """
    changed = {k: v for k, v in asdict(details).items() if getattr(event, k) != v}
    for key, value in changed.items():
        setattr(event, key, value)
    if changed:
        event.sequence += 1
        label = _event_label(event.cohort, event)
        record("event.edit", "event", event.id, label, fields=", ".join(changed))
        db.session.flush()
    return frozenset(changed)


def tell_of_change(event: Event, tenant: Tenant, changed: frozenset[str]) -> int:
    """A new time or place: e-mail those invited who did not say no, with the
    updated ``.ics``. Returns how many were told."""
    if not changed & WHEN_AND_WHERE or event.cancelled_at is not None:
        return 0
    return _tell_invited(event, tenant, "event_changed")


def cancel_event(event: Event, tenant: Tenant) -> int:
    """Cancel the event: calendars get it as STATUS:CANCELLED (a new SEQUENCE),
    those invited who did not say no get an e-mail. Returns how many.

    Cancelling twice does nothing the second time.
    """
    _lock(Event, event.id)
    db.session.refresh(event, ["cancelled_at"])
    if event.cancelled_at is not None:
        return 0
    event.cancelled_at = utcnow()
    event.sequence += 1
    db.session.flush()
    return _tell_invited(event, tenant, "event_cancelled")


def _tell_invited(event: Event, tenant: Tenant, template: str) -> int:
    invited = _invited_not_declined(event)
    for invitation in invited:
        _mail(invitation, event, tenant, template)
    return len(invited)


def _invited_not_declined(event: Event) -> list[EventInvitation]:
    return list(
        db.session.scalars(
            db.select(EventInvitation)
            .where(EventInvitation.event_id == event.id, EventInvitation.rsvp != "no")
            .options(
                selectinload(EventInvitation.participant).selectinload(Participant.user)
            )
            .order_by(EventInvitation.created_at)
        )
    )


# -- invitations ---------------------------------------------------------------


def send_invitations(event: Event, tenant: Tenant) -> list[EventInvitation]:
    """Invite every participant of the audience not invited yet, and e-mail them.

    Idempotent: a second call invites only people who joined since. Concurrent
    calls (a double-tapped button) queue up on the event's row lock, and the
    later one sees who the first invited. A cancelled event invites no one.
    """
    _lock(Event, event.id)
    if event.cancelled_at is not None:
        return []
    now = utcnow()
    new = [
        EventInvitation(event_id=event.id, participant=p, invited_at=now)
        for p in _uninvited(event)
    ]
    db.session.add_all(new)
    event.invitations_sent_at = now
    db.session.flush()
    for invitation in new:
        _mail(invitation, event, tenant, "event_invitation")
    return new


def _uninvited(event: Event) -> list[Participant]:
    invited = db.select(EventInvitation.participant_id).where(
        EventInvitation.event_id == event.id
    )
    return list(
        db.session.scalars(
            db.select(Participant)
            .where(
                Participant.cohort_id == event.cohort_id,
                Participant.withdrawn_at.is_(None),
                Participant.role.in_(audience_roles(event.audience)),
                Participant.id.not_in(invited),
            )
            .options(selectinload(Participant.user))
            .order_by(Participant.created_at)
        )
    )


SUBJECTS = {
    "event_invitation": lambda title: _("Invitation: %(title)s", title=title),
    "event_reminder": lambda title: _("Reminder: %(title)s", title=title),
    "event_changed": lambda title: _("Changed: %(title)s", title=title),
    "event_cancelled": lambda title: _("Cancelled: %(title)s", title=title),
}
# E-mails that carry the event as an ``.ics`` (a reminder does not).
WITH_CALENDAR = frozenset({"event_invitation", "event_changed", "event_cancelled"})


def _mail(
    invitation: EventInvitation, event: Event, tenant: Tenant, template: str
) -> None:
    """E-mail one invitee in their own language (subject and body)."""
    user = invitation.participant.user
    locale = recipient_locale(user, tenant)
    subject = LazyString(lambda: SUBJECTS[template](event.title(locale)))
    queue_email(
        user,
        template,
        subject,
        tenant=tenant,
        calendar_ics=_invitation_ics(event, tenant, locale, user, template),
        event=event,
        title=event.title(locale),
        description=event.description(locale),
        when=when_text(
            event.starts_at, event.ends_at, tenant.timezone, babel_locale(locale)
        ),
        rsvp=invitation.rsvp,
        link=city_link(tenant, "/me/events/"),
    )


def _invitation_ics(
    event: Event, tenant: Tenant, locale: str, user: User, template: str
) -> str | None:
    """The invitation, a change and a cancellation carry the event as an ``.ics``
    (its SEQUENCE already bumped by the change); a reminder does not."""
    if template not in WITH_CALENDAR:
        return None
    return calendars.invitation(event, tenant, locale, user.email)


def remind(invitation: EventInvitation, tenant: Tenant) -> None:
    """The reminder e-mail (the caller has claimed the invitation)."""
    _mail(invitation, invitation.event, tenant, "event_reminder")


def city_link(tenant: Tenant, path: str) -> str:
    """An absolute link on the city's host, from a request or from a job."""
    return tenant_url(tenant, path)


# -- answers and the door -----------------------------------------------------------


def answer(invitation: EventInvitation, rsvp: str) -> None:
    """Record a yes / maybe / no (the view checks it is the person's own)."""
    if invitation.rsvp != rsvp:
        invitation.rsvp, invitation.responded_at = rsvp, utcnow()
        db.session.flush()


def toggle_checkin(invitation: EventInvitation, wanted: bool | None = None) -> bool:
    """One tap at the door: checked in, or undone. Returns the new state.

    ``wanted`` is the state the button offered: a double tap (or two phones at
    the door) then checks in once instead of checking in and out again.
    """
    invitation.checked_in_at = db.session.scalar(
        db.select(EventInvitation.checked_in_at)
        .where(EventInvitation.id == invitation.id)
        .with_for_update()
    )
    if wanted is None:
        wanted = invitation.checked_in_at is None
    if wanted != (invitation.checked_in_at is not None):
        invitation.checked_in_at = utcnow() if wanted else None
        db.session.flush()
    return invitation.checked_in_at is not None


def admit_walk_in(event: Event, participant: Participant) -> EventInvitation:
    """Someone of the cohort who came uninvited: invite and check them in at once
    (no e-mail: they are at the door)."""
    now = utcnow()
    invitation = EventInvitation(
        event_id=event.id, participant_id=participant.id, invited_at=now
    )
    invitation.checked_in_at = now
    db.session.add(invitation)
    db.session.flush()
    return invitation


def _lock(model: Any, ident: Any) -> None:
    """Hold ``model``'s row ``ident`` until commit (``FOR UPDATE``; SQLite ignores
    it and serialises writers anyway)."""
    db.session.execute(db.select(model.id).where(model.id == ident).with_for_update())


# -- calendar feeds -----------------------------------------------------------------


def new_calendar_feed(user_id: Any) -> str:
    """A fresh secret calendar address for the user; the old one stops working.

    Returns the token: it is shown once and only its hash is stored. Two
    concurrent requests queue up on the user's row lock: the first makes the
    feed, the second replaces its token (no duplicate key, one valid address).
    """
    _lock(User, user_id)
    token = secrets.token_urlsafe(32)
    feed = feed_of(user_id)
    if feed is None:
        feed = CalendarFeed(user_id=user_id, token_hash=token_hash(token))
        db.session.add(feed)
    else:
        feed.token_hash = token_hash(token)
    db.session.flush()
    return token


# -- a new cohort's events ----------------------------------------------------


def schedule_cohort(cohort: Cohort, *, template: Any, timezone: str) -> None:
    """``cohort_created``: one event per template step, at its local time."""
    db.session.add_all(_event_for(cohort, step, timezone) for step in template.steps)


def _event_for(cohort: Cohort, step: Any, timezone: str) -> Event:
    starts_at, ends_at = step_times(
        cohort.starts_on,
        step.offset_days,
        step.start_time,
        step.duration_minutes,
        timezone,
    )
    return Event(
        cohort_id=cohort.id,
        kind=step.kind,
        title_da=step.title_da,
        title_en=step.title_en,
        description_da=step.description_da,
        description_en=step.description_en,
        starts_at=starts_at,
        ends_at=ends_at,
        location=step.location,
        audience=step.audience,
    )


def connect_signals() -> None:
    """Listen to the programmes domain (called once by the app factory)."""
    cohort_created.connect(schedule_cohort)
