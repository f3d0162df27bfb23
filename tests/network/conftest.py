"""The tenancy tests' writable copy of tenants/, for the sync-after-onboarding tests."""

from tests.tenancy.conftest import tenants_copy  # noqa: F401 - a fixture
