"""CSV files that Danish Excel opens as tables: the pure writer behind every export.

Danish Excel guesses a CSV's encoding and separator from the locale: without a
byte-order mark it reads UTF-8 as Windows-1252 (``Ã¸`` for ``ø``), and it
splits on ``;`` because ``,`` is the decimal separator. So every file here is
UTF-8 with a BOM, ``;`` between cells and CRLF line ends, one table per file.

Numbers are written as numbers so a coordinator can sum them: ints plain,
floats with a decimal comma (``0,5``), which Danish Excel reads as a number and
English Excel reads as text; the exports are for Danish cities, so the comma
wins. Percentages are a number column (``48``) whose header says ``%``.

Text from people (names, answers, notes) may start like a formula: Excel would
run ``=HYPERLINK(...)`` when the file is opened. Following OWASP's advice on
CSV injection, a text cell whose first character that is not a space is one
of ``= + - @``, a tab or a carriage return gets a leading apostrophe. Leading
spaces do not make a cell safe (some spreadsheets strip them first), so
``" =1"`` is neutralised too. Numbers are never text, so ``-2`` stays a number.

No Flask and no database here: callers pass plain values.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Sequence
from decimal import Decimal

Cell = str | int | float | Decimal | None
BOM = "\ufeff"
DELIMITER = ";"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def excel_csv(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    """One table as the bytes of a CSV file for Danish Excel (see the module)."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, delimiter=DELIMITER, lineterminator="\r\n")
    writer.writerow([cell_text(title) for title in header])
    writer.writerows([cell_text(cell) for cell in row] for row in rows)
    return out.getvalue().encode("utf-8")


def cell_text(value: Cell) -> str:
    """A cell as Excel should read it: numbers as numbers, text never a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        # bool is an int; 1/0 keeps the column countable. Callers with a
        # yes/no for people pass translated text instead.
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float | Decimal):
        return number_text(value)
    return neutralise(str(value))


def number_text(value: float | Decimal) -> str:
    """A float with a decimal comma and no exponent; not-a-number is empty."""
    if isinstance(value, float) and not math.isfinite(value):
        return ""
    text = format(Decimal(repr(value)) if isinstance(value, float) else value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def neutralise(text: str) -> str:
    """Prefix an apostrophe when the text would start a formula (OWASP)."""
    return "'" + text if text.lstrip(" ").startswith(_FORMULA_STARTS) else text
