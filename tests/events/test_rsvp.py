"""Participants answer their own invitations, in place (htmx) or by a plain form."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from mentoring.events.models import EventInvitation
from tests.conftest import csrf_token
from tests.core.test_pages import assert_accessible
from tests.events.conftest import HX, load


@pytest.fixture
def invited(app, programme, city_a, invite_all):
    invite_all(programme)
    rows = load(app, city_a, EventInvitation, event_id=programme.event_id)
    return {r.participant_id: r.id for r in rows}


def mine(programme, invited, n=0):
    return invited[programme.mentee_ids[n]]


def test_a_mentee_answers_in_place_with_htmx(
    app, programme, city_a, invited, signed_in
):
    client = signed_in(city_a, programme.mentees[0])
    page = client.get("/me/events/?lang=en").get_data(as_text=True)
    invitation_id = mine(programme, invited)
    assert f'id="rsvp-{invitation_id}"' in page
    assert "Not answered" in page
    token = csrf_token(client, "/me/events/")
    response = client.post(
        f"/me/invitations/{invitation_id}/rsvp",
        data={"answer": "yes", "next": "/me/events/", "csrf_token": token},
        headers=HX,
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<html" not in html
    assert html.lstrip().startswith(f'<article id="rsvp-{invitation_id}"')
    assert re.search(r"Your answer: <strong>Coming</strong>", html)
    assert re.search(r'value="yes"[^>]*aria-pressed="true"', html)
    assert re.search(r'value="no"[^>]*aria-pressed="false"', html)
    (row,) = load(app, city_a, EventInvitation, id=invitation_id)
    assert (row.rsvp, row.responded_at is not None) == ("yes", True)


def test_without_javascript_the_form_posts_and_comes_back(
    app, programme, city_a, invited, signed_in
):
    client = signed_in(city_a, programme.mentees[0])
    invitation_id = mine(programme, invited)
    token = csrf_token(client, "/me/events/")
    response = client.post(
        f"/me/invitations/{invitation_id}/rsvp?lang=en",
        data={"answer": "maybe", "next": "/me/events/", "csrf_token": token},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/me/events/"
    page = client.get("/me/events/").get_data(as_text=True)
    assert "Your answer is saved: Maybe." in page
    assert load(app, city_a, EventInvitation, id=invitation_id)[0].rsvp == "maybe"


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example/",
        "/\t/evil.example",
        "/\\evil.example",
        "/\n/evil.example",
        "\n/me/",
        "/me/\x00",
        "https://evil.example/",
    ],
)
def test_the_way_back_stays_on_this_site(programme, city_a, invited, signed_in, target):
    client = signed_in(city_a, programme.mentees[0])
    token = csrf_token(client, "/me/events/")
    response = client.post(
        f"/me/invitations/{mine(programme, invited)}/rsvp",
        data={"answer": "no", "next": target, "csrf_token": token},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/me/events/"


def test_someone_elses_invitation_is_not_found(
    app, programme, city_a, city_b, invited, signed_in, make_user
):
    client = signed_in(city_a, programme.mentees[0])
    token = csrf_token(client, "/me/events/")
    other = mine(programme, invited, 1)
    for invitation_id in (other, "not-an-id"):
        response = client.post(
            f"/me/invitations/{invitation_id}/rsvp",
            data={"answer": "no", "csrf_token": token},
        )
        assert response.status_code == 404
    stranger = signed_in(city_b, make_user(city_b, role="mentee").email)
    response = stranger.post(
        f"/me/invitations/{other}/rsvp",
        data={"answer": "no", "csrf_token": csrf_token(stranger, "/me/events/")},
    )
    assert response.status_code == 404
    assert load(app, city_a, EventInvitation, id=other)[0].rsvp == "pending"


def test_an_unknown_answer_is_refused(programme, city_a, invited, signed_in):
    client = signed_in(city_a, programme.mentees[0])
    token = csrf_token(client, "/me/events/")
    response = client.post(
        f"/me/invitations/{mine(programme, invited)}/rsvp",
        data={"answer": "pending", "csrf_token": token},
    )
    assert response.status_code == 400


def test_a_past_event_takes_no_more_answers(
    app, city_a, in_city, signed_in, invite_all
):
    from tests.events.conftest import build_programme
    from tests.events.factories import soon

    programme = build_programme(
        city_a, in_city, starts_at=soon(hours=-3), ends_at=soon(hours=-1)
    )
    invite_all(programme)
    (row,) = [
        r
        for r in load(app, city_a, EventInvitation, event_id=programme.event_id)
        if r.participant_id == programme.mentee_ids[0]
    ]
    client = signed_in(city_a, programme.mentees[0])
    page = client.get("/me/events/?lang=en").get_data(as_text=True)
    assert "Past events" in page
    assert f"/me/invitations/{row.id}/rsvp" not in page
    response = client.post(
        f"/me/invitations/{row.id}/rsvp?lang=en",
        data={"answer": "yes", "csrf_token": csrf_token(client, "/me/events/")},
        follow_redirects=True,
    )
    assert "The event has begun: answers are closed." in response.get_data(as_text=True)
    assert load(app, city_a, EventInvitation, id=row.id)[0].rsvp == "pending"


@pytest.mark.parametrize("lang", ["en", "da"])
def test_my_events_page_is_accessible_in_both_languages(
    programme, city_a, invited, signed_in, lang
):
    client = signed_in(city_a, programme.mentors[0])
    html = client.get(f"/me/events/?lang={lang}").get_data(as_text=True)
    assert_accessible(html, "my events")
    assert f'<html lang="{lang}"' in html
    assert ("Kickoff" if lang == "en" else "Opstart") in html


def test_upcoming_invitations_are_the_users_next_events_soonest_first(
    app, programme, city_a, in_city, invited
):
    from mentoring.accounts.models import User
    from mentoring.core.scoping import set_tenant
    from mentoring.events.queries import upcoming_invitations
    from mentoring.extensions import db
    from mentoring.programmes.models import Participant
    from tests.events.factories import EventFactory, InvitationFactory, soon

    with in_city(city_a):
        me = db.session.scalar(
            db.select(Participant).where(Participant.id == programme.mentee_ids[0])
        )
        for days, title in ((2, "Sooner"), (9, "Later"), (-2, "Past")):
            event = EventFactory(
                cohort=me.cohort,
                title_en=title,
                starts_at=soon(days=days),
                ends_at=soon(days=days) + timedelta(hours=2),
            )
            InvitationFactory(event=event, participant=me)
        user_id = me.user_id
    with app.app_context():
        set_tenant(db.session, city_a.id)
        found = upcoming_invitations(user_id)
        titles = [i.event.title_en for i in found]
        assert titles[0] == "Sooner"
        assert titles[-1] == "Later"
        assert "Past" not in titles
        assert len(titles) == 3  # the kickoff in five days in between
        assert len(upcoming_invitations(user_id, limit=2)) == 2
        owners = {i.participant.user_id for i in found}
        assert owners == {user_id}
        other = db.session.scalar(
            db.select(User.id).where(User.email == programme.mentees[1])
        )
        assert [i.event.title_en for i in upcoming_invitations(other)] == [titles[1]]


def test_my_events_runs_a_fixed_number_of_queries(
    programme, city_a, in_city, invited, signed_in, count_queries
):
    from mentoring.extensions import db
    from mentoring.programmes.models import Participant
    from tests.events.factories import InvitationFactory

    client = signed_in(city_a, programme.mentees[0])

    def queries() -> int:
        client.get("/me/events/")
        with count_queries() as counter:
            assert client.get("/me/events/").status_code == 200
        return counter.count

    few = queries()
    with in_city(city_a):
        me = db.session.scalar(
            db.select(Participant).where(Participant.id == programme.mentee_ids[0])
        )
        for n in range(8):
            InvitationFactory(
                participant=me,
                event__cohort=me.cohort,
                event__kind="interview_session" if n % 2 else "midway",
            )
        InvitationFactory(participant__user=me.user, participant__role="mentee")
    assert queries() == few
