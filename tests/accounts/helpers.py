"""Account helpers shared by the accounts, core and network tests."""

from __future__ import annotations

from typing import Any

from flask import Flask

from mentoring.accounts import services
from mentoring.accounts.models import NetworkUser, User
from mentoring.extensions import db
from tests.conftest import host_of


def make_network_user(app: Flask, **kwargs: Any) -> NetworkUser:
    """A network account (analyst by default) with the test password."""
    from tests.factories import NetworkUserFactory

    with app.app_context():
        user = NetworkUserFactory(**kwargs)
        db.session.flush()
        db.session.expunge_all()
        db.session.commit()
        return user


def load_account(app: Flask, tenant: Any, email: str) -> User | NetworkUser:
    """Fresh from the database, as the city (or the network) sees it."""
    with app.test_request_context("/", base_url=f"http://{host_of(tenant)}"):
        app.preprocess_request()
        account = services.find_account(email)
        assert account is not None, email
        db.session.expunge(account)
        return account


def invite(app: Flask, tenant: Any, email: str) -> None:
    """Send the invitation as the city would: inside a request on its host."""
    with app.test_request_context("/", base_url=f"http://{host_of(tenant)}"):
        app.preprocess_request()
        user = services.find_account(email)
        assert isinstance(user, User)
        services.send_invitation(user)
        db.session.commit()


def session_of(client: Any) -> dict[str, Any]:
    """The client's session on its own host (cookies are host-only)."""
    with client.session_transaction(base_url=f"http://{client.host}") as session:
        return dict(session)
