"""The pure page arithmetic behind every long list."""

from __future__ import annotations

import pytest

from mentoring.core.pagination import Page, page_from


def test_a_page_knows_its_rows_and_neighbours():
    page = page_from("2", total=120, size=50)
    assert (page.number, page.offset, page.pages) == (2, 50, 3)
    assert (page.first_shown, page.last_shown) == (51, 100)
    assert page.has_previous and page.has_next
    last = page_from("3", total=120, size=50)
    assert (last.last_shown, last.has_next) == (120, False)


@pytest.mark.parametrize("raw", [None, "", "0", "-3", "abc", "4", "1.5", "9" * 30])
def test_a_bad_or_out_of_range_page_is_the_first(raw):
    assert page_from(raw, total=120, size=50) == Page(number=1, size=50, total=120)


def test_an_empty_list_is_one_page():
    page = page_from("1", total=0, size=50)
    assert (page.pages, page.first_shown, page.last_shown) == (1, 0, 0)
    assert not page.has_previous and not page.has_next
