"""The clerk's check (documents.checker): it passes the state and Party forms with 1 to 7 issuers
and every document the demo generates, and it finds each kind of fault it looks for."""

from __future__ import annotations

import copy
import dataclasses
import datetime
import io
from typing import Any

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm

from phoihop.documents.checker import DocumentProblems, assert_issuable, check_docx
from phoihop.documents.official import (
    Heading,
    Issuer,
    OfficialDocument,
    Paragraph,
    Signer,
    Table,
    render_docx,
    signer_for,
)

# Seven bodies of one commune, of the kinds that sign joint programs.
BODIES = [
    ("Ban Chỉ huy Quân sự xã Tân Hưng", "BCHQS", "military", "Lê Văn Khải", "Thiếu tá"),
    ("Hội Cựu chiến binh xã Tân Hưng", "HCCB", "veterans", "Trần Văn Lực", ""),
    ("Hội Nông dân xã Tân Hưng", "HND", "farmers", "Lê Văn Mạnh", ""),
    ("Hội Liên hiệp Phụ nữ xã Tân Hưng", "HLHPN", "women", "Phạm Thị Ngọc", ""),
    ("Đoàn Thanh niên xã Tân Hưng", "ĐTN", "youth", "Hoàng Văn Phúc", ""),
    ("Hội Chữ thập đỏ xã Tân Hưng", "HCTĐ", "red_cross", "Vũ Thị Quyên", ""),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam xã Tân Hưng", "MTTQ", "fatherland_front", "Đỗ Văn Sơn", ""),
]
PARTY_LEAD = ("Ban Xây dựng Đảng Đảng ủy xã Tân Hưng", "BXDĐ", "party_board", "Ngô Thị Thu", "")


def joint(count: int, *, party: bool = False, number: int | None = 3) -> OfficialDocument:
    bodies = ([PARTY_LEAD] if party else []) + BODIES
    chosen = bodies[:count]
    issuers = [Issuer(name=n, symbol=s, kind=k, is_party=k.startswith("party")) for n, s, k, _p, _r in chosen]
    return OfficialDocument(
        issuers=issuers, doc_type="CTr", type_name="Chương trình phối hợp", number=number,
        place="Tân Hưng", date=datetime.date(2026, 3, 2) if number else None,
        title="Phối hợp thực hiện công tác dân vận năm 2026",
        body=[Heading("I. MỤC ĐÍCH, YÊU CẦU", 1),
              Paragraph("Tăng cường phối hợp giữa các bên trong tuyên truyền, vận động nhân dân."),
              Table(columns=["TT", "Nội dung", "Cơ quan chủ trì", "Thời gian thực hiện"],
                    rows=[[1, "Tuyên truyền Luật Nghĩa vụ quân sự", "Ban CHQS xã", "Quý I"]],
                    widths=[0.3, 6, 2, 1]),
              Paragraph("Các bên thống nhất thực hiện chương trình này từ ngày ký.")],
        signers=[signer_for(k, name=p, rank=r, body_name=n) for n, _s, k, p, r in chosen],
        recipients=["Đảng ủy xã Tân Hưng (để báo cáo)", "Ủy ban nhân dân xã Tân Hưng"],
    )


@pytest.mark.parametrize("party", [False, True], ids=["state", "party"])
@pytest.mark.parametrize("count", range(1, 8))
def test_it_passes_a_joint_document_of_1_to_7_issuers(count: int, party: bool) -> None:
    data = render_docx(joint(count, party=party))
    assert check_docx(data, issuers=count) == []
    doc = Document(io.BytesIO(data))
    blocks = [t for t in doc.tables if any(b.get(qn("w:name"), "").startswith("signature_")
                                           for b in t._tbl.iter(qn("w:bookmarkStart")))]
    if count == 1:  # Nơi nhận on the left, the signature on the right
        assert [len(t.columns) for t in blocks] == [2]
    else:
        assert sum(len(t.columns) for t in blocks) == count
        assert all(len(t.columns) <= 3 for t in blocks)


def test_it_passes_a_draft_with_a_blank_number_and_date() -> None:
    assert check_docx(render_docx(joint(2, number=None)), issuers=2) == []


def _edit(data: bytes, change: Any) -> bytes:
    doc = Document(io.BytesIO(data))
    change(doc)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _paragraph(doc: Any, start: str) -> Any:
    for p in doc.paragraphs:
        if p.text.startswith(start):
            return p
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    if p.text.startswith(start):
                        return p
    raise AssertionError(start)


def _narrow_first_column(doc: Any) -> None:
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "TT")
    table.columns[2].width = Mm(8)


def _without_cant_split(doc: Any) -> None:
    for el in doc.element.body.iter(qn("w:cantSplit")):
        el.getparent().remove(el)


def _text(start: str, text: str) -> Any:
    def change(doc: Any) -> None:
        p = _paragraph(doc, start)
        p.runs[0].text = text
        for r in p.runs[1:]:
            r.text = ""
    return change


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda d: setattr(d.sections[0], "left_margin", Mm(20)), "left margin 20.0 mm"),
        (lambda d: setattr(d.sections[0], "page_height", Mm(279)), "not A4"),
        (lambda d: setattr(_paragraph(d, "Tăng cường").runs[0].font, "name", "Arial"), "not in Times New Roman"),
        (_text("Tăng cường", "Ghi chú dữ liệu mẫu: số liệu minh họa."), "record note"),
        (_text("Tăng cường", "Các bên thống nhất…."), "bad punctuation"),
        (_text("Tân Hưng, ngày", "TP Tân Hưng, ngày 02 tháng 3 năm 2026"), "abbreviated"),
        (_text("Tân Hưng, ngày", "Tân Hưng, ngày 2 tháng 03 năm 2026"), "date line"),
        (_text("Số:", "Số: 3/CTr-BCHQS-HCCB"), "number line"),
        (_text("- Lưu", "- Lưu: VT."), "incomplete archive line"),
        (_text("CHỦ TỊCH", "THỦ TRƯỞNG"), "generic signing title"),
        (_narrow_first_column, "does not fit"),
        (_without_cant_split, "may split across pages"),
        (lambda d: setattr(_paragraph(d, "Các bên thống nhất").paragraph_format, "keep_with_next", False),
         "does not keep with them"),
    ],
    ids=["margin", "paper", "font", "note", "punctuation", "place", "zeros", "number", "archive",
         "title", "header-word", "split", "keep"],
)
def test_it_finds_each_fault_it_looks_for(change: Any, problem: str) -> None:
    data = render_docx(joint(2))
    assert check_docx(data) == []
    found = check_docx(_edit(data, change))
    assert any(problem in p for p in found), found


def test_it_finds_a_party_header_line_printed_twice_and_a_missing_block() -> None:
    data = render_docx(joint(2, party=True))

    def repeat(doc: Any) -> None:
        issuer = _paragraph(doc, "BAN XÂY DỰNG ĐẢNG")
        issuer._p.addnext(copy.deepcopy(issuer._p))

    assert any("repeated" in p for p in check_docx(_edit(data, repeat)))
    assert any("2 signature blocks for 3 issuers" in p for p in check_docx(data, issuers=3))
    with pytest.raises(DocumentProblems, match="signature blocks"):
        assert_issuable(data, issuers=3)


def test_it_finds_the_generic_title_a_signer_was_given() -> None:
    doc = dataclasses.replace(joint(3), signers=[Signer(position="Thủ trưởng", name=s.name) for s in joint(3).signers])
    assert any("generic signing title" in p for p in check_docx(render_docx(doc)))


def test_it_passes_every_document_the_demo_generates(loaded_demo: Any) -> None:
    """Every Word document the demo offers, state and Party form, one to six issuers."""
    from phoihop.agreements.models import Agreement
    from phoihop.plans import documents as generators
    from phoihop.plans.models import AnnualPlan
    from phoihop.reviews import documents as review_documents
    from phoihop.reviews.models import Review

    made: dict[str, bytes] = {}
    for agreement in Agreement.objects.order_by("pk"):
        made[f"agreement {agreement.title[:50]}"] = render_docx(generators.agreement_document(agreement))
    for plan in AnnualPlan.objects.order_by("pk"):
        made[f"plan {plan.year} {plan.agreement.title[:40]}"] = render_docx(generators.plan_document(plan))
    for review in Review.objects.order_by("pk"):
        made[f"report {review.title}"] = review_documents.review_report_docx(review)
        if list(review_documents.review_commendations(review)):
            made[f"list {review.title}"] = review_documents.commendations_docx(review)
    assert len(made) >= 20
    forms = set()
    problems = {}
    for name, data in made.items():
        found = check_docx(data)
        if found:
            problems[name] = found
        text = " ".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
        forms.add("party" if "ĐẢNG CỘNG SẢN VIỆT NAM" in _header_text(data) else "state")
        assert "Ghi chú dữ liệu mẫu" not in text and "Dữ liệu mẫu minh họa" not in text, name
    assert problems == {}
    assert forms == {"state", "party"}


def _header_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    return " ".join(c.text for row in doc.tables[0].rows for c in row.cells)
