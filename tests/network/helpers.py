"""Shared by the tracker and onboarding tests: signed-in clients on the apex."""

from __future__ import annotations

from typing import Any

from tests.accounts.helpers import make_network_user
from tests.conftest import csrf_token, login


def network_client(app: Any, client_for: Any, role: str) -> Any:
    client = client_for(None)
    login(client, make_network_user(app, role=role).email)
    return client


def post_form(client: Any, path: str, data: dict[str, Any], **kwargs: Any) -> Any:
    """POST ``data`` with the CSRF token of the page at ``path``."""
    token = csrf_token(client, path)
    return client.post(path, data={**data, "csrf_token": token}, **kwargs)
