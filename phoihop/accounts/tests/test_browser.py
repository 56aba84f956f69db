"""Accounts in a real browser: the strict Content-Security-Policy breaks nothing, the browser
understands every feature of the Permissions-Policy, and two-factor sign-in works end to end."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from django_otp.oath import TOTP

PASSWORD = "matkhau-123"


def watch_csp(page: Any) -> list[str]:
    violations: list[str] = []
    page.on(
        "console",
        lambda msg: violations.append(msg.text)
        if "Content Security Policy" in msg.text or "Permissions-Policy" in msg.text
        else None,
    )
    return violations


def sign_in(page: Any, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/tai-khoan/dang-nhap/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form button:has-text('Đăng nhập')")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_pages_work_under_the_policy_and_two_factor_sign_in_works(
    live_server: Any, page: Any, users: dict[str, Any], agreement: Any
) -> None:
    from playwright.sync_api import expect

    violations = watch_csp(page)
    base = live_server.url
    sign_in(page, base, "alice")
    page.wait_for_selector("nav form[role=search]")
    for path in ("/", f"/van-ban/{agreement.pk}/", "/tai-khoan/", "/tai-khoan/phien/", "/tai-khoan/mat-khau/"):
        page.goto(base + path)
        expect(page.locator("main")).to_be_visible()
    # Bootstrap's JavaScript runs: the user menu opens.
    page.click("nav div.dropdown > .dropdown-toggle")
    expect(page.locator("nav .dropdown-menu-end")).to_be_visible()

    page.goto(base + "/tai-khoan/hai-lop/")
    qr = page.locator(".qr-code svg")
    expect(qr).to_be_visible()
    assert qr.bounding_box()["width"] > 100
    secret = page.locator("[data-secret]").inner_text().replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    page.fill("input[name=otp_token]", f"{TOTP(key).token():06d}")
    page.click("form button:has-text('Xác nhận và bật')")
    codes = page.locator("[data-recovery-codes] li")
    expect(codes).to_have_count(10)
    recovery = codes.first.inner_text().strip()

    page.click("nav div.dropdown > .dropdown-toggle")
    page.click("nav button:has-text('Đăng xuất')")
    sign_in(page, base, "alice")
    expect(page.locator("h1")).to_have_text("Xác minh đăng nhập")
    page.fill("input[name=otp_token]", recovery)
    page.click("form button:has-text('Xác minh')")
    page.wait_for_selector("nav form[role=search]")
    expect(page.locator(".alert-warning")).to_contain_text("còn 9 mã")
    assert violations == []
