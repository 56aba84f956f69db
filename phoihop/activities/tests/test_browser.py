"""Issue scenario in Chromium: a 2024 plan with two tasks and targets, activities recorded by two
parties (one joint), one returned with a note, fixed and approved; the task page then shows the
achieved values and percentages of approved work only."""

from __future__ import annotations

import re
from typing import Any

import pytest


def log_in(page: Any, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/tai-khoan/dang-nhap/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "matkhau-123")
    page.click("form button:has-text('Đăng nhập')")
    page.wait_for_selector("nav form[role=search]", state="attached")


def log_out(page: Any) -> None:
    page.context.clear_cookies()


def set_indicator(page: Any, base_url: str, task_pk: int, name: str, target: str, unit: str) -> None:
    page.goto(f"{base_url}/ke-hoach/nhiem-vu/{task_pk}/chi-tieu/")
    page.fill("#id_name", name)
    page.fill("#id_target", target)
    page.select_option("#id_unit", unit)
    page.select_option("#id_aggregation", "sum")
    page.click("button:has-text('Lưu chỉ tiêu')")
    page.wait_for_url(re.compile(rf"/ke-hoach/nhiem-vu/{task_pk}/$"))


def record(page: Any, base_url: str, task_pk: int, title: str, orgs: list[Any], value_name: str, value: str, participants: str) -> None:
    from playwright.sync_api import expect

    page.goto(f"{base_url}/ke-hoach/nhiem-vu/{task_pk}/")
    page.click("a:has-text('Ghi hoạt động')")
    page.fill("#id_title", title)
    for box in page.locator("input[name=organizations]").all():
        box.set_checked(int(box.get_attribute("value")) in {o.pk for o in orgs})
    page.fill("#id_start_date", "12/04/2024")
    page.fill("#id_participants", participants)
    page.get_by_label(re.compile(value_name)).fill(value)
    page.click("button:has-text('Lưu và gửi duyệt')")
    page.wait_for_url(re.compile(r"/hoat-dong/\d+/$"))
    expect(page.locator("main")).to_contain_text("Chờ duyệt")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_plan_activities_return_fix_approve_and_progress(
    live_server: Any, page: Any, agreement: Any, orgs: dict[str, Any], users: dict[str, Any], board_leader: Any
) -> None:
    from playwright.sync_api import expect

    from phoihop.plans.models import AnnualPlan

    base = live_server.url
    page.set_viewport_size({"width": 390, "height": 844})  # the officers record on their phones

    # The lead party's officer starts the 2024 plan from the two content areas and sets targets.
    log_in(page, base, "alice")
    page.goto(f"{base}/van-ban/{agreement.pk}/")
    page.fill("#plan-year", "2024")
    page.select_option("#plan-source", "areas")
    page.click("button:has-text('Lập kế hoạch năm')")
    page.wait_for_url(re.compile(r"/ke-hoach/\d+/$"))
    plan = AnnualPlan.objects.get(agreement=agreement, year=2024)
    tasks = list(plan.tasks.order_by("number"))
    assert len(tasks) == 2
    expect(page.locator("main table tbody tr")).to_have_count(2)
    set_indicator(page, base, tasks[0].pk, "Buổi tuyên truyền", "10", "session")
    set_indicator(page, base, tasks[1].pk, "Tin bài phản bác", "20", "article")

    # Alice records a joint activity; the board's officer records one of the board's own.
    record(page, base, tasks[0].pk, "Hội thi tìm hiểu Luật Nghĩa vụ quân sự", [orgs["district"], orgs["board"]], "Buổi tuyên truyền", "4", "150")
    log_out(page)
    log_in(page, base, "coop_officer")
    record(page, base, tasks[1].pk, "Loạt bài phản bác quan điểm sai trái", [orgs["board"]], "Tin bài phản bác", "6", "")
    record(page, base, tasks[0].pk, "Tuyên truyền trên loa phát thanh phường", [orgs["board"]], "Buổi tuyên truyền", "3", "60")
    log_out(page)

    # The district's leader returns the joint activity with a note.
    log_in(page, base, "leader")
    page.goto(f"{base}/hoat-dong/cho-duyet/")
    card = page.locator(".card", has_text="Hội thi tìm hiểu Luật Nghĩa vụ quân sự")
    card.locator("input[name=note]").fill("Bổ sung số buổi: hội thi có 5 buổi vòng loại.")
    card.locator("button:has-text('Trả lại')").click()
    expect(page.locator(".alert")).to_contain_text("Đã trả lại")
    log_out(page)

    # Alice sees the note, fixes the figure and submits again; the leader approves.
    log_in(page, base, "alice")
    page.goto(f"{base}/hoat-dong/")
    page.click("a:has-text('Hội thi tìm hiểu Luật Nghĩa vụ quân sự')")
    expect(page.locator(".alert-warning")).to_contain_text("hội thi có 5 buổi vòng loại")
    page.click("a:has-text('Sửa')")
    page.get_by_label(re.compile("Buổi tuyên truyền")).fill("5")
    page.click("button:has-text('Lưu và gửi duyệt')")
    page.wait_for_url(re.compile(r"/hoat-dong/\d+/$"))
    log_out(page)
    log_in(page, base, "leader")
    page.goto(f"{base}/hoat-dong/cho-duyet/")
    page.locator(".card", has_text="Hội thi tìm hiểu Luật Nghĩa vụ quân sự").locator("button:has-text('Duyệt')").click()
    expect(page.locator(".alert")).to_contain_text("Đã duyệt")
    log_out(page)

    # The board's leader approves the board's loudspeaker activity, not the articles.
    log_in(page, base, "board_leader")
    page.goto(f"{base}/hoat-dong/cho-duyet/")
    page.locator(".card", has_text="Tuyên truyền trên loa phát thanh phường").locator("button:has-text('Duyệt')").click()
    expect(page.locator(".alert")).to_contain_text("Đã duyệt")

    # Task 1: 5 (joint, counted once) + 3 = 8 of 10 sessions, 80%. Task 2: nothing approved yet.
    page.goto(f"{base}/ke-hoach/nhiem-vu/{tasks[0].pk}/")
    row = page.locator("tr", has_text="Buổi tuyên truyền")
    expect(row.locator("td").nth(3)).to_have_text("8")
    expect(row.locator("td").nth(4)).to_have_text("80%")
    page.goto(f"{base}/ke-hoach/nhiem-vu/{tasks[1].pk}/")
    row = page.locator("tr", has_text="Tin bài phản bác")
    # The board's six articles are still waiting for approval: nothing counts yet.
    expect(row.locator("td").nth(3)).to_have_text("0")
    expect(row.locator("td").nth(4)).to_have_text("0%")
    page.screenshot(path="test-artifacts/activities-task.png", full_page=True)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_activity_list_filters_by_a_searched_agreement_and_pages_on(
    live_server: Any, page: Any, agreement: Any, orgs: dict[str, Any], users: dict[str, Any], task: Any
) -> None:
    """The agreement is found by typing (never listed in full); picking it redraws the results
    and offers its content areas; "Trang sau" and "Trang trước" walk the pages."""
    from playwright.sync_api import expect

    from phoihop.activities.services import activity_columns_rebuild
    from phoihop.activities.tests.test_scale import bulk_activities

    bulk_activities(task, orgs["district"], 30)
    activity_columns_rebuild()
    base = live_server.url
    log_in(page, base, "alice")
    page.goto(f"{base}/hoat-dong/")
    expect(page.locator("#id_agreement option")).to_have_count(1)  # "every agreement" only
    expect(page.locator("select[name=area]")).to_be_disabled()
    search = page.get_by_role("combobox", name=re.compile("Gõ số, ký hiệu"))
    search.fill("03/CTr")
    page.get_by_role("option", name=re.compile("Chương trình phối hợp công tác tuyên giáo")).click()
    page.wait_for_url(re.compile(rf"agreement={agreement.pk}"))
    expect(page.locator("select[name=area]")).to_be_enabled()
    expect(page.locator("select[name=area] option")).to_have_count(3)
    expect(page.locator("#results")).to_contain_text("30 hoạt động")
    first = page.locator("#results tbody tr").first.inner_text()
    page.click("a:has-text('Trang sau')")
    expect(page.locator("#results tbody tr")).to_have_count(5)
    page.click("a:has-text('Trang trước')")
    expect(page.locator("#results tbody tr")).to_have_count(25)
    expect(page.locator("#results tbody tr").first).to_have_text(first)
    page.screenshot(path="test-artifacts/activities-list.png", full_page=True)
