"""Publish pressed twice at once (real parallel requests on PostgreSQL,
``committed``): the pairs are made once, the second press is told why not."""

from __future__ import annotations

from collections import Counter

from mentoring.mail.models import CityEmail
from mentoring.programmes.models import Pair
from tests.conftest import csrf_token, pause_after
from tests.matching.test_board import rated_cohort, solve
from tests.matching.web import cohort_url, rows, signed_in


def test_a_double_publish_makes_each_pair_once(
    app, committed, client_for, city_a, in_city
):
    people = rated_cohort(city_a, in_city)
    first = signed_in(client_for, city_a, people.coordinator)
    second = signed_in(client_for, city_a, people.coordinator)
    solve(first, people)
    page = cohort_url(people, "matching")

    def press(client):
        token = csrf_token(client, page)
        return lambda: client.post(
            page + "/publish", data={"csrf_token": token, "confirm": "yes"}
        )

    with pause_after(app, "FROM matching_settings"):
        answers = committed(press(first), press(second))
    assert sorted(r.status_code for r in answers) == [302, 400]
    loser = next(r for r in answers if r.status_code == 400)
    assert "Find the best matching first." in loser.get_data(as_text=True)
    pairs = rows(app, city_a, Pair)
    assert len(pairs) == 3
    assert len({p.mentee_id for p in pairs}) == len({p.mentor_id for p in pairs}) == 3
    mails = Counter(m.to_address for m in rows(app, city_a, CityEmail))
    assert set(mails.values()) == {1} and len(mails) == 6
