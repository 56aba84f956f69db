"""From the demo data, in Chromium: the leader of Ban CHQS TP Hưng Yên creates the 2022 interim
review of seed 004's program, the parties add their contributions, the leader drafts the report
from the figures, signs it off and downloads the Word report and its Excel annex."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest

PASSWORD = "phoihop-demo-2026"


def log_in(page: Any, base_url: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base_url}/tai-khoan/dang-nhap/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form button:has-text('Đăng nhập')")
    page.wait_for_selector("nav form[role=search]")


def write_contribution(page: Any, base_url: str, review_url: str, username: str, body: str) -> None:
    log_in(page, base_url, username)
    page.goto(review_url)
    page.click("a:has-text('Viết tham luận')")
    page.fill("#id_title", "Tham luận tại hội nghị sơ kết năm 2022")
    page.fill("#id_body", body)
    page.click("button:has-text('Lưu tham luận')")
    page.wait_for_url(review_url)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_it_runs_the_2022_interim_review_of_seed_004(live_server: Any, page: Any, tmp_path: Path) -> None:
    import datetime

    import docx
    import openpyxl
    from playwright.sync_api import expect

    from phoihop.agreements.models import Agreement
    from phoihop.demo.loader import demo_load

    demo_load(today=datetime.date(2026, 1, 15))
    agreement = Agreement.objects.get(title__startswith="Chương trình phối hợp hoạt động giữa Ban Chỉ huy Quân sự thành phố")
    base = live_server.url

    # The leader of the lead party creates the review, linked to the conference of 06/01/2023.
    log_in(page, base, "chqs.hy.lanhdao")
    page.goto(f"{base}/so-tong-ket/van-ban/{agreement.pk}/tao/")
    page.select_option("#id_kind", "interim")
    page.fill("#id_period_start", "01/01/2022")
    page.fill("#id_period_end", "31/12/2022")
    expect(page.locator("#id_event option:checked")).to_contain_text("06/01/2023")
    page.click("button:has-text('Tạo báo cáo')")
    page.wait_for_url(re.compile(r"/so-tong-ket/\d+/$"))
    review_url = page.url
    expect(page.locator("h1")).to_have_text("Sơ kết năm 2022")
    # Approved activities only: 10 of the 14 demo records of 2022 (3 wait, 1 was returned).
    expect(page.locator("[data-figure=activities]")).to_have_text("10")
    expect(page.locator("#figures-areas")).to_contain_text("Hoàn thành chỉ tiêu giao quân năm 2022")

    # The parties write their contributions.
    write_contribution(page, base, review_url, "phunu.hy.canbo", "Hội Phụ nữ phối hợp tuyên truyền, vận động gia đình có thanh niên nhập ngũ.")
    write_contribution(page, base, review_url, "chqs.hy.canbo", "Ban CHQS thành phố chủ trì các hoạt động phối hợp năm 2022.")
    expect(page.locator("[data-contribution]")).to_have_count(2)

    # The leader drafts the report from the figures, saves and signs it off.
    log_in(page, base, "chqs.hy.lanhdao")
    page.goto(review_url)
    page.click("a:has-text('Viết báo cáo')")
    page.click("button:has-text('Tạo bản nháp từ số liệu')")
    expect(page.locator("#id_results")).to_have_value(re.compile(r"Hoàn thành \d+/\d+ nhiệm vụ\."))
    page.fill("#id_signer_position", "Chỉ huy trưởng")
    # The figures leave causes and lessons to the writer; every section is written before sign-off.
    page.fill("#id_causes", "Các bên duy trì trao đổi thông tin thường xuyên.")
    page.fill("#id_lessons", "Phân công rõ cơ quan chủ trì từng nội dung.")
    if not page.input_value("#id_proposals").strip():
        page.fill("#id_proposals", "Đề nghị tiếp tục duy trì chương trình phối hợp.")
    page.fill("#id_report_date", "10/01/2023")  # while the city's command still existed
    page.click("button:has-text('Lưu báo cáo')")
    page.wait_for_url(review_url)
    expect(page.locator("[data-missing-sections]")).to_have_count(0)
    page.click("button:has-text('Ký duyệt')")
    page.locator(".modal.show [data-confirm-ok]").click()  # the page's own confirmation
    expect(page.locator("main")).to_contain_text("Đã ký duyệt")
    expect(page.locator("a:has-text('Viết báo cáo')")).to_have_count(0)

    # Downloads: the Word report and its Excel annex.
    page.click("button:has-text('Tải về')")
    with page.expect_download() as info:
        page.click("a:has-text('Báo cáo (Word)')")
    report = tmp_path / "bao-cao.docx"
    info.value.save_as(report)
    assert info.value.suggested_filename == "so-ket-nam-2022-bao-cao.docx"
    document = docx.Document(str(report))
    text = "\n".join(
        [p.text for p in document.paragraphs]
        + [c.text for t in document.tables for r in t.rows for c in r.cells]
    )
    assert "BÁO CÁO" in text
    assert "Hoàn thành chỉ tiêu giao quân năm 2022: đạt 100%." in text  # a percentage target reads as one figure
    assert "Hội Liên hiệp Phụ nữ thành phố Hưng Yên" in text

    page.click("button:has-text('Tải về')")
    with page.expect_download() as info:
        page.click("a:has-text('Phụ lục số liệu (Excel)')")
    annex = tmp_path / "phu-luc.xlsx"
    info.value.save_as(annex)
    book = openpyxl.load_workbook(io.BytesIO(annex.read_bytes()))
    cells = [c for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row if c is not None]
    assert "Tổng cộng" in cells
    assert "Hoàn thành chỉ tiêu giao quân năm 2022" in cells
