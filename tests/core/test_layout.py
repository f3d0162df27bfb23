"""The source layout keeps its promises (issue 2, point 1; STYLE.md).

``platform/`` is a source root, never a package: ``import platform`` must stay
the standard library's module, also from the repository root where ``''`` is
first on ``sys.path``. And building the app touches no database.
"""

from __future__ import annotations

import subprocess
import sys
import sysconfig
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine

from mentoring.app import create_app

ROOT = Path(__file__).resolve().parents[2]


def test_platform_is_a_source_root_not_a_package():
    assert (ROOT / "platform" / "mentoring" / "__init__.py").is_file()
    assert not (ROOT / "platform" / "__init__.py").exists()


def test_import_platform_from_the_root_is_the_standard_library():
    code = (
        "import platform, sys; assert sys.path[0] == '', sys.path[0];"
        " print(platform.__file__); print(platform.python_version())"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter, fixed code
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    module_file, version = result.stdout.split()
    stdlib = Path(sysconfig.get_paths()["stdlib"]).resolve()
    assert Path(module_file).resolve() == stdlib / "platform.py"
    assert version == sys.version.split()[0]


def test_create_app_runs_no_sql(tmp_path):
    statements: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        statements.append(statement)

    database = tmp_path / "fresh.sqlite3"
    event.listen(Engine, "before_cursor_execute", record)
    try:
        app = create_app(
            {
                "SECRET_KEY": "test",
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
                "INSTANCE_DIR": str(tmp_path / "instance"),
            }
        )
    finally:
        event.remove(Engine, "before_cursor_execute", record)
    assert app.url_map.iter_rules()  # the app is really built
    assert statements == []
    assert not database.exists()  # not even a connection was opened
