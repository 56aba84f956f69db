"""The calendar pages in a real browser: moving between months, and copying the feed link."""

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
def test_it_moves_between_months_and_copies_the_feed_link(live_server: Any, page: Any, agreement: Any, users: dict[str, Any]) -> None:
    from playwright.sync_api import expect

    log_in(page, live_server.url, "alice")
    page.goto(f"{live_server.url}/thong-bao/lich/?thang=2025-11")
    page.click("a:has-text('Tháng 12/2025 ›')")
    expect(page.locator("h2")).to_have_text("Tháng 12 năm 2025")
    # The program ends on 31/12/2025: its number stands on that day.
    expect(page.locator("td", has_text="31").locator("a.calendar-item")).to_have_text(agreement.number_symbol)

    page.click("a:has-text('Đồng bộ lịch')")
    link = page.locator("#feed-url").input_value()
    assert "/thong-bao/lich/" in link and link.endswith(".ics")
    button = page.locator("button[data-copy]")
    button.click()
    expect(button).to_have_text("Đã chép")
    response = page.request.get(link)
    assert response.status == 200 and b"BEGIN:VCALENDAR" in response.body()
