"""Writes for the results domain: they flush, the view commits."""

from __future__ import annotations

from collections.abc import Mapping

from mentoring.audit.services import record
from mentoring.extensions import db
from mentoring.results.models import SuccessCriterion


def save_criteria(shares: Mapping[str, float]) -> None:
    """Store each measure's least share for the current city (insert or update)."""
    rows = db.session.execute(db.select(SuccessCriterion)).scalars()
    existing = {row.measure: row for row in rows}
    for measure, share in shares.items():
        row = existing.get(measure) or SuccessCriterion(measure=measure)
        row.minimum_share = share
        db.session.add(row)
    detail = {measure: f"{share:.0%}" for measure, share in shares.items()}
    record("criteria.save", "success_criteria", None, **detail)
    db.session.flush()
