"""The agreement and the annual plan generated from the record, and their Excel counterparts."""

from __future__ import annotations

import datetime
import io
from typing import Any

from openpyxl import load_workbook

from phoihop.agreements.documents import agreement_citation
from phoihop.documents import services
from phoihop.documents.drafting import place_name
from phoihop.documents.official import PARTY_TITLE, QUOC_HIEU, render_docx
from phoihop.documents.tests.readback import (
    all_paragraphs,
    borders,
    cell_paragraphs,
    find,
    load,
    style,
)
from phoihop.plans import documents as generators
from phoihop.testing.queries import assert_queries


def texts(doc: Any) -> list[str]:
    return [p.text for p in all_paragraphs(doc)]


def test_it_writes_the_agreement_from_the_record(full_agreement: Any) -> None:
    doc = load(render_docx(generators.agreement_document(full_agreement)))
    header = [p.text for p in cell_paragraphs(doc.tables[0])]
    assert QUOC_HIEU in header  # the lead party is a military command
    assert "BAN CHỈ HUY QUÂN SỰ QUẬN 4" in header and "BAN TUYÊN GIÁO QUẬN ỦY QUẬN 4" in header
    assert "Số: 03/CTr-BCHQS-BTGQU" in header
    assert "Quận 4, ngày 15 tháng 9 năm 2022" in header
    body = texts(doc)
    assert "CHƯƠNG TRÌNH PHỐI HỢP" in body
    assert ("Công tác tuyên giáo và quốc phòng giữa Ban Chỉ huy Quân sự Quận 4 và Ban Tuyên giáo "
            "Quận ủy Quận 4 giai đoạn 2022-2025") in body
    bases = [t for t in body if t.startswith("Căn cứ")]
    assert bases == [
        "Căn cứ Quy chế công tác dân vận của hệ thống chính trị ban hành kèm theo Quyết định số "
        "23-QĐ/TW ngày 30/7/2021 của Ban Chấp hành Trung ương;",
        "Căn cứ Nghị quyết số 03-NQ/QU ngày 12/3/2022 của Quận ủy Quận 4.",
    ]
    assert style(find(list(doc.paragraphs), bases[0])) == (14, False, True)
    for heading in ["I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG PHỐI HỢP", "III. PHƯƠNG THỨC PHỐI HỢP",
                    "IV. TRÁCH NHIỆM CỦA CÁC BÊN", "V. TỔ CHỨC THỰC HIỆN"]:
        assert style(find(list(doc.paragraphs), heading)) == (14, True, False)
    assert "Nâng cao hiệu quả tuyên truyền nhiệm vụ quốc phòng trên địa bàn quận." in body
    assert "1. Định hướng tư tưởng, tuyên truyền về quốc phòng" in body
    assert "Bên thực hiện: Ban Chỉ huy Quân sự Quận 4 và Ban Tuyên giáo Quận ủy Quận 4." in body
    assert "Chỉ tiêu: 48 buổi (buổi tuyên truyền)." in body
    assert "1. Trách nhiệm của Ban Chỉ huy Quân sự Quận 4" in body
    assert "- Thực hiện nội dung phối hợp số 2: đấu tranh phản bác quan điểm sai trái." in body
    assert any("định kỳ 6 tháng và hằng năm" in t for t in body)
    assert "Sơ kết giữa giai đoạn (năm 2023) và tổng kết khi kết thúc giai đoạn 2022-2025." in "\n".join(body)
    # Two signature columns, the lead party on the right, with rank for the military signer.
    signatures = next(t for t in doc.tables if "Trần Thị Bình" in [p.text for p in cell_paragraphs(t)])
    assert len(signatures.columns) == 2 and set(borders(signatures).values()) == {"nil"}
    right = [p.text for c in (signatures.rows[0].cells[1], signatures.rows[1].cells[1]) for p in c.paragraphs if p.text]
    assert right == ["BAN CHỈ HUY QUÂN SỰ QUẬN 4", "CHỈ HUY TRƯỞNG", "Thượng tá Nguyễn Văn An"]
    assert "- Bộ Tư lệnh Thành phố Hồ Chí Minh (để báo cáo);" in body


def test_it_writes_what_the_record_implies_where_it_has_no_text(agreement: Any) -> None:
    body = texts(load(render_docx(generators.agreement_document(agreement))))
    assert not any(t.startswith("Căn cứ") for t in body)
    assert ("Tăng cường sự phối hợp giữa Ban Chỉ huy Quân sự Quận 4 và Ban Tuyên giáo Quận ủy Quận 4 "
            "trong 2 nội dung: định hướng tư tưởng, tuyên truyền về quốc phòng; đấu tranh phản bác "
            "quan điểm sai trái.") in body
    assert not any("..." in t or "…" in t or "[" in t for t in body)


def test_it_uses_the_party_form_and_the_register_for_a_party_led_agreement(party_agreement: Any, users: dict[str, Any], orgs: dict[str, Any]) -> None:
    doc = load(render_docx(generators.agreement_document(party_agreement)))
    header = [p.text for p in cell_paragraphs(doc.tables[0])]
    assert PARTY_TITLE in header and QUOC_HIEU not in header and "*" in header
    assert "Số      -KH/BTGQU-BCHQSP1Q4" in header  # not numbered yet; lead issuer first
    assert "Quận 4, ngày 05 tháng 01 năm 2023" in header
    body = texts(doc)
    assert "KẾ HOẠCH PHỐI HỢP" in body
    # The Party form's summary starts lower case.
    assert "tuyên truyền kỷ niệm Ngày thành lập Quân đội nhân dân Việt Nam giai đoạn 2023-2023" in body or any(
        t.startswith("tuyên truyền kỷ niệm") for t in body)
    services.reserve_number(actor=users["coop_officer"], issuer=orgs["board"], doc_type="KH", co_issuers=[orgs["ward"]],
                            issued_on=datetime.date(2023, 1, 5), record=party_agreement)
    header = [p.text for p in cell_paragraphs(load(render_docx(generators.agreement_document(party_agreement))).tables[0])]
    assert "Số 01-KH/BTGQU-BCHQSP1Q4" in header


def test_it_writes_the_regulation_in_chapters_and_articles(agreement: Any) -> None:
    agreement.kind = "regulation"
    agreement.number_symbol = "01/QC-BCHQS-BTGQU"
    agreement.save()
    body = texts(load(render_docx(generators.agreement_document(agreement))))
    assert "QUY CHẾ PHỐI HỢP" in body
    assert "Chương I" in body and "QUY ĐỊNH CHUNG" in body
    assert "Điều 1. Phạm vi điều chỉnh và đối tượng áp dụng" in body
    assert "Điều 3. Định hướng tư tưởng, tuyên truyền về quốc phòng" in body
    assert "Chương IV" in body


def test_it_writes_the_plan_with_its_task_table(plan: Any) -> None:
    doc = load(render_docx(generators.plan_document(plan)))
    body = texts(doc)
    assert "KẾ HOẠCH" in body
    assert "Phối hợp thực hiện Chương trình phối hợp số 03/CTr-BCHQS-BTGQU năm 2024" in body
    assert ("Thực hiện Chương trình phối hợp số 03/CTr-BCHQS-BTGQU ngày 15 tháng 9 năm 2022 giữa Ban Chỉ huy "
            "Quân sự Quận 4 và Ban Tuyên giáo Quận ủy Quận 4, Ban Chỉ huy Quân sự Quận 4 và Ban Tuyên giáo "
            "Quận ủy Quận 4 thống nhất xây dựng Kế hoạch phối hợp năm 2024 như sau:") in body
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "TT")
    assert [c.text for c in table.rows[0].cells] == ["TT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian", "Ghi chú"]
    first = [c.text for c in table.rows[1].cells]
    assert first[0] == "1"
    assert first[1] == "Định hướng tư tưởng, tuyên truyền về quốc phòng\nChỉ tiêu: Lượt người nghe tuyên truyền: 1.250 lượt người"
    assert first[2] == "Ban CHQS Quận 4" and first[3] == "BTG Quận ủy Quận 4"
    # The task's notes are internal to the record: the "Ghi chú" column does not print them.
    assert first[4] == "01/03 - 30/06/2024" and first[5] == ""
    assert "Phối hợp Đài truyền thanh quận" not in " ".join(c.text for row in table.rows for c in row.cells)
    assert [c.text for c in table.rows[2].cells][4] == "01/01 - 30/11/2024"
    assert "- Chủ trì 01 nhiệm vụ (số 1)." in body
    header = [p.text for p in cell_paragraphs(doc.tables[0])]
    assert "Số:      /KH-BCHQS-BTGQU" in header


def test_it_prints_the_number_reserved_for_the_plan(plan: Any, users: dict[str, Any], orgs: dict[str, Any]) -> None:
    services.reserve_number(actor=users["alice"], issuer=orgs["district"], co_issuers=[orgs["board"]], doc_type="KH",
                            issued_on=datetime.date(2024, 1, 8), record=plan)
    doc = load(render_docx(generators.plan_document(plan)))
    header = [p.text for p in cell_paragraphs(doc.tables[0])]
    assert "Số: 01/KH-BCHQS-BTGQU" in header and "Quận 4, ngày 08 tháng 01 năm 2024" in header


def test_plan_document_queries_do_not_grow_with_tasks(plan: Any, users: dict[str, Any], orgs: dict[str, Any]) -> None:
    from phoihop.plans.services import indicator_set, task_create

    def count() -> None:
        with assert_queries(10):
            render_docx(generators.plan_document(plan))
            generators.plan_workbook(plan)

    generators.plan_workbook(plan)  # warm the per-process caches (content types)
    count()
    for i in range(4):
        task = task_create(actor=users["alice"], plan=plan, fields={"title": f"Nhiệm vụ thêm {i}", "lead_organization": orgs["board"]},
                           supporting=[orgs["district"]])
        indicator_set(actor=users["alice"], owner=task, name="Tin bài", unit="article", target="10")
    count()


def test_it_writes_the_plan_workbook(plan: Any) -> None:
    wb = load_workbook(io.BytesIO(generators.plan_workbook(plan)))
    assert wb.sheetnames == ["Nhiệm vụ", "Chỉ tiêu"]
    rows = list(wb["Nhiệm vụ"].iter_rows(values_only=True))
    header = rows.index(("TT", "Nội dung", "Nội dung phối hợp", "Cơ quan chủ trì", "Cơ quan phối hợp",
                         "Bắt đầu", "Hạn hoàn thành", "Cán bộ phụ trách", "Ghi chú"))
    first = rows[header + 1]
    assert first[0] == 1 and first[3] == "Ban CHQS Quận 4"
    assert first[5].date() == datetime.date(2024, 3, 1)
    targets = list(wb["Chỉ tiêu"].iter_rows(values_only=True))
    assert (1, "Định hướng tư tưởng, tuyên truyền về quốc phòng", "Lượt người nghe tuyên truyền", "lượt người", 1250, "Cộng dồn") in targets


def test_it_writes_the_agreement_workbook(full_agreement: Any) -> None:
    wb = load_workbook(io.BytesIO(generators.agreement_workbook(full_agreement)))
    areas = list(wb["Nội dung phối hợp"].iter_rows(values_only=True))
    assert any(r[:2] == (1, "Định hướng tư tưởng, tuyên truyền về quốc phòng") for r in areas)
    parties = list(wb["Các bên"].iter_rows(values_only=True))
    assert any(r[1] == "Ban Tuyên giáo Quận ủy Quận 4" and r[2] == "Phối hợp" for r in parties)


def test_it_names_the_place_as_the_decree_says(orgs: dict[str, Any]) -> None:
    assert place_name(orgs["district"]) == "Quận 4"
    assert place_name(orgs["city"]) == "Thành phố Hồ Chí Minh"
    assert place_name(orgs["unrelated"]) == "Khánh Hội"
    assert place_name(orgs["ward"]) == "Phường 1"
    orgs["ward"].locality_text = "TP Hưng Yên, tỉnh Hưng Yên"
    assert place_name(orgs["ward"]) == "Hưng Yên"


def test_it_never_prints_the_records_notes(full_agreement: Any, plan: Any) -> None:
    """Notes about the record (the demo's "Ghi chú dữ liệu mẫu", a plan's or a task's notes) stay
    in the record: the agreement's purpose, the plan and its "Ghi chú" column leave them out."""
    from phoihop.agreements.models import Agreement
    from phoihop.plans.models import AnnualPlan, Task

    Agreement.objects.filter(pk=full_agreement.pk).update(
        purpose="Nâng cao hiệu quả tuyên truyền.\n\nGhi chú dữ liệu mẫu: bài viết không nêu mục đích.\n"
                "- Dữ liệu mẫu minh họa: nội dung ghi để minh họa."
    )
    AnnualPlan.objects.filter(pk=plan.pk).update(notes="Ghi chú nội bộ: chờ ý kiến lãnh đạo.")
    Task.objects.filter(plan=plan).update(notes="Dữ liệu mẫu minh họa.")
    full_agreement.refresh_from_db()
    plan.refresh_from_db()
    agreement_text = "\n".join(texts(load(render_docx(generators.agreement_document(full_agreement)))))
    assert "Nâng cao hiệu quả tuyên truyền." in agreement_text
    assert "Ghi chú" not in agreement_text and "Dữ liệu mẫu" not in agreement_text
    plan_text = "\n".join(texts(load(render_docx(generators.plan_document(plan)))))
    assert "Ghi chú nội bộ" not in plan_text and "Dữ liệu mẫu" not in plan_text
    assert "Cụ thể hóa nội dung" in plan_text  # the purpose is written from the plan instead
    rows = list(load_workbook(io.BytesIO(generators.plan_workbook(plan)))["Nhiệm vụ"].iter_rows(values_only=True))
    assert not any("Dữ liệu mẫu" in str(v) for row in rows for v in row)


def test_it_cites_the_agreement_by_number_and_date(full_agreement: Any) -> None:
    assert agreement_citation(full_agreement) == (
        "Chương trình phối hợp số 03/CTr-BCHQS-BTGQU ngày 15/09/2022 giữa Ban Chỉ huy Quân sự Quận 4 và "
        "Ban Tuyên giáo Quận ủy Quận 4 giai đoạn 2022-2025"
    )
    full_agreement.number_symbol = ""
    assert agreement_citation(full_agreement, parties=False) == (
        "Chương trình phối hợp công tác tuyên giáo và quốc phòng giai đoạn 2022-2025 ký ngày 15/09/2022"
    )
