"""Inert extension objects, bound to an app in ``create_app``.

Nothing here connects, logs or queries: importing this module has no side effects.
"""

from authlib.integrations.flask_client import OAuth
from flask import g, request
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
# Single sign-on clients, one per city, registered when first used (sso.services).
oauth = OAuth()


def limit_key() -> str:
    """City and client address: the key of every per-address abuse limit.

    The city is its slug (``network`` on the apex); the address is the
    connection's own, or ProxyFix's from ``TRUSTED_PROXIES`` hops
    (``core.auth.register_proxies``), so a client cannot pick its own key.
    """
    tenant = g.get("tenant")
    city = tenant.slug if tenant is not None else "network"
    return f"{city}|{request.remote_addr or 'unknown'}"


# Abuse limits (``core/limits.py``): nothing applies unless a view asks for it.
limiter = Limiter(limit_key, default_limits=[], headers_enabled=True)
