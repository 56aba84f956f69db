"""A report written from the schedule matrix in a real browser, sent, and read by the other party."""

from __future__ import annotations

from typing import Any

import pytest


def log_in(page: Any, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/tai-khoan/dang-nhap/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "matkhau-123")
    page.click("form button:has-text('Đăng nhập')")
    page.wait_for_selector("nav form[role=search]")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_it_writes_a_report_from_the_matrix_and_records_who_read_it(
    live_server: Any, page: Any, browser: Any, agreement: Any, users: dict[str, Any]
) -> None:
    from playwright.sync_api import expect

    from phoihop.exchange.services import schedule_set

    schedule_set(actor=users["alice"], agreement=agreement, rhythm="yearly", due_days=15)
    log_in(page, live_server.url, "alice")
    page.goto(f"{live_server.url}/trao-doi/van-ban/{agreement.pk}/bao-cao/?year=2023")
    row = page.locator("tr", has_text="Ban CHQS Quận 4")
    expect(row.locator(".badge")).to_have_text("Chưa gửi, quá hạn")
    row.get_by_role("link", name="Viết báo cáo").click()
    assert "I. KẾT QUẢ THỰC HIỆN" in page.input_value("#id_body")
    page.get_by_role("button", name="Lưu và gửi các bên").click()
    page.locator(".modal.show [data-confirm-ok]").click()  # the page's own confirmation
    expect(page.locator("h1")).to_contain_text("năm 2023")
    expect(page.locator(".badge", has_text="Gửi muộn")).to_be_visible()
    report_url = page.url

    other = browser.new_page()
    try:
        log_in(other, live_server.url, "coop_officer")
        other.goto(report_url)
        expect(other.locator("h1")).to_contain_text("năm 2023")
    finally:
        other.close()
    page.reload()
    expect(page.locator(".card", has_text="Các bên đã đọc")).to_contain_text("coop_officer")
