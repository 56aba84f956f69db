"""The benchmark: every page it lists answers, the JSON holds its figures, the floor stays out of
the real application."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import Resolver404, resolve

from phoihop.scale import bench

DEMO_USERS = {"officer": "chqs.q4.canbo", "leader": "btl.hcm.xem", "admin": "quantri"}
# The conftest's small world: an officer of the lead party, a viewer of the superior body, staff.
SMALL_ARGS = ["--officer=alice", "--leader=superior", "--admin=staff"]


@pytest.fixture
def demo(loaded_demo: Any) -> dict[str, Any]:
    return bench.bench_users(usernames=DEMO_USERS)


def test_it_answers_every_listed_page_for_the_officer_and_the_administrator(demo: dict[str, Any]) -> None:
    # The leader's pages are the same views over more rows; the JSON test opens some as the leader.
    result = bench.run(users=demo, roles=["officer", "admin"], rounds=1)

    problems = [(r.page, r.role, r.result, r.note) for r in result.rows if r.result in (bench.ERROR, bench.MISSING)]
    assert problems == []
    measured = {(r.page, r.role) for r in result.rows}
    for role in ("officer", "admin"):
        for page in ("FLOOR tiny view", "FLOOR base.html page", "home", "agreement detail", "plan page",
                     "activity list filtered", "dashboard subordinates", "review detail (busiest agr.)",
                     "iCalendar feed", "review .docx (busiest agr.)", "commendations .xlsx"):
            assert (page, role) in measured
    assert ("audit log (system admin)", "admin") in measured
    assert ("audit log (org admin)", bench.ORGADMIN) in measured
    for row in result.rows:
        assert row.status in (200, 304) or row.result == bench.JOB, row
        assert row.n == 1 and row.p95_ms is not None and row.queries is not None and row.queries > 0
    assert result.meta["overhead_before_view"]["queries"] >= 1


def test_it_writes_the_table_and_the_json(agreement: Any, tmp_path: Path) -> None:
    path = tmp_path / "bench.json"
    out = StringIO()

    call_command("bench", *SMALL_ARGS, "--rounds=2", "--only=agreement list", f"--json={path}", stdout=out, stderr=StringIO())

    data = json.loads(path.read_text(encoding="utf-8"))
    assert set(data) == {"meta", "summary", "rows"}
    for key in ("vendor", "dataset", "git_commit", "load_before", "load_after", "overhead_before_view", "scale"):
        assert key in data["meta"]
    assert set(data["summary"]) == {"PASS", "FAIL", "ERROR", "job", "MISSING"}
    pages = {row["page"] for row in data["rows"]}
    assert {"agreement list", "agreement list filtered+sorted", "FLOOR tiny view"} <= pages
    assert "home" not in pages  # --only keeps the floors and the pages it names
    assert {row["role"] for row in data["rows"]} >= set(bench.ROLES)
    row = next(r for r in data["rows"] if r["page"] == "agreement list" and r["role"] == "leader")
    for key in ("p50_ms", "p95_ms", "queries", "bytes", "status", "ratio_to_floor", "target_ms", "result"):
        assert row[key] is not None
    assert row["n"] == 2 and row["target_ms"] == 100.0
    text = out.getvalue()
    assert "agreement list filtered+sorted" in text and "summary:" in text and "machine load" in text


def test_it_measures_the_leader_alone_on_the_officers_records(agreement: Any, tmp_path: Path) -> None:
    path = tmp_path / "bench.json"
    call_command(
        "bench", *SMALL_ARGS, "--rounds=1", "--roles=leader", "--only=agreement list", f"--json={path}",
        stdout=StringIO(), stderr=StringIO(),
    )
    rows = json.loads(path.read_text(encoding="utf-8"))["rows"]
    measured = {(r["page"], r["role"]) for r in rows if not r["page"].startswith("FLOOR")}
    assert measured == {("agreement list", "leader"), ("agreement list filtered+sorted", "leader")}


def test_it_reports_a_failing_page_as_an_error_row(users: dict[str, Any]) -> None:
    from django.test import Client

    client = Client()
    client.force_login(users["alice"])
    case = bench.Case(page="missing", role="officer", url="/khong-co-trang-nay/", target=bench.Target("page", 100.0))
    with bench.bench_settings():
        row = bench.measure(case, client=client, rounds=1)

    assert row.result == bench.ERROR and row.note == "HTTP 404"


def test_it_counts_a_redirected_download_as_a_background_job(db: Any) -> None:
    from django.test import Client

    case = bench.Case(page="file", role="officer", url="/favicon.ico", target=bench.Target("wide-document", 3000.0), download=True)
    with bench.bench_settings():
        row = bench.measure(case, client=Client(), rounds=1)

    assert row.result == bench.JOB and row.status == 301


def test_it_keeps_the_floor_out_of_the_real_application() -> None:
    with pytest.raises(Resolver404):
        resolve("/_bench/floor/", urlconf="phoihop.urls")
    with pytest.raises(Resolver404):
        resolve("/_bench/floor-base/", urlconf="phoihop.urls")
    assert resolve("/_bench/floor/", urlconf="phoihop.scale.urls").url_name == "bench_floor"


def test_it_takes_the_nearest_rank_percentile() -> None:
    times = [float(t) for t in range(1, 11)]

    assert bench.percentile(times, 0.95) == 10.0
    assert bench.percentile(times, 0.5) == 5.0
    assert bench.percentile([3.0], 0.95) == 3.0
