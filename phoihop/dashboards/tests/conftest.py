"""A hand-built world with known figures, seen on 15/11/2025.

The agreement of phoihop/conftest.py (district command leads, board co-operates, 2022–2025, in
force: it ends on 31/12/2025, 46 days later) gets a 2025 plan in force with these tasks:

    1  area 1, lead district, support board, due 31/12  indicators A 4/10 (40%), B 6/5 (120%)
    2  area 2, lead board,                     due 31/12
    3  no area, lead district,                 due 20/11  (due this month; a joint activity)
    4  no area, lead district,                 due 31/10  (overdue; a submitted activity)
    5  no area, lead district,                 due 05/11  (overdue)
    6  no area, lead district,                 due 10/11  (marked done)
    7  no area, lead board, support district,  due 25/11  (due this month)
    8  no area, lead district,                 due 30/09  (cancelled)

Activities: one approved on task 1 (district, 10/03/2025, A=4, B=6, 30 people), one approved on
task 3 (district with board, 05/06/2025, 20 people), one submitted on task 4 (district).

Expected, district: in force 2, ending soon 1, due this month 2 (tasks 3, 7), overdue 2 (4, 5),
waiting for approval 1, approved activities 2, attainment (40 + 100) / 2 = 70.0%.
Board: in force 1, ending soon 1, due this month 1 (task 7), overdue 0, waiting 0, approved
activities 1 (the joint one), attainment 70.0% (it supports task 1).
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest

# The root fixtures taken from the world below.
from phoihop.testing.world_fixtures import world_agreement, world_orgs, world_users  # noqa: F401

TODAY = datetime.date(2025, 11, 15)
D = datetime.date


def make_agreement(actor: Any, lead: Any, title: str, *, status: str = "in_force", start: int = 2024, end: int = 2027) -> Any:
    """A plan of ``lead`` with the district's veterans (made on first use), one content area."""
    from phoihop.agreements.models import Party
    from phoihop.agreements.services import PartyInput
    from phoihop.orgs.models import Organization
    from phoihop.testing import builders

    veterans, _ = Organization.objects.get_or_create(
        name="Hội Cựu chiến binh Quận 4", defaults={"kind": "veterans", "level": "district"}
    )
    return builders.make_agreement(
        actor=actor, kind="plan", title=title, status=status, period_start=start, period_end=end,
        parties=[
            PartyInput(organization=lead, role=Party.Role.LEAD, signatory_name="Lê Văn Cường"),
            PartyInput(organization=veterans, role=Party.Role.COOPERATING, signatory_name="Phan Văn Dũng"),
        ],
        areas=["Tuyên truyền quốc phòng"],
    )


def build_dash(world: dict[str, Any]) -> dict[str, Any]:
    """The plan, tasks, indicators and activities of the docstring above, and two more agreements."""
    agreement, orgs, users = world["agreement"], world["orgs"], world["users"]
    from phoihop.plans.services import task_cancel, task_complete
    from phoihop.plans.tests.helpers import approve, record
    from phoihop.testing.builders import make_indicator, make_plan, make_task

    alice, leader = users["alice"], users["leader"]
    district, board = orgs["district"], orgs["board"]
    plan = make_plan(actor=alice, agreement=agreement, year=2025, status="in_force")
    t1 = plan.tasks.get(number=1)
    t2 = plan.tasks.get(number=2)

    def task(number: int, due: datetime.date, lead: Any = district, supporting: tuple[Any, ...] = ()) -> Any:
        return make_task(
            actor=alice, plan=plan, number=number, title=f"Nhiệm vụ số {number}", lead=lead,
            start=D(2025, 1, 1), due=due, supporting=supporting,
        )

    t3 = task(3, D(2025, 11, 20))
    t4 = task(4, D(2025, 10, 31))
    t5 = task(5, D(2025, 11, 5))
    t6 = task(6, D(2025, 11, 10))
    t7 = task(7, D(2025, 11, 25), lead=board, supporting=(district,))
    t8 = task(8, D(2025, 9, 30))
    task_complete(actor=alice, task=t6, on=D(2025, 11, 9))
    task_cancel(actor=alice, task=t8)

    a = make_indicator(actor=alice, owner=t1, name="Buổi tuyên truyền", unit="session", target="10")
    b = make_indicator(actor=alice, owner=t1, name="Tin bài", unit="article", target="5")
    first = record(alice, t1, [district], day=D(2025, 3, 10), values={a: "4", b: "6"}, participants=30)
    approve(alice, leader, first)
    joint = record(alice, t3, [district, board], day=D(2025, 6, 5), participants=20, title="Hội thi tìm hiểu Luật Quốc phòng")
    approve(alice, leader, joint)
    from phoihop.activities.services import activity_submit

    waiting = record(alice, t4, [district], day=D(2025, 10, 1), title="Tập huấn dân quân tự vệ")
    activity_submit(actor=alice, activity=waiting)

    # A second agreement of the district, in force until 2027; an expired one; neither ends soon.
    later = make_agreement(alice, district, "Kế hoạch phối hợp giáo dục quốc phòng giai đoạn 2024–2027")
    make_agreement(alice, district, "Kế hoạch phối hợp đã hết hiệu lực", status="expired", start=2020, end=2021)
    return {
        "today": TODAY, "plan": plan, "later": later,
        "tasks": {1: t1, 2: t2, 3: t3, 4: t4, 5: t5, 6: t6, 7: t7, 8: t8},
        "indicators": (a, b), "activities": (first, joint, waiting),
    }


def build_reports(world: dict[str, Any]) -> dict[str, Any]:
    """A yearly reporting duty of the district, due 10 days after each year: 2022 sent on time,
    2023 sent late, 2024 never sent (missing on 15/11/2025), 2025 not due yet; and an inspection
    of 2025 with one open and one closed recommendation."""
    agreement, orgs, users = world["agreement"], world["orgs"], world["users"]
    from phoihop.exchange.models import Recommendation
    from phoihop.exchange.services import (
        inspection_create,
        recommendation_add,
        report_create,
        report_submit,
        schedule_set,
    )

    alice, district = users["alice"], orgs["district"]
    schedule_set(actor=alice, agreement=agreement, rhythm="yearly", due_days=10, reporters=[district])
    sent = {}
    for year, at in ((2022, datetime.datetime(2023, 1, 5, 9, tzinfo=datetime.UTC)), (2023, datetime.datetime(2024, 1, 20, 9, tzinfo=datetime.UTC))):
        report = report_create(
            actor=alice, agreement=agreement, organization=district, rhythm="yearly",
            period_start=D(year, 1, 1), period_end=D(year, 12, 31), period_label=f"Năm {year}",
            due_date=D(year + 1, 1, 10), title=f"Báo cáo kết quả phối hợp năm {year}", body="Kết quả thực hiện.",
        )
        sent[year] = report_submit(actor=alice, report=report, at=at)
    inspection = inspection_create(
        actor=alice, agreement=agreement, kind="inspection", title="Kiểm tra thực hiện chương trình năm 2025",
        date=D(2025, 8, 20), inspecting=[district], inspected=[orgs["board"]],
    )
    open_one = recommendation_add(actor=alice, inspection=inspection, text="Bổ sung kế hoạch tuyên truyền trên mạng xã hội", responsible=orgs["board"], due_date=D(2025, 10, 30))
    closed = recommendation_add(actor=alice, inspection=inspection, text="Lập sổ theo dõi hoạt động", responsible=district)
    Recommendation.objects.filter(pk=closed.pk).update(status=Recommendation.Status.CLOSED)
    return {"sent": sent, "inspection": inspection, "open": open_one}


def build_richer(world: dict[str, Any]) -> dict[str, Any]:
    """The known world plus what must not count: a returned, a draft and an archived activity,
    an activity over two years, an archived task, a plan not in force, and more agreements."""
    from phoihop.activities.services import activity_return, activity_submit
    from phoihop.plans.services import plan_create, task_create
    from phoihop.plans.tests.helpers import approve, record

    agreement, orgs, users, dash = world["agreement"], world["orgs"], world["users"], world["dash"]
    alice, leader = users["alice"], users["leader"]
    district, board = orgs["district"], orgs["board"]
    t = dash["tasks"]
    returned = record(alice, t[2], [district, board], day=D(2025, 4, 2), title="Trả lại")
    activity_submit(actor=alice, activity=returned)
    activity_return(actor=leader, activity=returned, note="Bổ sung số liệu")
    record(alice, t[2], [district], day=D(2025, 4, 3), title="Nháp")
    archived = approve(alice, leader, record(alice, t[3], [district, board], day=D(2025, 5, 1), title="Đã lưu trữ"))
    archived.archived_at = datetime.datetime(2025, 6, 1, tzinfo=datetime.UTC)  # as a system administrator would
    archived.save(update_fields=["archived_at"])
    spanning = record(alice, t[7], [board, district], day=D(2025, 12, 30), title="Qua hai năm")
    spanning.end_date = D(2026, 1, 2)
    spanning.save(update_fields=["end_date"])
    approve(alice, leader, spanning)
    gone = task_create(
        actor=alice, plan=dash["plan"],
        fields={"number": 9, "title": "Nhiệm vụ bỏ", "lead_organization": district, "due": D(2025, 11, 1)},
        supporting=(board,),
    )
    gone.archived_at = datetime.datetime(2025, 11, 2, tzinfo=datetime.UTC)
    gone.save(update_fields=["archived_at"])
    draft_plan = plan_create(actor=alice, agreement=agreement, year=2024)
    task_create(
        actor=alice, plan=draft_plan,
        fields={"number": 20, "title": "Nhiệm vụ năm 2024", "lead_organization": board, "due": D(2024, 6, 30)},
        supporting=(district,),
    )
    submitted = record(alice, t[1], [district, board], day=D(2025, 11, 1), title="Chờ duyệt chung")
    activity_submit(actor=alice, activity=submitted)
    grow(alice, leader, orgs, 3)
    return dash


def grow(actor: Any, leader: Any, orgs: dict[str, Any], n: int) -> None:
    """More agreements, tasks, indicators and activities for the district."""
    from phoihop.plans.services import indicator_set, plan_create, plan_set_status, task_create
    from phoihop.plans.tests.helpers import approve, record

    for i in range(n):
        extra = make_agreement(actor, orgs["district"], f"Kế hoạch phối hợp bổ sung số {i}", start=2025, end=2025)
        plan = plan_create(actor=actor, agreement=extra, year=2025)
        plan_set_status(actor=actor, plan=plan, status="in_force")
        task = task_create(
            actor=actor, plan=plan,
            fields={"title": "Nhiệm vụ thêm", "lead_organization": orgs["district"], "due": datetime.date(2025, 10, 1)},
            supporting=(),
        )
        ind = indicator_set(actor=actor, owner=task, name="Buổi", unit="session", target="3")
        approve(actor, leader, record(actor, task, [orgs["district"]], day=datetime.date(2025, 2, 1), values={ind: "1"}))


# The worlds a test may ask for, each built on the ones before it. A test gets the highest it
# asks for, built by the first test of the process that asks for it and written back for the
# others; the root fixtures (orgs, users, agreement) come from it (testing/base_world.py).
LAYERS = {"dash": build_dash, "reports": build_reports, "richer": build_richer}


@pytest.fixture
def layered(request: pytest.FixtureRequest, db: Any, summaries_follow_writes: None) -> dict[str, Any]:
    from phoihop.testing.base_world import layered_world

    return layered_world(request, "the dashboards' world", LAYERS)


@pytest.fixture
def dash(layered: dict[str, Any]) -> dict[str, Any]:
    return layered["dash"]  # type: ignore[no-any-return]


@pytest.fixture
def reports(layered: dict[str, Any]) -> dict[str, Any]:
    return layered["reports"]  # type: ignore[no-any-return]


@pytest.fixture
def richer(layered: dict[str, Any]) -> dict[str, Any]:
    return layered["richer"]  # type: ignore[no-any-return]


@pytest.fixture(autouse=True)
def summaries_follow_writes(monkeypatch: pytest.MonkeyPatch) -> None:
    """The test's transaction never commits: refresh the summary rows at once instead, so every
    figure below comes through the same signals as in production."""
    from phoihop.dashboards import signals

    monkeypatch.setattr(signals, "on_commit", lambda func, *args, **kwargs: func())
