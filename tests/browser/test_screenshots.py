"""``make screenshots`` pictures a page in each viewport and language."""

from __future__ import annotations

import struct
from pathlib import Path
from typing import Any

import pytest

from mentoring.showcase.screenshots import VIEWPORTS, Shot, file_name, picture

pytestmark = pytest.mark.browser


def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


def test_a_page_is_pictured_as_a_phone_and_a_desktop_see_it(
    live_server: Any, browser: Any, tmp_path: Path
) -> None:
    shot = Shot("city-home", "/")
    written = picture(
        live_server, [shot], tmp_path, log=lambda _line: None, browser=browser
    )
    assert len(written) == 4
    for viewport, size in VIEWPORTS.items():
        for language in ("da", "en"):
            assert png_size(tmp_path / file_name(shot, viewport, language)) == size
