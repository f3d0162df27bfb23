"""Host -> city: each city on its own host and brand; the apex is the network."""

from __future__ import annotations

import re

import pytest

from mentoring.extensions import db
from mentoring.tenancy.models import Tenant
from mentoring.tenancy.services import sync_tenants
from tests.tenancy.conftest import SLUGS, edit

UNKNOWN_HOSTS = [
    "nowhere.localhost",
    "www.lyngby-taarbaek.localhost",
    "lyngby-taarbaek.localhost.evil.example",
    "example.com",
    "127.0.0.1",
]


def tenants(app) -> dict[str, Tenant]:
    with app.app_context():
        rows = db.session.scalars(db.select(Tenant)).all()
        db.session.expunge_all()
        return {t.slug: t for t in rows}


def html_lang(html: str) -> str:
    match = re.search(r'<html lang="([a-z]+)"', html)
    assert match, "no <html lang>"
    return match.group(1)


@pytest.mark.parametrize("host", UNKNOWN_HOSTS)
def test_an_unknown_host_gets_a_404_page(client_for, host):
    client = client_for(None)
    client.host = host
    response = client.get("/", headers={"Accept-Language": "en"})
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert html_lang(html) == "en"
    assert "<h1" in html and "Page not found" in html
    assert '<link rel="stylesheet" href="/static/css/app.css?v=' in html  # our look
    assert 'href="http://localhost/"' in html  # the network's list of cities
    assert "not one of the cities in the network" in html


def test_the_unknown_host_page_in_danish_points_to_the_cities(client_for):
    client = client_for(None)
    client.host = "nowhere.localhost"
    html = client.get("/", headers={"Accept-Language": "da"}).get_data(as_text=True)
    assert html_lang(html) == "da"
    assert 'href="http://localhost/"' in html
    assert "Se de byer, der kører programmet" in html


def test_the_404_page_speaks_the_browser_language(client_for):
    client = client_for(None)
    client.host = "nowhere.localhost"
    english = client.get("/", headers={"Accept-Language": "en"})
    danish = client.get("/", headers={"Accept-Language": "da"})
    assert danish.status_code == 404
    assert html_lang(danish.get_data(as_text=True)) == "da"
    # Needs the Danish catalog: the title is translated.
    assert "Page not found" not in danish.get_data(as_text=True)
    assert "Page not found" in english.get_data(as_text=True)


def test_the_apex_lists_all_cities_and_marks_demos(app, client_for):
    html = client_for(None).get("/?lang=en").get_data(as_text=True)
    cards = re.findall(r'<li class="city-card">(.*?)</li>', html, re.S)
    by_slug = tenants(app)
    assert len(cards) == len(SLUGS) == 8
    for tenant in by_slug.values():
        (card,) = [c for c in cards if f"//{tenant.subdomain}.localhost/" in c]
        assert tenant.name_en in card
        assert ("Demo" in card) == tenant.demo
    assert sum("Demo" in c for c in cards) == 7


@pytest.mark.parametrize("slug", SLUGS)
def test_each_city_shows_its_own_name_logo_and_colours(app, client_for, slug):
    tenant = tenants(app)[slug]
    client = client_for(tenant)
    html = client.get("/?lang=en").get_data(as_text=True)
    assert f"<title>{tenant.name_en}</title>" in html.replace("&amp;", "&")
    others = [t for t in tenants(app).values() if t.slug != slug]
    assert not any(t.name_en in html for t in others)
    logo_url = f"/brand/logo.svg?v={tenant.logo_version}"
    theme_url = f"/brand/theme.css?v={tenant.theme_version}"
    assert f'src="{logo_url}"' in html
    assert f'href="{theme_url}"' in html
    logo = client.get(logo_url)
    assert logo.mimetype == "image/svg+xml"
    assert logo.get_data(as_text=True) == tenant.logo_svg
    theme = client.get(theme_url)
    assert theme.mimetype == "text/css"
    css = theme.get_data(as_text=True)
    assert f"--brand-primary:{tenant.primary_color};" in css
    assert f"--brand-accent:{tenant.accent_color};" in css


def test_the_network_has_its_own_neutral_theme_and_no_logo(client_for):
    from mentoring.core.branding import NETWORK_THEME

    client = client_for(None)
    css = client.get("/brand/theme.css").get_data(as_text=True)
    assert f"--brand-primary:{NETWORK_THEME['primary']};" in css
    assert client.get("/brand/logo.svg").status_code == 404


def test_host_with_port_and_capitals_resolves(app, client_for):
    client = client_for(None)
    client.host = "LYNGBY-TAARBAEK.localhost:5000"
    html = client.get("/?lang=en").get_data(as_text=True)
    assert tenants(app)["lyngby-taarbaek"].name_en in html


def test_a_custom_domain_serves_its_city(app, client_for, tenants_copy):
    edit(
        tenants_copy / "aarhus" / "tenant.toml",
        "custom_domains = []",
        'custom_domains = ["mentor.example.dk"]',
    )
    with app.app_context():
        assert dict(sync_tenants(tenants_copy))["aarhus"] == "updated"
        db.session.commit()
    client = client_for(None)
    client.host = "mentor.example.dk"
    response = client.get("/?lang=en")
    assert response.status_code == 200
    assert tenants(app)["aarhus"].name_en in response.get_data(as_text=True)
    client.host = "other.example.dk"
    assert client.get("/").status_code == 404


@pytest.mark.parametrize("path", ["/network/", "/operations/"])
def test_network_pages_do_not_exist_on_a_city_host(client_for, city_a, path):
    assert client_for(city_a).get(path).status_code == 404


@pytest.mark.parametrize("path", ["/coordinator/", "/coordinator/people", "/me/"])
def test_city_pages_do_not_exist_on_the_apex(client_for, path):
    assert client_for(None).get(path).status_code == 404


def test_the_network_page_shows_each_citys_logo_from_its_own_host(app, client_for):
    """The CSP allows images from the page's own host: logos are served on the apex."""
    client = client_for(None)
    html = client.get("/").get_data(as_text=True)
    with app.app_context():
        tenant = db.session.scalar(db.select(Tenant).where(Tenant.slug == "aarhus"))
    url = f"/brand/cities/aarhus/logo.svg?v={tenant.logo_version}"
    assert f'src="{url}"' in html
    assert "localhost/brand/logo.svg" not in html  # no cross-host images
    logo = client.get(url)
    assert logo.status_code == 200 and logo.get_data(as_text=True) == tenant.logo_svg
    assert client.get("/brand/cities/atlantis/logo.svg").status_code == 404


def test_city_logos_by_slug_are_only_on_the_network_host(client_for, city_a):
    assert client_for(city_a).get("/brand/cities/aarhus/logo.svg").status_code == 404


# -- odd hosts and where links point ---------------------------------------------

ODD_HOSTS = [
    "lyngby-taarbaek..localhost",  # an empty label
    ".localhost",
    "lyngby-taarbaek.localhost..",  # two trailing dots
    "x" * 64 + ".localhost",  # a label over 63 characters
    "a." * 124 + "localhost",  # over 253 characters
    "lyngby_taarbaek.localhost",
    "lyngby-taarbaek.localhost:5000@evil.example",  # userinfo
    "evil@lyngby-taarbaek.localhost",
    "lyngby-taarbaek.localhost:x",
    "lyngby-taarbaek.localhost:",
    "[::1]:5000",
]


@pytest.mark.parametrize("host", ODD_HOSTS)
def test_an_odd_host_gets_the_404_page(client_for, host):
    client = client_for(None)
    response = client.get(
        "/",
        headers={"Accept-Language": "en"},
        environ_overrides={"HTTP_HOST": host},
    )
    assert response.status_code == 404
    assert "Page not found" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("raw", "host"),
    [
        ("LYNGBY-TAARBAEK.LOCALHOST.:31337", "lyngby-taarbaek.localhost"),
        ("localhost:5000", "localhost"),
        ("Mentor.Example.DK.", "mentor.example.dk"),
        ("a..b", None),
        ("city.localhost:5000@evil.example", None),
        ("", None),
        ("x" * 63 + ".localhost", "x" * 63 + ".localhost"),
    ],
)
def test_hosts_are_normalised(raw, host):
    from mentoring.core.tenancy import normalise_host

    assert normalise_host(raw) == host


def test_a_host_in_capitals_with_a_trailing_dot_and_a_port_is_the_city(app, client_for):
    client = client_for(None)
    client.host = "LYNGBY-TAARBAEK.LOCALHOST.:31337"
    response = client.get("/?lang=en")
    assert response.status_code == 200
    assert tenants(app)["lyngby-taarbaek"].name_en in response.get_data(as_text=True)


def test_city_links_come_from_the_configuration_not_the_request(
    app, client_for, monkeypatch
):
    monkeypatch.setitem(app.config, "PUBLIC_PORT", "8443")
    monkeypatch.setitem(app.config, "PREFERRED_URL_SCHEME", "https")
    client = client_for(None)
    client.host = "LOCALHOST:31337"
    html = client.get("/").get_data(as_text=True)
    assert 'href="https://aarhus.localhost:8443/"' in html
    assert ":31337" not in html
