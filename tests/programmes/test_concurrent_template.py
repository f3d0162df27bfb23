"""Two first visits to the cohort template at once (real parallel requests on
PostgreSQL, ``committed``): both see the page, the city gets one template."""

from __future__ import annotations

from tests.conftest import login, pause_after
from tests.programmes.test_template_page import PAGE, template_of


def test_two_first_visits_at_once_make_one_template(
    app, committed, city_a, client_for, make_user
):
    assert template_of(app, city_a) is None
    visitors = []
    for _ in range(2):
        client = client_for(city_a)
        login(client, make_user(city_a, role="coordinator").email)
        visitors.append(client)
    with pause_after(app, "FROM cohort_templates"):
        answers = committed(*(lambda c=c: c.get(PAGE) for c in visitors))
    assert [r.status_code for r in answers] == [200, 200]
    settings, steps = template_of(app, city_a)
    assert len(steps) == 7
