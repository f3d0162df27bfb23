"""Double-tapped buttons on events: real parallel requests on PostgreSQL
(``committed``); the programme sends no other e-mail."""

from __future__ import annotations

from collections import Counter

from mentoring.events.models import CalendarFeed, EventInvitation
from mentoring.mail.models import CityEmail
from tests.conftest import csrf_token, pause_after
from tests.events.conftest import HX, build_programme, load
from tests.events.test_calendars import FEED_RE


def posting(client, path, page, **headers):
    token = csrf_token(client, page)
    return lambda: client.post(path, data={"csrf_token": token}, headers=headers)


def test_two_new_calendar_addresses_at_once_leave_one_valid_address(
    app, committed, city_a, in_city, signed_in, client_for
):
    programme = build_programme(city_a, in_city)
    mentee = programme.mentees[0]
    taps = [signed_in(city_a, mentee) for _ in range(2)]
    with pause_after(app, "FROM calendar_feeds"):
        answers = committed(
            *(posting(c, "/me/calendar?lang=en", "/me/events/", **HX) for c in taps)
        )
    assert [r.status_code for r in answers] == [200] * 2
    secrets = [FEED_RE.search(r.get_data(as_text=True)).group(2) for r in answers]
    assert len(load(app, city_a, CalendarFeed)) == 1
    anonymous = client_for(city_a)
    works = [anonymous.get(f"/calendar/{s}.ics").status_code == 200 for s in secrets]
    assert sorted(works) == [False, True]


def test_send_invitations_twice_at_once_invites_each_person_once(
    app, committed, city_a, in_city, signed_in
):
    programme = build_programme(city_a, in_city)
    page = f"/coordinator/cohorts/{programme.cohort_id}/events"
    path = f"/coordinator/events/{programme.event_id}/invite"
    taps = [signed_in(city_a, programme.coordinator) for _ in range(2)]
    answers = committed(*(posting(c, path, page) for c in taps))
    assert [r.status_code for r in answers] == [302, 302]
    invitations = load(app, city_a, EventInvitation, event_id=programme.event_id)
    per_person = Counter(i.participant_id for i in invitations)
    assert len(per_person) == 4 and set(per_person.values()) == {1}
    mails = Counter(m.to_address for m in load(app, city_a, CityEmail))
    assert mails == Counter(programme.mentees + programme.mentors)
