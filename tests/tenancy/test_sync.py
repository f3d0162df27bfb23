"""``tenants sync``: idempotent, and a broken file stops it before any write."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from mentoring.app import create_app
from mentoring.extensions import db
from mentoring.tenancy.config import TenantConfigError
from mentoring.tenancy.models import Tenant
from mentoring.tenancy.services import sync_tenants
from tests.tenancy.conftest import SLUGS, edit

COLUMNS = [c.key for c in Tenant.__table__.columns]


def snapshot() -> dict[str, dict[str, Any]]:
    """Every tenant row, column by column (autoflushes pending writes first)."""
    tenants = db.session.scalars(db.select(Tenant)).all()
    return {t.slug: {c: getattr(t, c) for c in COLUMNS} for t in tenants}


def sync(app, directory: Path) -> list[tuple[str, str]]:
    with app.app_context():
        results = sync_tenants(directory)
        db.session.commit()
        return results


def test_a_second_sync_changes_nothing(app):
    directory = Path(app.config["TENANTS_DIR"])
    with app.app_context():
        before = snapshot()
        assert sync_tenants(directory) == [(slug, "unchanged") for slug in SLUGS]
        assert not db.session.dirty
        assert not db.session.new
        assert snapshot() == before


def test_a_changed_file_updates_only_its_city(app, tenants_copy):
    edit(tenants_copy / "aarhus" / "tenant.toml", 'en = "', 'en = "New ')
    outcome = dict(sync(app, tenants_copy))
    assert outcome.pop("aarhus") == "updated"
    assert set(outcome.values()) == {"unchanged"}
    assert sync(app, tenants_copy) == [(slug, "unchanged") for slug in SLUGS]
    with app.app_context():
        assert snapshot()["aarhus"]["name_en"].startswith("New ")


def test_a_new_folder_creates_a_city_once(app, tenants_copy):
    shutil.copytree(tenants_copy / "odense", tenants_copy / "vejle")
    toml = tenants_copy / "vejle" / "tenant.toml"
    edit(toml, 'slug = "odense"', 'slug = "vejle"')
    edit(toml, 'subdomain = "odense"', 'subdomain = "vejle"')
    assert dict(sync(app, tenants_copy))["vejle"] == "created"
    assert dict(sync(app, tenants_copy))["vejle"] == "unchanged"
    with app.app_context():
        assert snapshot()["vejle"]["subdomain"] == "vejle"


# A valid change in the first city alphabetically, then a broken field in the
# last one: a sync that wrote file by file would have changed Aalborg already.
BROKEN = {
    "colour": ('primary_color = "#', 'primary_color = "red" # ', "primary_color"),
    "contrast": ('primary_color = "#', 'primary_color = "#FFFF00" # ', "contrast"),
    "slug": ('slug = "sonderborg"', 'slug = "Sonder_borg"', "'slug'"),
    "name.da": ('da = "', 'dansk = "', "'name.da'"),
}


def _break(directory: Path, old: str, new: str) -> Path:
    edit(directory / "aalborg" / "tenant.toml", 'en = "', 'en = "Changed ')
    broken = directory / "sonderborg" / "tenant.toml"
    edit(broken, old, new)
    return broken


@pytest.mark.parametrize(("old", "new", "says"), BROKEN.values(), ids=BROKEN.keys())
def test_a_broken_file_stops_sync_and_changes_nothing(
    app, tenants_copy, old, new, says
):
    broken = _break(tenants_copy, old, new)
    with app.app_context():
        before = snapshot()
        with pytest.raises(TenantConfigError) as info:
            sync_tenants(tenants_copy)
        assert str(broken) in str(info.value)
        assert says in str(info.value)
        assert not db.session.dirty
        assert not db.session.new
        assert snapshot() == before


def test_the_cli_syncs_and_reports_each_city(app, tenants_copy, monkeypatch):
    monkeypatch.setitem(app.config, "TENANTS_DIR", str(tenants_copy))
    edit(tenants_copy / "odense" / "tenant.toml", 'en = "', 'en = "CLI ')
    runner = app.test_cli_runner()
    first = runner.invoke(args=["tenants", "sync"])
    assert first.exit_code == 0, first.output
    assert "odense: updated" in first.output
    assert "aarhus: unchanged" in first.output
    second = runner.invoke(args=["tenants", "sync"])
    assert second.exit_code == 0, second.output
    assert second.output.count(": unchanged") == len(SLUGS)


@pytest.mark.parametrize(("old", "new", "says"), BROKEN.values(), ids=BROKEN.keys())
def test_the_cli_stops_on_a_broken_file_naming_file_and_field(
    app, tenants_copy, monkeypatch, old, new, says
):
    monkeypatch.setitem(app.config, "TENANTS_DIR", str(tenants_copy))
    broken = _break(tenants_copy, old, new)
    with app.app_context():
        before = snapshot()
    result = app.test_cli_runner().invoke(args=["tenants", "sync"])
    assert result.exit_code != 0
    assert str(broken) in result.output
    assert says in result.output
    assert "unchanged" not in result.output
    with app.app_context():
        assert snapshot() == before


def test_the_cli_refuses_a_folder_without_cities(app, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "TENANTS_DIR", str(tmp_path / "missing"))
    result = app.test_cli_runner().invoke(args=["tenants", "sync"])
    assert result.exit_code != 0
    assert str(tmp_path / "missing") in result.output


def test_create_app_refuses_to_start_with_a_broken_file(tenants_copy, tmp_path):
    broken = _break(tenants_copy, *BROKEN["colour"][:2])
    with pytest.raises(TenantConfigError) as info:
        create_app(
            {
                "TENANTS_DIR": str(tenants_copy),
                "SQLALCHEMY_DATABASE_URI": "sqlite://",
                "INSTANCE_DIR": str(tmp_path / "instance"),
            }
        )
    assert info.value.path == broken
    assert info.value.field == "branding.primary_color"
