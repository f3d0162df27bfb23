"""Shared by the privacy tests: the benchmarking seed (closed cohort, surveys)."""

from tests.benchmarking.conftest import city_c, city_d  # noqa: F401
