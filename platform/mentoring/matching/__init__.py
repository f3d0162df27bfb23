"""Kickoff speed-dating and optimal matching.

This package's top level stays pure (no Flask, no database): ``match`` and the
modules ``solver``, ``scores`` and ``speed_dating`` can be used and tested on
their own. The web side (models, views, jobs) lives in submodules that this
file does not import.
"""

from mentoring.matching.solver import match

__all__ = ["match"]
