"""A browser's User-Agent, summarised for people: "Firefox on Windows".

Plain function, no Flask. Order matters: Edge and Opera say "Chrome" too, and
Chrome says "Safari"; Android says "Linux" and iPhones say "Mac OS X".
"""

from __future__ import annotations

import re

_BROWSERS = (
    ("Edge", r"Edg(e|A|iOS)?/"),
    ("Opera", r"OPR/|Opera"),
    ("Samsung Internet", r"SamsungBrowser/"),
    ("Firefox", r"Firefox/|FxiOS/"),
    ("Chrome", r"Chrome/|CriOS/|Chromium/"),
    ("Safari", r"Safari/"),
)
_SYSTEMS = (
    ("iPhone", r"iPhone"),
    ("iPad", r"iPad"),
    ("Android", r"Android"),
    ("Windows", r"Windows"),
    ("ChromeOS", r"CrOS"),
    ("macOS", r"Mac OS X|Macintosh"),
    ("Linux", r"Linux"),
)


def summarise(user_agent: str) -> tuple[str | None, str | None]:
    """``(browser, system)``; either is None when the string does not tell."""
    return _first(_BROWSERS, user_agent), _first(_SYSTEMS, user_agent)


def _first(table: tuple[tuple[str, str], ...], text: str) -> str | None:
    return next((name for name, pattern in table if re.search(pattern, text)), None)
