"""Demo reporting schedules, periodic reports, read receipts and inspections.

The District 4 program (Ban CHQS Quận 4 with Ban Tuyên giáo Quận ủy) reports quarterly; the other
demo programs six-monthly. Reports are written by the demo officers from their approved activities
(the prefilled draft) and submitted mostly on time; the district's report for the third quarter of
2024 went out late and the board's for that quarter was never sent. The inspections follow the
articles' call to "tổ chức kiểm tra, giám sát, đánh giá" (seeds 001, 002); their dates, findings
and recommendations are illustrative.

Idempotent: a schedule is kept when the agreement has one, a report when the party has one for
the period, an inspection when the agreement has one with the same title.
"""

from __future__ import annotations

import datetime
from typing import Any, TypedDict

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_noop

from phoihop.agreements.models import Agreement
from phoihop.demo.base import ADMIN_USERNAME, DemoResult, acting_as
from phoihop.exchange import selectors, services
from phoihop.exchange.models import Inspection, ReportingSchedule
from phoihop.orgs.models import Organization

LABELS = {
    "reporting_schedules": gettext_noop("chế độ báo cáo"),
    "periodic_reports": gettext_noop("báo cáo định kỳ"),
    "report_reads": gettext_noop("lượt đọc báo cáo"),
    "inspections": gettext_noop("đợt kiểm tra, giám sát"),
    "recommendations": gettext_noop("kiến nghị"),
}

D = datetime.date
DEMO = "Dữ liệu mẫu minh họa"

# agreement key -> (rhythm, days after the period the report is due)
SCHEDULES = {
    "q4_btg": ("quarterly", 10),
    "q4_bdv": ("half_yearly", 15),
    "hy_2022": ("half_yearly", 15),
    "mc_ctr": ("half_yearly", 15),
}

# (agreement, organisation, writer, reader of another party or "")
REPORTERS = (
    ("q4_btg", "chqs_q4", "chqs.q4.canbo", "btg.q4.canbo"),
    ("q4_btg", "btg_q4", "btg.q4.canbo", "chqs.q4.lanhdao"),
    ("q4_bdv", "chqs_q4", "chqs.q4.canbo", ""),
    ("hy_2022", "chqs_hy", "chqs.hy.canbo", "phunu.hy.canbo"),
    ("hy_2022", "pn_hy", "phunu.hy.canbo", "chqs.hy.lanhdao"),
)
# (agreement, organisation, period start): sent six days after the due date, or never.
LATE = {("q4_btg", "chqs_q4", D(2024, 7, 1))}
MISSING = {("q4_btg", "btg_q4", D(2024, 7, 1))}
READ_FROM_YEAR = 2024  # read receipts on recent reports only ("a few")


def _at(day: datetime.date, hour: int = 15) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=timezone.get_current_timezone())


def _schedules(agreements: dict[str, Agreement], admin: Any, result: DemoResult) -> None:
    for key, (rhythm, due_days) in SCHEDULES.items():
        agreement = agreements.get(key)
        if agreement is None:
            continue
        if ReportingSchedule.objects.filter(agreement=agreement).exists():
            result.kept["reporting_schedules"] += 1
            continue
        with acting_as(admin):
            services.schedule_set(
                actor=admin, agreement=agreement, rhythm=rhythm, due_days=due_days,
                note=f"{DEMO}: chế độ báo cáo đặt theo thông lệ, bài viết không nêu.",
            )
        result.created["reporting_schedules"] += 1


def _reports(
    agreements: dict[str, Agreement], orgs: dict[str, Organization], users: dict[str, Any], today: datetime.date,
    result: DemoResult,
) -> None:
    for key, org_key, writer_name, reader_name in REPORTERS:
        agreement, org, writer = agreements.get(key), orgs.get(org_key), users.get(writer_name)
        if agreement is None or org is None or writer is None:
            continue
        agreement.refresh_from_db()
        slots = selectors.owed_reports(today=today, agreement_ids=[agreement.pk], organization_ids=[org.pk])
        for slot in slots:
            if slot.due_date >= today or (key, org_key, slot.period_start) in MISSING:
                continue
            if slot.report is not None:
                result.kept["periodic_reports"] += 1
                continue
            late = (key, org_key, slot.period_start) in LATE
            sent = slot.due_date + datetime.timedelta(days=6 if late else -3)
            with acting_as(writer):
                report = services.report_create(
                    actor=writer, agreement=agreement, organization=org,
                    rhythm=agreement.reporting_schedule.rhythm, period_start=slot.period_start,
                    period_end=slot.period_end, period_label=slot.period_label, due_date=slot.due_date,
                    title=(
                        f"Báo cáo kết quả thực hiện chương trình phối hợp "
                        f"{slot.period_label[:1].lower()}{slot.period_label[1:]} của {org.short_name or org.name}"
                    ),
                    body=selectors.prefill_body(
                        agreement=agreement, organization=org, start=slot.period_start, end=slot.period_end
                    ),
                )
                services.report_submit(actor=writer, report=report, at=_at(sent))
            result.created["periodic_reports"] += 1
            reader = users.get(reader_name)
            if reader is not None and slot.period_end.year >= READ_FROM_YEAR:
                services.report_mark_read(user=reader, report=report, at=_at(sent + datetime.timedelta(days=2), 9))
                result.created["report_reads"] += 1


# (text, responsible org key, due date, follow-ups (username, date, note), closed on)
RecommendationSpec = tuple[str, str, datetime.date, tuple[tuple[str, datetime.date, str], ...], datetime.date | None]


class InspectionSpec(TypedDict):
    agreement: str
    kind: str
    title: str
    date: datetime.date
    by: str
    closer: str
    inspecting: tuple[str, ...]
    inspected: tuple[str, ...]
    scope: str
    findings: str
    recommendations: tuple[RecommendationSpec, ...]


INSPECTIONS: tuple[InspectionSpec, ...] = (
    {
        "agreement": "q4_btg",
        "kind": Inspection.Kind.INSPECTION,
        "title": "Kiểm tra việc thực hiện chương trình phối hợp năm 2023",
        "date": D(2023, 11, 16),
        "by": "btg.q4.canbo",
        "closer": "btg.q4.canbo",
        "inspecting": ("btg_q4",),
        "inspected": ("chqs_q4",),
        "scope": "Việc tổ chức tuyên truyền quốc phòng, an ninh và trao đổi thông tin định kỳ giữa hai bên năm 2023.",
        "findings": (
            f"{DEMO}. Hai bên duy trì giao ban, trao đổi thông tin; các buổi tuyên truyền thực hiện đúng kế "
            "hoạch. Việc lưu trữ hồ sơ hoạt động ở một số phường còn chưa đầy đủ."
        ),
        "recommendations": (
            ("Hoàn thiện sổ theo dõi, lưu trữ hồ sơ các buổi tuyên truyền tại phường.", "chqs_q4", D(2024, 1, 31),
             (("chqs.q4.canbo", D(2024, 1, 20), "Đã lập sổ theo dõi thống nhất, hướng dẫn các phường lưu hồ sơ."),),
             D(2024, 2, 5)),
        ),
    },
    {
        "agreement": "q4_btg",
        "kind": Inspection.Kind.SUPERVISION,
        "title": "Giám sát việc gửi báo cáo định kỳ năm 2024",
        "date": D(2024, 11, 12),
        "by": "chqs.q4.lanhdao",
        "closer": "",
        "inspecting": ("chqs_q4",),
        "inspected": ("btg_q4",),
        "scope": "Tình hình gửi báo cáo định kỳ giữa hai bên năm 2024.",
        "findings": f"{DEMO}. Báo cáo quý III/2024 của Ban Tuyên giáo Quận ủy chưa gửi.",
        "recommendations": (
            ("Gửi bổ sung báo cáo quý III/2024 và bảo đảm thời hạn các kỳ sau.", "btg_q4", D(2024, 12, 15),
             (("btg.q4.canbo", D(2024, 11, 25), "Đang tổng hợp số liệu để gửi bổ sung."),), None),
        ),
    },
)


def _inspections(
    agreements: dict[str, Agreement], orgs: dict[str, Organization], users: dict[str, Any], result: DemoResult
) -> None:
    for spec in INSPECTIONS:
        agreement = agreements.get(spec["agreement"])
        actor = users.get(spec["by"])
        if agreement is None or actor is None:
            continue
        if Inspection.objects.filter(agreement=agreement, title=spec["title"]).exists():
            result.kept["inspections"] += 1
            continue
        with acting_as(actor):
            inspection = services.inspection_create(
                actor=actor, agreement=agreement, kind=spec["kind"], title=spec["title"], date=spec["date"],
                inspecting=[orgs[k] for k in spec["inspecting"]], inspected=[orgs[k] for k in spec["inspected"]],
                scope_text=spec["scope"], findings=spec["findings"],
            )
            result.created["inspections"] += 1
            for text, responsible, due, follow_ups, closed_on in spec["recommendations"]:
                rec = services.recommendation_add(
                    actor=actor, inspection=inspection, text=text, responsible=orgs[responsible], due_date=due
                )
                result.created["recommendations"] += 1
                for who, day, note in follow_ups:
                    with acting_as(users[who]):
                        services.follow_up_add(actor=users[who], recommendation=rec, date=day, note=note)
                if closed_on is not None:
                    closer = users[spec["closer"]]
                    with acting_as(closer):
                        services.recommendation_close(
                            actor=closer, recommendation=rec, note="Đã kiểm tra lại, kiến nghị đã được thực hiện.",
                            at=_at(closed_on, 10),
                        )


def load(*, orgs: dict[str, Organization], agreements: dict[str, Agreement], result: DemoResult, today: datetime.date) -> None:
    names = {ADMIN_USERNAME} | {n for r in REPORTERS for n in r[2:] if n} | {
        n for s in INSPECTIONS for n in (s["by"], s["closer"]) if n
    } | {f[0] for s in INSPECTIONS for r in s["recommendations"] for f in r[3]}
    users = {u.username: u for u in get_user_model().objects.filter(username__in=names)}
    admin = users.get(ADMIN_USERNAME)
    if admin is None:
        return
    _schedules(agreements, admin, result)
    _reports(agreements, orgs, users, today, result)
    _inspections(agreements, orgs, users, result)
