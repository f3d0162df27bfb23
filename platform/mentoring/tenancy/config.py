"""Reading and validating ``tenants/<slug>/tenant.toml``.

Pure: no Flask, no database. A broken file raises :class:`TenantConfigError`
naming the file and the field, before anything is written anywhere.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol
from xml.etree import ElementTree
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

LANGUAGES = ("da", "en")
_SLUG_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
_COLOR_RE = re.compile(r"^#[0-9A-Fa-f]{6}$")
_HOST_RE = re.compile(
    r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$"
)
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MIN_CONTRAST = 4.5  # WCAG 2.1 AA for normal text: white text on the primary colour


class TenantConfigError(ValueError):
    """A tenant file is broken; the message names the file and the field."""

    def __init__(self, path: Path, field_name: str, problem: str) -> None:
        super().__init__(f"{path}: field '{field_name}': {problem}")
        self.path = path
        self.field = field_name


@dataclass(frozen=True)
class Contact:
    organisation: str
    email: str
    phone: str = ""
    address: str = ""
    website: str = ""


@dataclass(frozen=True)
class TenantConfig:
    slug: str
    name: dict[str, str]
    subdomain: str
    default_language: str
    primary_color: str
    accent_color: str
    contact: Contact
    logo_svg: str
    success_criteria: dict[str, float]
    timezone: str = "Europe/Copenhagen"
    custom_domains: tuple[str, ...] = ()
    demo: bool = False
    source: Path = field(default=Path(), compare=False)


class Measure(Protocol):
    """What validation needs of a success measure (``results.measures.Measure``)."""

    criterion: float | None


Measures = Mapping[str, Measure]


def load_all(directory: Path, measures: Measures) -> list[TenantConfig]:
    """Every tenant under ``directory``, validated; slugs and hosts unique.

    ``measures`` (by key) are the success measures a city may set a criterion
    for; the app passes ``results.measures.BY_KEY``, so this module stays pure
    and below the domains.
    """
    configs = [load(path, measures) for path in sorted(directory.glob("*/tenant.toml"))]
    _check_unique(configs)
    return configs


def load(path: Path, measures: Measures) -> TenantConfig:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise TenantConfigError(path, "(file)", f"not valid TOML: {exc}") from exc
    return _parse(path, data, measures)


def _parse(path: Path, data: dict[str, Any], measures: Measures) -> TenantConfig:
    read = _Reader(path, data)
    slug = read.text("slug", pattern=_SLUG_RE)
    if slug != path.parent.name:
        raise TenantConfigError(
            path, "slug", f"must equal the folder name {path.parent.name!r}"
        )
    hosts = read.table("hosts")
    branding = read.table("branding")
    primary = read.text("branding.primary_color", pattern=_COLOR_RE, source=branding)
    _check_contrast(path, primary)
    return TenantConfig(
        slug=slug,
        name={
            lang: read.text(f"name.{lang}", source=read.table("name"))
            for lang in LANGUAGES
        },
        subdomain=read.text("hosts.subdomain", pattern=_SLUG_RE, source=hosts),
        custom_domains=tuple(_hosts(path, hosts.get("custom_domains", []))),
        default_language=read.choice("default_language", LANGUAGES),
        timezone=_timezone(path, read.text("timezone", default="Europe/Copenhagen")),
        demo=read.flag("demo"),
        primary_color=primary.upper(),
        accent_color=read.text(
            "branding.accent_color", pattern=_COLOR_RE, source=branding
        ).upper(),
        logo_svg=_logo(path, read.text("branding.logo", source=branding)),
        contact=_contact(read),
        success_criteria=_criteria(read, measures),
        source=path,
    )


class _Reader:
    """Typed access to the parsed TOML that reports the failing field."""

    def __init__(self, path: Path, data: dict[str, Any]) -> None:
        self.path, self.data = path, data

    def table(self, name: str) -> dict[str, Any]:
        value = self.data.get(name)
        if not isinstance(value, dict):
            raise TenantConfigError(self.path, name, "missing table")
        return value

    def text(
        self,
        dotted: str,
        *,
        source: dict[str, Any] | None = None,
        pattern: re.Pattern[str] | None = None,
        default: str | None = None,
    ) -> str:
        key = dotted.rsplit(".", 1)[-1]
        value = (source if source is not None else self.data).get(key, default)
        if not isinstance(value, str) or not value.strip():
            raise TenantConfigError(self.path, dotted, "required text is missing")
        if pattern is not None and not pattern.match(value):
            raise TenantConfigError(self.path, dotted, f"{value!r} is not valid")
        return value.strip()

    def choice(self, name: str, options: tuple[str, ...]) -> str:
        value = self.data.get(name)
        if value not in options:
            raise TenantConfigError(
                self.path, name, f"must be one of {', '.join(options)}"
            )
        return value

    def flag(self, name: str) -> bool:
        value = self.data.get(name, False)
        if not isinstance(value, bool):
            raise TenantConfigError(self.path, name, "must be true or false")
        return value


def _hosts(path: Path, values: Any) -> list[str]:
    if not isinstance(values, list):
        raise TenantConfigError(path, "hosts.custom_domains", "must be a list")
    for value in values:
        if not isinstance(value, str) or not _HOST_RE.match(value):
            raise TenantConfigError(
                path, "hosts.custom_domains", f"{value!r} is not a host name"
            )
    return values


def _timezone(path: Path, name: str) -> str:
    """An IANA zone name: a typo would otherwise break the city's pages with times."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise TenantConfigError(
            path, "timezone", f"{name!r} is not a time zone"
        ) from exc
    return name


def _contact(read: _Reader) -> Contact:
    table = read.table("contact")
    email = read.text("contact.email", source=table)
    if not _EMAIL_RE.match(email):
        raise TenantConfigError(
            read.path, "contact.email", f"{email!r} is not an e-mail address"
        )
    optional = {k: str(table.get(k, "")) for k in ("phone", "address", "website")}
    return Contact(
        organisation=read.text("contact.organisation", source=table),
        email=email,
        **optional,
    )


def _criteria(read: _Reader, measures: Measures) -> dict[str, float]:
    table = read.data.get("success_criteria", {})
    result = {}
    for key, value in table.items():
        _check_measure(read.path, key, measures)
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not 0 <= value <= 1
        ):
            raise TenantConfigError(
                read.path, f"success_criteria.{key}", "must be a share between 0 and 1"
            )
        result[key] = float(value)
    return result


def _check_measure(path: Path, key: str, measures: Measures) -> None:
    """The key must name a known measure that takes a criterion."""
    measure = measures.get(key)
    if measure is None:
        raise TenantConfigError(path, f"success_criteria.{key}", "unknown measure")
    if measure.criterion is None:
        raise TenantConfigError(
            path, f"success_criteria.{key}", "this measure takes no success criterion"
        )


def _logo(path: Path, name: str) -> str:
    logo = path.parent / name
    if logo.suffix != ".svg" or not logo.is_file():
        raise TenantConfigError(
            path, "branding.logo", f"{name!r} is not an SVG file beside tenant.toml"
        )
    text = logo.read_text(encoding="utf-8")
    try:
        root = ElementTree.fromstring(text)  # noqa: S314 - our own repository's file
    except ElementTree.ParseError as exc:
        raise TenantConfigError(path, "branding.logo", f"not valid SVG: {exc}") from exc
    if any(el.tag.endswith("script") for el in root.iter()) or "href" in text:
        raise TenantConfigError(
            path, "branding.logo", "scripts and links are not allowed in logos"
        )
    return text


def _check_contrast(path: Path, color: str) -> None:
    ratio = contrast_with_white(color)
    if ratio < MIN_CONTRAST:
        raise TenantConfigError(
            path,
            "branding.primary_color",
            f"white text on {color} has contrast {ratio:.2f}:1,"
            f" below {MIN_CONTRAST}:1 (WCAG AA)",
        )


def contrast_with_white(color: str) -> float:
    """WCAG contrast ratio of white text on ``color``."""
    channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [
        c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels
    ]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


def _check_unique(configs: list[TenantConfig]) -> None:
    seen: dict[str, Path] = {}
    for config in configs:
        for host in (config.subdomain, *config.custom_domains):
            if host in seen:
                raise TenantConfigError(
                    config.source, "hosts", f"{host!r} is also used by {seen[host]}"
                )
            seen[host] = config.source
