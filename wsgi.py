"""The WSGI entry point: ``gunicorn wsgi:app``, ``flask --app wsgi ...``.

Configured from the environment (see the README).
"""

import sys
from pathlib import Path

# platform/ is a source root (like src/): make `mentoring` importable without
# installing, and never turn platform/ itself into a package.
sys.path.insert(0, str(Path(__file__).resolve().parent / "platform"))

from mentoring.app import create_app  # noqa: E402

app = create_app()
