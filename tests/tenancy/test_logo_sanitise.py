"""City logos: parsed with defusedxml, stripped of what is active, served locked."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mentoring.results.measures import BY_KEY
from mentoring.tenancy.config import TenantConfigError, load
from mentoring.tenancy.logo import LogoError, sanitise_logo

TENANTS = Path(__file__).resolve().parents[2] / "tenants"

HOSTILE = """<svg xmlns="http://www.w3.org/2000/svg"
     xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10" onload="alert(1)">
  <script>alert(2)</script>
  <foreignObject><iframe xmlns="http://www.w3.org/1999/xhtml"
    src="https://evil.example"/></foreignObject>
  <a xlink:href="javascript:alert(3)"><rect width="5" onclick="alert(4)"/></a>
  <a href=" java&#10;script:alert(5)"><circle r="2"/></a>
  <image href="https://tracker.example/p.gif"/>
  <image href="data:text/html;base64,PHNjcmlwdD4="/>
  <image xlink:href="data:image/png;base64,iVBORw0KGgo="/>
  <use href="#dot"/>
  <set attributeName="href" to="javascript:alert(6)"/>
  <style>@import url(https://evil.example/x.css);</style>
  <rect id="dot" style="fill: url(https://evil.example/f)" width="1" height="1"/>
  <rect fill="#0B4F6C" width="10" height="2"/>
</svg>"""

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE svg [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<svg xmlns="http://www.w3.org/2000/svg"><text>&lol3;</text></svg>"""


@pytest.fixture
def city_file(tmp_path: Path) -> Path:
    """A copy of Lyngby-Taarbæk's folder; returns its tenant.toml."""
    shutil.copytree(TENANTS / "lyngby-taarbaek", tmp_path / "lyngby-taarbaek")
    return tmp_path / "lyngby-taarbaek" / "tenant.toml"


def test_a_hostile_logo_loses_everything_active() -> None:
    clean = sanitise_logo(HOSTILE)
    lowered = clean.lower()
    for gone in ("script", "onload", "onclick", "foreignobject", "iframe", "<set"):
        assert gone not in lowered
    assert "evil.example" not in clean and "tracker.example" not in clean
    assert "data:text/html" not in clean
    assert 'fill="#0B4F6C"' in clean  # the drawing itself stays
    assert "data:image/png;base64" in clean  # an embedded raster image may stay
    assert 'href="#dot"' in clean  # so may a reference inside the logo
    assert clean.startswith("<svg") and 'xmlns="http://www.w3.org/2000/svg"' in clean
    assert sanitise_logo(clean) == clean  # stable


def test_entity_expansion_is_refused_before_it_expands() -> None:
    with pytest.raises(LogoError) as info:
        sanitise_logo(BILLION_LAUGHS)
    assert info.value.code == "logo_active"


@pytest.mark.parametrize(
    "markup",
    ["<svg", "not xml", '<html xmlns="http://www.w3.org/1999/xhtml"/>'],
)
def test_markup_that_is_not_svg_is_refused(markup: str) -> None:
    with pytest.raises(LogoError) as info:
        sanitise_logo(markup)
    assert info.value.code == "logo_svg"


def test_tenants_sync_reports_a_logo_it_cannot_use(city_file) -> None:
    (city_file.parent / "logo.svg").write_text(BILLION_LAUGHS, encoding="utf-8")
    with pytest.raises(TenantConfigError, match="branding.logo"):
        load(city_file, BY_KEY)


def test_a_hostile_logo_file_is_loaded_sanitised(city_file) -> None:
    (city_file.parent / "logo.svg").write_text(HOSTILE, encoding="utf-8")
    logo = load(city_file, BY_KEY).logo_svg
    assert "alert" not in logo


def test_the_logo_is_served_as_svg_with_scripts_forbidden(client_for, city_a) -> None:
    response = client_for(city_a).get("/brand/logo.svg")
    assert response.mimetype == "image/svg+xml"
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "script-src 'none'" in policy
    assert "sandbox" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
