"""Helpers for the application tests: a real PDF, form answers, posting a form."""

from __future__ import annotations

import io
import re
from typing import Any

from flask.testing import FlaskClient
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from tests.conftest import CSRF_RE


def tiny_pdf(padding: int = 0) -> bytes:
    """A valid one-page PDF; ``padding`` bytes of comment make it as big as needed."""
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    if padding:
        out += b"%" + b"x" * padding + b"\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<</Size %d/Root 1 0 R>>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def mentee_answers(**overrides: Any) -> dict[str, Any]:
    answers: dict[str, Any] = {
        "full_name": "Ana Souza",
        "email": "ana@example.org",
        "phone": "+45 12 34 56 78",
        "education": "master",
        "field_of_study": "Chemistry",
        "profession": "Lab analyst",
        "years_experience": "6",
        "target_sectors": ["life_science", "education"],
        "target_roles": "Lab technician",
        "languages": ["en", "pt"],
        "danish_level": "beginner",
        "arrived_on": "2026-03-01",
        "partner_employer": "DTU",
        "linkedin": "https://www.linkedin.com/in/ana-souza",
        "goals": "A job in a lab.\nA network in Denmark.",
        "consent": "y",
        "cv": (io.BytesIO(tiny_pdf()), "Ana CV.pdf", "application/pdf"),
    }
    answers.update(overrides)
    return {k: v for k, v in answers.items() if v is not None}


def mentor_answers(**overrides: Any) -> dict[str, Any]:
    answers: dict[str, Any] = {
        "full_name": "Mads Holm",
        "email": "mads@example.org",
        "phone": "",
        "job_title": "Engineering manager",
        "employer": "Novo Nordisk",
        "sector": "life_science",
        "years_experience": "15",
        "languages": ["da", "en"],
        "help_with": "Network, CV",
        "motivation": "I was new once.",
        "earlier_cohorts": "1",
        "consent": "y",
    }
    answers.update(overrides)
    return {k: v for k, v in answers.items() if v is not None}


def form_path(cohort_id: Any, role: str) -> str:
    return f"/apply/{cohort_id}/{role}"


def submit(
    client: FlaskClient, cohort_id: Any, role: str, answers: dict, lang: str = "en"
) -> Any:
    """Open the form in ``lang`` (the page's language) and send ``answers``."""
    path = form_path(cohort_id, role)
    html = client.get(f"{path}?lang={lang}").get_data(as_text=True)
    match = CSRF_RE.search(html)
    assert match, "no CSRF token on the form"
    data = {**answers, "csrf_token": match.group(1) or match.group(2)}
    return client.post(path, data=multipart(data), content_type=_content_type)


_BOUNDARY = "----application-test-boundary"
_content_type = f"multipart/form-data; boundary={_BOUNDARY}"


def multipart(data: dict[str, Any]) -> bytes:
    """The body as bytes: werkzeug's own encoder leaves a temporary file open
    for big uploads (a ResourceWarning, fatal with warnings as errors)."""
    values = MultiDict()
    for key, value in data.items():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, tuple):
                stream, filename, content_type = item
                item = FileStorage(stream, filename, content_type=content_type)
            values.add(key, item)
    return encode_multipart(values, boundary=_BOUNDARY)[1]


def errors_of(html: str) -> list[str]:
    """The per-field error messages on a page."""
    return re.findall(r'<p class="field__error" id="([\w-]+)-error">', html)
