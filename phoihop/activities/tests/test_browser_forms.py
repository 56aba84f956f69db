"""The activity form on a phone (390×844), as an officer meets it: a refused submit lists what
is wrong at the top with links, marks the fields, keeps the chosen photo; dates are picked from
a calendar; removing a photo is confirmed in the page, never in a browser dialog; and a
multiple choice is a list of boxes."""

from __future__ import annotations

import re
from typing import Any

import pytest

from phoihop.activities.tests.test_browser import log_in

PHONE = {"width": 390, "height": 844}


def no_dialogs(page: Any) -> None:
    def refuse(dialog: Any) -> None:
        message = dialog.message
        dialog.dismiss()
        pytest.fail(f"a browser dialog was shown: {message}")

    page.on("dialog", refuse)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_it_lists_errors_keeps_the_photo_and_confirms_in_the_page(
    live_server: Any, page: Any, task: Any, orgs: dict[str, Any], tmp_path: Any
) -> None:
    from PIL import Image
    from playwright.sync_api import expect

    from phoihop.activities.models import Activity
    from phoihop.attachments.models import Attachment

    photo = tmp_path / "hoi-thi-tuyen-truyen.jpg"
    Image.new("RGB", (80, 60), (20, 90, 160)).save(photo, "JPEG")
    base = live_server.url
    page.set_viewport_size(PHONE)
    no_dialogs(page)
    log_in(page, base, "alice")
    page.goto(f"{base}/hoat-dong/tao-moi/?task={task.pk}")
    assert "---------" not in page.content()

    # Nothing typed but a wrong date and a photo: the server answers, in Vietnamese.
    page.fill("#id_start_date", "31/02/2024")
    page.set_input_files("#id_photos", str(photo))
    page.click("button:has-text('Lưu nháp')")
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Tên hoạt động: Cần nhập tên hoạt động.")
    expect(summary).to_contain_text("Từ ngày: Ngày không hợp lệ.")
    expect(page.locator("#id_title")).to_have_class(re.compile(r"\bis-invalid\b"))
    expect(page.locator("#id_start_date")).to_have_class(re.compile(r"\bis-invalid\b"))
    expect(page.locator("#id_place_text")).not_to_have_class(re.compile(r"\bis-invalid\b"))
    summary.get_by_role("link", name=re.compile("Tên hoạt động")).click()
    expect(page.locator("#id_title")).to_be_focused()
    kept = page.get_by_label("hoi-thi-tuyen-truyen.jpg")
    expect(kept).to_be_checked()
    assert not Activity.objects.exists()

    # The date is picked from a calendar that starts on Monday and writes 15/09/2023-style dates.
    page.fill("#id_start_date", "15/03/2024")
    page.locator("#id_start_date + button").click()
    picker = page.locator(".datepicker-popup")
    expect(picker).to_contain_text("tháng 3 năm 2024")
    expect(picker.locator("th").first).to_have_text("T2")
    picker.locator("button[data-value='20/03/2024']").click()
    expect(page.locator("#id_start_date")).to_have_value("20/03/2024")
    expect(picker).to_have_count(0)
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") == 0

    page.fill("#id_title", "Hội thi tìm hiểu Luật Nghĩa vụ quân sự")
    page.click("button:has-text('Lưu nháp')")
    page.wait_for_url(re.compile(r"/hoat-dong/\d+/$"))
    activity = Activity.objects.get()
    assert activity.start_date.isoformat() == "2024-03-20"
    assert list(Attachment.objects.values_list("original_name", flat=True)) == ["hoi-thi-tuyen-truyen.jpg"]

    # Removing the photo asks in the page's own dialog; "Hủy" keeps it, "Đồng ý" removes it.
    remove = page.locator("button", has_text="Gỡ").first
    remove.click()
    dialog = page.locator(".modal.show")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("Gỡ")
    dialog.get_by_role("button", name="Hủy").click()
    expect(dialog).to_have_count(0)
    assert Attachment.objects.filter(archived_at__isnull=True).count() == 1
    remove.click()
    page.locator(".modal.show [data-confirm-ok]").click()
    expect(page.locator(".alert-success, .alert-info").first).to_be_visible()
    assert Attachment.objects.filter(archived_at__isnull=True).count() == 0


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_it_offers_the_supporting_bodies_as_boxes_to_tick(live_server: Any, page: Any, task: Any, orgs: dict[str, Any]) -> None:
    from playwright.sync_api import expect

    base = live_server.url
    page.set_viewport_size(PHONE)
    no_dialogs(page)
    log_in(page, base, "alice")
    page.goto(f"{base}/ke-hoach/nhiem-vu/{task.pk}/sua/")
    expect(page.locator("select[name=supporting_organizations]")).to_be_hidden()
    boxes = page.locator("[data-picker=supporting_organizations] input[type=checkbox]")
    expect(boxes).to_have_count(2)
    board = page.locator("[data-picker=supporting_organizations]").get_by_label(orgs["board"].name)
    district = page.locator("[data-picker=supporting_organizations]").get_by_label(orgs["district"].name)
    expect(board).to_be_checked()
    district.check()  # one tap, no Ctrl; but the lead party cannot also support
    page.click("button:has-text('Lưu nhiệm vụ')")
    expect(page.locator("[data-error-summary]")).to_contain_text("Cơ quan phối hợp:")
    picker = page.locator("[data-picker=supporting_organizations]")
    expect(picker).to_have_class(re.compile(r"\bis-invalid\b"))
    expect(picker.get_by_label(orgs["district"].name)).to_be_checked()  # the choice is kept
    picker.get_by_label(orgs["district"].name).uncheck()
    page.click("button:has-text('Lưu nhiệm vụ')")
    page.wait_for_url(re.compile(rf"/nhiem-vu/{task.pk}/$"))
    task.refresh_from_db()
    assert list(task.supporting_organizations.all()) == [orgs["board"]]
