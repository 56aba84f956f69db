"""Excel counterparts print as they come out: a title block naming the report, numbers as
numbers with Vietnamese display formats, "done/planned" as two numbers, totals as formulas,
A4 (landscape where wide), fit to the page width, the header row on every page, panes frozen."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from openpyxl import load_workbook

from phoihop.documents.workbook import (
    DATE_FORMAT,
    DECIMAL_FORMAT,
    INTEGER_FORMAT,
    Sheet,
    render_xlsx,
)

REPORT = "Báo cáo sơ kết năm 2023 việc thực hiện Chương trình phối hợp số 03/CTr-BCHQS-BTGQU"
AREA_ROWS = [
    [1, "Định hướng tư tưởng", "3/4", 12, 1250, "x"],
    [2, "Đấu tranh phản bác", "1/1", 5, 300, "—"],
    ["", "Tổng cộng", "4/5", 17, 1550, ""],
]
AREA_COLUMNS = ["TT", "Nội dung phối hợp", "Nhiệm vụ hoàn thành/kế hoạch", "Hoạt động", "Lượt người", "Chỉ tiêu"]


def _book(**kwargs: Any) -> Any:
    data = render_xlsx(REPORT, [
        Sheet(name="Theo nội dung", columns=AREA_COLUMNS, rows=AREA_ROWS,
              title="Kết quả thực hiện theo nội dung phối hợp", subtitle="Chương trình phối hợp"),
        Sheet(name="Chỉ tiêu", columns=["TT", "Chỉ tiêu", "Tỷ lệ (%)", "Ngày"],
              rows=[[1, "Tuyên truyền", 85.5, datetime.date(2023, 9, 15)]]),
    ], **kwargs)
    return load_workbook(io.BytesIO(data))


def _header_row(ws: Any) -> int:
    first, last = ws.print_title_rows.replace("$", "").split(":")
    assert first == last  # the one header row
    return int(first)


def assert_prints_as_issued(ws: Any, report: str) -> int:
    """The print setup every generated sheet has; returns its header row."""
    assert ws["A1"].value == report, ws.title
    assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows, ws.title
    header = _header_row(ws)
    assert ws.freeze_panes == f"A{header + 1}", ws.title
    assert all(ws.cell(row=header, column=c).font.b for c in range(1, ws.max_column + 1))
    widths = sum(ws.column_dimensions[chr(64 + c)].width or 0 for c in range(1, min(ws.max_column, 26) + 1))
    wide = widths > 95
    assert ws.page_setup.orientation == ("landscape" if wide else "portrait"), (ws.title, widths)
    for row in ws.iter_rows(min_row=header + 1):
        for cell in row:
            if isinstance(cell.value, str):
                assert not _looks_like_number(cell.value), (ws.title, cell.coordinate, cell.value)
            elif isinstance(cell.value, bool):
                continue
            elif isinstance(cell.value, int):
                assert cell.number_format == INTEGER_FORMAT, (ws.title, cell.coordinate)
            elif isinstance(cell.value, float):
                assert cell.number_format == DECIMAL_FORMAT, (ws.title, cell.coordinate)
            elif isinstance(cell.value, datetime.datetime):
                assert cell.number_format == DATE_FORMAT, (ws.title, cell.coordinate)
    return header


def _looks_like_number(text: str) -> bool:
    import re

    if text.startswith("=SUM("):
        return False
    return bool(re.fullmatch(r"\s*\d+(\s*/\s*\d+)?\s*", text))


def test_it_names_the_report_its_number_and_date_on_every_sheet() -> None:
    wb = _book(number="05/BC-BCHQS", issued_on=datetime.date(2023, 12, 3))
    for ws in wb.worksheets:
        assert ws["A1"].value == REPORT
        assert ws["A2"].value == "Số: 05/BC-BCHQS, ngày 03 tháng 12 năm 2023"
    assert wb["Theo nội dung"]["A3"].value == "Kết quả thực hiện theo nội dung phối hợp"


def test_it_stores_done_over_planned_as_two_numbers() -> None:
    ws = _book()["Theo nội dung"]
    header = assert_prints_as_issued(ws, REPORT)
    headers = [c.value for c in ws[header]]
    assert headers[2:4] == ["Nhiệm vụ hoàn thành", "Nhiệm vụ kế hoạch"]
    first = [c.value for c in ws[header + 1]]
    assert first[:6] == [1, "Định hướng tư tưởng", 3, 4, 12, 1250]
    assert [c.value for c in ws[header + 2]][2:4] == [1, 1]


def test_it_writes_the_total_row_as_formulas_that_add_up() -> None:
    ws = _book()["Theo nội dung"]
    header = _header_row(ws)
    total = [c.value for c in ws[header + 3]]
    first, last = header + 1, header + 2
    assert total[1] == "Tổng cộng"
    assert total[2:6] == [f"=SUM(C{first}:C{last})", f"=SUM(D{first}:D{last})",
                          f"=SUM(E{first}:E{last})", f"=SUM(F{first}:F{last})"]
    assert ws.cell(row=header + 3, column=6).number_format == INTEGER_FORMAT
    assert ws.parent.calculation.fullCalcOnLoad


def test_it_keeps_a_total_that_is_not_the_sum_of_its_rows() -> None:
    # A joint activity counts once in the total and once in each content area it serves.
    rows = [[1, "A", 2], [2, "B", 2], ["", "Tổng cộng", 3]]
    ws = load_workbook(io.BytesIO(render_xlsx("Báo cáo", [Sheet(name="S", columns=["TT", "Nội dung", "Hoạt động"], rows=rows)])))["S"]
    assert ws.cell(row=ws.max_row, column=3).value == 3


def test_it_formats_numbers_and_dates_the_vietnamese_way() -> None:
    ws = _book()["Chỉ tiêu"]
    header = assert_prints_as_issued(ws, REPORT)
    row = ws[header + 1]
    assert row[2].value == 85.5 and row[2].number_format == "[$-42A]#,##0.0#"
    assert row[3].number_format == "DD/MM/YYYY"
    assert ws.page_setup.orientation == "portrait"


def test_it_prints_a_wide_sheet_landscape_with_its_header_on_every_page() -> None:
    ws = _book()["Theo nội dung"]
    assert ws.page_setup.orientation == "landscape"
    header = _header_row(ws)
    assert ws.print_title_rows.replace("$", "") == f"{header}:{header}"
    assert ws.oddFooter.center.text == "Trang &P/&N"


def test_it_sets_up_every_workbook_the_demo_offers_for_print(loaded_demo: Any) -> None:
    from phoihop.agreements.models import Agreement
    from phoihop.plans import documents as generators
    from phoihop.plans.models import AnnualPlan
    from phoihop.reviews import documents
    from phoihop.reviews.models import Review

    books: list[tuple[str, bytes]] = []
    for agreement in Agreement.objects.all():
        books.append((f"agreement {agreement.pk}", generators.agreement_workbook(agreement)))
    for plan in AnnualPlan.objects.all():
        books.append((f"plan {plan.pk}", generators.plan_workbook(plan)))
    for review in Review.objects.filter(archived_at__isnull=True):
        books.append((f"review {review.pk}", documents.review_annex_xlsx(review)))
        books.append((f"commendations {review.pk}", documents.commendations_xlsx(review)))
    assert len(books) >= 20
    fractions = 0
    for _label, data in books:
        wb = load_workbook(io.BytesIO(data))
        for ws in wb.worksheets:
            header = assert_prints_as_issued(ws, wb.properties.title)
            fractions += sum("hoàn thành" in str(c.value) for c in ws[header])
    assert fractions > 0, "the review annexes split done/planned into numbers"


@pytest.mark.django_db
def test_it_names_the_plans_number_and_date_in_its_workbook(plan: Any, users: dict[str, Any]) -> None:
    from phoihop.documents.services import number_issue
    from phoihop.plans import documents as generators

    lead = plan.agreement.parties.get(role="lead").organization
    number_issue(actor=users["alice"], issuer=lead, co_issuers=[], doc_type="KH",
                 issued_on=datetime.date(2024, 1, 10), number=None, record=plan, title="Kế hoạch phối hợp năm 2024")
    wb = load_workbook(io.BytesIO(generators.plan_workbook(plan)))
    for ws in wb.worksheets:
        assert ws["A1"].value == "Kế hoạch phối hợp năm 2024"
        assert ws["A2"].value.startswith("Số: 01/KH-") and ws["A2"].value.endswith("ngày 10 tháng 01 năm 2024")
