"""The finish a visitor notices (issue 15, points 6 and 7, in part).

No template carries inline script (the Content-Security-Policy, ``script-src
'self'``, would block it and the button would silently do nothing); every host
has an icon; ``make help`` prints real versions.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = sorted((ROOT / "platform" / "mentoring").rglob("templates/**/*.html"))
INLINE = re.compile(
    r"""\son[a-z]+\s*=|javascript:|<script(?![^>]*\ssrc=)[^>]*>""", re.IGNORECASE
)


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_no_template_has_inline_script(template):
    found = INLINE.findall(template.read_text(encoding="utf-8"))
    assert found == [], f"{template}: inline script is blocked by the CSP"


def test_the_inline_check_catches_a_handler():
    assert INLINE.search('<button onclick="window.print()">')
    assert INLINE.search("<script>alert(1)</script>")
    assert not INLINE.search('<script src="/static/js/app.js" defer></script>')


def test_the_print_button_works_through_the_sites_own_script(client_for):
    client = client_for(None)
    page = client.get("/").get_data(as_text=True)
    assert 'src="/static/js/app.js?v=' in page
    with client.get("/static/js/app.js") as script:
        assert script.status_code == 200 and b"data-print" in script.data
    template = ROOT / "platform/mentoring/matching/templates/matching/speed_dating.html"
    assert "data-print" in template.read_text(encoding="utf-8")


def test_the_network_has_an_icon_and_favicon_ico_finds_it(client_for):
    client = client_for(None)
    page = client.get("/").get_data(as_text=True)
    assert 'rel="icon" href="/static/img/network-icon.svg?v=' in page
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    location = response.headers["Location"].split("?")[0]
    assert location.endswith("/static/img/network-icon.svg")
    with client.get("/static/img/network-icon.svg") as icon:
        assert icon.status_code == 200


def test_a_citys_favicon_ico_is_its_logo(client_for, city_a):
    response = client_for(city_a).get("/favicon.ico")
    assert response.status_code == 302
    assert "/brand/logo.svg?v=" in response.headers["Location"]


def test_make_help_prints_real_versions():
    result = subprocess.run(  # noqa: S603 - our own Makefile
        ["make", "--no-print-directory", "help"],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert "$(" not in result.stdout
    assert re.search(r"htmx \d+\.\d+\.\d+", result.stdout)
