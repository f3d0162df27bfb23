"""Walk-ins at the door: someone of the cohort who was not invited is added,
checked in; nobody outside the cohort can be."""

from __future__ import annotations

import pytest

from mentoring.events.models import EventInvitation
from tests.conftest import csrf_token
from tests.core.test_pages import assert_accessible
from tests.events.conftest import build_programme, load


@pytest.fixture
def late_joiner(programme, city_a, in_city, invite_all):
    """Everyone is invited; then a mentee joins the cohort: not on the list."""
    from mentoring.extensions import db
    from mentoring.programmes.models import Cohort
    from tests.factories import ParticipantFactory

    invite_all(programme)
    with in_city(city_a):
        cohort = db.session.get(Cohort, programme.cohort_id)
        late = ParticipantFactory(
            cohort=cohort, user__role="mentee", user__full_name="Lara Late"
        )
        return late.id


def test_a_walk_in_is_added_and_checked_in(
    app, programme, city_a, late_joiner, signed_in
):
    client = signed_in(city_a, programme.coordinator)
    path = f"/coordinator/events/{programme.event_id}/checkin"
    html = client.get(f"{path}?lang=en").get_data(as_text=True)
    assert_accessible(html, "check-in with walk-ins")
    assert "Walk-ins" in html and f'value="{late_joiner}"' in html
    assert html.count("<option") == 1  # only the one not invited
    response = client.post(
        f"{path}/walk-in?lang=en",
        data={"csrf_token": csrf_token(client, path), "participant": late_joiner},
    )
    assert response.status_code == 302
    (row,) = load(app, city_a, EventInvitation, participant_id=late_joiner)
    assert row.event_id == programme.event_id and row.checked_in_at is not None
    html = client.get(f"{path}?lang=en").get_data(as_text=True)
    assert "Lara Late is checked in." in html
    assert "1 of 5 checked in" in html
    assert "Walk-ins" not in html  # nobody left to add


def test_only_the_cohorts_uninvited_can_walk_in(
    app, programme, city_a, city_b, in_city, late_joiner, signed_in
):
    other = build_programme(city_a, in_city, pairs=1)
    theirs = build_programme(city_b, in_city, pairs=1)
    client = signed_in(city_a, programme.coordinator)
    path = f"/coordinator/events/{programme.event_id}/checkin"
    for stranger in (
        other.mentee_ids[0],  # another cohort of the city
        theirs.mentee_ids[0],  # another city
        programme.mentee_ids[0],  # invited already
        "not-an-id",
    ):
        response = client.post(
            f"{path}/walk-in?lang=en",
            data={"csrf_token": csrf_token(client, path), "participant": stranger},
        )
        assert response.status_code == 303
    rows = load(app, city_a, EventInvitation, event_id=programme.event_id)
    assert len(rows) == 4
    assert not any(r.checked_in_at for r in rows)
    html = client.get(f"{path}?lang=en").get_data(as_text=True)
    assert "Choose someone of the cohort who is not on the list yet." in html
