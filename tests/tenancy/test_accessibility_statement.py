"""The accessibility statement at /accessibility: each city's own, the network's
on the apex, in Danish and English, linked from every page's footer; and the
``[accessibility]`` table of tenant.toml, validated."""

from __future__ import annotations

import pytest

from mentoring.results.measures import BY_KEY
from mentoring.tenancy.accessibility import COMPLAINTS_URL, KNOWN_GAPS, statement
from mentoring.tenancy.config import TenantConfigError, load
from tests.conftest import login
from tests.tenancy.test_config import city_file  # noqa: F401 (a fixture)


def page(client, lang: str, path: str = "/accessibility") -> str:
    response = client.get(f"{path}?lang={lang}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_a_citys_statement_in_danish_follows_the_template(client_for, city_a):
    html = page(client_for(city_a), "da")
    assert "<h1>Tilgængelighedserklæring</h1>" in html
    assert city_a.name_da in html
    assert f"{city_a.subdomain}.localhost" in html  # the website it covers
    assert "delvist i overensstemmelse med WCAG 2.1" in html
    assert "EN 301 549" in html
    for gap in KNOWN_GAPS["da"]:
        assert gap.replace("'", "&#39;") in html
    assert f'href="mailto:{city_a.contact["email"]}"' in html  # no feedback_email
    assert 'href="tel:+4545973000"' in html
    assert "Digitaliseringsstyrelsen" in html
    assert f'href="{COMPLAINTS_URL}"' in html
    assert "1. december 2026" in html  # the product's default dates


def test_a_citys_statement_in_english(client_for, city_a):
    html = page(client_for(city_a), "en")
    assert "<h1>Accessibility statement</h1>" in html
    assert city_a.name_en in html
    assert "partially compliant with WCAG 2.1 level AA" in html
    for gap in KNOWN_GAPS["en"]:
        assert gap.replace("'", "&#39;") in html
    assert "Danish Agency for Digital Government" in html
    assert "1 December 2026" in html


def test_a_city_sets_its_own_feedback_address_and_dates(client_for, city_b):
    html = page(client_for(city_b), "en")
    assert city_b.name_en in html
    assert 'href="mailto:tilgaengelighed@aarhus.example.org"' in html
    assert "20 November 2026" in html and "1 December 2026" in html


def test_the_network_has_its_own_statement_on_the_apex(client_for):
    html = page(client_for(None), "da")
    assert "<h1>Tilgængelighedserklæring</h1>" in html
    assert "Digitaliseringsstyrelsen" in html
    assert 'href="mailto:tilgaengelighed@localhost"' in html


LABELS = [("da", "Tilgængelighedserklæring"), ("en", "Accessibility statement")]


@pytest.mark.parametrize("path", ["/", "/login", "/apply/", "/accessibility"])
@pytest.mark.parametrize("lang, label", LABELS)
def test_the_footer_links_to_the_statement(client_for, city_a, path, lang, label):
    html = page(client_for(city_a), lang, path)
    footer = html[html.index('<footer class="site-footer">') :]
    assert f'<a href="/accessibility">{label}</a>' in footer


def test_the_footer_links_to_it_for_a_coordinator_and_on_the_apex(
    client_for, city_a, make_user
):
    client = client_for(city_a)
    login(client, make_user(city_a, role="coordinator").email)
    assert 'href="/accessibility"' in page(client, "en", "/coordinator/")
    assert 'href="/accessibility"' in page(client_for(None), "en", "/")


# -- the [accessibility] table of tenant.toml -----------------------------------


def _with(path, text: str):
    path.write_text(path.read_text(encoding="utf-8") + "\n[accessibility]\n" + text)
    return load(path, BY_KEY)


def test_the_settings_are_optional_and_the_defaults_documented(city_file):  # noqa: F811
    config = load(city_file, BY_KEY)
    assert config.accessibility == {}
    defaults = statement(config.accessibility)
    assert defaults.known_gaps == KNOWN_GAPS
    assert defaults.feedback_email is None
    assert defaults.reviewed_on >= defaults.prepared_on


def test_a_city_lists_its_own_known_gaps(city_file):  # noqa: F811
    config = _with(
        city_file,
        'known_gaps_da = ["Videoer har ikke undertekster."]\n'
        'known_gaps_en = ["Videos have no captions."]\n',
    )
    assert statement(config.accessibility).known_gaps == {
        "da": ("Videoer har ikke undertekster.",),
        "en": ("Videos have no captions.",),
    }


@pytest.mark.parametrize(
    "text",
    [
        'known_gaps_da = "one text, not a list"\nknown_gaps_en = ["x"]\n',
        'known_gaps_da = [1]\nknown_gaps_en = ["x"]\n',
        'known_gaps_da = ["a", "b"]\nknown_gaps_en = ["a"]\n',  # not the same gaps
        'known_gaps_da = ["a"]\n',  # Danish without English
        'known_gaps_da = [""]\nknown_gaps_en = [""]\n',
        "feedback_email = 42\n",
        'feedback_email = "not an address"\n',
        'prepared_on = "2026-12-01"\n',  # text, not a TOML date
        "prepared_on = 2026-12-01T10:00:00\n",  # a datetime, not a date
        "prepared_on = 2026-12-01\nreviewed_on = 2026-11-01\n",  # reviewed first
        "typo = 1\n",
    ],
)
def test_bad_settings_are_refused_naming_the_table(city_file, text):  # noqa: F811
    with pytest.raises(TenantConfigError, match="accessibility"):
        _with(city_file, text)


def test_the_table_itself_must_be_a_table(city_file):  # noqa: F811
    city_file.write_text(
        city_file.read_text(encoding="utf-8").replace(
            "[name]", 'accessibility = "yes"\n\n[name]', 1
        )
    )
    with pytest.raises(TenantConfigError, match="accessibility"):
        load(city_file, BY_KEY)
