"""Renewal and the review flag in a real browser: renew, then sign the renewal, then review."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from phoihop.agreements.tests.test_browser import log_in


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_it_renews_an_ended_program_and_clears_the_review_flag(
    live_server: Any, page: Any, orgs: dict[str, Any], users: dict[str, Any], agreement: Any
) -> None:
    from playwright.sync_api import expect

    from phoihop.agreements.models import Agreement
    from phoihop.orgs.services import succession_record

    succession_record(
        actor=users["staff"], kind="dissolve", effective_date=datetime.date(2025, 7, 1),
        predecessors=[orgs["board"]], successors=[orgs["unrelated"]],
    )
    log_in(page, live_server.url, "alice")
    page.goto(f"{live_server.url}{agreement.get_absolute_url()}")
    # The plans', events' and reviews' panels load after the page and push the sidebar down: a
    # click aimed before they are in can land beside the button on a slow machine.
    page.wait_for_load_state("networkidle")
    page.click("text=Gia hạn cho giai đoạn tiếp theo")
    expect(page.locator("#id_period_start")).to_have_value("2026")
    expect(page.get_by_text(orgs["unrelated"].name)).to_be_visible()
    page.fill("#id_period_end", "2030")
    page.click("button:has-text('Lập dự thảo văn bản gia hạn')")

    expect(page.locator("h1")).to_contain_text("giai đoạn 2026-2030")
    expect(page.locator(".alert-warning")).to_contain_text(orgs["unrelated"].name)
    page.click("button:has-text('Đã rà soát')")
    page.locator(".modal.show [data-confirm-ok]").click()  # the page's own confirmation
    expect(page.locator(".alert-success")).to_contain_text("Đã ghi nhận việc rà soát")
    new = Agreement.objects.get(renews=agreement)
    assert not new.needs_review
    assert Agreement.objects.get(pk=agreement.pk).status == Agreement.Status.IN_FORCE
