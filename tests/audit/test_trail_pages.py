"""The audit trail pages past 100 entries, keeping the action filter."""

from __future__ import annotations

import pytest

from tests.conftest import login

TRAIL = "/coordinator/audit/"


@pytest.fixture
def alma(client_for, make_user, in_city, city_a):
    from mentoring.audit.models import AuditEntry
    from mentoring.extensions import db

    user = make_user(city_a, role="coordinator", full_name="Alma Andersen")
    with in_city(city_a):
        for n in range(140):
            action = "export" if n % 2 else "application.view_cv"
            db.session.add(
                AuditEntry(
                    actor_id=user.id,
                    action=action,
                    subject_type="x",
                    subject_id=None,
                    subject_label=f"Item {n}",
                )
            )
    client = client_for(city_a)
    login(client, user.email)
    return client


def test_the_second_page_shows_the_rest_in_the_same_queries(alma, count_queries):
    counts, pages = [], []
    for page in (1, 2):
        path = f"{TRAIL}?page={page}&lang=en"
        alma.get(path)
        with count_queries() as counter:
            pages.append(alma.get(path).get_data(as_text=True))
        counts.append(counter.count)
    assert [html.count("<tr>") - 1 for html in pages] == [100, 40]
    assert "Page 2 of 2" in pages[1] and "Showing 101–140 of 140." in pages[1]
    assert counts[0] == counts[1] <= 8, counter.statements


def test_the_filter_is_kept_and_fits_one_page(alma):
    html = alma.get(f"{TRAIL}?action=export&lang=en").get_data(as_text=True)
    assert html.count("<tr>") - 1 == 70 and 'aria-label="Pages"' not in html


def test_a_bad_page_is_the_first_page(alma):
    html = alma.get(f"{TRAIL}?page=1000&lang=en").get_data(as_text=True)
    assert "Page 1 of 2" in html
