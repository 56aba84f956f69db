"""Cells for the files staff download and open in a spreadsheet program (CSV and Excel).

Text that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read by
spreadsheet programs as a formula (OWASP, "CSV injection"). Text anyone can type — a user name
at a failed sign-in, a browser's User-Agent, a task title — is written so that it stays text.
Numbers and dates are not text and are written unchanged. Every CSV and Excel writer in phoihop
goes through this module.
"""

from __future__ import annotations

import csv
from typing import Any, Protocol

# The characters that start a formula, with their full-width forms, which spreadsheet programs
# in East Asian locales also read as formula signs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


class _Writable(Protocol):
    def write(self, value: str, /) -> Any: ...


def is_formula_like(value: object) -> bool:
    """Whether a value is text that a spreadsheet program would read as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def safe_cell(value: Any) -> Any:
    """A value for a CSV cell: formula-like text gets a leading apostrophe (shown by the
    spreadsheet as typed, never run); numbers, dates, None and other text are unchanged."""
    if is_formula_like(value):
        return "'" + value
    return value


def csv_writer(out: _Writable) -> Any:
    """A ``csv.writer`` for a download. Every field is quoted, so a spreadsheet program whose
    list separator is ``;`` cannot split a field into a new cell that starts a formula; rows are
    written with :func:`write_csv_row`."""
    return csv.writer(out, quoting=csv.QUOTE_ALL)


def write_csv_row(writer: Any, values: Any) -> Any:
    """Write one row with every cell passed through :func:`safe_cell`."""
    return writer.writerow([safe_cell(value) for value in values])


def write_xlsx_cell(ws: Any, *, row: int, column: int, value: Any) -> Any:
    """Write one openpyxl cell and return it. Formula-like text is stored as a text cell with
    Excel's quote prefix (shown as typed, never evaluated, and kept as text when edited);
    numbers, dates and other text as they are."""
    cell = ws.cell(row=row, column=column, value=value)
    if is_formula_like(value):
        cell.data_type = "s"  # openpyxl made it a formula ("f") because it starts with "="
        cell.quotePrefix = True
    return cell
