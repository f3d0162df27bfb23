"""Reads for the results pages (scoped to the current city)."""

from __future__ import annotations

from mentoring.core.tenancy import current_tenant
from mentoring.extensions import db
from mentoring.reports.models import SuccessCriterion


def criteria_for_city() -> dict[str, float]:
    """The city's criteria: what its coordinator set, over tenant.toml's defaults."""
    defaults = dict(current_tenant.success_criteria or {})
    rows = db.session.execute(db.select(SuccessCriterion)).scalars()
    return defaults | {row.measure: row.minimum_share for row in rows}
