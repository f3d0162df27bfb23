"""An event as a calendar entry of its city, in one language (needs the app).

Shared by the ``.ics`` downloads, the personal feed and the invitation e-mail,
so all three give a calendar the same UID, SEQUENCE and times.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from email.utils import parseaddr
from typing import Any
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

from flask import current_app

from mentoring.core.tenancy import tenant_url
from mentoring.events.ical import CANCEL, PUBLISH, REQUEST, CalendarEntry, calendar
from mentoring.events.models import Event

MY_EVENT = "/me/events/{}"  # the event's own page for participants
GOOGLE_ADD = "https://calendar.google.com/calendar/render"
OUTLOOK_ADD = "https://outlook.live.com/calendar/0/addfromweb"


@dataclass(frozen=True)
class SubscribeLinks:
    """Ways to subscribe to a feed address: built here, never fetched."""

    feed: str  # the address itself (https, or http in development)
    webcal: str  # the same host and path: calendar apps open it themselves
    google: str
    outlook: str


def subscribe_links(feed_url: str, name: str) -> SubscribeLinks:
    """The feed as ``webcal://`` and as "add to Google / Outlook" links."""
    webcal = urlunsplit(urlsplit(feed_url)._replace(scheme="webcal"))
    google = f"{GOOGLE_ADD}?{urlencode({'cid': webcal}, quote_via=quote)}"
    query = urlencode({"url": feed_url, "name": name}, quote_via=quote)
    return SubscribeLinks(feed_url, webcal, google, f"{OUTLOOK_ADD}?{query}")


def entry(event: Event, tenant: Any, language: str) -> CalendarEntry:
    """The event in ``language``, its times in the city's timezone."""
    return CalendarEntry(
        uid=f"{event.id}@{current_app.config['MENTORING_DOMAIN']}",
        sequence=event.sequence,
        stamp=event.updated_at,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        summary=event.title(language),
        timezone=tenant.timezone,
        description=event.description(language),
        location=event.location,
        url=tenant_url(tenant, MY_EVENT.format(event.id)),
        cancelled=event.cancelled_at is not None,
    )


def published(events: list[Event], tenant: Any, language: str, name: str = "") -> str:
    """A file or feed to subscribe to or import (METHOD:PUBLISH)."""
    return calendar([entry(e, tenant, language) for e in events], name, PUBLISH)


def invitation(event: Event, tenant: Any, language: str, to_address: str) -> str:
    """The invitation attached to an e-mail (METHOD:REQUEST, or METHOD:CANCEL
    once the event is cancelled): from the city's sender address, to the invitee."""
    sender = parseaddr(current_app.config["MAIL_FROM"])[1]
    invite = replace(
        entry(event, tenant, language),
        organizer=f"mailto:{sender}",
        organizer_name=tenant.name(language),
        attendee=f"mailto:{to_address}",
    )
    method = CANCEL if event.cancelled_at is not None else REQUEST
    return calendar([invite], method=method)
