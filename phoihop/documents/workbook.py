"""Excel workbooks in the official style: per sheet a title block, a ruled header and the data."""

from __future__ import annotations

import datetime
import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from phoihop.documents.official import FONT, Table, TableRow, _cell_text


@dataclass(frozen=True)
class Sheet:
    """One worksheet: a title row, then a header row and the data (numbers stay numbers)."""

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


# --- Excel -----------------------------------------------------------------------------------

_SHEET_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})


def render_xlsx(title: str, sheets: Sequence[Sheet]) -> bytes:
    """An Excel workbook: per sheet a bold title, a bold ruled header row and the data."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    from phoihop.core.exports import write_xlsx_cell

    if not sheets:
        raise ValueError("Bảng tính phải có ít nhất một trang.")
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.title = title
    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    used: set[str] = set()
    for sheet in sheets:
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
        for text, size in ((sheet.title or title, 14), (sheet.subtitle, 12)):
            if not text:
                continue
            write_xlsx_cell(ws, row=row, column=1, value=text).font = Font(name=FONT, size=size, bold=size == 14)
            ws.cell(row=row, column=1).alignment = Alignment(horizontal="center", wrap_text=True)
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
        for values in sheet.rows:
            row += 1
            for col, value in enumerate(values, start=1):
                cell = write_xlsx_cell(ws, row=row, column=col, value=_xlsx_value(value))
                cell.font = Font(name=FONT, size=12)
                cell.alignment = Alignment(vertical="top", wrap_text=True)
                cell.border = box
                if isinstance(value, datetime.date):
                    cell.number_format = "DD/MM/YYYY"
        ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
        for col in range(1, n + 1):
            if sheet.widths:
                width = sheet.widths[col - 1]
            else:
                longest = max(
                    [len(str(sheet.columns[col - 1]))]
                    + [len(_cell_text(r[col - 1])) for r in sheet.rows if len(r) >= col],
                    default=10,
                )
                width = min(max(longest + 2, 6), 60)
            ws.column_dimensions[get_column_letter(col)].width = width
        ws.print_options.horizontalCentered = True
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value
