"""Inert extension objects, bound to an app in ``create_app``.

Nothing here connects, logs or queries: importing this module has no side effects.
"""

from flask_babel import Babel
from flask_htmx import HTMX
from flask_limiter import Limiter
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect

from mentoring.core.models import Base
from mentoring.core.scoping import TenantSession

db = SQLAlchemy(
    model_class=Base,
    session_options={
        "class_": TenantSession,
        # Lets tests bind the session to a connection inside an outer transaction;
        # has no effect when the session is bound to an engine (production).
        "join_transaction_mode": "create_savepoint",
    },
)
migrate = Migrate()
login_manager = LoginManager()
babel = Babel()
csrf = CSRFProtect()
htmx = HTMX()


def _limit_key() -> str:
    """City and client address (``core.limits.address_key``; imported late)."""
    from mentoring.core.limits import address_key

    return address_key()


# Abuse limits (``core/limits.py``): nothing applies unless a view asks for it.
limiter = Limiter(_limit_key, default_limits=[], headers_enabled=True)
