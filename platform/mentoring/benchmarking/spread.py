"""The spread of the cities' published values: median and quartiles (pure).

Computed from the values that were published only: a suppressed city adds
nothing, so the band can never hint at a hidden figure.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from statistics import median, quantiles


@dataclass(frozen=True)
class Spread:
    """Lowest, first quartile, median, third quartile and highest of ``n`` cities."""

    n: int
    low: float
    q1: float
    median: float
    q3: float
    high: float


def spread(values: Iterable[float | None]) -> Spread | None:
    """The spread of the published ``values`` (``None`` ones left out).

    Quartiles by the inclusive method (Excel's QUARTILE.INC, numpy's default);
    one city is its own median and quartiles; no city gives ``None``.
    """
    known = sorted(float(v) for v in values if v is not None)
    if not known:
        return None
    if len(known) == 1:
        q1 = q3 = known[0]
    else:
        q1, _, q3 = quantiles(known, n=4, method="inclusive")
    return Spread(len(known), known[0], q1, median(known), q3, known[-1])
