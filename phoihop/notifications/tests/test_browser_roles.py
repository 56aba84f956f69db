"""Each role, on a freshly loaded demo, finds its work on the home page, does it, and the person
it hands the work to is told (Chromium at 1366×768, the home page also at 390×844; screenshots
in test-artifacts/).

The demo is dated from the day it is loaded, so these run on any day. Where it does not yet hold
what a flow needs (an overdue task of a subordinate body), the test makes it through services."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.utils import timezone

from phoihop.testing.browser import ARTIFACTS

PASSWORD = "phoihop-demo-2026"
OFFICER, LEADER = "btl.hcm.canbo", "btl.hcm.lanhdao"  # Bộ Tư lệnh TP Hồ Chí Minh
PARTY_ADMIN, PARTY_OFFICER = "btgdv.hcm.quantri", "btgdv.hcm.canbo"  # Ban TG&DV Thành ủy
SUPERIOR_LEADER = "tu.hcm.lanhdao"  # Thành ủy, above the Ban TG&DV


@pytest.fixture
def demo(transactional_db: Any) -> Any:
    """The demo committed for the live server (loaded once, then written back: testing/demo.py)."""
    from phoihop.testing.demo import demo_committed

    return demo_committed()


def log_in(page: Any, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/tai-khoan/dang-nhap/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form button:has-text('Đăng nhập')")
    # Signed in: the menu has the search box (folded away on a phone, so only attached).
    page.wait_for_selector("nav form[role=search]", state="attached")


def as_user(browser: Any, base_url: str, username: str, *, width: int = 1366, height: int = 768) -> Any:
    context = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN")
    context.set_default_timeout(15_000)
    page = context.new_page()
    log_in(page, base_url, username)
    return page


def shoot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"home-{name}.png"), full_page=True)


def home_at_both_widths(browser: Any, base_url: str, username: str) -> None:
    """The home page on a phone, and at the narrowest width of each of the header's steps (the
    whole menu on one line from 1200 px, the whole name from 1300; in English, whose labels
    are longer, from 1400): nothing scrolls sideways, the header included."""
    from django.conf import settings

    for language, width, height in (("vi", 390, 844), ("vi", 1200, 800), ("vi", 1300, 800), ("en", 1400, 800)):
        page = as_user(browser, base_url, username, width=width, height=height)
        if language == "en":
            page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": base_url}])
        page.goto(f"{base_url}/")
        assert page.locator("html").get_attribute("lang") == language
        assert page.evaluate("document.documentElement.scrollWidth") <= width, (username, language, width)
        shoot(page, f"{username}-{language}-{width}")
        page.context.close()


def confirm(page: Any) -> None:
    """Accept the app's own confirmation (a modal), or the browser's where it is still used."""
    ok = page.locator(".modal.show [data-confirm-ok]")
    try:
        ok.wait_for(state="visible", timeout=2_000)
    except Exception:  # no modal: the browser's dialog was accepted by the handler
        return
    ok.click()


def notified(browser: Any, base_url: str, username: str, text: str) -> None:
    """``username`` finds ``text`` among their notifications, from the bell in the menu."""
    from playwright.sync_api import expect

    page = as_user(browser, base_url, username)
    page.goto(f"{base_url}/thong-bao/")
    expect(page.locator("main")).to_contain_text(text)
    page.context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_it_lets_an_officer_send_a_returned_activity_again_and_tells_the_leader(live_server: Any, browser: Any, demo: Any) -> None:
    from playwright.sync_api import expect

    page = as_user(browser, live_server.url, OFFICER)
    page.goto(f"{live_server.url}/")
    returned = page.locator("[data-worklist=returned]")
    expect(returned).to_be_visible()
    shoot(page, f"{OFFICER}-1366")
    title = returned.locator("li a").first.inner_text()
    returned.locator("li a").first.click()
    page.get_by_role("button", name="Gửi duyệt", exact=True).click()
    expect(page.locator("main")).to_contain_text("Chờ duyệt")
    notified(browser, live_server.url, LEADER, f"Hoạt động chờ duyệt: {title}")
    home_at_both_widths(browser, live_server.url, OFFICER)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_it_lets_a_leader_approve_from_the_home_page_and_tells_the_officer(live_server: Any, browser: Any, demo: Any) -> None:
    from playwright.sync_api import expect

    page = as_user(browser, live_server.url, LEADER)
    page.goto(f"{live_server.url}/")
    waiting = page.locator("[data-worklist=approvals]")
    expect(waiting).to_be_visible()
    count = int(page.locator("[data-approvals-waiting]").first.inner_text().split()[0])
    assert count >= 1
    shoot(page, f"{LEADER}-1366")
    title = waiting.locator("li a").first.inner_text()
    waiting.locator("li a").first.click()
    page.get_by_role("button", name="Duyệt", exact=True).click()
    expect(page.locator("main")).to_contain_text("Đã duyệt")
    page.goto(f"{live_server.url}/")
    if count == 1:
        expect(page.locator("[data-approvals-waiting]")).to_have_count(0)
    else:
        expect(page.locator("[data-approvals-waiting]").first).to_contain_text(str(count - 1))
    from phoihop.activities.models import Activity

    activity = Activity.objects.filter(title=title, status=Activity.Status.APPROVED).first()
    assert activity is not None
    author = activity.submitted_by or activity.created_by
    assert author is not None
    notified(browser, live_server.url, author.username, f"Hoạt động đã được duyệt: {title}")
    home_at_both_widths(browser, live_server.url, LEADER)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_it_lets_an_organisation_admin_send_the_report_owed_and_tells_the_other_party(live_server: Any, browser: Any, demo: Any) -> None:
    from playwright.sync_api import expect

    page = as_user(browser, live_server.url, PARTY_ADMIN)
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(f"{live_server.url}/")
    owed = page.locator("[data-worklist=reports]")
    expect(owed).to_be_visible()
    shoot(page, f"{PARTY_ADMIN}-1366")
    owed.locator("li a").first.click()
    page.get_by_role("button", name="Lưu và gửi các bên", exact=True).click()
    confirm(page)
    expect(page.locator("main")).to_contain_text("Đã gửi")
    # The other party, the Bộ Tư lệnh, is told; its officer reads it from the notification.
    notified(browser, live_server.url, OFFICER, "gửi báo cáo")
    home_at_both_widths(browser, live_server.url, PARTY_ADMIN)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_it_shows_a_superior_bodys_leader_the_subordinates_late_work(live_server: Any, browser: Any, demo: Any) -> None:
    from playwright.sync_api import expect

    from phoihop.orgs.models import Membership, Organization
    from phoihop.plans.models import AnnualPlan
    from phoihop.plans.services import task_create

    # The demo's overdue task is the Bộ Tư lệnh's; give the Ban TG&DV, below the Thành ủy, one.
    board = Organization.objects.get(name="Ban Tuyên giáo và Dân vận Thành ủy Thành phố Hồ Chí Minh")
    plan = AnnualPlan.objects.filter(
        status=AnnualPlan.Status.IN_FORCE, agreement__parties__organization=board
    ).order_by("-year").first()
    assert plan is not None, "the demo has a plan in force between the successor bodies"
    lead_officer = Membership.objects.filter(
        organization__in=[p.organization_id for p in plan.agreement.parties.filter(role="lead")], role="officer"
    ).first()
    assert lead_officer is not None
    today = timezone.localdate()
    task_create(
        actor=lead_officer.user, plan=plan,
        fields={"title": "Tổ chức hội nghị báo cáo viên quý", "lead_organization": board,
                "start": today - datetime.timedelta(days=40), "due": today - datetime.timedelta(days=5)},
    )
    page = as_user(browser, live_server.url, SUPERIOR_LEADER)
    page.goto(f"{live_server.url}/")
    card = page.locator("[data-worklist=subordinates]")
    expect(card).to_contain_text(re.compile(r"có [1-9]\d* nhiệm vụ quá hạn"))
    expect(page.locator("[data-worklist=events] li").first).to_be_visible()  # the coming conferences
    shoot(page, f"{SUPERIOR_LEADER}-1366")
    card.locator("a").first.click()
    expect(page.locator("main")).to_contain_text(board.name)
    home_at_both_widths(browser, live_server.url, SUPERIOR_LEADER)
