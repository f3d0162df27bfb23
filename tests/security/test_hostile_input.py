"""Hostile input, generated: every form, as the role that may use it.

The forms are found in the URL map: every rule that takes a POST, requested as
the person it is for (city A's coordinator for ``/coordinator/``, A's mentee for
a participant's pages, anonymous for the application form, login and links),
with the fields of the page's ``<form>`` (or, for a button-only route, the
names a view reads). Hypothesis fills every field with NUL bytes, line breaks,
control and right-to-left characters, emoji, HTML meant to run, 10,000-character
strings, huge and tiny numbers, impossible dates, with a valid CSRF token.

Asserted for every example: never a 5xx; the HTML sent never comes back
unescaped; and an answer that refuses (4xx, or the form shown again) leaves
every tenant-owned row of the city as it was (the app answers a refused form
400): never half-saved. A write that is
accepted is fine, and becomes the state the next example is compared with.

``HYPOTHESIS_PROFILE=deep`` runs many more examples per form than CI's few
(derandomized: CI sees the same examples every run).
"""

from __future__ import annotations

import os
from html.parser import HTMLParser
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.security.conftest import changed, page_token, sign_in, snapshot
from tests.security.helpers import BODY_ANSWERS, BODY_IDS, targets

SCRIPT, IMAGE = "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>'
HOSTILE = [
    SCRIPT,
    IMAGE,
    "\x00",
    "a\x00b",
    "line\r\nbreak",
    "\x07\x1b[31m",
    "\u202eevil\u202c",
    "😀👩‍👩‍👧",
    "x" * 10_000,
    "",
    " ",
    "-1",
    "0",
    "1e308",
    "-1e308",
    "99999999999999999999",
    "NaN",
    "inf",
    "0000-00-00",
    "9999-12-31",
    "2026-02-30",
    "1899-12-31",
    "2026-13-01T25:61",
    "../../etc/passwd",
    "' OR 1=1 --",
]
VALUES = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=40),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)
PROFILES = {
    "ci": settings(
        max_examples=3,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    ),
    "deep": settings(
        max_examples=60,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    ),
}
PROFILE = PROFILES[os.environ.get("HYPOTHESIS_PROFILE", "ci")]
SKIPPED = {"accounts.logout", "accounts.end_all_sessions"}  # end the session
HOME = {"coordinator": "/coordinator/", "mentee1": "/me/", None: "/login"}


class _Fields(HTMLParser):
    """The names of the fields of a page's forms (inputs, selects, text areas)."""

    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        name = dict(attrs).get("name")
        if tag in ("input", "select", "textarea", "button") and name:
            self.names.add(name)


def fields_of(client: Any, target: Any) -> list[str]:
    names = set(BODY_IDS) | set(BODY_ANSWERS)
    if "GET" in target.rule.methods:
        parser = _Fields()
        parser.feed(client.get(target.path).get_data(as_text=True))
        names |= parser.names
    return sorted(names - {"csrf_token"})


def person_for(rule: str) -> str | None:
    """Who a form is for: the city's coordinator, a participant, or anyone."""
    if rule.startswith("/coordinator/"):
        return "coordinator"
    if rule.startswith(("/me/", "/pairs/", "/interviews/")):
        return "mentee1"
    return None


def test_hostile_input_never_breaks_a_form(
    app: Any, world: Any, client_for: Any, connection: Any
) -> None:
    city = world.a
    clients = {None: client_for(city.tenant)}
    for person in ("coordinator", "mentee1"):
        clients[person] = sign_in(client_for(city.tenant), city.emails[person])
    tokens = {p: page_token(c, HOME[p]) for p, c in clients.items()}
    state = {"rows": snapshot(connection, city.tenant.id)}
    failures: list[str] = []
    for target in targets(app, city.ids, world.network):
        if target.method != "POST" or target.rule.endpoint in SKIPPED:
            continue
        if target.rule.rule.startswith(("/network/", "/operations/", "/brand/")):
            continue
        person = person_for(target.rule.rule)
        names = fields_of(clients[person], target)
        # Showing a form may make a row once (the sharing page's pseudonym).
        state["rows"] = snapshot(connection, city.tenant.id)
        _fuzz(target, person, names, clients, tokens, connection, city, state, failures)
    assert not failures, f"{len(failures)} failure(s):\n" + "\n".join(failures[:40])


def _fuzz(target, person, names, clients, tokens, connection, city, state, failures):
    """Hypothesis's examples for one form (``PROFILE``)."""

    @PROFILE
    @given(values=st.fixed_dictionaries(dict.fromkeys(names, VALUES)))
    def post(values: dict[str, str]) -> None:
        data = {**values, "csrf_token": tokens[person]}
        response = clients[person].post(target.path, data=data)
        text = response.get_data(as_text=True)
        problems = []
        if response.status_code >= 500:
            problems.append(f"{response.status_code}")
        if SCRIPT in text or IMAGE in text:
            problems.append("reflected unescaped")
        after = snapshot(connection, city.tenant.id)
        if response.status_code >= 400:  # a refused form answers 400 here
            moved = changed(state["rows"], after)
            problems += [f"half-saved: {moved}"] if moved else []
        state["rows"] = after
        if problems:
            shown = {k: v[:40] for k, v in values.items() if v}
            failures.append(f"{target.name} as {person}: {problems} {shown}")

    post()
