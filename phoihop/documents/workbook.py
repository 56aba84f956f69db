"""Excel workbooks in the official style, ready to print as they come out.

Each sheet opens with a title block naming the report (its name, its number and date, then what
the sheet shows), a ruled header row and the data. Numbers stay numbers with display formats
that read as Vietnamese, a count written "done/planned" becomes two numeric columns, a total
row the caller gives becomes formulas where they add up, and the print setup is A4 (landscape
where the sheet is wide), fit to the page width, with the header row repeated on every page and
the panes frozen under it.
"""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from phoihop.documents.official import FONT, Table, TableRow, _cell_text

# Display formats. The locale tag [$-42A] is Vietnamese (vi-VN): LibreOffice prints these with
# the Vietnamese separators (1.250; 85,5) whatever the reader's own locale, and Excel reads the
# grouping from the format, so the same file reads as Vietnamese on an agency's machine.
INTEGER_FORMAT = "[$-42A]#,##0"
DECIMAL_FORMAT = "[$-42A]#,##0.0#"
DATE_FORMAT = "DD/MM/YYYY"
# Wider than this (in character widths) the sheet prints landscape; A4 portrait holds about 95
# characters of 12-point Times New Roman between its margins, landscape about 140. Wider still,
# the text columns are narrowed (their text wraps onto more lines) rather than the whole sheet
# shrunk to an unreadable size by fit-to-width.
PORTRAIT_MAX_WIDTH = 95
LANDSCAPE_MAX_WIDTH = 140
NARROWEST_TEXT_COLUMN = 12.0
LINE_HEIGHT_PT = 15.75  # one line of 12-point text
TOTAL_LABELS = {"tổng cộng", "cộng", "tổng", "total"}
_FRACTION = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")
_NO_VALUE = {"", "—", "-", "–"}


@dataclass(frozen=True)
class Sheet:
    """One worksheet: a title block, then a header row and the data (numbers stay numbers)."""

    name: str
    columns: Sequence[str]
    rows: Sequence[Sequence[Any]]
    title: str = ""
    subtitle: str = ""
    widths: Sequence[float] | None = None

    @classmethod
    def from_table(cls, name: str, table: Table, *, title: str = "", subtitle: str = "") -> Sheet:
        rows = [list(r.cells) if isinstance(r, TableRow) else list(r) for r in table.rows]
        return cls(name=name, columns=list(table.columns), rows=rows, title=title or table.caption,
                   subtitle=subtitle)


def reference_line(number: str, issued_on: datetime.date | None) -> str:
    """"Số: 05/BC-BCHQS, ngày 15 tháng 9 năm 2023" (either part alone when only one is known)."""
    from phoihop.vn.dates import format_long

    parts = []
    if number.strip():
        parts.append(f"Số: {number.strip()}")
    if issued_on is not None:
        parts.append(format_long(issued_on))
    return ", ".join(parts)


# --- Excel -----------------------------------------------------------------------------------

_SHEET_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})


def render_xlsx(
    title: str, sheets: Sequence[Sheet], *, number: str = "", issued_on: datetime.date | None = None
) -> bytes:
    """An Excel workbook of the report ``title`` (numbered ``number``, dated ``issued_on`` when
    it has them): on each sheet the title block, a bold ruled header row and the data."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.workbook.properties import CalcProperties

    from phoihop.core.exports import write_xlsx_cell

    if not sheets:
        raise ValueError("Bảng tính phải có ít nhất một trang.")
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.title = title
    # Totals are formulas without a cached value: the reader computes them on opening.
    wb.calculation = CalcProperties(fullCalcOnLoad=True)
    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    reference = reference_line(number, issued_on)
    used: set[str] = set()
    for given in sheets:
        sheet = _split_fractions(given)
        name = sheet.name.translate(_SHEET_FORBIDDEN).strip()[:31] or "Trang"
        base, k = name, 2
        while name in used:
            suffix = f" ({k})"
            name = base[: 31 - len(suffix)] + suffix
            k += 1
        used.add(name)
        ws = wb.create_sheet(name)
        n = max(len(sheet.columns), 1)
        row = 1
        block = [(title, 14, True), (reference, 12, False)]
        if sheet.title and sheet.title != title:
            block.append((sheet.title, 13, True))
        if sheet.subtitle and sheet.subtitle not in (title, sheet.title):
            block.append((sheet.subtitle, 12, False))
        widths = _column_widths(sheet, n)
        total_width = sum(widths)
        for text, size, bold in block:
            if not text:
                continue
            # A merged cell does not grow with its wrapped text: give the row its lines' height.
            per_line = max(total_width * 11 / size * 1.1, 10)
            ws.row_dimensions[row].height = size * 1.45 * max(1, -(-len(text) // int(per_line)))
            cell = write_xlsx_cell(ws, row=row, column=1, value=text)
            cell.font = Font(name=FONT, size=size, bold=bold, italic=text is reference)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            if n > 1:
                ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=n)
            row += 1
        row += 1
        header_row = row
        for col, text in enumerate(sheet.columns, start=1):
            cell = write_xlsx_cell(ws, row=row, column=col, value=str(text))
            cell.font = Font(name=FONT, size=12, bold=True)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            cell.border = box
        first_data = header_row + 1
        total_at = _total_row_index(sheet.rows)
        for index, values in enumerate(sheet.rows):
            row += 1
            is_total = index == total_at
            for col, value in enumerate(values, start=1):
                stored = _xlsx_value(value)
                formula = None
                if is_total and isinstance(stored, int | float) and not isinstance(stored, bool):
                    formula = _sum_formula(sheet.rows[:index], col, stored, first_data, row - 1)
                if formula is not None:  # our own formula, the only one a sheet holds
                    cell = ws.cell(row=row, column=col, value=formula)
                else:
                    cell = write_xlsx_cell(ws, row=row, column=col, value=stored)
                cell.font = Font(name=FONT, size=12, bold=is_total)
                cell.alignment = Alignment(vertical="top", wrap_text=True)
                cell.border = box
                if isinstance(value, datetime.datetime | datetime.date):
                    cell.number_format = DATE_FORMAT
                    cell.alignment = Alignment(horizontal="center", vertical="top")
                elif isinstance(stored, bool):
                    pass
                elif isinstance(stored, int) or formula is not None:
                    cell.number_format = INTEGER_FORMAT
                    ordinal = str(sheet.columns[col - 1]).strip().lower().split(" ")[0] in ("tt", "stt")
                    cell.alignment = Alignment(horizontal="center" if ordinal else "right", vertical="top")
                elif isinstance(stored, float):
                    cell.number_format = DECIMAL_FORMAT
                    cell.alignment = Alignment(horizontal="right", vertical="top")
        for col, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(col)].width = width
        # Rows do not grow with wrapped text when the file is opened: give each its lines' height.
        ws.row_dimensions[header_row].height = _lines([str(c) for c in sheet.columns], widths) * LINE_HEIGHT_PT
        for index, values in enumerate(sheet.rows):
            texts = [_cell_text(v) if not isinstance(v, str) else v for v in values]
            ws.row_dimensions[first_data + index].height = _lines(texts, widths) * LINE_HEIGHT_PT
        _print_setup(ws, header_row=header_row, last_column=get_column_letter(n), wide=sum(widths) > PORTRAIT_MAX_WIDTH)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _print_setup(ws: Any, *, header_row: int, last_column: str, wide: bool) -> None:
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE if wide else ws.ORIENTATION_PORTRAIT
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as the rows need
    ws.print_options.horizontalCentered = True
    ws.print_area = f"A1:{last_column}{max(ws.max_row, header_row)}"
    # Margins in inches: 2 cm left for binding, 1.5 cm elsewhere.
    ws.page_margins.left, ws.page_margins.right = 0.79, 0.59
    ws.page_margins.top, ws.page_margins.bottom = 0.59, 0.71
    ws.page_margins.header, ws.page_margins.footer = 0.3, 0.35
    ws.oddFooter.center.text = "Trang &P/&N"
    ws.oddFooter.center.font = f"{FONT},Regular"
    ws.oddFooter.center.size = 10


def _lines(texts: Sequence[str], widths: Sequence[float]) -> int:
    """How many lines the tallest cell of a row wraps onto (about one character per width unit)."""
    most = 1
    for text, width in zip(texts, widths, strict=False):
        room = max(int(width * 1.2) - 1, 1)
        lines = sum(max(1, -(-len(part) // room)) for part in str(text).split("\n"))
        most = max(most, lines)
    return min(most, 30)


def _column_widths(sheet: Sheet, n: int) -> list[float]:
    widths = _natural_widths(sheet, n)
    total = sum(widths)
    if total <= LANDSCAPE_MAX_WIDTH:
        return widths
    # Narrow the text columns in proportion, down to a floor; numbers and dates keep their width.
    wide = [i for i, w in enumerate(widths) if w > NARROWEST_TEXT_COLUMN]
    fixed = sum(w for i, w in enumerate(widths) if i not in wide)
    room = max(LANDSCAPE_MAX_WIDTH - fixed, NARROWEST_TEXT_COLUMN * len(wide))
    flexible = sum(widths[i] for i in wide)
    for i in wide:
        widths[i] = max(round(widths[i] * room / flexible, 1), NARROWEST_TEXT_COLUMN)
    return widths


def _natural_widths(sheet: Sheet, n: int) -> list[float]:
    widths = []
    for col in range(1, n + 1):
        given = sheet.widths[col - 1] if sheet.widths and len(sheet.widths) >= col else 0
        if given:
            widths.append(float(given))
            continue
        header = str(sheet.columns[col - 1]) if len(sheet.columns) >= col else ""
        # The header wraps on its words: its longest word, not its whole length, sets the floor.
        longest = max(
            [min(len(header), 24), max((len(w) for w in header.split()), default=0)]
            + [len(_cell_text(r[col - 1])) for r in sheet.rows if len(r) >= col],
            default=10,
        )
        widths.append(float(min(max(longest + 2, 8), 60)))
    return widths


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _fraction_column(rows: Sequence[Sequence[Any]], col: int) -> bool:
    """Every value of the column is "a/b" or no value, and at least one is "a/b"."""
    seen = False
    for r in rows:
        value = r[col] if len(r) > col else None
        if isinstance(value, str) and _FRACTION.match(value):
            seen = True
        elif not (value is None or (isinstance(value, str) and value.strip() in _NO_VALUE)):
            return False
    return seen


def _fraction_headers(header: str) -> tuple[str, str]:
    """"Nhiệm vụ hoàn thành/kế hoạch" → ("Nhiệm vụ hoàn thành", "Nhiệm vụ kế hoạch"): the words
    before the slash that the part after it replaces are the shared beginning."""
    if "/" not in header:
        return header, header
    left, right = (part.strip() for part in header.rsplit("/", 1))
    left_words, right_words = left.split(), right.split()
    keep = max(len(left_words) - len(right_words), 0)
    prefix = " ".join(left_words[:keep])
    return left, f"{prefix} {right}".strip()


def _split_fractions(sheet: Sheet) -> Sheet:
    """A column of "done/planned" counts becomes two numeric columns."""
    width = len(sheet.columns)
    split = [c for c in range(width) if _fraction_column(sheet.rows, c)]
    if not split:
        return sheet
    columns: list[str] = []
    widths: list[float] = []
    for c, header in enumerate(sheet.columns):
        given = float(sheet.widths[c]) if sheet.widths and len(sheet.widths) > c else None
        if c in split:
            left, right = _fraction_headers(str(header))
            columns.extend([left, right])
            widths.extend([max(given or 0, 14.0)] * 2)
        else:
            columns.append(str(header))
            widths.append(given if given is not None else 0.0)
    rows: list[list[Any]] = []
    for r in sheet.rows:
        out: list[Any] = []
        for c, value in enumerate(r):
            if c in split:
                match = _FRACTION.match(value) if isinstance(value, str) else None
                out.extend([int(match.group(1)), int(match.group(2))] if match else [value, value])
            else:
                out.append(value)
        rows.append(out)
    has_widths = sheet.widths is not None
    return Sheet(name=sheet.name, columns=columns, rows=rows, title=sheet.title, subtitle=sheet.subtitle,
                 widths=widths if has_widths else None)


def _total_row_index(rows: Sequence[Sequence[Any]]) -> int | None:
    """The last row when it is a total row ("Tổng cộng" in one of its first cells)."""
    if len(rows) < 2:
        return None
    last = rows[-1]
    labels = [v for v in list(last)[:3] if isinstance(v, str) and v.strip()]
    return len(rows) - 1 if labels and labels[0].strip().lower() in TOTAL_LABELS else None


def _sum_formula(above: Sequence[Sequence[Any]], col: int, total: float, first: int, last: int) -> str | None:
    """``=SUM(…)`` of the column when the rows above add up to the given total; None when they
    do not (a figure counted once across rows, like a joint activity, is not their sum)."""
    from openpyxl.utils import get_column_letter

    values = [_xlsx_value(r[col - 1]) if len(r) >= col else None for r in above]
    numbers = [v for v in values if isinstance(v, int | float) and not isinstance(v, bool)]
    if not numbers or abs(sum(numbers) - total) > 1e-9:
        return None
    letter = get_column_letter(col)
    return f"=SUM({letter}{first}:{letter}{last})"
