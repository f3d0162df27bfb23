"""CVs on disk: random names outside static, attachments for coordinators only,
every download audited, and a per-city quota."""

from __future__ import annotations

import io
import logging
import re
from pathlib import Path
from typing import Any

from flask import Flask

from mentoring.applications.models import Application
from mentoring.audit.models import AuditEntry
from mentoring.core.logs import ContextFilter
from mentoring.core.scoping import set_tenant
from mentoring.extensions import db
from mentoring.tenancy.models import Tenant
from tests.applications.helpers import mentee_answers, submit, tiny_pdf
from tests.conftest import login

LIST = "/coordinator/applications/"


def _rows(app: Flask, tenant: Any, model: Any) -> list[Any]:
    with app.app_context():
        set_tenant(db.session, tenant.id)
        rows = list(db.session.scalars(db.select(model)))
        for row in rows:
            if isinstance(row, Application) and row.cv is not None:
                _ = row.cv.storage_key, row.cv.content
        db.session.expunge_all()
        return rows


def _apply(client_for: Any, tenant: Any, cohort: Any, name: str = "Ana-CV.pdf") -> Any:
    upload = (io.BytesIO(tiny_pdf()), name, "application/pdf")
    return submit(client_for(tenant), cohort, "mentee", mentee_answers(cv=upload))


def _signed_in(client_for: Any, make_user: Any, tenant: Any, role: str) -> Any:
    client = client_for(tenant)
    assert login(client, make_user(tenant, role=role).email).status_code == 302
    return client


def test_a_cv_is_stored_under_a_random_name_outside_static(
    app, client_for, city_a, cohort_a
):
    assert _apply(client_for, city_a, cohort_a).status_code == 302
    (row,) = _rows(app, city_a, Application)
    key = row.cv.storage_key
    assert re.fullmatch(r"[0-9a-f]{32}", key) and row.cv.content is None
    path = Path(app.config["UPLOADS_DIR"]).resolve() / str(city_a.id) / key
    assert path.read_bytes() == tiny_pdf()
    static = Path(app.static_folder).resolve()
    assert static not in path.parents
    client = client_for(city_a)
    for url in (f"/static/{key}", f"/static/uploads/{city_a.id}/{key}", f"/{key}"):
        assert client.get(url).status_code == 404


def test_a_coordinator_downloads_it_as_an_attachment_and_it_is_audited(
    app, client_for, make_user, city_a, cohort_a
):
    _apply(client_for, city_a, cohort_a, name='../../evil"\r\nX: y.pdf')
    (row,) = _rows(app, city_a, Application)
    coordinator = _signed_in(client_for, make_user, city_a, "coordinator")
    for _ in range(2):
        response = coordinator.get(f"{LIST}{row.id}/cv")
        assert response.status_code == 200
        assert response.data == tiny_pdf()
    assert response.mimetype == "application/pdf"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert ".." not in disposition and "/" not in disposition
    assert "\r" not in disposition and "\n" not in disposition
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    entries = _rows(app, city_a, AuditEntry)
    assert [e.action for e in entries] == ["application.view_cv"] * 2


def test_participants_and_other_cities_get_a_404(
    app, client_for, make_user, city_a, city_b, cohort_a
):
    _apply(client_for, city_a, cohort_a)
    (row,) = _rows(app, city_a, Application)
    url = f"{LIST}{row.id}/cv"
    for role in ("mentee", "mentor"):
        client = _signed_in(client_for, make_user, city_a, role)
        assert client.get(url).status_code == 404
    other = _signed_in(client_for, make_user, city_b, "coordinator")
    assert other.get(url).status_code == 404
    assert client_for(city_a).get(url).status_code == 302  # to the login page
    assert _rows(app, city_a, AuditEntry) == []


def test_an_upload_beyond_the_citys_quota_is_refused_and_logged(
    app, client_for, city_a, cohort_a, caplog
):
    with app.app_context():
        tenant = db.session.get(Tenant, city_a.id)
        tenant.upload_quota_mb = 1
        db.session.commit()
    big = tiny_pdf(padding=1024 * 1024)  # just over the city's 1 MB
    upload = (io.BytesIO(big), "cv.pdf", "application/pdf")
    client = client_for(city_a)
    folder = Path(app.config["UPLOADS_DIR"]) / str(city_a.id)
    before = set(folder.iterdir()) if folder.exists() else set()
    caplog.handler.addFilter(ContextFilter())  # as the app's handlers do
    with caplog.at_level(logging.WARNING, logger="mentoring.applications.services"):
        response = submit(client, cohort_a, "mentee", mentee_answers(cv=upload))
    assert response.status_code == 400
    assert "We cannot receive more CVs right now" in response.get_data(as_text=True)
    assert _rows(app, city_a, Application) == []
    assert (set(folder.iterdir()) if folder.exists() else set()) == before
    (record,) = [r for r in caplog.records if "quota" in r.getMessage()]
    assert getattr(record, "request_id", "")
    with app.app_context():
        db.session.get(Tenant, city_a.id).upload_quota_mb = 500
        db.session.commit()


def test_the_danish_form_says_so_in_danish(app, client_for, city_a, cohort_a):
    with app.app_context():
        db.session.get(Tenant, city_a.id).upload_quota_mb = 1
        db.session.commit()
    upload = (io.BytesIO(tiny_pdf(padding=1024 * 1024)), "cv.pdf", "application/pdf")
    response = submit(
        client_for(city_a), cohort_a, "mentee", mentee_answers(cv=upload), lang="da"
    )
    assert "Vi kan ikke modtage flere CV" in response.get_data(as_text=True)
    with app.app_context():
        db.session.get(Tenant, city_a.id).upload_quota_mb = 500
        db.session.commit()
