"""One safe-redirect check: only a path on this site, whatever a browser makes of it."""

from __future__ import annotations

import pytest

from mentoring.core.urls import safe_next

EVIL = [
    None,
    "",
    "evil.example",
    "https://evil.example/",
    "http:/evil.example",
    "javascript:alert(1)",
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "/\\/evil.example",
    "\\\\evil.example",
    "/path\\to",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "\n/x",
    " /x",
    "/x y",
    "/x\x00",
    "/x\x0b",
    "/\u2028/evil.example",
    "/\u00a0/evil.example",
    "/\u202e/x",
    "/\x7f",
]


@pytest.mark.parametrize("target", EVIL)
def test_anything_but_a_plain_local_path_is_refused(target):
    assert safe_next(target) is None


@pytest.mark.parametrize(
    "target",
    ["/", "/me/events/", "/coordinator/people?role=mentor&q=ana", "/s/abc#top", "/æøå"],
)
def test_a_local_path_is_kept(target):
    assert safe_next(target) == target
