"""The audit trail: who did what, when, to whom; each city sees only its own."""

from __future__ import annotations

import re

import pytest

from tests.conftest import csrf_token, login

TRAIL = "/coordinator/audit/"


def coordinator_of(client_for, make_user, tenant, name):
    client = client_for(tenant)
    login(client, make_user(tenant, role="coordinator", full_name=name).email)
    return client


def planning_cohort(in_city, tenant, name):
    from tests.factories import CohortFactory

    with in_city(tenant):
        return CohortFactory(name=name, status="planning").id


def open_recruitment(client, cohort_id):
    path = f"/coordinator/cohorts/{cohort_id}"
    response = client.post(
        f"{path}/status",
        data={"csrf_token": csrf_token(client, path), "status": "recruiting"},
    )
    assert response.status_code == 302


def rows(html: str) -> list[str]:
    body = html.split("<tbody>")[1].split("</tbody>")[0] if "<tbody>" in html else ""
    return [row for row in body.split("</tr>") if "<th" in row]


@pytest.fixture
def two_cities(client_for, make_user, in_city, city_a, city_b):
    """Each city's coordinator opened recruitment for one of their cohorts."""
    alma = coordinator_of(client_for, make_user, city_a, "Alma Andersen")
    bo = coordinator_of(client_for, make_user, city_b, "Bo Bertelsen")
    open_recruitment(alma, planning_cohort(in_city, city_a, "Lyngby spring"))
    open_recruitment(bo, planning_cohort(in_city, city_b, "Aarhus spring"))
    return alma, bo


def test_the_status_change_is_recorded_with_who_when_and_what(two_cities):
    alma, _ = two_cities
    html = alma.get(f"{TRAIL}?lang=en").get_data(as_text=True)
    (row,) = rows(html)
    assert "Alma Andersen" in row
    assert "changed a cohort&#39;s status (Planning → Recruiting)" in row
    assert "Lyngby spring" in row
    assert re.search(r"<th scope=\"row\">\d\d/\d\d/\d{4}, \d\d:\d\d</th>", row)


def test_each_city_sees_only_its_own_entries(two_cities):
    alma, bo = two_cities
    a_html = alma.get(f"{TRAIL}?lang=en").get_data(as_text=True)
    b_html = bo.get(f"{TRAIL}?lang=en").get_data(as_text=True)
    assert "Aarhus spring" not in a_html and "Bo Bertelsen" not in a_html
    assert "Lyngby spring" not in b_html and "Alma Andersen" not in b_html
    assert len(rows(b_html)) == 1


def test_the_trail_filters_by_action(two_cities):
    alma, _ = two_cities
    html = alma.get(f"{TRAIL}?action=application.accept&lang=en").get_data(as_text=True)
    assert rows(html) == []
    assert "Nothing recorded yet." in html
    html = alma.get(f"{TRAIL}?action=cohort.status&lang=en").get_data(as_text=True)
    assert len(rows(html)) == 1


def test_the_trail_is_for_coordinators_only(client_for, city_a, make_user):
    anonymous = client_for(city_a).get(TRAIL)
    assert anonymous.status_code == 302 and "/login" in anonymous.headers["Location"]
    for role in ("mentor", "mentee"):
        client = client_for(city_a)
        login(client, make_user(city_a, role=role).email)
        assert client.get(TRAIL).status_code == 403
    assert client_for(None).get(TRAIL).status_code == 404  # not on the network host


def test_a_deleted_actor_still_leaves_the_entry(client_for, city_a, make_user, in_city):
    from mentoring.audit.models import AuditEntry

    with in_city(city_a):
        from mentoring.extensions import db

        db.session.add(
            AuditEntry(
                actor_id=None,
                action="export",
                subject_type="cohort",
                subject_id=None,
                subject_label="Old cohort",
            )
        )
    client = coordinator_of(client_for, make_user, city_a, "Cora")
    (row,) = rows(client.get(f"{TRAIL}?lang=en").get_data(as_text=True))
    assert "(deleted account)" in row and "exported data" in row


def test_the_trail_runs_a_fixed_number_of_queries(
    client_for, city_a, make_user, in_city, count_queries
):
    from mentoring.audit.models import AuditEntry
    from mentoring.extensions import db
    from tests.factories import UserFactory

    client = coordinator_of(client_for, make_user, city_a, "Cora")

    def add(n: int) -> None:
        with in_city(city_a):
            for i in range(n):
                actor = UserFactory(role="coordinator")
                db.session.add(
                    AuditEntry(
                        actor_id=actor.id,
                        action="application.accept",
                        subject_type="application",
                        subject_id=None,
                        subject_label=f"Applicant {i}",
                    )
                )

    def queries() -> int:
        client.get(TRAIL)
        with count_queries() as counter:
            assert client.get(TRAIL).status_code == 200
        return counter.count

    add(2)
    few = queries()
    add(15)
    assert queries() == few
