"""The pure rules: is it a PDF, and filling a city's message safely."""

from __future__ import annotations

import pytest

from mentoring.applications.messages import DEFAULT_MESSAGES, MESSAGE_KINDS, fill
from mentoring.applications.pdf import MAX_CV_BYTES, pdf_problem
from mentoring.applications.services import safe_pdf_name
from tests.applications.helpers import tiny_pdf


def test_a_real_pdf_passes():
    assert pdf_problem(tiny_pdf()) is None
    assert pdf_problem(tiny_pdf() + b"\n\n") is None  # trailing whitespace is fine


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "empty"),
        (b"Hello, I am a CV", "not_pdf"),
        (b"%PDF-", "not_pdf"),
        (b"%PDF-1.4\nno end of file marker", "not_pdf"),
        (b"\x89PNG\r\n\x1a\n%%EOF", "not_pdf"),
        (b"%PDFX1.4 %%EOF", "not_pdf"),
        (b" %PDF-1.4\n%%EOF", "not_pdf"),
        (tiny_pdf() + b"x" * 2048, "not_pdf"),  # the marker must be near the end
    ],
)
def test_what_is_not_a_pdf(data, problem):
    assert pdf_problem(data) == problem


def test_size_is_checked_to_the_byte():
    guess = MAX_CV_BYTES - 400
    overhead = len(tiny_pdf(padding=guess)) - guess
    at_limit = tiny_pdf(padding=MAX_CV_BYTES - overhead)
    assert len(at_limit) == MAX_CV_BYTES
    assert pdf_problem(at_limit) is None
    assert pdf_problem(tiny_pdf(padding=MAX_CV_BYTES)) == "too_large"


def test_fill_replaces_only_the_two_placeholders_once():
    text = "Hi {name}, welcome to {cohort}. {0} {name.__class__} {other} {{name}}"
    assert fill(text, "{cohort}", "Autumn") == (
        "Hi {cohort}, welcome to Autumn. {0} {name.__class__} {other} {{cohort}}"
    )


def test_every_default_message_exists_in_both_languages_with_placeholders():
    for kind in MESSAGE_KINDS:
        for locale in ("da", "en"):
            subject, body = DEFAULT_MESSAGES[(kind, locale)]
            assert "{cohort}" in subject
            assert "{name}" in body


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("CV 2026.pdf", "CV-2026.pdf"),
        ("../../etc/passwd", "passwd.pdf"),
        ("C:\\Users\\ana\\cv.PDF", "cv.pdf"),
        ('"; evil=".pdf', "evil.pdf"),
        ("", "cv.pdf"),
        ("Åse Ørsted.pdf", "Åse-Ørsted.pdf"),
    ],
)
def test_download_names_are_harmless(name, safe):
    assert safe_pdf_name(name) == safe
