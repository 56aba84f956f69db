"""Browser fixtures: a headless Chromium driven through Playwright's sync API.

Registered as a pytest plugin from phoihop/conftest.py. The browser is the system's Chromium
(Debian's `chromium` package); Playwright's own browser downloads are never used. Tests that
use `page` also take pytest-django's `live_server` and are marked:

    @pytest.mark.browser
    @pytest.mark.django_db(transaction=True)
    def test_it_...(live_server, page): ...

When a test fails, a screenshot of its page is saved in test-artifacts/.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def _in_ci() -> bool:
    return os.getenv("CI", "").strip().lower() in ("1", "true", "yes")


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: Any) -> Any:
    # Keep each phase's report on the test item so `page` can tell whether the test failed.
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not os.access(CHROMIUM, os.X_OK):
        reason = f"Chromium is not installed at {CHROMIUM} (Debian: apt-get install chromium)"
        if _in_ci():
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()
    finally:
        playwright.stop()


@pytest.fixture
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    context.set_default_timeout(10_000)
    page = context.new_page()
    # The requests the page has sent and not yet had answered.
    in_flight: set[Any] = set()
    page.on("request", lambda r: in_flight.add(r))
    page.on("requestfinished", lambda r: in_flight.discard(r))
    page.on("requestfailed", lambda r: in_flight.discard(r))
    try:
        yield page
        # Requests still in flight at the end (a page's HTMX panels) are let finish first: one
        # still running in the live server held a table while the database was emptied after the
        # test ("database table is locked"), and the next test started on the left-over rows.
        # (A "networkidle" wait returns at once once the page has been idle after loading.)
        for _ in range(100):  # at most 5 s
            if not in_flight:
                break
            page.wait_for_timeout(50)
        report = getattr(request.node, "report_call", None)
        if report is not None and report.failed:
            ARTIFACTS.mkdir(exist_ok=True)
            name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)
            page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    finally:
        context.close()
