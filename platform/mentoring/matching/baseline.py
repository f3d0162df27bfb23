"""The greedy baseline the optimal matching is compared with.

Greedy is what a coordinator does by hand: take the best-scoring pair, then the
best among the people still free, and so on. It is fast and often decent, but
it can miss pairs and total score; the matching board shows both numbers so
the gain of the exact solver is visible.
"""

from __future__ import annotations

import numpy as np


def greedy(values: np.ndarray, allowed: np.ndarray) -> list[tuple[int, int]]:
    """Pairs chosen best-first among free people; ties by (mentee, mentor)."""
    rows, cols = np.nonzero(allowed)
    # lexsort: the last key is the primary one (highest score first).
    order = np.lexsort((cols, rows, -values[rows, cols]))
    free_rows, free_cols = set(rows.tolist()), set(cols.tolist())
    pairs = []
    for i, j in zip(rows[order].tolist(), cols[order].tolist(), strict=True):
        if i in free_rows and j in free_cols:
            pairs.append((i, j))
            free_rows.discard(i)
            free_cols.discard(j)
            if not free_rows or not free_cols:
                break
    return sorted(pairs)
