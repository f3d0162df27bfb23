"""docs/SECURITY.md names the tests that prove each defence: they must exist."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_test_security_md_names_exists() -> None:
    text = (ROOT / "docs" / "SECURITY.md").read_text(encoding="utf-8")
    files = re.findall(r"`(tests/[\w/]+\.py)", text)
    assert len(files) > 20
    for name in files:
        assert (ROOT / name).is_file(), name
    # `path::test_name`, and `::test_name` after a path in the same list item
    for item in re.split(r"\n- |\n\n", text):
        current = None
        for path, test in re.findall(r"`(tests/[\w/]+\.py)?(?:::(test_\w+))?", item):
            current = path or current
            if test:
                assert current, f"{test}: no file named before it"
                source = (ROOT / current).read_text(encoding="utf-8")
                assert f"def {test}(" in source, f"{current}::{test}"
    for test in re.findall(r"`(test_\w+)`", text):  # a bare name: in a file of its item
        assert any(
            f"def {test}(" in p.read_text(encoding="utf-8")
            for p in (ROOT / "tests").rglob("test_*.py")
        ), test


def test_every_test_deployment_md_names_exists() -> None:
    text = (ROOT / "docs" / "DEPLOYMENT.md").read_text(encoding="utf-8")
    files = re.findall(r"`(tests/[\w/]+\.py)", text)
    assert "tests/deploy/test_two_servers.py" in files
    for name in files:
        assert (ROOT / name).is_file(), name
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "(docs/DEPLOYMENT.md)" in readme
