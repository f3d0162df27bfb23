"""Demo rows for the operator's cities tracker (``demo seed``).

Lyngby-Taarbæk is the real city that ran the programme (live). The seven cities
the report does not name are demo tenants, and the cities only informed are
invented here: every row but Lyngby-Taarbæk's is marked demo. Together they
match the report: at least 20 informed, 7 wanting to run it (criterion ≥ 4).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from mentoring.extensions import db
from mentoring.network import tracker
from mentoring.network.models import TrackedCity
from mentoring.tenancy.models import Tenant

# slug -> stage for the configured cities; the rest are only informed.
TENANT_STAGES = {
    "lyngby-taarbaek": "live",
    "aarhus": "live",
    "odense": "live",
    "aalborg": "onboarding",
    "esbjerg": "onboarding",
    "sonderborg": "interested",
    "kalundborg": "interested",
    "billund": "interested",
}
INFORMED = (
    "Vejle",
    "Horsens",
    "Kolding",
    "Herning",
    "Silkeborg",
    "Roskilde",
    "Helsingør",
    "Randers",
    "Viborg",
    "Fredericia",
    "Holstebro",
    "Næstved",
    "Svendborg",
)


def seed_tracker(today: date | None = None) -> None:
    """The tracker's demo rows, dated back from ``today`` (Copenhagen's)."""
    today = today or datetime.now(ZoneInfo("Europe/Copenhagen")).date()
    tenants = {t.slug: t for t in db.session.scalars(db.select(Tenant))}
    for index, (slug, stage) in enumerate(TENANT_STAGES.items()):
        tenant = tenants.get(slug)
        if tenant is not None:
            name = tenant.name_da.split(" – ")[0]
            _row(name, stage, today, index, tenant=tenant, demo=tenant.demo)
    for index, name in enumerate(INFORMED):
        _row(f"{name} (demo)", "informed", today, index, demo=True)
    db.session.flush()


def _row(
    name: str,
    stage: str,
    today: date,
    index: int,
    tenant: Tenant | None = None,
    demo: bool = True,
) -> None:
    """Walk the row through the stages, a few months apart, up to ``stage``."""
    row = TrackedCity(name=name, demo=demo, tenant_id=tenant.id if tenant else None)
    reached = tracker.STAGES.index(stage)
    start = today - timedelta(days=700 - 20 * index)
    for step, name_of_stage in enumerate(tracker.STAGES[: reached + 1]):
        tracker.move(row, name_of_stage, start + timedelta(days=90 * step))
    db.session.add(row)
