"""The CSV writer behind every export: Danish Excel's format, numbers as numbers,
and no cell that Excel would run as a formula."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest

from mentoring.core.spreadsheet import cell_text, excel_csv


def read_back(data: bytes) -> list[list[str]]:
    text = data.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def test_the_file_has_a_bom_semicolons_and_crlf():
    data = excel_csv(["Navn", "Antal"], [["Søren", 3]])
    assert data.startswith(b"\xef\xbb\xbf")
    assert data[3:] == "Navn;Antal\r\nSøren;3\r\n".encode()


def test_python_reads_the_values_back():
    rows = [["Ærø; Øst", 48, 0.5, None], ['He said "hi"', -2, 1234.25, "x"]]
    assert read_back(excel_csv(["a", "b", "c", "d"], rows)) == [
        ["a", "b", "c", "d"],
        ["Ærø; Øst", "48", "0,5", ""],
        ['He said "hi"', "-2", "1234,25", "x"],
    ]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (48, "48"),
        (-2, "-2"),
        (0.1 + 0.2, "0,30000000000000004"),
        (1e-7, "0,0000001"),
        (2.0, "2"),
        (Decimal("12.50"), "12,5"),
        (float("nan"), ""),
        (None, ""),
        (True, "1"),
    ],
)
def test_numbers_are_written_as_numbers(value, text):
    assert cell_text(value) == text


@pytest.mark.parametrize(
    "value",
    [
        '=HYPERLINK("http://evil.example","Klik")',
        "+1",
        "-2+3",
        "@SUM(A1:A2)",
        "\t=1",
        "\r=1",
        " =1",
        "  +45 12 34 56 78",
    ],
)
def test_a_text_that_starts_a_formula_is_neutralised(value):
    assert cell_text(value) == "'" + value
    (row,) = read_back(excel_csv(["x"], [[value]]))[1:]
    assert row == ["'" + value]


@pytest.mark.parametrize("value", ["Hans = Grete", "a-b", "mail@example.dk", "'x"])
def test_other_text_is_left_alone(value):
    assert cell_text(value) == value


def test_the_header_is_neutralised_too():
    assert read_back(excel_csv(["=1"], []))[0] == ["'=1"]
