"""The ``[sso]`` table of a city's tenant.toml: checked before anyone signs in."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mentoring.results.measures import BY_KEY
from mentoring.tenancy.config import TenantConfigError, load
from tests.tenancy.conftest import TENANTS

CITY = "lyngby-taarbaek"
GOOD = """
[sso]
issuer = "https://login.microsoftonline.com/0000-tenant/v2.0"
client_id = "lyngby-coordinators"
client_secret_env = "LYNGBY_OIDC_SECRET"
label = "Lyngby-Taarbæk Kommune"
"""


def with_sso(tmp_path: Path, table: str) -> Path:
    shutil.copytree(TENANTS / CITY, tmp_path / CITY)
    path = tmp_path / CITY / "tenant.toml"
    path.write_text(path.read_text(encoding="utf-8") + table, encoding="utf-8")
    return path


def test_a_city_with_its_provider_loads_with_coordinators_only(tmp_path):
    config = load(with_sso(tmp_path, GOOD), BY_KEY)
    assert config.sso is not None
    assert config.sso.roles == ("coordinator",)
    assert config.sso.metadata_url == (
        "https://login.microsoftonline.com/0000-tenant/v2.0"
        "/.well-known/openid-configuration"
    )


def test_a_city_without_the_table_has_no_sso():
    assert load(TENANTS / CITY / "tenant.toml", BY_KEY).sso is None


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ('client_secret = "s3cret"\n', "sso.client_secret"),  # a secret in the file
        ('provider = "saml"\n', "sso.provider"),
        ('roles = ["mentee"]\n', "sso.roles"),  # only staff sign in this way
        ("roles = []\n", "sso.roles"),
    ],
)
def test_a_wrong_setting_is_refused_naming_it(tmp_path, change, field):
    path = with_sso(tmp_path, GOOD + change)
    with pytest.raises(TenantConfigError) as refused:
        load(path, BY_KEY)
    assert field in str(refused.value)


@pytest.mark.parametrize(
    "issuer",
    [
        "http://login.example.org/v2.0",  # plain http outside this machine
        "ftp://login.example.org",
        "https://login.example.org/v2.0?x=1",
        "login.example.org",
    ],
)
def test_an_issuer_that_is_not_https_is_refused(tmp_path, issuer):
    table = GOOD.replace("https://login.microsoftonline.com/0000-tenant/v2.0", issuer)
    with pytest.raises(TenantConfigError) as refused:
        load(with_sso(tmp_path, table), BY_KEY)
    assert "sso.issuer" in str(refused.value)


def test_a_local_provider_may_use_plain_http(tmp_path):
    table = GOOD.replace(
        "https://login.microsoftonline.com/0000-tenant/v2.0", "http://127.0.0.1:8765"
    )
    assert load(with_sso(tmp_path, table), BY_KEY).sso.issuer == "http://127.0.0.1:8765"
