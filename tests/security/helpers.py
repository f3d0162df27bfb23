"""The URL map, filled in: every rule and method as a request with a city's ids.

``VARIABLES`` says where each URL variable's value comes from. A rule with a
variable it does not know fails the matrices (``UnknownVariable``): a new route
with a new variable forces its author to say here what it points at, so no
route is left out by forgetting it.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from typing import Any

from werkzeug.routing import AnyConverter, Rule

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
LAST = ("accounts.logout", "accounts.end_all_sessions")  # end the session: last

# URL variable -> the key in City.ids it takes (a record of that city).
RECORDS = {
    "cohort_id": "cohort_id",
    "application_id": "application_id",
    "user_id": "user_id",
    "participant_id": "participant_id",
    "rated_id": "mentor_participant_id",
    "pair_id": "pair_id",
    "meeting_id": "meeting_id",
    "event_id": "event_id",
    "invitation_id": "invitation_id",
    "definition_id": "definition_id",
    "slot_id": "slot_id",
    "message_id": "message_id",
    "report_id": "report_id",
    "step_id": "step_id",
    "session_id": "session_id",  # a signed-in browser ("Your sessions")
    "record_id": "record_id",  # a consent record ("My data")
    "token": None,  # by endpoint: TOKENS
}
# The same variable name meaning another record on some routes.
BY_ENDPOINT = {
    ("applications.apply", "cohort_id"): "recruiting_id",
    ("applications.thanks", "cohort_id"): "recruiting_id",
    ("surveys.my_survey", "invitation_id"): "survey_invitation_id",
    ("accounts.accept_invitation", "token"): "invite_token",
    ("accounts.reset_password", "token"): "reset_token",
    ("surveys.answer", "token"): "survey_token",
    ("events.feed", "token"): "feed_token",
    ("applications.confirm", "token"): "confirm_token",
}
# Network records (the apex's own; no city has them).
NETWORK = {"row_id": "row_id"}
# Variables that name no record: one fixed, valid value each.
PLAIN = {
    "role": "mentee",
    "kind": "rejected",
    "locale": "en",
    "name": "participants",
    "measure": "mentees_in_work",
    "key": "mentee_followup",
    "number": "1",
    "slug": "lyngby-taarbaek",
    "filename": "css/app.css",
}
# A form body carrying city A's ids under every name a form or view reads
# one by, and answers that would make a write go through if it found them.
BODY_IDS = {
    "mentee": "participant_id",
    "mentor": "mentor_participant_id",
    "participant": "participant_id",
    "interviewer": "mentor_participant_id",
    "slot": "slot_id",
    "cohort": "cohort_id",
    "cohort_id": "cohort_id",
    "participant_id": "participant_id",
    "mentee_id": "participant_id",
    "mentor_id": "mentor_participant_id",
    "user_id": "user_id",
    "pair_id": "pair_id",
    "event_id": "event_id",
    "invitation_id": "invitation_id",
    "application_id": "application_id",
    "survey": "definition_id",
}
BODY_ANSWERS = {
    "decision": "accept",
    "confirm": "yes",
    "confirm_reject": "yes",
    "confirmed": "y",
    "to": "in",
    "answer": "yes",
    "value": "5",
    "action": "submit",
}


class UnknownVariable(AssertionError):
    """A URL variable nobody has said how to fill: extend helpers.VARIABLES."""


@dataclass(frozen=True)
class Target:
    rule: Rule
    method: str
    path: str  # filled with the city's ids
    missing: str  # the same with ids that exist nowhere
    takes_record: bool  # a city's record in the URL (cohort, event, token, ...)

    @property
    def name(self) -> str:
        return f"{self.method} {self.rule.rule} ({self.rule.endpoint})"


def targets(app: Any, ids: dict[str, str], network: dict[str, str]) -> list[Target]:
    """Every rule of the app and every method it answers, in a stable order."""
    rules = sorted(app.url_map.iter_rules(), key=lambda r: (r.endpoint in LAST, r.rule))
    found = []
    for rule in rules:
        for method in METHODS:
            if method in rule.methods:
                found.append(_target(rule, method, ids, network))
    return found


def _target(rule: Rule, method: str, ids: dict[str, str], network: dict) -> Target:
    values, missing, records = {}, {}, False
    for name in rule.arguments:
        values[name], missing[name], is_record = _value(rule, name, ids, network)
        records = records or is_record
    return Target(
        rule=rule,
        method=method,
        path=_build(rule, values),
        missing=_build(rule, missing),
        takes_record=records,
    )


def _value(
    rule: Rule, name: str, ids: dict[str, str], network: dict[str, str]
) -> tuple[str, str, bool]:
    key = BY_ENDPOINT.get((rule.endpoint, name)) or RECORDS.get(name)
    if key:
        nowhere = str(uuid.uuid4()) if name.endswith("_id") else "x" + uuid.uuid4().hex
        return ids[key], nowhere, True
    if name in NETWORK:
        return network[NETWORK[name]], str(uuid.uuid4()), True
    converter = rule._converters.get(name)  # noqa: SLF001 - werkzeug keeps them here
    if isinstance(converter, AnyConverter):
        first = sorted(converter.items)[0]
        return first, first, False
    if name in PLAIN:
        return PLAIN[name], PLAIN[name], False
    raise UnknownVariable(
        f"{rule.rule} ({rule.endpoint}): no value for <{name}>; say in"
        " tests/security/helpers.py what it points at (RECORDS, BY_ENDPOINT,"
        " NETWORK or PLAIN)"
    )


def _build(rule: Rule, values: dict[str, str]) -> str:
    path = rule.rule
    for name, value in values.items():
        path = re.sub(rf"<(?:[^<>]*:)?{name}>", lambda _m, v=value: v, path)
    return path


def body(ids: dict[str, str], token: str) -> dict[str, str]:
    """A form body with another city's ids and a valid CSRF token."""
    data = {name: ids[key] for name, key in BODY_IDS.items()}
    return {**data, **BODY_ANSWERS, "csrf_token": token}


def send(client: Any, target: Target, path: str, data: dict[str, str]) -> Any:
    if target.method == "GET":
        response = client.get(path)
    else:
        response = client.open(
            path,
            method=target.method,
            data=data,
            headers={"X-CSRFToken": data["csrf_token"]},
        )
    response.get_data()
    response.close()  # a file sent from disk (static, logo) is closed here
    return response
