"""Checking the 2-D score and rating tables the matching modules take.

One place for the rules (rectangular, numbers or ``None``, no NaN) so that the
solver, the scores and the speed-dating plan refuse bad input with the same
clear messages instead of failing somewhere inside NumPy.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from numbers import Real

import numpy as np

Cell = float | int | None
Grid = Sequence[Sequence[Cell]]


def shape_of(grid: Grid, name: str = "scores") -> tuple[int, int]:
    """(rows, columns) of a rectangular table; a ragged one is a ValueError."""
    if isinstance(grid, str | bytes) or not isinstance(grid, Sequence | np.ndarray):
        raise ValueError(f"{name} must be a 2-D sequence (rows of cells)")
    rows = len(grid)
    if rows == 0:
        return 0, 0
    widths = {_row_length(row, name) for row in grid}
    if len(widths) > 1:
        raise ValueError(
            f"{name} must be rectangular; row lengths are {sorted(widths)}"
        )
    return rows, widths.pop()


def _row_length(row: object, name: str) -> int:
    if isinstance(row, str | bytes) or not isinstance(row, Sequence | np.ndarray):
        raise ValueError(f"each row of {name} must be a sequence of cells")
    return len(row)


def to_array(grid: Grid, name: str = "scores") -> tuple[np.ndarray, np.ndarray]:
    """The table as floats plus a mask of its allowed (not ``None``) cells.

    Every cell must be a real number (not a bool) or ``None``; NaN and
    infinities are refused because no ordering of pairs could use them.
    """
    rows, cols = shape_of(grid, name)
    values = np.zeros((rows, cols), dtype=float)
    for i, row in enumerate(grid):
        values[i] = _row_values(row, f"{name}[{i}]")
    allowed = ~np.isnan(values)
    values[~allowed] = 0.0
    return values, allowed


# Cell types converted in bulk; anything else is checked cell by cell.
_PLAIN = frozenset({int, float, type(None), np.float64, np.int64})


def _row_values(row: Sequence[Cell], where: str) -> np.ndarray:
    """One row as floats with NaN for ``None`` (fast for plain numbers)."""
    if not set(map(type, row)) <= _PLAIN:
        return np.array(
            [
                np.nan if c is None else check_number(c, f"{where}[{j}]")
                for j, c in enumerate(row)
            ],
            dtype=float,
        )
    values = np.array(row, dtype=float)
    given = np.fromiter((c is not None for c in row), dtype=bool, count=len(row))
    bad = np.flatnonzero(given & ~np.isfinite(values))
    if bad.size:
        check_number(row[bad[0]], f"{where}[{bad[0]}]")
    return values


def check_number(cell: object, where: str) -> float:
    """``cell`` as a finite float, or a ValueError naming ``where``."""
    if isinstance(cell, bool | np.bool_) or not isinstance(cell, Real):
        raise ValueError(f"{where} must be a number or None, not {cell!r}")
    number = float(cell)
    if not math.isfinite(number):
        raise ValueError(f"{where} must be a finite number, not {cell!r}")
    return number


def check_indices(
    indices: Iterable[int], size: int, what: str, name: str
) -> frozenset[int]:
    """A set of valid indices (0 <= i < size), or a ValueError naming them."""
    found = frozenset(indices)
    bad = sorted(i for i in found if not _is_index(i, size))
    if bad:
        raise ValueError(f"{name}: {what} index out of range (0..{size - 1}): {bad}")
    return found


def check_pairs(
    pairs: Iterable[tuple[int, int]], shape: tuple[int, int], name: str
) -> list[tuple[int, int]]:
    """Pairs whose indices fit ``shape``, sorted, duplicates dropped."""
    given = [tuple(pair) for pair in pairs]
    bad = [
        p
        for p in given
        if len(p) != 2 or not (_is_index(p[0], shape[0]) and _is_index(p[1], shape[1]))
    ]
    if bad:
        raise ValueError(
            f"{name}: pair out of range for a {shape[0]}x{shape[1]} table: {bad}"
        )
    return sorted({(int(i), int(j)) for i, j in given})


def _is_index(value: object, size: int) -> bool:
    return (
        isinstance(value, int | np.integer)
        and not isinstance(value, bool)
        and (0 <= value < size)
    )
