"""Is an uploaded CV a PDF we will keep? Parsed with pypdf, never judged by name.

Pure rule: no Flask, no database. A coordinator opens these files on an office
machine, so anything a PDF reader would *run* or *unpack* is refused: JavaScript
(document-level names tree, open action, additional actions on pages, fields
and annotations), launch actions, embedded files and file-attachment
annotations, rich media (Flash/3D players) and XFA forms. Encrypted files are
refused too: their objects cannot be inspected.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from typing import Any

from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
)

from mentoring.applications.pdf import MAX_CV_BYTES, pdf_problem

MAX_CV_PAGES = 20
# A CV has a few hundred objects; a file with far more is a parser bomb.
MAX_OBJECTS = 50_000

# Reasons, one code each; the form maps them to translated messages.
EMPTY, TOO_LARGE, NOT_PDF = "empty", "too_large", "not_pdf"
ENCRYPTED, TOO_MANY_PAGES = "encrypted", "too_many_pages"
JAVASCRIPT, LAUNCH, EMBEDDED, RICH_MEDIA, XFA = (
    "javascript",
    "launch",
    "embedded_file",
    "rich_media",
    "xfa",
)

# Dictionary keys whose mere presence is refused, and what they mean.
_KEYS = {
    "/JS": JAVASCRIPT,
    "/JavaScript": JAVASCRIPT,
    "/EmbeddedFiles": EMBEDDED,
    "/EmbeddedFile": EMBEDDED,
    "/EF": EMBEDDED,  # a file specification carrying the file itself
    "/RichMediaContent": RICH_MEDIA,
    "/RichMediaSettings": RICH_MEDIA,
    "/XFA": XFA,
}
# Values of /S (action type), /Subtype and /Type that are refused.
_ACTIONS = {
    "/JavaScript": JAVASCRIPT,
    "/Launch": LAUNCH,
    "/GoToE": EMBEDDED,  # go to a document embedded in this one
    "/ImportData": LAUNCH,
    "/Rendition": RICH_MEDIA,
}
_SUBTYPES = {
    "/FileAttachment": EMBEDDED,
    "/RichMedia": RICH_MEDIA,
    "/Movie": RICH_MEDIA,
    "/Sound": RICH_MEDIA,
    "/Screen": RICH_MEDIA,
    "/3D": RICH_MEDIA,
}
_TYPES = {"/EmbeddedFile": EMBEDDED, "/RichMediaContent": RICH_MEDIA}


def cv_problem(
    data: bytes, max_bytes: int = MAX_CV_BYTES, max_pages: int = MAX_CV_PAGES
) -> str | None:
    """``None`` for a CV we keep, else the code of the first problem found."""
    problem = pdf_problem(data, max_bytes)
    if problem is not None:
        return problem
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pypdf warns about every quirk it repairs
        try:
            return _inspect(PdfReader(io.BytesIO(data), strict=False), max_pages)
        except RecursionError:
            return NOT_PDF
        except Exception:  # hostile input: any parser failure means "not a PDF"
            return NOT_PDF


def _inspect(reader: PdfReader, max_pages: int) -> str | None:
    if reader.is_encrypted:
        return ENCRYPTED
    if "/Root" not in reader.trailer:
        return NOT_PDF
    pages = len(reader.pages)
    if pages == 0:
        return NOT_PDF
    if pages > max_pages:
        return TOO_MANY_PAGES
    for count, obj in enumerate(_objects(reader.trailer)):
        if count > MAX_OBJECTS:
            return NOT_PDF
        problem = _active(obj)
        if problem is not None:
            return problem
    return None


def _objects(root: Any) -> Iterator[DictionaryObject]:
    """Every dictionary reachable from the trailer, each indirect object once."""
    seen: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            key = (obj.idnum, obj.generation)
            if key in seen:
                continue
            seen.add(key)
            obj = obj.get_object()
        if isinstance(obj, DictionaryObject):  # streams are dictionaries too
            yield obj
            stack.extend(obj.values())
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)


def _active(obj: DictionaryObject) -> str | None:
    for key in obj:
        if key in _KEYS:
            return _KEYS[key]
    for field, table in (("/S", _ACTIONS), ("/Subtype", _SUBTYPES), ("/Type", _TYPES)):
        value = obj.get(field)
        if isinstance(value, NameObject) and value in table:
            return table[value]
    return None
