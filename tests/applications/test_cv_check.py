"""The CV check (pure): hostile PDFs are refused, a plain one is kept."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfWriter
from pypdf.annotations import FreeText
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from mentoring.applications import cv_check
from mentoring.applications.cv_check import cv_problem
from tests.applications.helpers import tiny_pdf


def _writer(pages: int = 1) -> PdfWriter:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=200, height=200)
    return writer


def _bytes(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _action(kind: str, **entries: object) -> DictionaryObject:
    action = DictionaryObject(
        {NameObject("/Type"): NameObject("/Action"), NameObject("/S"): NameObject(kind)}
    )
    for key, value in entries.items():
        action[NameObject(f"/{key}")] = value  # type: ignore[assignment]
    return action


def test_a_plain_pdf_is_kept() -> None:
    assert cv_problem(_bytes(_writer())) is None
    assert cv_problem(tiny_pdf()) is None


def test_a_pdf_with_a_plain_annotation_is_kept() -> None:
    writer = _writer()
    writer.add_annotation(0, FreeText(text="Hello", rect=(10, 10, 100, 50)))
    assert cv_problem(_bytes(writer)) is None


def test_document_javascript_in_the_names_tree_is_refused() -> None:
    writer = _writer()
    js = writer._add_object(_action("/JavaScript", JS=TextStringObject("app.alert(1)")))
    tree = DictionaryObject(
        {NameObject("/Names"): ArrayObject([TextStringObject("hello"), js])}
    )
    writer._root_object[NameObject("/Names")] = DictionaryObject(
        {NameObject("/JavaScript"): writer._add_object(tree)}
    )
    assert cv_problem(_bytes(writer)) == "javascript"


def test_javascript_as_open_action_is_refused() -> None:
    writer = _writer()
    js = _action("/JavaScript", JS=TextStringObject("app.alert(1)"))
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(js)
    assert cv_problem(_bytes(writer)) == "javascript"


def test_a_launch_open_action_is_refused() -> None:
    writer = _writer()
    launch = _action("/Launch", F=TextStringObject("calc.exe"))
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(launch)
    assert cv_problem(_bytes(writer)) == "launch"


def test_javascript_in_a_page_additional_action_is_refused() -> None:
    writer = _writer()
    js = _action("/JavaScript", JS=TextStringObject("this.print()"))
    writer.pages[0][NameObject("/AA")] = DictionaryObject({NameObject("/O"): js})
    assert cv_problem(_bytes(writer)) == "javascript"


def test_a_link_annotation_running_javascript_is_refused() -> None:
    writer = _writer()
    link = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): ArrayObject(
                [FloatObject(0), FloatObject(0), FloatObject(50), FloatObject(50)]
            ),
            NameObject("/A"): _action("/JavaScript", JS=TextStringObject("x()")),
        }
    )
    writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(link)])
    assert cv_problem(_bytes(writer)) == "javascript"


def test_an_embedded_file_is_refused() -> None:
    writer = _writer()
    writer.add_attachment("payload.exe", b"MZ\x90\x00")
    assert cv_problem(_bytes(writer)) == "embedded_file"


def test_a_file_attachment_annotation_is_refused() -> None:
    writer = _writer()
    annotation = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/FileAttachment"),
            NameObject("/Rect"): ArrayObject([NumberObject(0)] * 4),
            NameObject("/FS"): TextStringObject("payload.exe"),
        }
    )
    writer.pages[0][NameObject("/Annots")] = ArrayObject(
        [writer._add_object(annotation)]
    )
    assert cv_problem(_bytes(writer)) == "embedded_file"


def test_rich_media_and_xfa_are_refused() -> None:
    writer = _writer()
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject(
        {NameObject("/Fields"): ArrayObject(), NameObject("/XFA"): ArrayObject()}
    )
    assert cv_problem(_bytes(writer)) == "xfa"
    writer = _writer()
    media = DictionaryObject({NameObject("/Subtype"): NameObject("/RichMedia")})
    writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(media)])
    assert cv_problem(_bytes(writer)) == "rich_media"


def test_an_encrypted_pdf_is_refused() -> None:
    writer = _writer()
    writer.encrypt("secret", algorithm="RC4-128")
    assert cv_problem(_bytes(writer)) == "encrypted"


def test_too_many_pages_are_refused() -> None:
    data = _bytes(_writer(pages=cv_check.MAX_CV_PAGES + 1))
    assert cv_problem(data) == "too_many_pages"
    assert cv_problem(_bytes(_writer(pages=cv_check.MAX_CV_PAGES))) is None


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n" + b"<script>" * 100 + b"\n%%EOF\n",
        b"%PDF-1.4\n1 0 obj\n<</Type/Catalog/Pages 9 0 R>>\nendobj\n%%EOF",
        b"%PDF-1.4\n" + b"\x00\xff" * 500 + b"\ntrailer\n<</Root 1 0 R>>\n%%EOF",
    ],
    ids=["junk", "no-pages", "binary-junk"],
)
def test_a_pdf_header_around_junk_is_not_a_pdf(data: bytes) -> None:
    assert cv_problem(data) == "not_pdf"


def test_the_byte_checks_still_apply() -> None:
    assert cv_problem(b"") == "empty"
    assert cv_problem(b"Hello") == "not_pdf"
    assert cv_problem(tiny_pdf(), max_bytes=10) == "too_large"
