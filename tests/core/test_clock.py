"""The suite runs on a controlled clock (tests/conftest.py ``clock``)."""

from __future__ import annotations

import threading
import time
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from mentoring.core.models import utcnow
from tests.conftest import reference_now


def test_every_test_starts_at_the_reference_instant_whatever_the_real_date(clock):
    start = reference_now()
    assert start <= utcnow() < start + timedelta(minutes=5)
    assert clock.now() - utcnow() < timedelta(seconds=1)
    assert abs(time.time() - start.timestamp()) < 300
    assert date.today() == start.date()  # noqa: DTZ011 - the patched clock
    assert clock.today() == start.astimezone(ZoneInfo("Europe/Copenhagen")).date()


def test_the_clock_moves_where_a_test_needs_it(clock):
    clock.move_to(datetime(2031, 1, 2, 3, 4, tzinfo=UTC), tick=False)
    assert utcnow() == datetime(2031, 1, 2, 3, 4, tzinfo=UTC)
    clock.shift(timedelta(days=8))
    assert utcnow() == datetime(2031, 1, 10, 3, 4, tzinfo=UTC)
    clock.move_to(date(2032, 2, 29))
    assert clock.today() == date(2032, 2, 29)


def test_threads_such_as_a_live_server_see_the_same_clock(clock):
    clock.move_to(datetime(2030, 6, 1, 8, tzinfo=UTC), tick=False)
    seen: list[datetime] = []
    thread = threading.Thread(target=lambda: seen.append(utcnow()))
    thread.start()
    thread.join()
    assert seen == [datetime(2030, 6, 1, 8, tzinfo=UTC)]


def test_a_moved_clock_does_not_leak_into_the_next_test(clock):
    # Runs after the tests above moved the clock years ahead.
    assert utcnow() < reference_now() + timedelta(minutes=5)


def test_a_factory_event_is_an_ordinary_evening_at_any_hour_of_the_clock(clock):
    # The cause of the old day-dependent failure: an event "now + 5 days" made
    # late in the evening ended after midnight, local time.
    from tests.events.factories import evening

    copenhagen = ZoneInfo("Europe/Copenhagen")
    for hour in (0, 6, 21, 22, 23):
        clock.move_to(datetime(2026, 10, 21, hour, 30, tzinfo=UTC), tick=False)
        starts = evening().astimezone(copenhagen)
        ends = starts + timedelta(hours=2)
        assert (starts.hour, starts.minute) == (17, 0)
        assert ends.date() == starts.date()
        assert 4 <= (starts - clock.now()).days <= 5
