"""One rule for every CSV and Excel cell: formula-like text stays text, numbers stay numbers."""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal

import pytest

from phoihop.core.exports import csv_writer, safe_cell, write_csv_row


@pytest.mark.parametrize("text", ["=1+1", "+1", "-5", "@SUM(A1)", "\t=1", "\r=1", "＝1+1", "=cmd|' /C calc'!A0"])
def test_it_prefixes_formula_like_text_with_an_apostrophe(text: str) -> None:
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["Nguyễn Văn An", "1 000", "", None, 5, -5, 2.5, -2.5, Decimal("-3.10"),
                                   datetime.date(2024, 3, 1), " =1"])
def test_it_leaves_numbers_dates_and_ordinary_text_alone(value: object) -> None:
    assert safe_cell(value) == value


def test_it_quotes_every_csv_field_so_no_separator_opens_a_new_cell() -> None:
    out = io.StringIO()
    write_csv_row(csv_writer(out), ["a;=1+1", "-1", 7])
    assert out.getvalue() == '"a;=1+1","\'-1","7"\r\n'
    assert next(csv.reader(io.StringIO(out.getvalue()))) == ["a;=1+1", "'-1", "7"]
