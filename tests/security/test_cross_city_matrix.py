"""Every route and method of the URL map, as city B's people with city A's ids.

The matrix is generated from ``app.url_map``: a new route is in it the day it is
added, and one with a URL variable the matrix cannot fill fails it
(``helpers.UnknownVariable``). Signed in on city B's host as B's coordinator,
mentee and mentor:

* a rule whose URL names a record of A (a cohort, event, token ...) answers 404,
  or exactly what it answers for an id that exists nowhere when that is a 403
  (the role is refused before any record is read) or a 400 (a signed link that
  does not verify on this host): A's id is a missing one;
* no response, on any rule, shows anything of A's (every name, e-mail, title
  and text of A carries the marker ``ZZA-``);
* a write (POST, ...) with A's ids in the URL, and in the form body under every
  name a form reads an id by, changes none of A's rows (every tenant-owned
  table compared before and after), with a valid CSRF token, so what is proved
  is the scoping, not the CSRF check;
* the same writes on B's own records (B's ids in the URL, A's in the body).

It runs in both passes: on PostgreSQL row-level security stands behind the ORM.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import host_of
from tests.security.conftest import changed, page_token, sign_in, snapshot
from tests.security.helpers import Target, body, send, targets

B_PEOPLE = ("coordinator", "mentee1", "mentor1")
HOME = {"coordinator": "/coordinator/", "mentee1": "/me/", "mentor1": "/me/"}
# A record of A named in the URL: what B may be answered.
NOT_FOUND = {404}
# ... or, when it answers so for an id that exists nowhere too: a role refused
# before any record is read (403), a link that does not verify (400).
LIKE_MISSING = {400, 403}


@pytest.mark.parametrize("person", B_PEOPLE)
def test_city_b_never_reaches_city_a(
    app: Any, world: Any, client_for: Any, connection: Any, person: str
) -> None:
    client = sign_in(client_for(world.b.tenant), world.b.emails[person])
    token = page_token(client, HOME[person])
    before = snapshot(connection, world.a.tenant.id)
    failures: list[str] = []
    import time

    times = []
    for target in targets(app, world.a.ids, world.network):
        t0 = time.perf_counter()
        failures += _check(client, target, world, token, connection, before)
        times.append((time.perf_counter() - t0, target.name))
    print(sorted(times)[-15:], sum(t for t, _ in times))
    assert not failures, f"{len(failures)} failure(s):\n" + "\n".join(failures)


def test_city_b_writing_a_ids_into_its_own_records(
    app: Any, world: Any, client_for: Any, connection: Any
) -> None:
    client = sign_in(client_for(world.b.tenant), world.b.emails["coordinator"])
    token = page_token(client, "/coordinator/")
    before = snapshot(connection, world.a.tenant.id)
    failures: list[str] = []
    for target in targets(app, world.b.ids, world.network):
        if target.method == "GET" or not target.takes_record:
            continue
        response = send(client, target, target.path, body(world.a.ids, token))
        failures += _same_rows(target, connection, world, before)
        failures += _clean(target, response, world)
    assert not failures, f"{len(failures)} failure(s):\n" + "\n".join(failures)


def _check(
    client: Any, target: Target, world: Any, token: str, connection: Any, before: dict
) -> list[str]:
    response = send(client, target, target.path, body(world.a.ids, token))
    failures = _clean(target, response, world)
    if target.takes_record:
        failures += _like_missing(client, target, response, world, token)
    if target.method != "GET":
        failures += _same_rows(target, connection, world, before)
    return failures


def _like_missing(
    client: Any, target: Target, response: Any, world: Any, token: str
) -> list[str]:
    status = response.status_code
    if status in NOT_FOUND:
        return []
    missing = send(client, target, target.missing, body(world.a.ids, token))
    if status in LIKE_MISSING and missing.status_code == status:
        return []
    return [f"{target.name}: {status} for A's id, {missing.status_code} for none"]


def _clean(target: Target, response: Any, world: Any) -> list[str]:
    failures = []
    if response.status_code >= 500:
        failures.append(f"{target.name}: {response.status_code}")
    leaks = world.leaks(response.get_data().decode("utf-8", "replace"))  # a ZIP too
    if leaks:
        failures.append(f"{target.name}: shows A's data ({', '.join(leaks)})")
    return failures


def _same_rows(target: Target, connection: Any, world: Any, before: dict) -> list[str]:
    moved = changed(before, snapshot(connection, world.a.tenant.id))
    return [f"{target.name}: changed A's {', '.join(moved)}"] if moved else []


def test_the_matrix_reaches_every_rule(app: Any, world: Any) -> None:
    """Every rule is requested; the ones that name a record are most of them."""
    found = targets(app, world.a.ids, world.network)
    assert {t.rule.endpoint for t in found} == {
        r.endpoint for r in app.url_map.iter_rules()
    }
    assert host_of(world.b.tenant) != host_of(world.a.tenant)
