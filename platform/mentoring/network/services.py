"""The operator's writes: the tracker, and onboarding a city from the web.

They flush; the request commits (and only then the invitation is sent).
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from mentoring.accounts.models import User
from mentoring.accounts.services import normalise_email, send_invitation
from mentoring.core.context import in_city
from mentoring.extensions import db
from mentoring.network import tracker
from mentoring.network.models import TrackedCity
from mentoring.network.queries import tracked_by_id
from mentoring.programmes.services import get_or_create_template
from mentoring.tenancy.models import Tenant
from mentoring.tenancy.services import create_web_tenant

TRACKED_FIELDS = ("name", "region", "note")


def add_tracked(values: dict[str, Any], today: date) -> TrackedCity:
    """A new row in the tracker, in its stage from its informed date on."""
    row = TrackedCity(**{k: values[k] or "" for k in TRACKED_FIELDS})
    row.informed_on = values.get("informed_on") or today
    tracker.move(row, values["stage"], today)
    db.session.add(row)
    db.session.flush()
    return row


def update_tracked(row: TrackedCity, values: dict[str, Any], today: date) -> None:
    for name in TRACKED_FIELDS:
        setattr(row, name, values[name] or "")
    if values.get("informed_on"):
        row.informed_on = values["informed_on"]
    change_stage(row, values["stage"], today)


def change_stage(row: TrackedCity, stage: str, today: date) -> None:
    """Move the row (``tracker.move`` stamps the dates); flushed."""
    if stage != row.stage:
        tracker.move(row, stage, today)
    db.session.flush()


def onboard_city(
    values: dict[str, Any],
    coordinator: dict[str, str],
    row_id: uuid.UUID | None,
    today: date,
) -> TrackedCity:
    """Create the city, its template and its first coordinator; track it.

    One transaction (the request's): the tenant row (configured from the web),
    inside the city the cohort template from the programme's defaults and the
    coordinator with the invitation e-mail (sent after the commit, its link on
    the city's configured address), then the tracker row, linked and moved to
    "onboarding". A failure anywhere rolls all of it back.

    The row is given by id and loaded afterwards: entering and leaving the
    city empties the session's identity map.
    """
    tenant = create_web_tenant(values)
    _set_up_city(tenant, coordinator)
    row = tracked_by_id(row_id) if row_id else None
    if row is None:
        row = TrackedCity(name=tenant.name_da, informed_on=today)
        db.session.add(row)
    row.tenant_id = tenant.id
    tracker.move(row, "onboarding", today)
    db.session.flush()
    return row


def _set_up_city(tenant: Tenant, coordinator: dict[str, str]) -> None:
    with in_city(tenant):
        get_or_create_template()
        user = User(
            email=normalise_email(coordinator["email"]),
            full_name=coordinator["name"],
            role="coordinator",
            locale=tenant.default_language,
        )
        db.session.add(user)
        db.session.flush()
        send_invitation(user)
        db.session.flush()  # inside the city: leaving it expunges the session
