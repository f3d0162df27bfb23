"""tenancy/config.py on its own: parsing, each validation, the contrast rule."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from mentoring.results.measures import BY_KEY
from mentoring.tenancy.config import (
    MIN_CONTRAST,
    TenantConfigError,
    contrast_with_white,
    load,
    load_all,
)
from tests.tenancy.conftest import SLUGS, TENANTS, edit

CITY = "lyngby-taarbaek"


@pytest.fixture
def city_file(tmp_path: Path) -> Path:
    """A copy of Lyngby-Taarbæk's folder; returns its tenant.toml."""
    shutil.copytree(TENANTS / CITY, tmp_path / CITY)
    return tmp_path / CITY / "tenant.toml"


# -- contrast -------------------------------------------------------------------


def test_contrast_of_white_and_black_are_the_wcag_extremes():
    assert contrast_with_white("#FFFFFF") == pytest.approx(1.0)
    assert contrast_with_white("#000000") == pytest.approx(21.0)


def test_contrast_threshold_sits_between_the_two_known_greys():
    # #767676 is the lightest grey that passes AA on white; #777777 fails.
    assert contrast_with_white("#767676") >= MIN_CONTRAST
    assert contrast_with_white("#777777") < MIN_CONTRAST


def test_contrast_ignores_letter_case():
    assert contrast_with_white("#0b4f6c") == contrast_with_white("#0B4F6C")


# -- valid files ----------------------------------------------------------------


def test_the_shipped_cities_load_and_all_but_lyngby_are_demo():
    configs = load_all(TENANTS, BY_KEY)
    assert [c.slug for c in configs] == SLUGS
    assert len(configs) == 8
    assert [c.slug for c in configs if not c.demo] == [CITY]
    for config in configs:
        assert contrast_with_white(config.primary_color) >= MIN_CONTRAST
        assert set(config.name) == {"da", "en"}


def test_a_valid_file_parses_into_a_frozen_config(city_file):
    edit(city_file, 'primary_color = "#0B4F6C"', 'primary_color = "#0b4f6c"')
    config = load(city_file, BY_KEY)
    assert config.slug == config.subdomain == CITY
    assert config.name["en"] == "Lyngby-Taarbæk City of Knowledge"
    assert config.default_language == "da"
    assert config.primary_color == "#0B4F6C"  # normalised to upper case
    assert config.contact.email == "kontakt@lyngby-taarbaek.example.org"
    assert config.success_criteria["mentees_in_work_after_six_months"] == 0.33
    assert config.logo_svg.lstrip().startswith("<svg")
    assert config.source == city_file
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.slug = "other"  # type: ignore[misc]


def test_custom_domains_are_read(city_file):
    edit(city_file, "custom_domains = []", 'custom_domains = ["mentor.example.dk"]')
    assert load(city_file, BY_KEY).custom_domains == ("mentor.example.dk",)


# -- each validation --------------------------------------------------------------

BREAKAGES = {
    "colour not hex": (
        'primary_color = "#0B4F6C"',
        'primary_color = "red"',
        "branding.primary_color",
    ),
    "low contrast": (
        'primary_color = "#0B4F6C"',
        'primary_color = "#FFFF00"',
        "branding.primary_color",
    ),
    "accent not hex": (
        'accent_color = "#F2A541"',
        'accent_color = "#F2A54"',
        "branding.accent_color",
    ),
    "bad slug": ('slug = "lyngby-taarbaek"', 'slug = "Lyngby_Taarbaek"', "slug"),
    "slug is not the folder": ('slug = "lyngby-taarbaek"', 'slug = "aarhus"', "slug"),
    "missing name.da": ('da = "Lyngby-Taarbæk Vidensby"\n', "", "name.da"),
    "empty name.en": (
        'en = "Lyngby-Taarbæk City of Knowledge"',
        'en = "  "',
        "name.en",
    ),
    "missing name table": ("[name]", "[name_]", "name"),
    "unknown language": (
        'default_language = "da"',
        'default_language = "de"',
        "default_language",
    ),
    "demo not a flag": ("demo = false", 'demo = "no"', "demo"),
    "unknown time zone": (
        'timezone = "Europe/Copenhagen"',
        'timezone = "Europe/Kopenhagen"',
        "timezone",
    ),
    "bad subdomain": (
        'subdomain = "lyngby-taarbaek"',
        'subdomain = "lyngby.taarbaek"',
        "hosts.subdomain",
    ),
    "custom domain not a host": (
        "custom_domains = []",
        'custom_domains = ["not a host"]',
        "hosts.custom_domains",
    ),
    "custom domains not a list": (
        "custom_domains = []",
        'custom_domains = "mentor.example.dk"',
        "hosts.custom_domains",
    ),
    "bad contact e-mail": (
        'email = "kontakt@lyngby-taarbaek.example.org"',
        'email = "mentor"',
        "contact.email",
    ),
    "missing organisation": (
        'organisation = "Lyngby-Taarbæk Vidensby"',
        'organisatio = "x"',
        "contact.organisation",
    ),
    "logo not svg": ('logo = "logo.svg"', 'logo = "logo.png"', "branding.logo"),
    "logo missing": ('logo = "logo.svg"', 'logo = "nothing.svg"', "branding.logo"),
    "share above one": (
        "mentees_network_grown = 0.75",
        "mentees_network_grown = 1.5",
        "success_criteria.mentees_network_grown",
    ),
    "share not a number": (
        "mentees_network_grown = 0.75",
        'mentees_network_grown = "75%"',
        "success_criteria.mentees_network_grown",
    ),
    "unknown measure": (
        "mentees_network_grown = 0.75",
        "mentees_network_grown = 0.75\nhappiness = 0.5",
        "success_criteria.happiness",
    ),
    "measure without a criterion": (
        "mentees_network_grown = 0.75",
        "mentees_network_grown = 0.75\nmentees_job_seeking = 0.2",
        "success_criteria.mentees_job_seeking",
    ),
    "not TOML": ("[contact]", "[contact", "(file)"),
}


@pytest.mark.parametrize(
    ("old", "new", "field"), BREAKAGES.values(), ids=BREAKAGES.keys()
)
def test_a_broken_field_is_named_with_the_file(city_file, old, new, field):
    edit(city_file, old, new)
    with pytest.raises(TenantConfigError) as info:
        load(city_file, BY_KEY)
    assert info.value.path == city_file
    assert info.value.field == field
    assert str(city_file) in str(info.value)
    assert f"'{field}'" in str(info.value)


def test_a_logo_file_with_a_script_is_loaded_without_it(city_file):
    logo = city_file.parent / "logo.svg"
    logo.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        encoding="utf-8",
    )
    assert "script" not in load(city_file, BY_KEY).logo_svg


def test_a_logo_that_is_not_xml_is_refused(city_file):
    (city_file.parent / "logo.svg").write_text("<svg", encoding="utf-8")
    with pytest.raises(TenantConfigError, match="not valid SVG"):
        load(city_file, BY_KEY)


def test_two_cities_on_one_host_are_refused(tmp_path):
    for slug in ("aarhus", "odense"):
        shutil.copytree(TENANTS / slug, tmp_path / slug)
    odense = tmp_path / "odense" / "tenant.toml"
    edit(odense, 'subdomain = "odense"', 'subdomain = "aarhus"')
    with pytest.raises(TenantConfigError) as info:
        load_all(tmp_path, BY_KEY)
    assert info.value.field == "hosts"
    assert str(odense) in str(info.value)
    assert "aarhus" in str(info.value)


def test_a_custom_domain_used_twice_is_refused(tmp_path):
    for slug in ("aarhus", "odense"):
        shutil.copytree(TENANTS / slug, tmp_path / slug)
        edit(
            tmp_path / slug / "tenant.toml",
            "custom_domains = []",
            'custom_domains = ["mentor.example.dk"]',
        )
    with pytest.raises(TenantConfigError, match="mentor.example.dk"):
        load_all(tmp_path, BY_KEY)


def test_every_measure_with_a_criterion_may_be_set_in_tenant_toml(city_file):
    from mentoring.results.measures import WITH_CRITERION

    text = city_file.read_text(encoding="utf-8")
    head, _, rest = text.partition("[success_criteria]")
    tail = rest[rest.find("\n[") :] if "\n[" in rest else ""
    lines = "".join(f"{m.key} = 0.5\n" for m in WITH_CRITERION)
    city_file.write_text(f"{head}[success_criteria]\n{lines}{tail}", encoding="utf-8")
    config = load(city_file, BY_KEY)
    assert config.success_criteria == {m.key: 0.5 for m in WITH_CRITERION}


def test_an_unknown_measure_is_refused_by_its_name(city_file):
    edit(city_file, "mentees_network_grown = 0.75", "mentees_happy = 0.5")
    with pytest.raises(TenantConfigError, match="success_criteria.mentees_happy"):
        load(city_file, BY_KEY)
