"""The Danish and English catalogs are complete, correct and in step with the code.

A string added to the code without a Danish translation fails here, so the
suite, not a visitor, finds it first.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "translations"
LANGUAGES = ("da", "en")
PLURAL_FORMS = "nplurals=2; plural=(n != 1);"
# What `make translations` passes to pybabel extract: the defaults plus `_l`.
KEYWORDS = {**DEFAULT_KEYWORDS, "_l": None}
PLACEHOLDER_RE = re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrs]")
TAG_RE = re.compile(r"<[^>]+>")  # a msgid with markup must keep it as it is


def po_path(lang: str, root: Path = TRANSLATIONS) -> Path:
    return root / lang / "LC_MESSAGES" / "messages.po"


def read_catalog(lang: str) -> Catalog:
    with po_path(lang).open("rb") as handle:
        return read_po(handle, locale=lang)


def _forms(value: str | Iterable[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def entries(catalog: Catalog) -> list[Message]:
    return [message for message in catalog if message.id]


def untranslated_or_fuzzy(catalog: Catalog) -> list[str]:
    """The msgids a reader would see in English (or not at all)."""
    return [
        _forms(m.id)[0]
        for m in entries(catalog)
        if m.fuzzy or not all(_forms(m.string))
    ]


def placeholder_mismatches(catalog: Catalog) -> list[str]:
    """Entries whose translation drops a placeholder or a tag, or invents one."""
    bad = []
    for message in entries(catalog):
        ids = _forms(message.id)
        allowed = set().union(*(PLACEHOLDER_RE.findall(i) for i in ids))
        for index, text in enumerate(_forms(message.string)):
            source = ids[min(index, len(ids) - 1)]
            found = set(PLACEHOLDER_RE.findall(text))
            wanted = set(PLACEHOLDER_RE.findall(source))
            same_tags = sorted(TAG_RE.findall(text)) == sorted(TAG_RE.findall(source))
            if text and not (wanted <= found <= allowed and same_tags):
                bad.append(f"{ids[0]!r} -> {text!r}")
    return bad


def source_messages(root: Path = ROOT) -> dict[str, tuple[str, ...]]:
    """Extract from platform/ exactly as `make translations` does."""
    with (root / "translations" / "babel.cfg").open() as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found: dict[str, tuple[str, ...]] = {}
    for *_, message, _comments, _context in extract_from_dir(
        root / "platform", method_map, options_map, keywords=KEYWORDS
    ):
        ids = _forms(message)
        if ids[0]:
            found[ids[0]] = ids
    return found


def missing_from(catalog: Catalog, source: dict[str, tuple[str, ...]]) -> list[str]:
    """Source messages absent from the catalog (or with another plural)."""
    missing = []
    for key, ids in sorted(source.items()):
        message = catalog.get(key)
        if message is None or _forms(message.id) != ids:
            missing.append(key)
    return missing


# -- the catalogs -------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_entry_is_translated_and_not_fuzzy(lang):
    bad = untranslated_or_fuzzy(read_catalog(lang))
    assert not bad, f"{lang}: untranslated or fuzzy:\n" + "\n".join(bad)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_placeholders_survive_translation(lang):
    bad = placeholder_mismatches(read_catalog(lang))
    assert not bad, f"{lang}: placeholders differ:\n" + "\n".join(bad)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_plural_forms_header_and_entries(lang):
    catalog = read_catalog(lang)
    assert catalog.plural_forms == PLURAL_FORMS
    plurals = [m for m in entries(catalog) if m.pluralizable]
    assert plurals, "the catalog should hold ngettext entries"
    assert all(len(m.string) == 2 for m in plurals)


@pytest.fixture(scope="module")
def source() -> dict[str, tuple[str, ...]]:
    return source_messages()  # a few seconds: once for both languages


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalog_holds_every_message_of_the_source(lang, source):
    assert len(source) > 50, "extraction found suspiciously little"
    missing = missing_from(read_catalog(lang), source)
    assert not missing, (
        f"{lang}: not in the catalog (run `make translations`, then translate):\n"
        + "\n".join(missing)
    )


# -- the checks themselves catch what they are meant to ------------------------------


def test_checks_flag_empty_fuzzy_and_broken_entries():
    catalog = Catalog(locale="da")
    catalog.add("Sign in", "Log ind")
    catalog.add("Sign out", "")
    catalog.add("Overview", "Oversigt", flags=["fuzzy"])
    catalog.add(("%(num)s day", "%(num)s days"), ("%(num)s dag", ""))
    catalog.add("Hello %(name)s", "Hej %(navn)s")
    catalog.add('<a href="%(url)s">Notice</a>', "Erklæring %(url)s")
    assert untranslated_or_fuzzy(catalog) == ["Sign out", "Overview", "%(num)s day"]
    assert placeholder_mismatches(catalog) == [
        "'Hello %(name)s' -> 'Hej %(navn)s'",
        "'<a href=\"%(url)s\">Notice</a>' -> 'Erklæring %(url)s'",
    ]


def test_a_new_source_string_is_reported_missing(tmp_path):
    (tmp_path / "translations").mkdir()
    (tmp_path / "translations" / "babel.cfg").write_text(
        (TRANSLATIONS / "babel.cfg").read_text()
    )
    views = tmp_path / "platform" / "pkg"
    views.mkdir(parents=True)
    (views / "views.py").write_text(
        'from mentoring.core.i18n import _, _l\n_("Sign in")\n_l("Brand new string")\n'
    )
    source = source_messages(tmp_path)
    assert set(source) == {"Sign in", "Brand new string"}
    assert missing_from(read_catalog("da"), source) == ["Brand new string"]


# -- the catalogs reach the page ---------------------------------------------------


def compile_if_stale(directory: Path, lang: str) -> bool:
    """Write the .mo when missing or older than the .po; True when written."""
    po = po_path(lang, directory)
    mo = po.with_suffix(".mo")
    if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
        return False
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    fd, tmp = tempfile.mkstemp(dir=mo.parent, suffix=".mo.tmp")
    with os.fdopen(fd, "wb") as handle:
        write_mo(handle, catalog)
    os.chmod(tmp, 0o644)  # mkstemp makes it private; a .mo is readable like the .po
    os.replace(tmp, mo)  # atomic: a parallel run never reads half a file
    return True


@pytest.fixture
def compiled(app):
    directory = Path(app.config["BABEL_TRANSLATION_DIRECTORIES"])
    written = [compile_if_stale(directory, lang) for lang in LANGUAGES]
    if any(written):
        # Flask-Babel caches loaded catalogs for the life of the app.
        with app.app_context():
            app.extensions["babel"].instance.domain_instance.cache.clear()


@pytest.mark.usefixtures("compiled")
@pytest.mark.parametrize(
    ("lang", "shown", "absent"),
    [
        ("da", ["Log ind", "Har du glemt din adgangskode?"], "Sign in"),
        ("en", ["Sign in", "Forgot your password?"], "Log ind"),
    ],
)
def test_login_page_speaks_the_chosen_language(client_for, city_a, lang, shown, absent):
    response = client_for(city_a).get(f"/login?lang={lang}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f'<html lang="{lang}"' in html
    for text in shown:
        assert text in html
    assert absent not in html
