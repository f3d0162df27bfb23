"""Check-in at the door: one tap per person, a name search, attendance counts."""

from __future__ import annotations

import pytest

from mentoring.events.models import EventInvitation
from tests.conftest import csrf_token
from tests.core.test_pages import assert_accessible
from tests.events.conftest import HX, load


@pytest.fixture
def door(app, programme, city_a, invite_all, signed_in):
    """The coordinator at the door of an event with four invitees."""
    invite_all(programme)
    rows = load(app, city_a, EventInvitation, event_id=programme.event_id)
    client = signed_in(city_a, programme.coordinator)
    path = f"/coordinator/events/{programme.event_id}/checkin"
    by_participant = {r.participant_id: r.id for r in rows}
    return client, path, by_participant


def tap(client, path, invitation_id, headers=None, q=""):
    token = csrf_token(client, path)
    return client.post(
        f"{path}/{invitation_id}?lang=en",
        data={"csrf_token": token, "q": q},
        headers=headers or {},
    )


@pytest.mark.parametrize("lang", ["en", "da"])
def test_the_door_list_shows_every_invitee_with_name_and_role(door, lang):
    client, path, _ = door
    html = client.get(f"{path}?lang={lang}").get_data(as_text=True)
    assert_accessible(html, "check-in")
    assert html.count('class="checkin__person"') == 4
    assert "Mentee 1 Person" in html and "Mentor 2 Person" in html
    if lang == "en":
        assert "0 of 4 checked in" in html
        assert "Mentee · Not answered" in html


def test_one_tap_checks_in_and_another_undoes_it(app, programme, city_a, door):
    client, path, ids = door
    invitation_id = ids[programme.mentee_ids[0]]
    response = tap(client, path, invitation_id, HX)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<html" not in html
    assert html.lstrip().startswith(f'<li id="checkin-{invitation_id}">')
    assert 'aria-pressed="true"' in html and "Checked in" in html
    assert 'id="checkin-count"' in html and 'hx-swap-oob="true"' in html
    assert "1 of 4 checked in" in html
    assert load(app, city_a, EventInvitation, id=invitation_id)[0].checked_in_at

    html = tap(client, path, invitation_id, HX).get_data(as_text=True)
    assert 'aria-pressed="false"' in html and "Not checked in" in html
    assert "0 of 4 checked in" in html
    assert load(app, city_a, EventInvitation, id=invitation_id)[0].checked_in_at is None


def test_without_javascript_a_tap_posts_and_returns_to_the_list(
    app, programme, city_a, door
):
    client, path, ids = door
    invitation_id = ids[programme.mentor_ids[1]]
    response = tap(client, path, invitation_id, q="Mentor")
    assert response.status_code == 302
    assert response.headers["Location"] == f"{path}?q=Mentor"
    assert load(app, city_a, EventInvitation, id=invitation_id)[0].checked_in_at


def test_the_search_filters_by_name_in_place(door):
    client, path, _ = door
    response = client.get(f"{path}?q=mentee 2", headers=HX)
    html = response.get_data(as_text=True)
    assert "<html" not in html
    assert html.lstrip().startswith('<div id="checkin-list"')
    assert "Mentee 2 Person" in html
    assert html.count('class="checkin__person"') == 1
    none = client.get(f"{path}?q=nobody&lang=en", headers=HX).get_data(as_text=True)
    assert "Nobody with that name is invited." in none


def test_attendance_counts_per_event(app, programme, city_a, door):
    from mentoring.core.scoping import set_tenant
    from mentoring.events.queries import Attendance, attendance_by_event
    from mentoring.extensions import db

    client, path, ids = door
    tap(client, path, ids[programme.mentee_ids[0]])
    tap(client, path, ids[programme.mentor_ids[0]])
    with app.app_context():
        set_tenant(db.session, city_a.id)
        invitation = db.session.scalar(
            db.select(EventInvitation).where(
                EventInvitation.id == ids[programme.mentee_ids[1]]
            )
        )
        invitation.rsvp = "yes"
        db.session.commit()
        counts = attendance_by_event(programme.cohort_id)
    assert counts == {programme.event_id: Attendance(checked_in=2, invited=4, yes=1)}
    page = client.get(f"/coordinator/cohorts/{programme.cohort_id}/events?lang=en")
    row = page.get_data(as_text=True).split("<tbody>")[1]
    for label, n in (("Invited", 4), ("Said yes", 1), ("Checked in", 2)):
        assert f'<td class="num" data-label="{label}">{n}</td>' in row


def test_people_of_another_city_or_event_are_not_found(
    app, programme, city_a, city_b, in_city, door, make_user, signed_in
):
    from tests.events.factories import InvitationFactory

    client, path, ids = door
    with in_city(city_a):
        elsewhere = InvitationFactory().id  # another event of the same city
    assert tap(client, path, elsewhere).status_code == 404
    stranger = signed_in(city_b, make_user(city_b, role="coordinator").email)
    token = csrf_token(stranger, "/coordinator/")
    some = next(iter(ids.values()))
    response = stranger.post(f"{path}/{some}", data={"csrf_token": token})
    assert response.status_code == 404
    assert load(app, city_a, EventInvitation, id=some)[0].checked_in_at is None
    mentee = signed_in(city_a, programme.mentees[0])
    assert mentee.get(path).status_code == 403


def test_the_door_list_runs_a_fixed_number_of_queries(
    programme, city_a, in_city, door, count_queries
):
    from mentoring.extensions import db
    from tests.events.factories import InvitationFactory

    client, path, _ = door

    def queries() -> int:
        client.get(path)
        with count_queries() as counter:
            assert client.get(path).status_code == 200
        return counter.count

    few = queries()
    with in_city(city_a):
        from mentoring.events.models import Event

        event = db.session.scalar(
            db.select(Event).where(Event.id == programme.event_id)
        )
        InvitationFactory.create_batch(20, event=event)
    assert queries() == few


def test_a_double_tap_at_the_door_checks_in_once(app, programme, city_a, door):
    client, path, by_participant = door
    invitation_id = by_participant[programme.mentee_ids[0]]
    for _ in range(2):  # both taps sent from the "not checked in" button
        token = csrf_token(client, path)
        response = client.post(
            f"{path}/{invitation_id}?lang=en",
            data={"csrf_token": token, "to": "in"},
            headers=HX,
        )
        assert response.status_code == 200
    (row,) = load(app, city_a, EventInvitation, id=invitation_id)
    assert row.checked_in_at is not None
    # Without the field (an old page) a tap still toggles.
    assert tap(client, path, invitation_id, headers=HX).status_code == 200
    (row,) = load(app, city_a, EventInvitation, id=invitation_id)
    assert row.checked_in_at is None
