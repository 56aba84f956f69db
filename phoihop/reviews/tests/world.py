"""A review over several agreements and years with every kind of record the figures read:
joint activities, drafts and returned work (not counted), archived records (left out), a unit
credited outside the parties, reporting schedules with reports on time, late and missing, ad hoc
reports, and inspections with recommendations. ``build`` makes a small or a larger one of the
same shape, so query counts can be compared."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from phoihop.plans.tests.helpers import D, approve, indicator, record
from phoihop.testing.builders import make_agreement


def _agreement(n: int, users: dict[str, Any], orgs: dict[str, Any], years: tuple[int, int]) -> Any:
    from phoihop.agreements.models import Party
    from phoihop.agreements.services import ContentAreaInput, PartyInput

    return make_agreement(
        actor=users["alice"],
        number_symbol=f"{n + 10:02d}/CTr-BCHQS-BTGQU",
        title=f"Chương trình phối hợp số {n + 10} về công tác dân vận",
        period_start=years[0],
        period_end=years[1],
        signed_on=datetime.date(years[0], 1, 10),
        parties=[
            PartyInput(organization=orgs["district"], role=Party.Role.LEAD, signatory_name="Nguyễn Văn An"),
            PartyInput(organization=orgs["board"], role=Party.Role.COOPERATING, signatory_name="Trần Thị Bình"),
        ],
        areas=["Tuyên truyền quốc phòng", ContentAreaInput(number=2, title="Dân vận khéo", responsible=[orgs["board"]])],
    )


def _submit_report(user: Any, agreement: Any, org: Any, start: datetime.date, end: datetime.date,
                   due: datetime.date, sent: datetime.datetime, rhythm: str = "quarterly") -> Any:
    from phoihop.exchange.services import report_create, report_submit

    report = report_create(
        actor=user, agreement=agreement, organization=org, rhythm=rhythm, period_start=start, period_end=end,
        period_label=f"{start:%d/%m/%Y}", due_date=due, title="Báo cáo kết quả phối hợp", body="Nội dung",
    )
    return report_submit(actor=user, report=report, at=sent)


def _fill(i: int, agreement: Any, users: dict[str, Any], orgs: dict[str, Any], years: tuple[int, int]) -> None:
    from phoihop.activities.services import activity_archive, activity_return, activity_submit
    from phoihop.exchange.services import (
        inspection_create,
        recommendation_add,
        recommendation_close,
        schedule_set,
    )
    from phoihop.plans.models import Task
    from phoihop.plans.services import plan_create

    alice, leader, coop = users["alice"], users["leader"], users["coop_officer"]
    district, board, ward = orgs["district"], orgs["board"], orgs["ward"]
    for year in range(years[0], years[1] + 1):
        plan = plan_create(actor=alice, agreement=agreement, year=year)
        t1, t2 = plan.tasks.get(number=1), plan.tasks.get(number=2)
        sessions = indicator(alice, t1, "Buổi tuyên truyền", "8")
        latest = indicator(alice, t1, "Tỷ lệ tham gia", "90", aggregation="percent", unit="percent")
        articles = indicator(alice, t2, "Tin bài", "4", unit="article")
        day = datetime.date(year, 3, 1 + i)
        a1 = record(alice, t1, [district, board], day=day, participants=100 + i, values={sessions: D("4"), latest: D("80")})
        approve(alice, leader, a1)
        a1.organizations.add(ward)  # a unit credited outside the parties, as older records have
        a2 = record(alice, t1, [district], day=day.replace(month=5), participants=50, values={sessions: D("3"), latest: D("95")})
        approve(alice, leader, a2)
        a3 = record(alice, t1, [district], day=day.replace(month=6), participants=70, values={sessions: D("5")})
        activity_submit(actor=alice, activity=a3)  # waiting: not counted
        a4 = record(coop, t2, [board], day=day.replace(month=7), participants=30 + year % 10, values={articles: D("3")})
        approve(coop, users["board_leader"], a4)
        a5 = record(coop, t2, [board], day=day.replace(month=8), participants=999, values={articles: D("1")})
        activity_submit(actor=coop, activity=a5)
        activity_return(actor=users["board_leader"], activity=a5, note="Bổ sung ảnh")  # returned: not counted
        a6 = record(alice, t1, [district], day=day.replace(month=9), participants=777, values={sessions: D("9")})
        activity_archive(actor=alice, activity=a6)  # archived draft: left out
        if year == years[1]:
            Task.objects.filter(pk=t2.pk).update(completed_on=datetime.date(year, 11, 30))
        # A third task, cancelled: not planned.
        t3 = Task.objects.create(plan=plan, number=3, title="Nhiệm vụ đã hủy", lead_organization=board, cancelled=True)
        indicator(alice, t3, "Không tính", "1")
    schedule_set(actor=alice, agreement=agreement, rhythm="half_yearly", due_days=15)
    y0 = years[0]
    tz = timezone.get_current_timezone()
    # First half of the first year: district on time, board late; second half: district missing.
    _submit_report(alice, agreement, district, datetime.date(y0, 1, 1), datetime.date(y0, 6, 30),
                   datetime.date(y0, 7, 15), datetime.datetime(y0, 7, 10, 9, tzinfo=tz), rhythm="half_yearly")
    _submit_report(coop, agreement, board, datetime.date(y0, 1, 1), datetime.date(y0, 6, 30),
                   datetime.date(y0, 7, 15), datetime.datetime(y0, 7, 20, 9, tzinfo=tz), rhythm="half_yearly")
    _submit_report(coop, agreement, board, datetime.date(y0, 7, 1), datetime.date(y0, 12, 31),
                   datetime.date(y0 + 1, 1, 15), datetime.datetime(y0 + 1, 1, 5, 9, tzinfo=tz), rhythm="half_yearly")
    # An ad hoc report spanning the turn of the year.
    _submit_report(alice, agreement, district, datetime.date(y0, 12, 1), datetime.date(y0 + 1, 1, 31),
                   datetime.date(y0 + 1, 2, 10), datetime.datetime(y0 + 1, 2, 1, 9, tzinfo=tz), rhythm="ad_hoc")
    held = inspection_create(
        actor=alice, agreement=agreement, kind="inspection", title="Kiểm tra thực hiện chương trình",
        date=datetime.date(y0, 10, 1), inspecting=[district], inspected=[board],
    )
    first = recommendation_add(actor=alice, inspection=held, text="Bổ sung hồ sơ", responsible=board)
    recommendation_add(actor=alice, inspection=held, text="Báo cáo đúng hạn", responsible=board)
    recommendation_close(actor=alice, recommendation=first)
    inspection_create(
        actor=alice, agreement=agreement, kind="inspection", title="Kiểm tra sau kỳ",
        date=datetime.date(years[1] + 1, 2, 1), inspecting=[district], inspected=[board],
    )


def build(users: dict[str, Any], orgs: dict[str, Any], *, agreements: int, years: tuple[int, int] = (2023, 2024)) -> Any:
    """A review of ``agreements`` agreements over ``years``, with every kind of record."""
    from phoihop.reviews.services import review_create

    made = [_agreement(i, users, orgs, years) for i in range(agreements)]
    for i, agreement in enumerate(made):
        _fill(i, agreement, users, orgs, years)
    return review_create(
        actor=users["alice"], agreement=made[0], kind="final", together=made[1:],
        period_start=datetime.date(years[0], 1, 1), period_end=datetime.date(years[1], 12, 31),
    )
