"""A writable copy of the repository's ``tenants/`` folder, and a way to break it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mentoring.config import ROOT

TENANTS = ROOT / "tenants"
SLUGS = sorted(p.parent.name for p in TENANTS.glob("*/tenant.toml"))


def edit(path: Path, old: str, new: str) -> None:
    """Replace ``old`` (which must be there) by ``new`` in a tenant file."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def tenants_copy(tmp_path: Path) -> Path:
    """``tmp_path/tenants``: the eight shipped cities, free to edit."""
    target = tmp_path / "tenants"
    shutil.copytree(TENANTS, target)
    return target
