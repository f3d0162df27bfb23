"""Is an upload a PDF we accept? Judged by its bytes, never by its name or type.

Pure rule: no Flask, no database.
"""

from __future__ import annotations

MAX_CV_BYTES = 5 * 1024 * 1024
# A PDF starts with its header and ends with an end-of-file marker, possibly
# followed by a few bytes of whitespace or junk that readers tolerate.
HEADER = b"%PDF-"
EOF_MARKER = b"%%EOF"
TAIL = 1024


def pdf_problem(data: bytes, max_bytes: int = MAX_CV_BYTES) -> str | None:
    """``None`` for an acceptable PDF, else what is wrong with it.

    The answer is ``"empty"``, ``"too_large"`` or ``"not_pdf"``.
    """
    if not data:
        return "empty"
    if len(data) > max_bytes:
        return "too_large"
    if not data.startswith(HEADER) or not data[5:6].isdigit():
        return "not_pdf"
    if EOF_MARKER not in data[-TAIL:]:
        return "not_pdf"
    return None
