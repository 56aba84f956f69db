"""The demo's present: work in progress between the successor bodies, dated from the loading day.

The articles end in 2022-2023 and the district bodies ceased on 30/06/2025, so without this part
a demo loaded today has nothing in force and nothing to do. Here the District 4 program with Ban
Tuyên giáo Quận ủy (seed 000) is renewed, as the registry's successions say, between its
successor bodies, Bộ Tư lệnh TP Hồ Chí Minh and Ban Tuyên giáo và Dân vận Thành ủy, for the
four-year period that holds the loading day (2026-2029, then 2030-2033, ...), and carries:

- a signing conference shortly before the period began;
- the current year's annual plan with tasks done, open and overdue;
- activities approved, waiting for approval and returned;
- a monthly reporting schedule: last month's reports owed, the earlier ones sent, one missing;
- an open recommendation of an inspection;
- upcoming events, and an interim review of the year asking the parties for contributions.

Every date here counts from the loading day (``today``), and every record says it is
illustrative: none of it comes from an article. The renewal, plans, activities, reports,
inspections, events and review go through their services, as the demo user whose role allows
each act, so their rules (and notifications) hold.

The Móng Cái program of 2021-2025 (seed 003) is renewed the same way between the provincial
successors (Ban Tuyên giáo và Dân vận Tỉnh ủy and Bộ CHQS tỉnh Quảng Ninh), five years a period,
with this year's plan from the tasks it left unfinished.

Idempotent: when a renewed program exists (whatever day it was loaded on), it is left as it is.
Before 2026 (the first year after the 2022-2025 period) there is no present to show.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from phoihop.activities.models import Activity
from phoihop.activities.services import (
    activity_approve,
    activity_create,
    activity_return,
    activity_submit,
)
from phoihop.agreements.models import Agreement
from phoihop.agreements.services import (
    ContentAreaInput,
    PartyInput,
    agreement_review_clear,
    agreement_update,
    renewal_of,
)
from phoihop.demo.articles import MONG_CAI_PURPOSE
from phoihop.demo.base import ADMIN_USERNAME, DemoResult, acting_as
from phoihop.events.services import event_create
from phoihop.exchange import selectors as exchange_selectors
from phoihop.exchange import services as exchange
from phoihop.exchange.models import Inspection
from phoihop.orgs.models import Organization
from phoihop.plans.models import AnnualPlan, Indicator, Task
from phoihop.plans.services import (
    indicator_set,
    plan_create,
    plan_set_status,
    task_complete,
    task_create,
)
from phoihop.reviews.models import Review
from phoihop.reviews.services import review_create
from phoihop.workflows.services import agreement_renew

D = datetime.date
DEMO = "Dữ liệu mẫu minh họa"
FIRST_RENEWED_YEAR = 2026  # the 2022-2025 period ended with 2025
PERIOD_YEARS = 4

RENEWED = "q4_btg"
MONG_CAI = "mc_ctr"
BTL_OFFICER, BTL_LEADER = "btl.hcm.canbo", "btl.hcm.lanhdao"
BTGDV_OFFICER, BTGDV_LEADER = "btgdv.hcm.canbo", "btgdv.hcm.lanhdao"
USERNAMES = (ADMIN_USERNAME, BTL_OFFICER, BTL_LEADER, BTGDV_OFFICER, BTGDV_LEADER)

ARTICLES = "Tin, bài tuyên truyền về quân sự, quốc phòng"
SESSIONS = "Buổi bồi dưỡng kiến thức quốc phòng, an ninh"
WARDS = "các phường Vĩnh Hội, Khánh Hội, Xóm Chiếu"

def current_period(today: datetime.date) -> tuple[int, int] | None:
    """The four-year period after 2022-2025 that holds ``today``: 2026-2029, 2030-2033, ..."""
    if today.year < FIRST_RENEWED_YEAR:
        return None
    start = FIRST_RENEWED_YEAR + (today.year - FIRST_RENEWED_YEAR) // PERIOD_YEARS * PERIOD_YEARS
    return start, start + PERIOD_YEARS - 1


def renewed_title(start: int, end: int) -> str:
    return (
        "Chương trình phối hợp giữa Bộ Tư lệnh Thành phố Hồ Chí Minh và Ban Tuyên giáo và Dân vận "
        f"Thành ủy Thành phố Hồ Chí Minh giai đoạn {start}-{end}"
    )


def _in_year(day: datetime.date, year: int) -> datetime.date:
    """``day`` moved into ``year`` (an activity must fall in its plan's year)."""
    return min(max(day, D(year, 1, 1)), D(year, 12, 31))


def load(
    *,
    orgs: dict[str, Organization],
    agreements: dict[str, Agreement],
    result: DemoResult,
    today: datetime.date,
) -> None:
    users = {u.username: u for u in get_user_model().objects.filter(username__in=USERNAMES)}
    if len(users) < len(USERNAMES):
        return
    _mong_cai(agreements.get(MONG_CAI), users[ADMIN_USERNAME], today, result)
    period = current_period(today)
    old = agreements.get(RENEWED)
    if period is None or old is None:
        return
    if renewal_of(old) is not None:
        result.kept["renewed_agreements"] += 1
        return
    btl, btgdv = orgs["btl_hcm"], orgs["btgdv_tu_hcm"]
    start, end = period
    agreement = _renew(
        old, period, users[ADMIN_USERNAME], today,
        title=renewed_title(start, end),
        purpose=(
            f"{DEMO}: chương trình gia hạn chương trình phối hợp giai đoạn 2022-2025 giữa Ban Chỉ huy "
            "Quân sự Quận 4 và Ban Tuyên giáo Quận ủy Quận 4 với các đơn vị kế thừa sau sắp xếp tổ "
            "chức năm 2025 (Bộ Tư lệnh TP Hồ Chí Minh; Ban Tuyên giáo và Dân vận Thành ủy). Ngày ký, "
            "kế hoạch, hoạt động, báo cáo và số liệu được ghi theo ngày nạp dữ liệu mẫu để hệ thống "
            "có công việc đang diễn ra; không bài báo nào nêu chương trình này."
        ),
    )
    result.created["renewed_agreements"] += 1
    events = _events(agreement, btl, btgdv, users, today, result)
    plan = _current_plan(agreement, users[ADMIN_USERNAME], today, result)
    tasks = _tasks(plan, agreement, btl, btgdv, users[ADMIN_USERNAME], today, result)
    _activities(tasks, btl, btgdv, users, today, result)
    _reports(agreement, btl, btgdv, users, today, result)
    _inspection(agreement, btl, btgdv, users, today, result)
    _review(agreement, users[BTL_OFFICER], events["review"], today, result)


def _mong_cai(old: Agreement | None, admin: Any, today: datetime.date, result: DemoResult) -> None:
    """The Móng Cái program of 2021-2025 (seed 003) renewed, five years a period, between the
    provincial successors of its parties, with this year's plan in progress."""
    if old is None or today.year < FIRST_RENEWED_YEAR:
        return
    if renewal_of(old) is not None:
        result.kept["renewed_agreements"] += 1
        return
    start = FIRST_RENEWED_YEAR + (today.year - FIRST_RENEWED_YEAR) // 5 * 5
    new = _renew(
        old, (start, start + 4), admin, today,
        title=(
            "Chương trình phối hợp công tác giữa Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Ninh và Bộ "
            f"Chỉ huy Quân sự tỉnh Quảng Ninh giai đoạn {start}-{start + 4}"
        ),
        purpose=(
            f"{MONG_CAI_PURPOSE}\n\n{DEMO}: chương trình gia hạn chương trình giai đoạn 2021-2025 giữa "
            "Ban Tuyên giáo Thành ủy Móng Cái và Ban CHQS thành phố Móng Cái với các đơn vị kế thừa "
            "cấp tỉnh sau sắp xếp tổ chức năm 2025; ngày ký và kế hoạch ghi theo ngày nạp dữ liệu mẫu."
        ),
    )
    result.created["renewed_agreements"] += 1
    _current_plan(new, admin, today, result)


def _renew(
    old: Agreement, period: tuple[int, int], admin: Any, today: datetime.date, *, title: str, purpose: str
) -> Agreement:
    """Renew the program with its successor bodies and sign it in December before the period."""
    start, end = period
    with acting_as(admin):
        new = agreement_renew(actor=admin, agreement=old, period_start=start, period_end=end).agreement
        new.refresh_from_db()
        parties = [
            PartyInput(organization=p.organization, role=p.role, name_as_signed=p.organization.name)
            for p in new.parties.select_related("organization").order_by("order", "id")
        ]
        areas = [
            ContentAreaInput(
                number=a.number, title=a.title, text=a.text, responsible=list(a.responsible.all()), pk=a.pk
            )
            for a in new.content_areas.prefetch_related("responsible").order_by("number", "id")
        ]
        signed_on = min(D(start - 1, 12, 18), today)
        new = agreement_update(
            actor=admin,
            agreement=new,
            fields={
                "kind": new.kind,
                "number_symbol": "",
                "title": title,
                "legal_bases": new.legal_bases,
                "purpose": purpose,
                "period_start": start,
                "period_end": end,
                "signed_on": signed_on,
                "status": Agreement.Status.IN_FORCE,
                "reporting": new.reporting,
                "parent": new.parent,
                "renews": old,
            },
            parties=parties,
            content_areas=areas,
        )
        # The renewal flagged the successors' names for checking: the title above is written from them.
        agreement_review_clear(actor=admin, agreement=new)
    return new


def _events(
    agreement: Agreement,
    btl: Organization,
    btgdv: Organization,
    users: dict[str, Any],
    today: datetime.date,
    result: DemoResult,
) -> dict[str, Any]:
    start, end = agreement.period_start, agreement.period_end
    year = today.year
    specs = {
        "signing": (
            btl, users[BTL_OFFICER], "signing", agreement.signed_on, "Sáng",
            f"Hội nghị ký kết chương trình phối hợp giai đoạn {start}-{end} giữa Bộ Tư lệnh Thành phố "
            "Hồ Chí Minh và Ban Tuyên giáo và Dân vận Thành ủy Thành phố Hồ Chí Minh",
            "Hai đơn vị kế thừa ký chương trình phối hợp giai đoạn mới, tiếp nối chương trình giai "
            "đoạn 2022-2025 giữa Ban CHQS Quận 4 và Ban Tuyên giáo Quận ủy Quận 4.",
        ),
        "training": (
            btgdv, users[BTGDV_OFFICER], "training", today + datetime.timedelta(days=9), "Sáng",
            f"Tập huấn công tác tuyên truyền quân sự, quốc phòng cho cán bộ Ban Xây dựng Đảng {WARDS}",
            "Bồi dưỡng kỹ năng tuyên truyền, định hướng tư tưởng về quân sự, quốc phòng cho cán bộ "
            "làm công tác tuyên giáo, dân vận ở cơ sở.",
        ),
        "meeting": (
            btl, users[BTL_OFFICER], "joint_activity", today + datetime.timedelta(days=16), "Chiều",
            "Giao ban công tác phối hợp giữa Bộ Tư lệnh Thành phố và Ban Tuyên giáo và Dân vận Thành ủy",
            "Đánh giá tiến độ các nhiệm vụ của kế hoạch năm, thống nhất nội dung chuẩn bị hội nghị sơ kết.",
        ),
        "review": (
            btl, users[BTL_OFFICER], "interim_review", today + datetime.timedelta(days=24), "Sáng",
            f"Hội nghị sơ kết năm {year} chương trình phối hợp giữa Bộ Tư lệnh Thành phố Hồ Chí Minh "
            "và Ban Tuyên giáo và Dân vận Thành ủy Thành phố Hồ Chí Minh",
            f"Sơ kết kết quả thực hiện kế hoạch phối hợp năm {year}, các tham luận của hai đơn vị; "
            "triển khai phương hướng năm sau.",
        ),
    }
    events = {}
    for key, (host, actor, kind, day, time_of_day, title, summary) in specs.items():
        other = btgdv if host.pk == btl.pk else btl
        with acting_as(actor):
            events[key] = event_create(
                actor=actor,
                fields={
                    "kind": kind,
                    "title": title,
                    "date": day,
                    "time_of_day": time_of_day,
                    "place": "Hội trường Bộ Tư lệnh Thành phố" if host.pk == btl.pk else "Hội trường Thành ủy",
                    "host": host,
                    "summary": f"{summary}\n\n{DEMO}: ngày tính theo ngày nạp dữ liệu mẫu.",
                    "minutes": "",
                    "source": f"{DEMO}: không có bài báo nguồn; dữ liệu mẫu tính theo ngày nạp.",
                },
                organizations=[other],
                agreements=[agreement],
            )
        result.created["events"] += 1
    return events


def _current_plan(agreement: Agreement, admin: Any, today: datetime.date, result: DemoResult) -> AnnualPlan:
    """This year's plan, in progress; the renewal's first plan (the carried-over tasks) when the
    period began this year, else that plan closed and a new one from the content areas."""
    year = today.year
    with acting_as(admin):
        for past in AnnualPlan.objects.active().filter(agreement=agreement, year__lt=year):
            plan_set_status(actor=admin, plan=past, status=AnnualPlan.Status.CLOSED)
        plan = AnnualPlan.objects.active().filter(agreement=agreement, year=year).first()
        if plan is None:
            plan = plan_create(
                actor=admin, agreement=agreement, year=year,
                notes=f"Kế hoạch phối hợp năm {year}. {DEMO}: nhiệm vụ và thời hạn tính theo ngày nạp dữ liệu.",
            )
        else:
            plan.notes = f"{plan.notes}\n{DEMO}: nhiệm vụ thêm và thời hạn tính theo ngày nạp dữ liệu.".strip()
            plan.save(update_fields=["notes", "updated_at"])
        plan_set_status(actor=admin, plan=plan, status=AnnualPlan.Status.IN_FORCE)
    result.created["annual_plans"] += 1
    return plan


def _tasks(
    plan: AnnualPlan,
    agreement: Agreement,
    btl: Organization,
    btgdv: Organization,
    admin: Any,
    today: datetime.date,
    result: DemoResult,
) -> dict[str, Task]:
    areas = {a.number: a for a in agreement.content_areas.all()}
    days = datetime.timedelta
    # key: (content area, title, lead, start, due, indicator (name, unit, target) or None, done on)
    specs: dict[str, tuple[int | None, str, Organization, datetime.date, datetime.date, Any, Any]] = {
        "articles": (
            1, "Tuyên truyền các ngày kỷ niệm, sự kiện chính trị về quân sự, quốc phòng trên báo chí, "
            "mạng xã hội", btgdv, today - days(80), today + days(40), (ARTICLES, Indicator.Unit.ARTICLE, 24), None,
        ),
        "sessions": (
            4, f"Bồi dưỡng kiến thức quốc phòng, an ninh cho cán bộ Ban Xây dựng Đảng {WARDS}", btl,
            today - days(60), today - days(10), (SESSIONS, Indicator.Unit.SESSION, 4), None,
        ),
        "exchange": (
            2, "Tổng hợp, trao đổi thông tin về dư luận liên quan đến quân sự, quốc phòng", btgdv,
            today - days(70), today - days(25), None, today - days(27),
        ),
        "opinion": (
            2, "Báo cáo nhanh tình hình tư tưởng, dư luận về nhiệm vụ quân sự, quốc phòng gửi Thường trực "
            "Thành ủy", btgdv, today - days(20), today - days(4), None, None,
        ),
        "models": (
            3, "Phát hiện, tổng hợp mô hình, cách làm hay để đề xuất biểu dương", btl,
            today - days(5), today + days(55), None, None,
        ),
        "review": (
            None, f"Chuẩn bị hội nghị sơ kết năm {today.year} chương trình phối hợp", btl,
            today, today + days(24), None, None,
        ),
    }
    tasks: dict[str, Task] = {}
    with acting_as(admin):
        for key, (area, title, lead, start, due, indicator, done_on) in specs.items():
            task = task_create(
                actor=admin,
                plan=plan,
                fields={
                    "title": title,
                    "content_area": areas.get(area) if area else None,
                    "lead_organization": lead,
                    "responsible_officer": None,
                    "start": start,
                    "due": due,
                    "notes": f"{DEMO}: thời hạn tính theo ngày nạp dữ liệu.",
                },
                supporting=[btgdv if lead.pk == btl.pk else btl],
            )
            if indicator is not None:
                name, unit, target = indicator
                indicator_set(actor=admin, owner=task, name=name, unit=unit, target=target,
                              aggregation=Indicator.Aggregation.SUM, indicator=None)
                result.created["indicators"] += 1
            if done_on is not None:
                task_complete(actor=admin, task=task, on=done_on)
            tasks[key] = task
    result.created["tasks"] += plan.tasks.count()
    return tasks


def _activities(
    tasks: dict[str, Task],
    btl: Organization,
    btgdv: Organization,
    users: dict[str, Any],
    today: datetime.date,
    result: DemoResult,
) -> None:
    year, days = today.year, datetime.timedelta
    # (task, title, org, author, approver, days before today, participants, value, outcome, note)
    specs: tuple[tuple[str, str, Organization, str, str, int, int | None, int | None, str, str], ...] = (
        ("sessions", "Bồi dưỡng kiến thức quốc phòng, an ninh cho cán bộ phường Vĩnh Hội", btl,
         BTL_OFFICER, BTL_LEADER, 35, 85, 2, Activity.Status.APPROVED, ""),
        ("articles", "Đăng tin, bài tuyên truyền kỷ niệm ngày truyền thống lực lượng vũ trang Thành phố",
         btgdv, BTGDV_OFFICER, BTGDV_LEADER, 30, None, 9, Activity.Status.APPROVED, ""),
        ("articles", "Tuyên truyền trên trang thông tin điện tử về diễn tập khu vực phòng thủ", btgdv,
         BTGDV_OFFICER, BTGDV_LEADER, 4, None, 3, Activity.Status.SUBMITTED, ""),
        ("sessions", "Bồi dưỡng kiến thức quốc phòng, an ninh cho cán bộ phường Xóm Chiếu", btl,
         BTL_OFFICER, BTL_LEADER, 2, 70, 1, Activity.Status.SUBMITTED, ""),
        ("models", "Khảo sát mô hình “Dân vận khéo” tại phường Khánh Hội", btl, BTL_OFFICER, BTL_LEADER,
         3, 12, None, Activity.Status.RETURNED,
         "Bổ sung số người tham gia theo từng đơn vị và kết quả khảo sát trước khi gửi lại."),
    )
    for task_key, title, org, author_name, approver_name, before, participants, value, outcome, note in specs:
        task, author, approver = tasks[task_key], users[author_name], users[approver_name]
        day = _in_year(today - days(before), year)
        indicator = task.indicators.active().first()
        with acting_as(author):
            activity = activity_create(
                actor=author,
                task=task,
                fields={
                    "title": title,
                    "start_date": day,
                    "end_date": day,
                    "place_text": "",
                    "description": f"{DEMO}: hoạt động, ngày và số liệu tính theo ngày nạp dữ liệu.",
                    "participants": participants,
                },
                organizations=[org],
                values={indicator: Decimal(value)} if indicator is not None and value is not None else {},
            )
            activity_submit(actor=author, activity=activity)
        with acting_as(approver):
            if outcome == Activity.Status.APPROVED:
                activity_approve(actor=approver, activity=activity)
            elif outcome == Activity.Status.RETURNED:
                activity_return(actor=approver, activity=activity, note=note)
        result.created["activities"] += 1


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=timezone.get_current_timezone())


def _reports(
    agreement: Agreement,
    btl: Organization,
    btgdv: Organization,
    users: dict[str, Any],
    today: datetime.date,
    result: DemoResult,
) -> None:
    """Monthly reports, due within 30 days after each month: so on any day last month's report is
    owed by both parties, and the earlier ones were sent three days before their due date, except
    the board's latest due one, which is missing (overdue on the loading day)."""
    admin = users[ADMIN_USERNAME]
    with acting_as(admin):
        exchange.schedule_set(
            actor=admin, agreement=agreement, rhythm="monthly", due_days=30,
            note=f"{DEMO}: báo cáo hằng tháng, gửi trong 30 ngày sau khi hết tháng.",
        )
    result.created["reporting_schedules"] += 1
    agreement.refresh_from_db()
    for org, writer_name, reader_name in ((btl, BTL_OFFICER, BTGDV_OFFICER), (btgdv, BTGDV_OFFICER, BTL_OFFICER)):
        writer, reader = users[writer_name], users[reader_name]
        slots = [
            s for s in exchange_selectors.owed_reports(
                today=today, agreement_ids=[agreement.pk], organization_ids=[org.pk]
            )
            if s.report is None and s.due_date < today and s.period_start is not None
        ]
        if org.pk == btgdv.pk and slots:
            slots = slots[:-1]  # the latest one is missing: overdue on the loading day
        for slot in slots:
            sent = slot.due_date - datetime.timedelta(days=3)
            with acting_as(writer):
                report = exchange.report_create(
                    actor=writer, agreement=agreement, organization=org,
                    rhythm=agreement.reporting_schedule.rhythm, period_start=slot.period_start,
                    period_end=slot.period_end, period_label=slot.period_label, due_date=slot.due_date,
                    title=(
                        "Báo cáo kết quả thực hiện chương trình phối hợp "
                        f"{slot.period_label[:1].lower()}{slot.period_label[1:]} của {org.short_name or org.name}"
                    ),
                    body=exchange_selectors.prefill_body(
                        agreement=agreement, organization=org, start=slot.period_start, end=slot.period_end
                    ),
                )
                exchange.report_submit(actor=writer, report=report, at=_at(sent, 15))
            result.created["periodic_reports"] += 1
            exchange.report_mark_read(user=reader, report=report, at=_at(sent + datetime.timedelta(days=1), 9))
            result.created["report_reads"] += 1


def _inspection(
    agreement: Agreement,
    btl: Organization,
    btgdv: Organization,
    users: dict[str, Any],
    today: datetime.date,
    result: DemoResult,
) -> None:
    """The board's check of the command's part this year, with one recommendation still open."""
    days = datetime.timedelta
    actor, follower = users[BTGDV_LEADER], users[BTL_OFFICER]
    with acting_as(actor):
        inspection = exchange.inspection_create(
            actor=actor, agreement=agreement, kind=Inspection.Kind.INSPECTION,
            title=f"Việc thực hiện kế hoạch phối hợp năm {today.year} tại Bộ Tư lệnh Thành phố",
            date=today - days(20), inspecting=[btgdv], inspected=[btl],
            scope_text="Việc tổ chức bồi dưỡng kiến thức quốc phòng, an ninh cho cán bộ cơ sở và lưu hồ sơ.",
            findings=f"{DEMO}. Các buổi bồi dưỡng tổ chức đúng nội dung; hồ sơ, số liệu một số buổi chưa đầy đủ.",
        )
        result.created["inspections"] += 1
        recommendation = exchange.recommendation_add(
            actor=actor, inspection=inspection,
            text="Bổ sung hồ sơ, danh sách người tham gia các buổi bồi dưỡng kiến thức quốc phòng tại các phường.",
            responsible=btl, due_date=today + days(15),
        )
        result.created["recommendations"] += 1
    with acting_as(follower):
        exchange.follow_up_add(
            actor=follower, recommendation=recommendation, date=today - days(6),
            note="Đã bổ sung danh sách buổi bồi dưỡng tại phường Vĩnh Hội; đang tổng hợp các phường còn lại.",
        )


def _review(agreement: Agreement, officer: Any, event: Any, today: datetime.date, result: DemoResult) -> None:
    """This year's interim review, opened by the lead party: the parties are asked for their
    contributions before the conference."""
    with acting_as(officer):
        review_create(
            actor=officer, agreement=agreement, kind=Review.Kind.INTERIM,
            period_start=D(today.year, 1, 1), period_end=D(today.year, 12, 31), event=event,
        )
    result.created["reviews"] += 1
