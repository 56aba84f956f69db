"""The agreement form in a real browser: formset rows added without reloading, then search."""

from __future__ import annotations

import re
from typing import Any

import pytest

TITLE = "Chương trình phối hợp tuyên giáo, dân vận và quốc phòng trên địa bàn Quận 4"
AREAS = [
    "Tuyên truyền, giáo dục quốc phòng và an ninh cho cán bộ, đảng viên",
    "Định hướng tư tưởng, đấu tranh phản bác quan điểm sai trái",
    "Xây dựng lực lượng dân quân tự vệ, dự bị động viên vững mạnh",
]


def log_in(page: Any, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/tai-khoan/dang-nhap/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "matkhau-123")
    page.click("form button:has-text('Đăng nhập')")
    page.wait_for_selector("nav form[role=search]")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_it_creates_an_agreement_with_added_rows_and_finds_it_without_diacritics(
    live_server: Any, page: Any, orgs: dict[str, Any], users: dict[str, Any]
) -> None:
    from playwright.sync_api import expect

    log_in(page, live_server.url, "alice")
    page.goto(f"{live_server.url}/van-ban/tao-moi/")

    page.select_option("#id_kind", "program")
    page.fill("#id_title", TITLE)
    page.fill("#id_number_symbol", "05/CTr-BCHQS-BTGQU")
    page.fill("#id_period_start", "2026")
    page.fill("#id_period_end", "2030")
    page.select_option("#id_status", "in_force")
    page.fill("#id_signed_on", "15/01/2026")

    # The form opens with a lead row and a co-operating row.
    expect(page.locator("[data-formset=parties] [data-row]")).to_have_count(2)
    page.select_option("select[name='parties-0-organization']", str(orgs["district"].pk))
    page.select_option("select[name='parties-1-organization']", str(orgs["board"].pk))
    page.fill("[name='parties-0-signatory_name']", "Nguyễn Văn An")
    page.fill("[name='parties-0-signatory_rank']", "Thượng tá")
    page.fill("[name='parties-0-signatory_position']", "Chỉ huy trưởng")
    page.fill("[name='parties-1-signatory_name']", "Trần Thị Bình")
    page.fill("[name='parties-1-signatory_position']", "Trưởng ban")

    # One content area to start with; two more added in the page, not by a reload.
    areas = page.locator("[data-formset=areas] [data-row]")
    expect(areas).to_have_count(1)
    page.evaluate("window.__samePage = true")
    add = page.locator("[data-formset=areas] [data-add-row]")
    add.click()
    add.click()
    expect(areas).to_have_count(3)
    assert page.evaluate("window.__samePage") is True
    assert page.input_value("input[name='areas-TOTAL_FORMS']") == "3"

    both = [str(orgs["district"].pk), str(orgs["board"].pk)]
    for n, title in enumerate(AREAS):
        page.fill(f"input[name='areas-{n}-number']", str(n + 1))
        page.fill(f"[name='areas-{n}-title']", title)
        # A multiple choice is a list of tick boxes (the <select> behind it is hidden).
        for value in both if n == 0 else both[1:]:
            page.check(f"[data-picker='areas-{n}-responsible'] input[type=checkbox][value='{value}']")

    page.click("form#agreement-form button[type=submit]")

    page.wait_for_url(re.compile(r"/van-ban/\d+/$"))
    expect(page.locator("h1")).to_have_text(TITLE)
    expect(page.locator("main")).to_contain_text("05/CTr-BCHQS-BTGQU")
    expect(page.locator("main")).to_contain_text("ngày 15 tháng 01 năm 2026")
    parties = page.locator("table:has(th:has-text('Vai trò')) tbody tr")
    expect(parties).to_have_count(2)
    expect(parties.nth(0)).to_contain_text(orgs["district"].name)
    expect(parties.nth(0)).to_contain_text("Chủ trì")
    expect(parties.nth(0)).to_contain_text("Nguyễn Văn An")
    expect(parties.nth(1)).to_contain_text(orgs["board"].name)
    expect(parties.nth(1)).to_contain_text("Phối hợp")
    areas_shown = page.locator("ol.list-group > li")
    expect(areas_shown).to_have_count(3)
    for n, title in enumerate(AREAS):
        expect(areas_shown.nth(n)).to_contain_text(f"{n + 1}. {title}")
    detail_url = page.url

    search = page.locator("nav form[role=search] input[name=q]")
    search.fill("chuong trinh phoi hop tuyen giao")
    search.press("Enter")
    page.wait_for_url(re.compile(r"/tim-kiem/\?q="))
    result = page.get_by_role("link", name=TITLE)
    expect(result).to_have_count(1)
    assert result.get_attribute("href") == detail_url.removeprefix(live_server.url)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_it_loads_the_panels_that_plans_events_reviews_and_activities_serve(
    live_server: Any, page: Any, orgs: dict[str, Any], users: dict[str, Any], agreement: Any
) -> None:
    import datetime

    from playwright.sync_api import expect

    from phoihop.activities.services import activity_create
    from phoihop.events.models import Event
    from phoihop.plans.services import plan_create
    from phoihop.reviews.services import review_create

    plan = plan_create(actor=users["alice"], agreement=agreement, year=2024)
    event = Event.objects.create(
        kind="signing", title="Hội nghị ký kết chương trình", date=datetime.date(2022, 9, 15), host=orgs["district"]
    )
    event.agreements.add(agreement)
    review_create(
        actor=users["alice"], agreement=agreement, kind="interim",
        period_start=datetime.date(2024, 1, 1), period_end=datetime.date(2024, 12, 31),
    )
    task = plan.tasks.get(number=1)
    activity_create(
        actor=users["alice"], task=task, organizations=[orgs["district"]],
        fields={"title": "Tuyên truyền Luật Nghĩa vụ quân sự", "start_date": datetime.date(2024, 3, 1)},
    )

    log_in(page, live_server.url, "alice")
    page.goto(f"{live_server.url}{agreement.get_absolute_url()}")
    main = page.locator("main")
    expect(main.get_by_role("link", name="Kế hoạch năm 2024")).to_be_visible()
    expect(main.get_by_role("button", name="Lập kế hoạch năm")).to_be_visible()
    expect(main.get_by_role("link", name="Hội nghị ký kết chương trình")).to_be_visible()
    expect(main.locator("#reviews")).to_contain_text("Sơ kết, tổng kết mới")
    # The placeholders' plain links are gone once the panels are in.
    expect(main.get_by_role("link", name="Xem các kế hoạch phối hợp năm")).to_have_count(0)
    expect(main.get_by_role("link", name="Xem các báo cáo sơ kết, tổng kết")).to_have_count(0)

    page.goto(f"{live_server.url}/ke-hoach/nhiem-vu/{task.pk}/")
    expect(main.get_by_role("link", name="Tuyên truyền Luật Nghĩa vụ quân sự")).to_be_visible()
    expect(main).to_contain_text("Hoạt động (1)")
