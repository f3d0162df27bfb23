"""``make screenshots``: the README's pictures are the ones it makes."""

from __future__ import annotations

import re
from pathlib import Path

from mentoring.showcase.screenshots import LANGUAGES, SHOTS, VIEWPORTS, all_file_names

ROOT = Path(__file__).resolve().parents[2]


def readme_pictures() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"docs/screens/([\w.-]+\.png)", text)


def test_the_readme_shows_pictures_made_by_make_screenshots() -> None:
    shown = readme_pictures()
    assert len(shown) >= 4  # a few: phone and desktop, more than one role
    assert set(shown) <= all_file_names()
    for name in shown:
        assert (ROOT / "docs" / "screens" / name).is_file(), (
            f"run `make screenshots`: {name}"
        )


def test_every_page_is_pictured_on_a_phone_and_a_desktop_in_both_languages() -> None:
    assert set(VIEWPORTS) == {"phone", "desktop"} and VIEWPORTS["phone"][0] == 360
    assert set(LANGUAGES) == {"da", "en"}
    assert len(all_file_names()) == len(SHOTS) * 4
    roles = {shot.account for shot in SHOTS}
    assert None in roles and len(roles) >= 4  # visitors, coordinator, mentee, analyst


def test_the_kept_pictures_are_exactly_one_run_of_make_screenshots() -> None:
    kept = {p.name for p in (ROOT / "docs" / "screens").glob("*.png")}
    assert kept == all_file_names(), "run `make screenshots` after changing the list"
