"""Writes of the benchmarking domain: the snapshot and a city's sharing choice.

They flush; the caller (the job, the command, the request) commits, so a
snapshot is replaced in one transaction or not at all.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.exc import IntegrityError

from mentoring.audit.services import record
from mentoring.benchmarking.disclosure import NETWORK, Figure, publish
from mentoring.benchmarking.models import (
    BenchmarkCell,
    BenchmarkFigure,
    BenchmarkRun,
    CitySharing,
)
from mentoring.benchmarking.snapshot import SharingCity, snapshot
from mentoring.core.models import utcnow
from mentoring.extensions import db

QUEUED, RUNNING, DONE = "queued", "running", "done"
# Any constant: the key of the PostgreSQL advisory lock that serialises recomputes.
LOCK_KEY = 9_000_009
# Letters that name no Danish city by themselves: a pseudonym must not identify one.
PSEUDONYM_LETTERS = "ABCDEFGHJKLMNPRSTUVXYZÆØ"
PSEUDONYM_TRIES = 20


def queue_run(reason: str) -> BenchmarkRun:
    """A run asked for (by the tick or a closing cohort): the job claims it."""
    run = BenchmarkRun(started_at=utcnow(), reason=reason, status=QUEUED)
    db.session.add(run)
    db.session.flush()
    return run


def recompute_snapshot(
    reason: str, run_id: uuid.UUID | None = None
) -> BenchmarkRun | None:
    """Replace every cell and figure with a fresh snapshot, as one run.

    With ``run_id`` the queued run is claimed first; if it is not queued any
    more (another worker took it, or it is done) nothing happens and None is
    returned. Two recomputes never interleave: on PostgreSQL an advisory lock
    held to the end of the transaction makes the second wait; SQLite
    serialises writers itself. The result depends only on the data, so
    running it twice gives the same figures.
    """
    _serialise()
    now = utcnow()
    cities, cells = snapshot(now)  # cross_tenant: leaves the session empty
    run = _claim(run_id, reason, now)
    if run is None:
        return None
    db.session.execute(db.delete(BenchmarkFigure))
    db.session.execute(db.delete(BenchmarkCell))
    db.session.add_all(
        BenchmarkCell(
            tenant_id=uuid.UUID(c.city),
            period=c.period,
            measure=c.measure,
            kind=c.kind,
            n=c.n,
            count=c.count,
            computed_at=now,
        )
        for c in cells
    )
    db.session.add_all(_figures(publish(cells), cities, now))
    run.cities, run.status, run.finished_at = len(cities), DONE, utcnow()
    db.session.flush()
    return run


def _serialise() -> None:
    bind = db.session.get_bind()
    if bind.dialect.name == "postgresql":
        db.session.execute(db.text("SELECT pg_advisory_xact_lock(:k)"), {"k": LOCK_KEY})


def _claim(run_id: uuid.UUID | None, reason: str, now: datetime) -> BenchmarkRun | None:
    if run_id is None:
        run = BenchmarkRun(started_at=now, reason=reason, status=RUNNING)
        db.session.add(run)
        return run
    claimed = db.session.execute(
        db.update(BenchmarkRun)
        .where(BenchmarkRun.id == run_id, BenchmarkRun.status == QUEUED)
        .values(status=RUNNING, started_at=now)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:
        return None
    return db.session.execute(
        db.select(BenchmarkRun).where(BenchmarkRun.id == run_id)
    ).scalar_one()


def _figures(
    figures: Sequence[Figure], cities: Sequence[SharingCity], now: datetime
) -> list[BenchmarkFigure]:
    """Stored figures: a city by its label (name or pseudonym), never its id."""
    by_id = {str(city.tenant_id): city for city in cities}
    any_demo = any(city.demo for city in cities)
    rows = []
    for f in figures:
        city = by_id.get(f.city)
        rows.append(
            BenchmarkFigure(
                tenant_id=city.tenant_id if city else None,
                city=city.label if city else NETWORK,
                # The pooled figure is demo data as soon as a demo city is in it.
                demo=city.demo if city else any_demo,
                period=f.period,
                measure=f.measure,
                kind=f.kind,
                n=f.n,
                value=f.value,
                reason=f.reason,
                computed_at=now,
            )
        )
    return rows


# -- a city's choice ------------------------------------------------------------


def new_pseudonym() -> str:
    """A random, non-identifying name such as "By K-47" (unique: see models)."""
    letter = secrets.choice(PSEUDONYM_LETTERS)
    return f"By {letter}-{10 + secrets.randbelow(90)}"


def sharing_for_city() -> CitySharing:
    """The current city's choice, created on first use with the defaults (share,
    named) and a pseudonym that then stays the same for good.

    The database's unique index refuses a pseudonym another city has, so a
    taken one is simply drawn again, without reading other cities' rows.
    """
    existing = db.session.execute(db.select(CitySharing)).scalar_one_or_none()
    if existing is not None:
        return existing
    for _ in range(PSEUDONYM_TRIES):
        row = CitySharing(shares=True, named=True, pseudonym=new_pseudonym())
        try:
            with db.session.begin_nested():
                db.session.add(row)
        except IntegrityError:
            # Taken: by another city (draw again), or this city's own row made
            # by a request at the same moment (use it).
            existing = db.session.execute(db.select(CitySharing)).scalar_one_or_none()
            if existing is not None:
                return existing
            continue
        return row
    raise RuntimeError("no free pseudonym")  # 2,160 of them; never in practice


def save_sharing(shares: bool, named: bool) -> CitySharing:
    """Record the city's choice (and who made it, in the audit trail).

    It takes effect with the next snapshot: a city that stops sharing is left
    out of it, and so out of every other city's comparison and the pooled
    network figures.
    """
    row = sharing_for_city()
    old = f"shares={row.shares} named={row.named}"
    row.shares, row.named = shares, named
    new = f"shares={shares} named={named}"
    if old != new:
        record(
            "network.sharing", "city_sharing", row.id, row.pseudonym, old=old, new=new
        )
    db.session.flush()
    return row
