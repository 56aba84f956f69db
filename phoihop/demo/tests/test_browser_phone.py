"""Every list on a phone (390×844): no page scrolls sideways, rows are stacked cards led by
their title, the month calendar is an agenda and charts fit; on a laptop (1366×768) the
tables stay tables. Run on the demo, which fills every list."""

from __future__ import annotations

from typing import Any

import pytest

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}

# (account, page): each list page, seen by an account that has rows in it.
LISTS = [
    ("chqs.q4.canbo", "/van-ban/"),
    ("chqs.q4.canbo", "/hoat-dong/"),
    ("chqs.q4.canbo", "/hoi-nghi/"),
    ("chqs.q4.canbo", "/trao-doi/bao-cao/"),
    ("chqs.q4.canbo", "/trao-doi/kiem-tra/"),
    ("chqs.q4.canbo", "/so-tong-ket/"),
    ("chqs.q4.canbo", "/so-tong-ket/khen-thuong/"),
    ("chqs.q4.canbo", "/so-tong-ket/phong-trao/"),
    ("chqs.q4.canbo", "/theo-doi/nhiem-vu/"),
    ("chqs.q4.canbo", "/thong-bao/"),
    ("chqs.q4.canbo", "/thong-bao/lich/sap-toi/?tu=2022-01-01"),
    ("chqs.q4.canbo", "/co-quan/"),
    ("chqs.q4.canbo", "/co-quan/can-bo/"),
    ("chqs.q4.lanhdao", "/hoat-dong/cho-duyet/"),
]

SIDEWAYS = """() => {
  const page = document.documentElement.scrollWidth - document.documentElement.clientWidth;
  const boxes = [...document.querySelectorAll("main *")].filter(
    (el) => el.clientWidth > 0 && el.scrollWidth - el.clientWidth > 1 && getComputedStyle(el).overflowX !== "visible"
      && getComputedStyle(el).overflowX !== "hidden"
  ).map((el) => el.className || el.tagName);
  return {page, boxes};
}"""

CARDS = """() => {
  const table = document.querySelector("table.table-cards");
  if (!table) return null;
  const row = [...table.querySelectorAll("tbody > tr")].find((r) => r.querySelector("[data-label]"));
  const title = row && row.querySelector(".cell-title");
  const labelled = row ? [...row.querySelectorAll("[data-label]")].filter((c) => getComputedStyle(c).display !== "none") : [];
  return {
    rows: table.querySelectorAll("tbody > tr").length,
    head: table.querySelector("thead").getBoundingClientRect().height,
    rowDisplay: row ? getComputedStyle(row).display : "",
    cellDisplay: labelled.length ? getComputedStyle(labelled[0]).display : "",
    label: labelled.length ? getComputedStyle(labelled[0], "::before").content : "",
    firstIsTitle: title ? title.getBoundingClientRect().top <= Math.min(...labelled.map((c) => c.getBoundingClientRect().top)) : null,
    titleWidth: title ? title.getBoundingClientRect().width : 0,
  };
}"""


def log_in(page: Any, base: str, username: str) -> None:
    from phoihop.demo.base import DEMO_PASSWORD

    page.context.clear_cookies()
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("form button:has-text('Đăng nhập')")
    page.wait_for_selector("nav form[role=search]", state="attached")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_it_stacks_every_list_into_cards_on_a_phone_and_keeps_tables_on_a_laptop(live_server: Any, page: Any) -> None:
    from phoihop.testing.demo import demo_committed

    demo_committed()
    base = live_server.url
    page.on("pageerror", lambda exc: pytest.fail(f"script error: {exc}"))
    account = None
    for username, url in LISTS:
        if username != account:
            page.set_viewport_size(LAPTOP)
            log_in(page, base, username)
            account = username
        page.set_viewport_size(PHONE)
        page.goto(base + url)
        sideways = page.evaluate(SIDEWAYS)
        assert sideways == {"page": 0, "boxes": []}, f"{url} scrolls sideways: {sideways}"
        cards = page.evaluate(CARDS)
        if cards is None:
            continue  # a list drawn as cards or list items everywhere
        assert cards["rows"] > 0, f"{url}: the demo shows no row"
        assert cards["head"] <= 1 and cards["rowDisplay"] == "flex", f"{url} is still a table: {cards}"
        assert cards["cellDisplay"] == "block" and cards["label"] not in ("", "none"), f"{url}: cells unnamed: {cards}"
        if cards["firstIsTitle"] is not None:
            assert cards["firstIsTitle"] and cards["titleWidth"] > 300, f"{url}: title not leading the card: {cards}"

        page.set_viewport_size(LAPTOP)
        page.reload()
        table = page.evaluate(CARDS)
        assert table["head"] > 10 and table["rowDisplay"] == "table-row", f"{url} at 1366: {table}"
        assert page.evaluate(SIDEWAYS)["page"] == 0


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_it_shows_the_month_as_an_agenda_and_fits_the_charts_on_a_phone(live_server: Any, page: Any) -> None:
    from phoihop.plans.models import Task
    from phoihop.testing.demo import demo_committed

    demo_committed()
    base = live_server.url
    # A month with deadlines of the officer's own command.
    month = (
        Task.objects.filter(lead_organization__short_name="Ban CHQS Quận 4", due__isnull=False)
        .order_by("due").values_list("due", flat=True).first()
    )
    assert month is not None
    log_in(page, base, "chqs.q4.canbo")
    page.set_viewport_size(PHONE)
    page.goto(f"{base}/thong-bao/lich/?thang={month:%Y-%m}")
    assert page.evaluate(SIDEWAYS) == {"page": 0, "boxes": []}
    days = page.evaluate("""() => [...document.querySelectorAll("table.calendar-month td")].map((td) => ({
        shown: getComputedStyle(td).display !== "none", busy: td.querySelectorAll(".calendar-item").length > 0,
        other: td.classList.contains("calendar-other"), width: td.getBoundingClientRect().width,
        text: td.querySelector(".calendar-day-long").innerText }))""")
    shown = [d for d in days if d["shown"]]
    assert shown and all(d["busy"] and not d["other"] for d in shown)  # only the busy days of the month
    assert all(d["width"] > 300 for d in shown)  # one day under another, full width
    assert f"/{month:%m/%Y}" in shown[0]["text"]  # each day named with its date
    page.set_viewport_size(LAPTOP)
    page.reload()
    # On a laptop the month is the grid of weeks again.
    assert page.evaluate("""() => [...document.querySelectorAll("table.calendar-month tbody td")]
        .every((td) => getComputedStyle(td).display === "table-cell")""")

    # The dashboard's charts fit the phone and wrap long labels instead of cutting them.
    page.set_viewport_size(PHONE)
    page.goto(f"{base}/theo-doi/")
    page.wait_for_function("() => window.Chart && document.querySelectorAll('canvas[data-chart]').length"
                           " && [...document.querySelectorAll('canvas[data-chart]')].every((c) => window.Chart.getChart(c))")
    charts = page.evaluate("""() => [...document.querySelectorAll("canvas[data-chart]")].map((c) => {
        const chart = window.Chart.getChart(c);
        const axis = chart.options.indexAxis === "y" ? chart.scales.y : chart.scales.x;
        return {width: chart.width, box: c.parentElement.clientWidth, left: axis.left,
                labels: axis.ticks.map((t) => t.label), full: chart.data.labels};
    })""")
    assert charts
    for chart in charts:
        assert chart["width"] <= chart["box"] <= PHONE["width"] and chart["left"] >= 0
        for label, full in zip(chart["labels"], chart["full"], strict=True):
            lines = label if isinstance(label, list) else [label]
            assert len(lines) <= 2 and all(len(line) <= 40 for line in lines)
            if len(full) > 40:
                assert len(lines) == 2 or lines[0].endswith("…")
    assert page.evaluate(SIDEWAYS)["page"] == 0
