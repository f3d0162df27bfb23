"""Published snapshot rows for tests: the network pages read nothing else."""

from __future__ import annotations

from typing import Any

import factory
from flask import Flask

from mentoring.benchmarking.models import BenchmarkFigure
from mentoring.core.models import utcnow
from mentoring.extensions import db
from tests.factories import Base


class BenchmarkFigureFactory(Base):
    class Meta:
        model = BenchmarkFigure

    city = factory.Sequence(lambda n: f"City {n}")
    demo = False
    period = "all"
    measure = "mentees_in_work_after_six_months"
    kind = "share"
    n = 20
    value = 45.0
    reason = None
    tenant_id = None
    computed_at = factory.LazyFunction(utcnow)


def publish(app: Flask, *rows: dict[str, Any]) -> None:
    """Insert snapshot rows (each a dict of fields; suppressed: ``value=None``)."""
    with app.app_context():
        for fields in rows:
            if fields.get("value", 0) is None:
                fields = {"n": None, "reason": "small_base", **fields}
            BenchmarkFigureFactory(**fields)
        db.session.flush()
        db.session.commit()
