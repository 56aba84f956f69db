"""Workbooks for the import tests: the real template, filled in as a user would."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from phoihop.imports import registry


def filled(
    rows: Sequence[Sequence[Any]], *, template: bytes | None = None, sheet: str = registry.SHEET
) -> bytes:
    from openpyxl import load_workbook

    if template is None:
        template = _templates()[sheet]
    wb = load_workbook(io.BytesIO(template))
    ws = wb[sheet]
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values, start=1):
            ws.cell(row=r, column=c, value=value)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def upload(content: bytes, name: str = "co-quan.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def _templates() -> dict[str, bytes]:
    from phoihop.imports import kinds

    return {spec.name: m.template() for m in kinds.MODULES.values() for spec in m.specs(None)}
