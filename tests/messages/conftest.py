from tests.events.conftest import signed_in  # noqa: F401 - the shared fixture
