"""Static files: a content hash in every URL, a year's cache for hashed URLs."""

import hashlib
import re
from pathlib import Path

from mentoring.core.static_files import content_hashes

STATIC = Path(__file__).resolve().parents[2] / "platform/mentoring/core/static"
TEMPLATES = Path(__file__).resolve().parents[2] / "platform/mentoring"


def _digest(name: str) -> str:
    return hashlib.sha256((STATIC / name).read_bytes()).hexdigest()[:12]


def test_every_static_link_on_a_page_carries_the_files_hash(client_for, city_a):
    html = client_for(city_a).get("/login").get_data(as_text=True)
    links = re.findall(r'(?:href|src)="(/static/[^"]+)"', html)
    names = {link.split("?")[0].removeprefix("/static/") for link in links}
    assert {"css/app.css", "js/app.js", "vendor/htmx-2.0.11.min.js"} <= names
    for link in links:
        name, _, query = link.removeprefix("/static/").partition("?")
        assert query == f"v={_digest(name)}", link


def test_the_network_icon_is_hashed_too(client_for):
    html = client_for(None).get("/login").get_data(as_text=True)
    assert f"/static/img/network-icon.svg?v={_digest('img/network-icon.svg')}" in html


def test_a_hashed_url_is_cached_for_a_year_and_immutable(client_for, city_a):
    client = client_for(city_a)
    response = client.get(f"/static/css/app.css?v={_digest('css/app.css')}")
    assert response.status_code == 200
    response.close()
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"


def test_an_unhashed_or_stale_url_gets_a_short_cache(client_for, city_a):
    client = client_for(city_a)
    for url in ("/static/js/app.js", "/static/js/app.js?v=000000000000"):
        response = client.get(url)
        response.close()
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "public, max-age=300", url


def test_hashes_follow_the_content(tmp_path):
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "a.css").write_text("a{}")
    first = content_hashes(tmp_path)
    (tmp_path / "css" / "a.css").write_text("b{}")
    assert content_hashes(tmp_path)["css/a.css"] != first["css/a.css"]
    assert len(first["css/a.css"]) == 12


def test_templates_link_static_files_only_through_url_for():
    for template in TEMPLATES.rglob("templates/**/*.html"):
        text = template.read_text()
        assert not re.search(r'(?:href|src)="/static/', text), template
