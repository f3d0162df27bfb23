"""Calendars: an .ics per event and a personal feed behind a revocable secret."""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, date, datetime, time, timedelta
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import icalendar

from mentoring.events.models import CalendarFeed
from tests.conftest import csrf_token
from tests.events.conftest import HX, load

FEED_RE = re.compile(r'value="(http://[^"]+/calendar/([^"/]+)\.ics)"')


def unfold(text: str) -> str:
    return text.replace("\r\n ", "")


def events_of(response) -> list[icalendar.Event]:
    return icalendar.Calendar.from_ical(response.get_data()).walk("VEVENT")


def test_a_participant_downloads_the_event_in_their_language(
    programme, city_a, signed_in, invite_all
):
    client = signed_in(city_a, programme.mentees[0])
    path = f"/events/{programme.event_id}.ics"
    response = client.get(f"{path}?lang=en")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert "attachment" in response.headers["Content-Disposition"]
    text = response.get_data(as_text=True)
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    lines = unfold(text).split("\r\n")
    assert f"UID:{programme.event_id}@localhost" in lines
    assert "SEQUENCE:0" in lines
    assert any(re.fullmatch(r"DTSTAMP:\d{8}T\d{6}Z", line) for line in lines)
    cal = icalendar.Calendar.from_ical(text)
    assert cal["METHOD"] == "PUBLISH"
    (event,) = cal.walk("VEVENT")
    assert event["DTSTART"].params["TZID"] == city_a.timezone
    assert event["DTEND"].params["TZID"] == city_a.timezone
    assert event.decoded("DTSTART").time() == time(17)  # the city's wall time
    assert [z["TZID"] for z in cal.walk("VTIMEZONE")] == [city_a.timezone]
    assert "LOCATION:Lyngby Rådhus" in lines
    summary = next(line for line in lines if line.startswith("SUMMARY:"))
    assert summary.startswith("SUMMARY:Kickoff")
    danish = unfold(client.get(f"{path}?lang=da").get_data(as_text=True))
    assert "SUMMARY:Opstart" in danish
    assert "DESCRIPTION:Mød mentorerne." in danish


def test_an_edit_keeps_the_uid_and_raises_the_sequence(
    app, programme, city_a, signed_in
):
    from mentoring.core.scoping import set_tenant
    from mentoring.events.models import Event
    from mentoring.events.services import EventDetails, update_event
    from mentoring.extensions import db

    with app.app_context():
        set_tenant(db.session, city_a.id)
        event = db.session.scalar(
            db.select(Event).where(Event.id == programme.event_id)
        )
        details = {k: getattr(event, k) for k in EventDetails.__dataclass_fields__} | {
            "location": "DTU, building 101"
        }
        update_event(event, EventDetails(**details))
        db.session.commit()
    client = signed_in(city_a, programme.coordinator)
    text = unfold(
        client.get(f"/events/{programme.event_id}.ics").get_data(as_text=True)
    )
    assert f"UID:{programme.event_id}@localhost" in text
    assert "SEQUENCE:1" in text
    assert "LOCATION:DTU\\, building 101" in text


def test_only_the_cohorts_people_and_coordinators_get_the_event_file(
    programme, city_a, city_b, in_city, make_user, signed_in, client_for
):
    from tests.factories import ParticipantFactory

    path = f"/events/{programme.event_id}.ics"
    assert signed_in(city_a, programme.coordinator).get(path).status_code == 200
    assert signed_in(city_a, programme.mentors[1]).get(path).status_code == 200
    with in_city(city_a):
        outsider = ParticipantFactory(user__role="mentee").user.email  # other cohort
    assert signed_in(city_a, outsider).get(path).status_code == 404
    stranger = make_user(city_b, role="coordinator").email
    assert signed_in(city_b, stranger).get(path).status_code == 404
    anonymous = client_for(city_a).get(path)
    assert anonymous.status_code == 302 and "/login" in anonymous.headers["Location"]


def new_address(client, htmx=False):
    token = csrf_token(client, "/me/events/")
    response = client.post(
        "/me/calendar?lang=en",
        data={"csrf_token": token},
        headers=HX if htmx else {},
    )
    assert response.status_code == 200
    url, secret = FEED_RE.search(response.get_data(as_text=True)).groups()
    return response, url, secret


def test_the_feed_address_is_shown_once_and_only_its_hash_is_stored(
    app, programme, city_a, signed_in, invite_all
):
    invite_all(programme)
    client = signed_in(city_a, programme.mentees[0])
    response, url, secret = new_address(client)
    html = response.get_data(as_text=True)
    assert "shown only this once" in html
    assert url == f"http://{city_a.subdomain}.localhost/calendar/{secret}.ics"
    assert len(secret) >= 40
    (feed,) = load(app, city_a, CalendarFeed)
    assert feed.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in feed.token_hash
    again = client.get("/me/events/?lang=en").get_data(as_text=True)
    assert secret not in again
    assert "You made a calendar address on" in again


def test_the_feed_works_without_login_across_cohorts_in_the_owners_language(
    app, programme, city_a, in_city, signed_in, invite_all, client_for
):
    from mentoring.accounts.models import User
    from mentoring.extensions import db
    from tests.events.factories import InvitationFactory

    invite_all(programme)
    with in_city(city_a):
        user = db.session.scalar(
            db.select(User).where(User.email == programme.mentees[0])
        )
        InvitationFactory(
            participant__user=user,
            participant__role="mentee",
            event__title_en="Another cohort's closing",
        )
    _, url, secret = new_address(signed_in(city_a, programme.mentees[0]))
    anonymous = client_for(city_a)
    anonymous.environ_base["HTTP_ACCEPT_LANGUAGE"] = "da"
    response = anonymous.get(f"/calendar/{secret}.ics")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    text = unfold(response.get_data(as_text=True))
    assert text.count("BEGIN:VEVENT") == 2
    assert "SUMMARY:Kickoff" in text  # the owner reads English
    assert "SUMMARY:Another cohort's closing" in text
    assert f"X-WR-CALNAME:{city_a.name_en}" in text


def test_a_new_address_revokes_the_old_one(
    programme, city_a, city_b, signed_in, client_for
):
    client = signed_in(city_a, programme.mentees[0])
    _, _, old = new_address(client)
    response, _, new = new_address(client, htmx=True)
    html = response.get_data(as_text=True)
    assert "<html" not in html
    assert html.lstrip().startswith('<section id="calendar-feed"')
    anonymous = client_for(city_a)
    assert anonymous.get(f"/calendar/{old}.ics").status_code == 404
    assert anonymous.get(f"/calendar/{new}.ics").status_code == 200
    assert client_for(city_b).get(f"/calendar/{new}.ics").status_code == 404
    assert anonymous.get("/calendar/guess.ics").status_code == 404


def test_the_feed_address_is_the_citys_configured_one_not_the_host_header(
    app, programme, city_a, signed_in, invite_all, monkeypatch
):
    monkeypatch.setitem(app.config, "PUBLIC_PORT", "8443")
    invite_all(programme)
    client = signed_in(city_a, programme.mentees[0])
    # The cookie jar keeps the city's host; the app sees the odd Host header.
    client.environ_base["HTTP_HOST"] = "LYNGBY-TAARBAEK.LOCALHOST.:31337"
    _, url, secret = new_address(client)
    assert url == f"http://{city_a.subdomain}.localhost:8443/calendar/{secret}.ics"
    text = client.get(f"/events/{programme.event_id}.ics").get_data(as_text=True)
    assert (
        f"URL:http://{city_a.subdomain}.localhost:8443/me/events/{programme.event_id}"
        in unfold(text)
    )


def last_sunday_of_march_after(today: date) -> date:
    year = today.year if today < date(today.year, 3, 25) else today.year + 1
    day = date(year, 3, 31)
    return day - timedelta(days=(day.weekday() + 1) % 7)


def test_an_event_on_the_day_summer_time_starts_keeps_its_local_time(
    app, city_a, in_city, signed_in, clock
):
    from tests.events.conftest import build_programme

    zone = ZoneInfo(city_a.timezone)
    day = last_sunday_of_march_after(clock.today())
    starts = datetime.combine(day, time(17), zone).astimezone(UTC)
    programme = build_programme(
        city_a, in_city, starts_at=starts, ends_at=starts + timedelta(hours=2)
    )
    client = signed_in(city_a, programme.coordinator)
    (event,) = events_of(client.get(f"/events/{programme.event_id}.ics"))
    start = event["DTSTART"]
    assert start.params["TZID"] == city_a.timezone
    assert (start.dt.date(), start.dt.time()) == (day, time(17))
    assert start.dt.utcoffset() == timedelta(hours=2)  # summer time that evening
    assert start.dt.astimezone(UTC) == starts


def test_events_the_owner_declined_leave_the_feed(
    app, programme, city_a, in_city, signed_in, invite_all, client_for
):
    from mentoring.accounts.models import User
    from mentoring.extensions import db
    from tests.events.factories import InvitationFactory

    invite_all(programme)  # the kickoff: not answered yet
    with in_city(city_a):
        user = db.session.scalar(
            db.select(User).where(User.email == programme.mentees[0])
        )
        for title, rsvp in (("Maybe one", "maybe"), ("Said no", "no")):
            InvitationFactory(
                participant__user=user,
                participant__role="mentee",
                event__title_en=title,
                rsvp=rsvp,
            )
    client = signed_in(city_a, programme.mentees[0])
    _, _, secret = new_address(client)
    feed = events_of(client_for(city_a).get(f"/calendar/{secret}.ics"))
    titles = sorted(str(e["SUMMARY"]) for e in feed)
    assert len(titles) == 2 and titles[0].startswith("Kickoff")
    assert titles[1] == "Maybe one"
    page = client.get("/me/events/?lang=en").get_data(as_text=True)
    assert "Said no" in page  # still on the page: the answer can be changed


def test_the_new_address_comes_with_webcal_google_and_outlook_links(
    programme, city_a, signed_in
):
    client = signed_in(city_a, programme.mentees[0])
    response, url, secret = new_address(client)
    html = response.get_data(as_text=True)
    webcal = f"webcal://{city_a.subdomain}.localhost/calendar/{secret}.ics"
    assert f'href="{webcal}"' in html
    google = re.search(r'href="(https://calendar\.google\.com/[^"]+)"', html)[1]
    google = google.replace("&amp;", "&")
    assert google.startswith(
        "https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2F"
    )
    assert parse_qs(urlsplit(google).query) == {"cid": [webcal]}
    assert "https://outlook.live.com/calendar/0/addfromweb?url=http%3A%2F%2F" in html
    assert outlook_query(html) == {"url": [url], "name": [city_a.name_en]}
    for text in (
        "Open in your calendar app",
        "Add to Google Calendar",
        "Add to Outlook",
    ):
        assert text in html
    assert "(opens Google in a new tab)" in html


def outlook_query(html: str) -> dict[str, list[str]]:
    outlook = re.search(r'href="(https://outlook\.live\.com/[^"]+)"', html)[1]
    return parse_qs(urlsplit(outlook.replace("&amp;", "&")).query)


def test_the_links_are_in_danish_too(programme, city_a, signed_in):
    client = signed_in(city_a, programme.mentors[0])
    token = csrf_token(client, "/me/events/")
    response = client.post("/me/calendar?lang=da", data={"csrf_token": token})
    html = response.get_data(as_text=True)
    assert "Føj til Google Kalender" in html and "Føj til Outlook" in html
    assert "Åbn i din kalender-app" in html
    assert outlook_query(html)["name"] == [city_a.name_da]
