"""Reading and validating ``tenants/<slug>/tenant.toml``.

Pure: no Flask, no database. A broken file raises :class:`TenantConfigError`
naming the file and the field, before anything is written anywhere.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mentoring.tenancy.accessibility import KEYS as ACCESSIBILITY_KEYS
from mentoring.tenancy.accessibility import PREPARED_ON, REVIEWED_ON
from mentoring.tenancy.logo import LogoError, active_parts, sanitise_logo

LANGUAGES = ("da", "en")
_SLUG_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
_COLOR_RE = re.compile(r"^#[0-9A-Fa-f]{6}$")
_HOST_RE = re.compile(
    r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$"
)
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MIN_CONTRAST = 4.5  # WCAG 2.1 AA for normal text: white text on the primary colour
# Subdomains that name the service, not a city: they would confuse people (and
# mail or certificates) if a city took them.
RESERVED_SUBDOMAINS = frozenset(
    {"www", "api", "admin", "mail", "smtp", "network", "operations", "static", "app"}
)
MAX_LOGO_BYTES = 200_000
# [retention] in tenant.toml, and the defaults when a key is left out:
# applications never admitted are deleted ``applications_months`` after their
# cohort starts; participants are anonymised ``participants_years`` after their
# last cohort ended (closed); an admitted mentee's CV is deleted ``cv_months``
# after the cohort starts (a CV of an application never admitted goes with it).
RETENTION_DEFAULTS = {"applications_months": 6, "participants_years": 3, "cv_months": 1}
RETENTION_LIMITS = {
    "applications_months": 120,
    "participants_years": 20,
    "cv_months": 120,
}
# What a city's CVs may take on disk unless its tenant.toml says otherwise:
# about 1,000 CVs of 0.5 MB, years of cohorts.
DEFAULT_UPLOAD_QUOTA_MB = 500
MAX_UPLOAD_QUOTA_MB = 100_000


class InvalidValue(ValueError):
    """A value breaks one of the rules below; ``code`` says which.

    The file loader turns it into a :class:`TenantConfigError` (English, for
    the operator's terminal); the web form maps ``code`` to a translated
    message. One rule, two ways to tell it.
    """

    def __init__(self, code: str, message: str, **params: Any) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


def check_subdomain(value: str) -> str:
    """A DNS label of lower-case letters, digits and hyphens, not a reserved one."""
    if not _SLUG_RE.match(value):
        raise InvalidValue("subdomain", f"{value!r} is not valid")
    if value in RESERVED_SUBDOMAINS:
        raise InvalidValue("reserved", f"{value!r} is reserved for the service")
    return value


def check_host(value: str) -> str:
    """A custom domain: a full host name such as ``mentor.city.dk``."""
    if not isinstance(value, str) or not _HOST_RE.match(value):
        raise InvalidValue("host", f"{value!r} is not a host name")
    return value


def check_color(value: str) -> str:
    """``#RRGGBB``, returned upper-case."""
    if not _COLOR_RE.match(value):
        raise InvalidValue("color", f"{value!r} is not valid")
    return value.upper()


def check_primary_color(value: str) -> str:
    """A colour on which white text reaches WCAG AA contrast."""
    color = check_color(value)
    ratio = contrast_with_white(color)
    if ratio < MIN_CONTRAST:
        raise InvalidValue(
            "contrast",
            f"white text on {color} has contrast {ratio:.2f}:1,"
            f" below {MIN_CONTRAST}:1 (WCAG AA)",
            ratio=round(ratio, 2),
            minimum=MIN_CONTRAST,
        )
    return color


def check_email(value: str) -> str:
    if not _EMAIL_RE.match(value):
        raise InvalidValue("email", f"{value!r} is not an e-mail address")
    return value


def check_timezone(name: str) -> str:
    """An IANA zone name: a typo would otherwise break the city's pages with times."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise InvalidValue("timezone", f"{name!r} is not a time zone") from exc
    return name


def check_share(value: Any) -> float:
    """A success criterion: a share between 0 and 1."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidValue("share", "must be a share between 0 and 1")
    if not 0 <= value <= 1:
        raise InvalidValue("share", "must be a share between 0 and 1")
    return float(value)


def check_logo(text: str) -> str:
    """A plain SVG image, as an operator gives it on the web: refused when active.

    Parsed with defusedxml (``tenancy/logo.py``): a document type or entity is
    refused before anything expands. Scripts, links, event handlers and the
    like are refused here, so the operator sees what is wrong; files are
    sanitised instead (:func:`clean_logo`).
    """
    root_text = _sized(text)
    try:
        active = active_parts(root_text)
    except LogoError as exc:
        raise InvalidValue(exc.code, str(exc)) from exc
    if active:
        raise InvalidValue(
            "logo_active", "scripts, links and event handlers are not allowed in logos"
        )
    return sanitise_logo(root_text)


def clean_logo(text: str) -> str:
    """A logo file: parsed with defusedxml, everything active stripped.

    Refused (``logo_svg``/``logo_active``) only when it does not parse as SVG
    or carries a document type or entities.
    """
    try:
        return sanitise_logo(_sized(text))
    except LogoError as exc:
        raise InvalidValue(exc.code, str(exc)) from exc


def _sized(text: str) -> str:
    if len(text.encode("utf-8")) > MAX_LOGO_BYTES:
        raise InvalidValue("logo_size", "the logo is too large", limit=MAX_LOGO_BYTES)
    return text


def check_retention(key: str, value: Any) -> int:
    """A retention period: a known key and a whole number from 0 to its limit."""
    if key not in RETENTION_DEFAULTS:
        raise InvalidValue("retention_key", f"{key!r} is not a retention setting")
    limit = RETENTION_LIMITS[key]
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= limit:
        raise InvalidValue(
            "retention", f"must be a whole number from 0 to {limit}", limit=limit
        )
    return value


def taken_in_files(directory: Path) -> tuple[set[str], set[str]]:
    """``(slugs, hosts)`` that the folders under ``directory`` use or claim.

    Read loosely: a folder counts by its name even when its file is broken, so
    the web never hands out what a file already names.
    """
    slugs: set[str] = set()
    hosts: set[str] = set()
    for path in directory.glob("*/tenant.toml") if directory.is_dir() else []:
        slugs.add(path.parent.name)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError):
            continue
        table = data.get("hosts") if isinstance(data.get("hosts"), dict) else {}
        values = [table.get("subdomain"), *(table.get("custom_domains") or [])]
        hosts |= {v.lower() for v in values if isinstance(v, str)}
        if isinstance(data.get("slug"), str):
            slugs.add(data["slug"])
    return slugs, hosts


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


SSO_ROLES = ("coordinator",)  # who may sign in with the city's provider
_ENV_NAME_RE = re.compile(r"^[A-Z][A-Z0-9_]{0,63}$")
_LOCAL_HOSTS = ("127.0.0.1", "localhost", "[::1]")


@dataclass(frozen=True)
class SsoConfig:
    """The city's own OpenID Connect provider (e.g. Microsoft Entra ID).

    The client secret is never in the file: ``client_secret_env`` names the
    environment variable that holds it.
    """

    issuer: str
    client_id: str
    client_secret_env: str
    label: str
    roles: tuple[str, ...] = SSO_ROLES
    provider: str = "oidc"

    @property
    def metadata_url(self) -> str:
        return self.issuer.rstrip("/") + "/.well-known/openid-configuration"


def check_issuer(value: str) -> str:
    """An https URL (plain http only on this machine, for a local provider)."""
    scheme, _sep, rest = value.partition("://")
    host = rest.split("/", 1)[0].rsplit(":", 1)[0] if rest else ""
    local = scheme == "http" and host in _LOCAL_HOSTS
    if not rest or not host or not (scheme == "https" or local):
        raise InvalidValue("issuer", f"{value!r} is not an https URL")
    if "?" in value or "#" in value:
        raise InvalidValue("issuer", f"{value!r} must not have a query or fragment")
    return value


def check_env_name(value: str) -> str:
    """The name of an environment variable (upper case), never the secret itself."""
    if not _ENV_NAME_RE.match(value):
        raise InvalidValue(
            "env_name", f"{value!r} is not an environment variable name (A-Z, 0-9, _)"
        )
    return value


def check_sso_roles(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise InvalidValue("sso_roles", "must be a non-empty list")
    for role in value:
        if role not in SSO_ROLES:
            raise InvalidValue(
                "sso_roles", f"{role!r} cannot sign in with single sign-on"
            )
    return tuple(value)


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
    retention: dict[str, int] = field(default_factory=lambda: dict(RETENTION_DEFAULTS))
    timezone: str = "Europe/Copenhagen"
    custom_domains: tuple[str, ...] = ()
    demo: bool = False
    upload_quota_mb: int = DEFAULT_UPLOAD_QUOTA_MB
    sso: SsoConfig | None = None
    # [accessibility], as stored (only what the file says; tenancy.accessibility)
    accessibility: dict[str, Any] = field(default_factory=dict)
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
    primary = read.checked(
        "branding.primary_color",
        check_primary_color,
        read.text("branding.primary_color", source=branding),
    )
    return TenantConfig(
        slug=slug,
        name={
            lang: read.text(f"name.{lang}", source=read.table("name"))
            for lang in LANGUAGES
        },
        subdomain=read.checked(
            "hosts.subdomain",
            check_subdomain,
            read.text("hosts.subdomain", source=hosts),
        ),
        custom_domains=tuple(_hosts(path, hosts.get("custom_domains", []))),
        default_language=read.choice("default_language", LANGUAGES),
        timezone=read.checked(
            "timezone",
            check_timezone,
            read.text("timezone", default="Europe/Copenhagen"),
        ),
        demo=read.flag("demo"),
        primary_color=primary,
        accent_color=read.checked(
            "branding.accent_color",
            check_color,
            read.text("branding.accent_color", source=branding),
        ),
        logo_svg=_logo(path, read.text("branding.logo", source=branding)),
        contact=_contact(read),
        success_criteria=_criteria(read, measures),
        retention=_retention(read),
        upload_quota_mb=_quota(read),
        sso=_sso(read),
        accessibility=_accessibility(read),
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

    def checked(self, dotted: str, check: Any, value: Any) -> Any:
        """``check(value)``, its :class:`InvalidValue` told as this file's error."""
        try:
            return check(value)
        except InvalidValue as exc:
            raise TenantConfigError(self.path, dotted, str(exc)) from exc

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
        try:
            check_host(value)
        except InvalidValue as exc:
            raise TenantConfigError(path, "hosts.custom_domains", str(exc)) from exc
    return values


def _contact(read: _Reader) -> Contact:
    table = read.table("contact")
    email = read.checked(
        "contact.email", check_email, read.text("contact.email", source=table)
    )
    optional = {k: str(table.get(k, "")) for k in ("phone", "address", "website")}
    return Contact(
        organisation=read.text("contact.organisation", source=table),
        email=email,
        **optional,
    )


def _sso(read: _Reader) -> SsoConfig | None:
    """The optional ``[sso]`` table; a secret written into it is refused."""
    table = read.data.get("sso")
    if table is None:
        return None
    if not isinstance(table, dict):
        raise TenantConfigError(read.path, "sso", "must be a table")
    if "client_secret" in table:
        raise TenantConfigError(
            read.path,
            "sso.client_secret",
            "secrets do not belong in tenant.toml: name an environment variable"
            " in client_secret_env",
        )
    if table.get("provider", "oidc") != "oidc":
        raise TenantConfigError(read.path, "sso.provider", "must be 'oidc'")
    text = {k: read.text(f"sso.{k}", source=table) for k in _SSO_TEXT}
    return SsoConfig(
        issuer=read.checked("sso.issuer", check_issuer, text["issuer"]),
        client_id=text["client_id"],
        client_secret_env=read.checked(
            "sso.client_secret_env", check_env_name, text["client_secret_env"]
        ),
        label=text["label"],
        roles=read.checked(
            "sso.roles", check_sso_roles, table.get("roles", list(SSO_ROLES))
        ),
    )


_SSO_TEXT = ("issuer", "client_id", "client_secret_env", "label")


def _criteria(read: _Reader, measures: Measures) -> dict[str, float]:
    table = read.data.get("success_criteria", {})
    result = {}
    for key, value in table.items():
        _check_measure(read.path, key, measures)
        result[key] = read.checked(f"success_criteria.{key}", check_share, value)
    return result


def _retention(read: _Reader) -> dict[str, int]:
    table = read.data.get("retention", {})
    if not isinstance(table, dict):
        raise TenantConfigError(read.path, "retention", "must be a table")
    result = dict(RETENTION_DEFAULTS)
    for key, value in table.items():
        result[key] = read.checked(
            f"retention.{key}", lambda v, k=key: check_retention(k, v), value
        )
    return result


def check_upload_quota(value: Any) -> int:
    """Megabytes of CVs a city may keep: a whole number from 1 to 100,000."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidValue("quota", "must be a whole number of megabytes")
    if not 1 <= value <= MAX_UPLOAD_QUOTA_MB:
        raise InvalidValue(
            "quota", f"must be between 1 and {MAX_UPLOAD_QUOTA_MB} megabytes"
        )
    return value


def _quota(read: _Reader) -> int:
    table = read.data.get("uploads", {})
    if not isinstance(table, dict):
        raise TenantConfigError(read.path, "uploads", "must be a table")
    value = table.get("quota_mb", DEFAULT_UPLOAD_QUOTA_MB)
    return read.checked("uploads.quota_mb", check_upload_quota, value)


def check_accessibility(table: Any) -> dict[str, Any]:
    """The ``[accessibility]`` table, checked; returned as stored (dates as ISO)."""
    if not isinstance(table, dict):
        raise InvalidValue("accessibility", "must be a table")
    unknown = sorted(set(table) - set(ACCESSIBILITY_KEYS))
    if unknown:
        raise InvalidValue("accessibility_key", f"{unknown[0]!r} is not a setting")
    stored: dict[str, Any] = {}
    gaps = [_gaps(table, f"known_gaps_{lang}") for lang in ("da", "en")]
    if gaps != [None, None]:
        if None in gaps or len(gaps[0]) != len(gaps[1]):
            raise InvalidValue(
                "known_gaps", "known_gaps_da and known_gaps_en must list the same gaps"
            )
        stored["known_gaps_da"], stored["known_gaps_en"] = gaps
    if "feedback_email" in table:
        value = table["feedback_email"]
        stored["feedback_email"] = check_email(value if isinstance(value, str) else "")
    stored |= _dates(table)
    return stored


def _gaps(table: dict[str, Any], key: str) -> list[str] | None:
    if key not in table:
        return None
    value = table[key]
    if not isinstance(value, list) or not all(
        isinstance(v, str) and v.strip() for v in value
    ):
        raise InvalidValue("known_gaps", f"{key} must be a list of texts")
    return [v.strip() for v in value]


def _dates(table: dict[str, Any]) -> dict[str, str]:
    found = {}
    for key in ("prepared_on", "reviewed_on"):
        if key in table:
            value = table[key]
            if type(value) is not date:  # a TOML datetime is a date subclass
                raise InvalidValue("date", f"{key} must be a date such as 2026-12-01")
            found[key] = value.isoformat()
    prepared = found.get("prepared_on", PREPARED_ON.isoformat())
    if found.get("reviewed_on", max(prepared, REVIEWED_ON.isoformat())) < prepared:
        raise InvalidValue("date", "reviewed_on must not be before prepared_on")
    return found


def _accessibility(read: _Reader) -> dict[str, Any]:
    table = read.data.get("accessibility", {})
    return read.checked("accessibility", check_accessibility, table)


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
    try:
        return clean_logo(logo.read_text(encoding="utf-8"))
    except InvalidValue as exc:
        raise TenantConfigError(path, "branding.logo", str(exc)) from exc


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


def to_toml(tenant: Any) -> str:
    """``tenant.toml`` for a city row (``tenants export``): what ``load`` reads back.

    Strings are written as JSON strings, which are valid TOML basic strings.
    """
    s = lambda value: json.dumps(str(value), ensure_ascii=False)  # noqa: E731
    contact = tenant.contact or {}
    lines = [
        f"slug = {s(tenant.slug)}",
        f"demo = {'true' if tenant.demo else 'false'}",
        f"default_language = {s(tenant.default_language)}",
        f"timezone = {s(tenant.timezone)}",
        "",
        "[name]",
        f"da = {s(tenant.name_da)}",
        f"en = {s(tenant.name_en)}",
        "",
        "[hosts]",
        f"subdomain = {s(tenant.subdomain)}",
        f"custom_domains = [{', '.join(s(d) for d in tenant.custom_domains or [])}]",
        "",
        "[branding]",
        'logo = "logo.svg"',
        f"primary_color = {s(tenant.primary_color)}",
        f"accent_color = {s(tenant.accent_color)}",
        "",
        "[contact]",
        *(f"{key} = {s(contact[key])}" for key in CONTACT_KEYS if contact.get(key)),
        "",
        "[uploads]",
        f"quota_mb = {int(tenant.upload_quota_mb or DEFAULT_UPLOAD_QUOTA_MB)}",
        "",
        "[success_criteria]",
        *(f"{k} = {float(v)!r}" for k, v in (tenant.success_criteria or {}).items()),
        "",
        "[retention]",
        *(f"{k} = {tenant.retention_setting(k)}" for k in RETENTION_DEFAULTS),
    ]
    return "\n".join(lines) + "\n"


CONTACT_KEYS = ("organisation", "email", "phone", "address", "website")
