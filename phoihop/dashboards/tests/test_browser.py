"""A leader opens the dashboard in Chromium, sees what is late, follows a figure to the records,
and the charts are drawn (screenshot in test-artifacts/dashboard.png)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from phoihop.dashboards.tests.conftest import TODAY
from phoihop.testing.browser import ARTIFACTS

DRAWN = """(id) => {
  const canvas = document.querySelector(`canvas[data-chart="${id}"]`);
  if (!canvas || !window.Chart || !window.Chart.getChart(canvas)) return 0;
  const blank = document.createElement("canvas");
  blank.width = canvas.width;
  blank.height = canvas.height;
  return canvas.toDataURL().length - blank.toDataURL().length;
}"""


def log_in(page: Any, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/tai-khoan/dang-nhap/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "matkhau-123")
    page.click("form button:has-text('Đăng nhập')")
    page.wait_for_selector("nav form[role=search]")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_it_shows_a_leader_what_is_late_and_draws_the_charts(
    live_server: Any, page: Any, dash: dict[str, Any], reports: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from playwright.sync_api import expect

    monkeypatch.setattr("phoihop.dashboards.views._today", lambda: TODAY)
    log_in(page, live_server.url, "leader")
    page.goto(f"{live_server.url}/theo-doi/")

    overdue = page.locator("[data-figure=overdue]")
    expect(overdue.locator(".figure-value")).to_have_text("2")
    expect(page.locator("main")).to_contain_text("Nhiệm vụ số 4")
    expect(page.locator("[data-figure=reports] .figure-value")).to_have_text("1")
    expect(page.locator("#bao-cao")).to_contain_text("Quá hạn, chưa gửi")
    expect(page.locator("#bao-cao")).to_contain_text("Năm 2024")

    for chart in ("chart-attainment", "chart-monthly"):
        page.wait_for_function(f"() => ({DRAWN})('{chart}') > 0")
        assert page.evaluate(DRAWN, chart) > 1000, chart
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=True)

    overdue.click()
    page.wait_for_url(re.compile(r"/theo-doi/nhiem-vu/\?.*state=overdue"))
    rows = page.locator("tbody tr[data-task]")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("Nhiệm vụ số 4")
    rows.first.locator("a").first.click()
    page.wait_for_url(re.compile(r"/ke-hoach/nhiem-vu/\d+/$"))
    expect(page.locator("main")).to_contain_text("Nhiệm vụ số 4")
