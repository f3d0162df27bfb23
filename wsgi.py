"""The WSGI entry point: ``gunicorn wsgi:app``, ``flask --app wsgi ...``.

Configured from the environment (see the README).
"""

import sys
from pathlib import Path

# platform/ is a source root (like src/): make `mentoring` importable without
# installing, and never turn platform/ itself into a package.
sys.path.insert(0, str(Path(__file__).resolve().parent / "platform"))

import click  # noqa: E402

from mentoring.app import create_app  # noqa: E402
from mentoring.core.database import check_app_role  # noqa: E402

app = create_app()
# Serving (gunicorn) checks the database role; `flask ...` commands (inside a
# click context) do not, so migrations and `tenants sync` can run as the owner.
if click.get_current_context(silent=True) is None:
    check_app_role(app)
