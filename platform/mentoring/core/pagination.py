"""One page of a long list: which rows to fetch and which links to offer.

Pure: no Flask, no database. A view reads ``?page=N`` with ``page_from``, counts the
rows, and asks the query for ``page.size`` rows from ``page.offset``; the
``_pagination.html`` partial draws the links from the same ``Page``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    """Page ``number`` (from 1) of ``total`` rows, ``size`` rows a page."""

    number: int
    size: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.size

    @property
    def first_shown(self) -> int:
        return min(self.offset + 1, self.total)

    @property
    def last_shown(self) -> int:
        return min(self.offset + self.size, self.total)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages


def page_from(raw: str | None, total: int, size: int) -> Page:
    """The page asked for; anything unreadable or past the end is the first page."""
    try:
        number = int(raw or 1)
    except ValueError:
        number = 1
    page = Page(number=number, size=size, total=total)
    if number < 1 or number > page.pages:
        return Page(number=1, size=size, total=total)
    return page
