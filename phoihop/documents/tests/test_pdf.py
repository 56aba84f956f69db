"""Every generated Word file converts to PDF with LibreOffice, and the PDF shows the header and
the figures. Without LibreOffice these tests fail on CI and are skipped elsewhere."""

from __future__ import annotations

import datetime
import io
import unicodedata
from typing import Any

import pytest
from pypdf import PdfReader

from phoihop.documents.official import Issuer, render_docx
from phoihop.documents.pdf import LibreOfficeMissing, to_pdf
from phoihop.documents.tests import test_official as samples
from phoihop.plans import documents as generators


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


# Six issuers of a joint program, each with a word in its name no other has (upper case, as the
# signature block prints it), and signers with names of their own.
SIX = [
    (Issuer(name="Ban Chỉ huy Quân sự xã Tân Hưng", symbol="BCHQS", kind="military"), "QUÂN",
     "Lê Văn Khải", "Thiếu tá"),
    (Issuer(name="Hội Cựu chiến binh xã Tân Hưng", symbol="HCCB", kind="veterans"), "CỰU",
     "Trần Văn Lực", ""),
    (Issuer(name="Hội Nông dân xã Tân Hưng", symbol="HND", kind="farmers"), "NÔNG", "Lê Văn Mạnh", ""),
    (Issuer(name="Hội Liên hiệp Phụ nữ xã Tân Hưng", symbol="HLHPN", kind="women"), "PHỤ",
     "Phạm Thị Ngọc", ""),
    (Issuer(name="Đoàn Thanh niên xã Tân Hưng", symbol="ĐTN", kind="youth"), "THANH",
     "Hoàng Văn Phúc", ""),
    (Issuer(name="Hội Chữ thập đỏ xã Tân Hưng", symbol="HCTĐ", kind="red_cross"), "THẬP",
     "Vũ Thị Quyên", ""),
]


def _chunks(data: bytes) -> list[tuple[int, float, float, float, str]]:
    """(page, x, y, font size, text) of each piece of text, from pypdf's text visitor."""
    from pypdf import mult

    out: list[tuple[int, float, float, float, str]] = []
    for number, page in enumerate(PdfReader(io.BytesIO(data)).pages, start=1):
        def visit(text: str, cm: Any, tm: Any, font: Any, size: float, number: int = number) -> None:
            text = unicodedata.normalize("NFC", text).strip()
            if text:
                matrix = mult(tm, cm)
                out.append((number, matrix[4], matrix[5], size * abs(matrix[0] or 1) or size, text))
        page.extract_text(visitor_text=visit)
    return out


# Lengths that put the blocks across a page break (without cantSplit and keep-with-next the
# blocks of 26, 28 and 36 paragraphs split).
@pytest.mark.parametrize("paragraphs", [26, 28, 36])
def test_it_keeps_each_of_six_signature_blocks_whole_and_apart(soffice: str, paragraphs: int) -> None:
    """A joint document with six issuers, converted by LibreOffice: each block (its body's name,
    title, the signature place and the signer's name) is on one page, blocks do not overlap, and
    no page holds the signatures alone."""
    from phoihop.documents.official import OfficialDocument, Paragraph, signer_for, text_width_mm

    filler = ("Các bên phối hợp tuyên truyền, vận động nhân dân thực hiện tốt chủ trương của Đảng, chính "
              "sách, pháp luật của Nhà nước về quốc phòng, quân sự địa phương trên địa bàn xã.")
    doc = OfficialDocument(
        issuers=[i for i, *_ in SIX], doc_type="CTr", type_name="CHƯƠNG TRÌNH PHỐI HỢP", number=1,
        place="Tân Hưng", date=datetime.date(2026, 3, 2), title="Phối hợp công tác dân vận năm 2026",
        body=[Paragraph(f"{n}. {filler}") for n in range(1, paragraphs + 1)],
        signers=[signer_for(i.kind, name=name, rank=rank, body_name=i.name) for i, _w, name, rank in SIX],
        recipients=["Đảng ủy xã Tân Hưng"],
    )
    chunks = _chunks(to_pdf(render_docx(doc)))
    last_body = max(c[0] for c in chunks if c[4].startswith(f"{paragraphs}."))
    boxes = []
    for _issuer, word, name, rank in SIX:
        signed = f"{rank} {name}".strip()
        tops = [c for c in chunks if word in c[4].split() and c[0] >= last_body and c[4] == c[4].upper()]
        bottoms = [c for c in chunks if name in c[4]]
        assert len(bottoms) == 1, (name, bottoms)
        bottom = bottoms[0]
        top = [c for c in tops if c[0] == bottom[0] and c[2] > bottom[2]]
        assert top, f"the block of {name} is split across pages: {tops} / {bottom}"
        head = max(top, key=lambda c: c[2])  # the block's first line
        # 25 mm at least between the title and the name: the place of the signature and seal.
        assert head[2] - bottom[2] > 25 / 25.4 * 72 + 2 * bottom[3]
        width = max(text_width_mm(signed, 14, bold=True), 40) / 25.4 * 72
        left = min(head[1], bottom[1])
        boxes.append((bottom[0], left, left + width, bottom[2] - 4, head[2] + head[3]))
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if a[0] != b[0]:
                continue
            apart = a[2] <= b[1] or b[2] <= a[1] or a[4] <= b[3] or b[4] <= a[3]
            assert apart, f"signature blocks overlap: {a} {b}"
    # The last paragraph of the body is on the page where the signatures start.
    assert min(b[0] for b in boxes) == last_body
