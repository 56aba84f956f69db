"""The report list's agreement filter in a real browser: find by typing, pick by keyboard, the
list refilters in place."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from phoihop.agreements.tests.bulk import make_agreements
from phoihop.agreements.tests.test_browser import log_in
from phoihop.exchange.tests.test_lists import make_reports


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_it_finds_an_agreement_by_typing_and_filters_the_reports(
    live_server: Any, page: Any, orgs: dict[str, Any], users: dict[str, Any], agreement: Any
) -> None:
    from playwright.sync_api import expect

    others = make_agreements(3, party=orgs["district"])
    make_reports([agreement], orgs["district"], 1)
    make_reports(others, orgs["district"], 3, year=2023)
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    log_in(page, live_server.url, "alice")
    page.goto(live_server.url + reverse("exchange:report_list"))
    expect(page.locator("#results tbody tr")).to_have_count(4)
    search = page.get_by_role("combobox", name="Gõ tên hoặc số, ký hiệu văn bản để tìm")
    search.fill("tuyen giao")
    option = page.get_by_role("option", name=f"03/CTr-BCHQS-BTGQU · {agreement.title}")
    expect(option).to_be_visible()
    search.press("ArrowDown")
    expect(option).to_have_attribute("aria-selected", "true")
    search.press("Enter")
    expect(page.locator("#f-agreement")).to_have_value(str(agreement.pk))
    expect(page.locator("#results tbody tr")).to_have_count(1)
    assert f"agreement={agreement.pk}" in page.url
    assert errors == []
