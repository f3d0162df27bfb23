"""Each jobs test starts with an empty mail queue (on Redis it outlives a test)."""

from __future__ import annotations

import pytest

from tests.mail.conftest import smtp_server  # noqa: F401 - shared fixture
from tests.mail.helpers import clear_mail_queue


@pytest.fixture(autouse=True)
def _clean_mail_queue(request: pytest.FixtureRequest) -> None:
    if "app" in request.fixturenames:
        clear_mail_queue(request.getfixturevalue("app"))
