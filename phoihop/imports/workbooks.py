"""Import templates as Excel workbooks, and reading them back.

A template has a sheet of instructions first, then one data sheet per kind of row with its header
row on top (bold, ruled, frozen), drop-down lists for the columns that take a value from a list
(kinds, levels, roles: the labels of the models' choices, kept on a hidden "Danh mục" sheet), and
dates as dd/mm/yyyy. Reading finds each data sheet by its name and each column by its header
(folded: case, diacritics and spacing do not matter, and the columns may be in any order).

Templates are documents, so their text is always Vietnamese, as official documents are.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Any

from django.utils.translation import gettext_noop

from phoihop.vn.dates import parse_date
from phoihop.vn.text import clean, fold

# How far down a data sheet the header row is looked for.
HEADER_SEARCH_ROWS = 10
LISTS_SHEET = "Danh mục"
INSTRUCTIONS_SHEET = "Hướng dẫn"


@dataclass(frozen=True)
class Column:
    """One column of a data sheet: its key in the rows read, its header, and how it is read."""

    key: str
    header: str
    kind: str = (
        "text"  # text, date, number, choice (a value of the list), list (text offered a list)
    )
    required: bool = False
    choices: Sequence[tuple[str, str]] = ()  # (stored value, label) for kind "choice"
    width: float = 20
    note: str = ""


@dataclass(frozen=True)
class SheetSpec:
    name: str
    columns: Sequence[Column]


class CellError(ValueError):
    """A value that cannot be read; the message is a gettext message id with its parameters."""

    def __init__(self, message: str, **params: Any) -> None:
        super().__init__(message)
        self.message = message
        self.params = params


class FileError(ValueError):
    """A workbook that cannot be read at all (not a workbook, a sheet or a header missing)."""

    def __init__(self, message: str, **params: Any) -> None:
        super().__init__(message)
        self.message = message
        self.params = params


# --- writing the template ---------------------------------------------------------------------


def template_xlsx(*, title: str, instructions: Sequence[str], sheets: Sequence[SheetSpec]) -> bytes:
    """The template: instructions, then the data sheets with headers and drop-down lists."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter, quote_sheetname
    from openpyxl.worksheet.datavalidation import DataValidation

    from phoihop.core.exports import write_xlsx_cell
    from phoihop.documents.official import FONT
    from phoihop.documents.workbook import DATE_FORMAT

    wb = Workbook()
    guide = wb.active
    guide.title = INSTRUCTIONS_SHEET
    guide.column_dimensions["A"].width = 110
    cell = guide.cell(row=1, column=1, value=title)
    cell.font = Font(name=FONT, size=14, bold=True)
    for i, line in enumerate(instructions, start=3):
        cell = write_xlsx_cell(guide, row=i, column=1, value=line)
        cell.font = Font(name=FONT, size=12)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    row = len(instructions) + 4
    for spec in sheets:
        cell = guide.cell(row=row, column=1, value=f"Trang «{spec.name}»:")
        cell.font = Font(name=FONT, size=12, bold=True)
        row += 1
        for col in spec.columns:
            need = "bắt buộc" if col.required else "không bắt buộc"
            text = f"– {col.header} ({need}){': ' + col.note if col.note else ''}"
            cell = write_xlsx_cell(guide, row=row, column=1, value=text)
            cell.font = Font(name=FONT, size=12)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            row += 1
        row += 1

    lists = wb.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    list_column = 0
    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    for spec in sheets:
        ws = wb.create_sheet(spec.name)
        for c, col in enumerate(spec.columns, start=1):
            letter = get_column_letter(c)
            cell = ws.cell(row=1, column=c, value=col.header + (" (*)" if col.required else ""))
            cell.font = Font(name=FONT, size=12, bold=True)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            cell.fill = PatternFill("solid", fgColor="DDEBF7")
            cell.border = box
            ws.column_dimensions[letter].width = col.width
            cells = f"{letter}2:{letter}5000"
            if col.choices and col.kind in ("choice", "list"):
                list_column += 1
                list_letter = get_column_letter(list_column)
                for r, (_value, label) in enumerate(col.choices, start=1):
                    lists.cell(row=r, column=list_column, value=str(label))
                source = f"{quote_sheetname(LISTS_SHEET)}!${list_letter}$1:${list_letter}${len(col.choices)}"
                dv = DataValidation(type="list", formula1=source, allow_blank=not col.required)
                dv.error = "Chọn một giá trị trong danh sách."
                dv.errorTitle = col.header
                dv.showErrorMessage = True
                ws.add_data_validation(dv)
                dv.add(cells)
            elif col.kind == "date":
                for r in range(2, 202):
                    ws.cell(row=r, column=c).number_format = DATE_FORMAT
        ws.row_dimensions[1].height = 32
        ws.freeze_panes = "A2"
    # The first data sheet opens first: that is where the user types.
    wb.active = 2
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# --- reading ----------------------------------------------------------------------------------


def open_workbook(stream: IO[bytes]) -> Any:
    """The workbook in ``stream`` (read only, values not formulas), or FileError."""
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    stream.seek(0)
    try:
        return load_workbook(stream, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError):
        raise FileError(
            gettext_noop("Tệp không phải là bảng tính Excel (.xlsx) đọc được.")
        ) from None


@dataclass
class SheetRows:
    """A data sheet found in a workbook: which column holds each key, and its rows."""

    spec: SheetSpec
    letters: dict[str, str] = field(default_factory=dict)
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)


def _header_key(text: Any) -> str:
    return fold(str(text or "").replace("(*)", "").replace("*", ""))


def _locate(wb: Any, spec: SheetSpec) -> tuple[Any, int, dict[str, int]]:
    """The sheet ``spec.name``, its header row and the position of each column found in it;
    FileError when the sheet or a required column's header is missing."""
    wanted = fold(spec.name)
    ws = next((wb[name] for name in wb.sheetnames if fold(name) == wanted), None)
    if ws is None:
        raise FileError(
            gettext_noop('Tệp không có trang "%(sheet)s". Hãy dùng mẫu tải về từ hệ thống.'),
            sheet=spec.name,
        )
    by_header = {_header_key(col.header): col for col in spec.columns}
    header_row = 0
    positions: dict[str, int] = {}
    for number, values in enumerate(
        ws.iter_rows(max_row=HEADER_SEARCH_ROWS, values_only=True), start=1
    ):
        seen = {
            by_header[_header_key(v)].key: i
            for i, v in enumerate(values)
            if _header_key(v) in by_header
        }
        if len(seen) > len(positions):
            positions, header_row = seen, number
        if len(positions) == len(spec.columns):
            break
    missing = [col for col in spec.columns if col.required and col.key not in positions]
    if not header_row or missing:
        header = (missing or list(spec.columns))[0].header
        raise FileError(
            gettext_noop(
                'Trang "%(sheet)s" thiếu cột "%(column)s" ở dòng tiêu đề. Hãy dùng mẫu tải về từ hệ thống.'
            ),
            sheet=spec.name,
            column=header,
        )
    return ws, header_row, positions


def read_sheet(wb: Any, spec: SheetSpec) -> SheetRows:
    """The rows of the sheet ``spec.name`` under its header row (see ``_locate``). Rows with
    nothing in them are skipped."""
    from openpyxl.utils import get_column_letter

    ws, header_row, positions = _locate(wb, spec)
    found = SheetRows(spec=spec)
    found.letters = {key: get_column_letter(i + 1) for key, i in positions.items()}
    for number, values in enumerate(
        ws.iter_rows(min_row=header_row + 1, values_only=True), start=header_row + 1
    ):
        row = {key: values[i] if i < len(values) else None for key, i in positions.items()}
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in row.values()):
            continue
        found.rows.append((number, row))
    return found


def count_rows(wb: Any, specs: Sequence[SheetSpec]) -> int:
    """About how many data rows the workbook holds (each sheet's size as written in the file),
    enough to decide whether the check runs in the background; FileError when a sheet or a
    required header is missing."""
    total = 0
    for spec in specs:
        ws, header_row, _positions = _locate(wb, spec)
        total += max((ws.max_row or header_row) - header_row, 0)
    return total


# --- cells ------------------------------------------------------------------------------------


def text_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean(str(value))


def date_value(value: Any) -> datetime.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return parse_date(str(value))
    except ValueError:
        raise CellError(
            gettext_noop('Ngày "%(value)s" không đúng dạng ngày/tháng/năm (ví dụ 15/09/2023).'),
            value=text_value(value),
        ) from None


def choice_value(value: Any, choices: Sequence[tuple[str, str]]) -> str:
    """The stored value of a choice given by its label (folded) or by the stored value itself."""
    text = text_value(value)
    if not text:
        return ""
    key = fold(text)
    for stored, label in choices:
        if key in (fold(str(label)), fold(stored)):
            return stored
    raise CellError(
        gettext_noop('"%(value)s" không có trong danh sách; chọn trong danh sách thả xuống.'),
        value=text,
    )


def rows_of(found: SheetRows) -> Iterator[tuple[int, dict[str, Any]]]:
    yield from found.rows


def number_value(value: Any) -> Decimal | None:
    """A number typed or stored in the cell ("1.234,5" read the Vietnamese way); None if empty."""
    from decimal import Decimal, InvalidOperation

    from phoihop.vn.numbers import parse_number

    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise CellError(gettext_noop('"%(value)s" không phải là một số.'), value=str(value))
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(str(value))
    try:
        return parse_number(str(value))
    except (ValueError, InvalidOperation):
        raise CellError(
            gettext_noop('"%(value)s" không phải là một số.'), value=text_value(value)
        ) from None
