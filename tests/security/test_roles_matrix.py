"""Every coordinator route of city A, as everyone in A who is not its coordinator.

Generated from ``app.url_map`` like the cross-city matrix, with city A's own ids
(same city this time):

* anonymous on A's host: sent to the login page (302 to ``/login``);
* A's own mentee and mentor: refused (403) or not found (404);
* the network's analyst, signed in on the apex: 404 (the apex is not a city);

no response shows anyone else's data of A (the requester's own name and e-mail
aside), and no write changes any of A's rows. Then the network's routes
(``/network/``, ``/operations/``): as a city's people on their city's host
(404), and as the analyst (operations refused, nothing changed) and the
operator (served).
"""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa

from mentoring.extensions import db
from tests.security.conftest import changed, page_token, sign_in, snapshot
from tests.security.helpers import Target, body, send, targets

ANALYST, OPERATOR = "analyst@network.example.org", "operator@network.example.org"
ALLOWED = {"anonymous": {302}, "mentee1": {403, 404}, "mentor1": {403, 404}}
NETWORK_TABLES = ("tracked_cities", "tenants", "network_users", "benchmark_runs")


def _rules(app: Any, world: Any, prefix: tuple[str, ...]) -> list[Target]:
    return [
        t
        for t in targets(app, world.a.ids, world.network)
        if t.rule.rule.startswith(prefix)
    ]


@pytest.mark.parametrize("person", ["anonymous", "mentee1", "mentor1"])
def test_coordinator_routes_refuse_the_citys_other_people(
    app: Any, world: Any, client_for: Any, connection: Any, person: str
) -> None:
    client = client_for(world.a.tenant)
    own: set[str] = set()
    if person != "anonymous":
        sign_in(client, world.a.emails[person])
        own = _own(app, world, person)
    token = page_token(client, "/me/" if own else "/login")
    before = snapshot(connection, world.a.tenant.id)
    failures = []
    for target in _rules(app, world, ("/coordinator/",)):
        response = send(client, target, target.path, body(world.a.ids, token))
        failures += _status(target, response, ALLOWED[person])
        failures += _leaks(target, response, world, own)
        if target.method != "GET":
            moved = changed(before, snapshot(connection, world.a.tenant.id))
            failures += [f"{target.name}: changed {moved}"] if moved else []
    assert not failures, "\n".join(failures)


def test_coordinator_routes_are_not_found_for_the_analyst_on_the_apex(
    app: Any, world: Any, client_for: Any, connection: Any
) -> None:
    client = sign_in(client_for(None), ANALYST)
    token = page_token(client, "/network/")
    before = snapshot(connection, world.a.tenant.id)
    failures = []
    for target in _rules(app, world, ("/coordinator/", "/me/", "/pairs/")):
        response = send(client, target, target.path, body(world.a.ids, token))
        failures += _status(target, response, {404})
        failures += _leaks(target, response, world, set())
    assert changed(before, snapshot(connection, world.a.tenant.id)) == []
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("person", ["coordinator", "mentee1"])
def test_network_routes_are_not_found_on_a_city_host(
    app: Any, world: Any, client_for: Any, connection: Any, person: str
) -> None:
    client = sign_in(client_for(world.a.tenant), world.a.emails[person])
    token = page_token(client, "/coordinator/" if person == "coordinator" else "/me/")
    before = _network_rows(connection)
    failures = []
    for target in _rules(app, world, ("/network/", "/operations/")):
        response = send(client, target, target.path, body(world.a.ids, token))
        failures += _status(target, response, {404})
    assert _network_rows(connection) == before
    assert not failures, "\n".join(failures)


def test_operations_refuse_the_analyst_and_serve_the_operator(
    app: Any, world: Any, client_for: Any, connection: Any
) -> None:
    analyst = sign_in(client_for(None), ANALYST)
    token = page_token(analyst, "/network/")
    before = _network_rows(connection)
    failures = []
    for target in _rules(app, world, ("/operations/",)):
        response = send(analyst, target, target.path, body(world.a.ids, token))
        failures += _status(target, response, {403, 404})
    assert _network_rows(connection) == before
    operator = sign_in(client_for(None), OPERATOR)
    for target in _rules(app, world, ("/network/", "/operations/")):
        if target.method == "GET":
            # A measure has no page before the first snapshot: 404 like a missing one.
            served = {200, 404} if target.rule.arguments else {200}
            failures += _status(target, operator.get(target.path), served)
    assert not failures, "\n".join(failures)


def _status(target: Target, response: Any, allowed: set[int]) -> list[str]:
    status = response.status_code
    if status not in allowed:
        return [f"{target.name}: {status}, not one of {sorted(allowed)}"]
    if status == 302 and "/login" not in response.headers.get("Location", ""):
        return [f"{target.name}: sent to {response.headers.get('Location')}"]
    return []


def _leaks(target: Target, response: Any, world: Any, own: set[str]) -> list[str]:
    text = response.get_data(as_text=True)
    for mine in own:
        text = text.replace(mine, "")
    found = world.leaks(text)
    return [f"{target.name}: shows A's data"] if found else []


def _own(app: Any, world: Any, person: str) -> set[str]:
    """The requester's own name and e-mail, which their pages may show."""
    from markupsafe import escape

    from mentoring.accounts.models import User
    from mentoring.core.scoping import tenant_scope

    email = world.a.emails[person]
    with app.app_context(), tenant_scope(db.session, world.a.tenant.id):
        user = db.session.scalar(db.select(User).where(User.email == email))
        return {email, user.full_name, str(escape(user.full_name))}


def _network_rows(connection: Any) -> dict[str, list]:
    rows = {}
    for name in NETWORK_TABLES:
        table = db.metadata.tables[name]
        columns = [c for c in table.columns if not c.name.endswith("_seen_at")]
        rows[name] = connection.execute(
            sa.select(*columns).order_by(*table.primary_key.columns)
        ).all()
    return rows
