"""Every generated Word file converts to PDF with LibreOffice, and the PDF shows the header and
the figures. Without LibreOffice these tests fail on CI and are skipped elsewhere."""

from __future__ import annotations

import io
import unicodedata
from typing import Any

import pytest
from pypdf import PdfReader

from phoihop.documents import generators
from phoihop.documents.official import render_docx
from phoihop.documents.pdf import LibreOfficeMissing, to_pdf
from phoihop.documents.tests import test_official as samples


def pdf_text(data: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(data))
    return [" ".join(unicodedata.normalize("NFC", page.extract_text() or "").split()) for page in reader.pages]


def test_it_converts_the_state_party_and_joint_forms(soffice: str) -> None:
    cases = [
        (samples.make([samples.COMMAND], [samples.COMMANDER]), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 05/BC-BCHQS"),
        (samples.make([samples.BOARD], [samples.SECRETARY]), "ĐẢNG CỘNG SẢN VIỆT NAM", "Số 05-BC/BTGQU"),
        (samples.make([samples.COMMAND, samples.BOARD], [samples.COMMANDER, samples.SECRETARY]),
         "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 05/BC-BCHQS-BTGQU"),
    ]
    for doc, national, number in cases:
        pages = pdf_text(to_pdf(render_docx(doc)))
        first = pages[0]
        assert national in first and number in first
        assert "Quận 4, ngày 05 tháng 01 năm 2023" in first
        assert "1.250" in first


def test_it_converts_the_agreement_and_the_plan(soffice: str, plan: Any) -> None:
    agreement = plan.agreement
    pages = pdf_text(to_pdf(render_docx(generators.agreement_document(agreement))))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in pages[0] and "Số: 03/CTr-BCHQS-BTGQU" in pages[0]
    assert "48 buổi" in " ".join(pages)
    pages = pdf_text(to_pdf(render_docx(generators.plan_document(plan))))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in pages[0] and "KẾ HOẠCH" in pages[0]
    assert "1.250 lượt người" in " ".join(pages)
    # No page number on page one; page two (if any) starts with "2".
    assert not pages[0].startswith("1 ")
    if len(pages) > 1:
        assert pages[1].startswith("2")


def test_it_converts_the_party_led_agreement(soffice: str, party_agreement: Any) -> None:
    pages = pdf_text(to_pdf(render_docx(generators.agreement_document(party_agreement))))
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in pages[0]
    assert "Quận 4, ngày 05 tháng 01 năm 2023" in pages[0]


def test_it_says_clearly_when_libreoffice_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PHOIHOP_SOFFICE", "/nonexistent/soffice")
    with pytest.raises(LibreOfficeMissing, match="libreoffice-writer-nogui"):
        to_pdf(b"PK")
