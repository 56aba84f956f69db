"""An annual plan's tasks and indicators from Excel, for one plan (the batch's target).

Tasks are known by their number in the plan, indicators by their task's number and their name
(folded). Written through the plans' services (task_create, task_update, indicator_set), which
check what a plan's task may be (its lead and supporting bodies are parties of the agreement,
its content area one of the agreement's, the plan still open)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_noop

from phoihop.imports.checking import CREATE, ERROR, UNCHANGED, UPDATE, Preview, RowOutcome
from phoihop.imports.matching import NameIndex
from phoihop.imports.workbooks import (
    CellError,
    Column,
    SheetSpec,
    choice_value,
    date_value,
    number_value,
    read_sheet,
    template_xlsx,
    text_value,
)
from phoihop.orgs.models import Organization
from phoihop.plans import services as plan_services
from phoihop.plans.models import AnnualPlan, Indicator, Task
from phoihop.vn.dates import format_short
from phoihop.vn.text import clean, fold

if TYPE_CHECKING:
    from django.contrib.auth.models import User

TASKS = "Nhiệm vụ"
INDICATORS = "Chỉ tiêu"
TITLE = "MẪU NHẬP NHIỆM VỤ VÀ CHỈ TIÊU CỦA KẾ HOẠCH PHỐI HỢP NĂM"


def _labels(choices: Any) -> list[tuple[str, str]]:
    with translation.override("vi"):
        return [(value, str(label)) for value, label in choices]


def _areas(plan: AnnualPlan | None) -> list[tuple[str, str]]:
    if plan is None:
        return []
    return [
        (str(a.number), f"{a.number}. {a.title}"[:250]) for a in plan.agreement.content_areas.all()
    ]


def _parties(plan: AnnualPlan | None) -> list[Any]:
    if plan is None:
        return []
    return list(plan.agreement.parties.select_related("organization").order_by("order", "id"))


def specs(target: AnnualPlan | None = None) -> list[SheetSpec]:
    parties = [(str(p.organization_id), p.organization.name) for p in _parties(target)]
    return [
        SheetSpec(
            TASKS,
            [
                Column(
                    "number",
                    "Số TT",
                    kind="number",
                    required=True,
                    width=8,
                    note="số thứ tự của nhiệm vụ trong kế hoạch; nhiệm vụ đã có được nhận ra theo số này.",
                ),
                Column("title", "Nội dung nhiệm vụ", required=True, width=50),
                Column(
                    "content_area",
                    "Nội dung phối hợp",
                    kind="choice",
                    choices=_areas(target),
                    width=40,
                    note="chọn trong danh sách (hoặc ghi số của nội dung).",
                ),
                Column(
                    "lead",
                    "Cơ quan chủ trì",
                    kind="list",
                    choices=parties,
                    width=35,
                    note="một bên tham gia văn bản; bắt buộc với nhiệm vụ mới.",
                ),
                Column(
                    "supporting",
                    "Cơ quan phối hợp",
                    width=40,
                    note="các bên tham gia khác, cách nhau bằng dấu chấm phẩy (;).",
                ),
                Column("start", "Bắt đầu", kind="date", width=14, note="ngày/tháng/năm."),
                Column("due", "Hạn hoàn thành", kind="date", width=16, note="ngày/tháng/năm."),
            ],
        ),
        SheetSpec(
            INDICATORS,
            [
                Column(
                    "task",
                    "Số TT nhiệm vụ",
                    kind="number",
                    required=True,
                    width=10,
                    note="số thứ tự của nhiệm vụ có chỉ tiêu này.",
                ),
                Column(
                    "name",
                    "Tên chỉ tiêu",
                    required=True,
                    width=45,
                    note="chỉ tiêu đã có của nhiệm vụ được nhận ra theo tên.",
                ),
                Column(
                    "unit",
                    "Đơn vị tính",
                    kind="choice",
                    choices=_labels(Indicator.Unit.choices),
                    width=14,
                ),
                Column(
                    "target",
                    "Chỉ tiêu",
                    kind="number",
                    width=12,
                    note="một số, ví dụ 12 hoặc 1.234,5.",
                ),
                Column(
                    "aggregation",
                    "Cách tính",
                    kind="choice",
                    choices=_labels(Indicator.Aggregation.choices),
                    width=24,
                    note="để trống là cộng dồn.",
                ),
            ],
        ),
    ]


INSTRUCTIONS = [
    "Trang «Nhiệm vụ»: mỗi dòng một nhiệm vụ của kế hoạch. Trang «Chỉ tiêu»: mỗi dòng một chỉ tiêu của một nhiệm vụ. "
    "Cột có dấu (*) là bắt buộc.",
    "Nhiệm vụ đã có trong kế hoạch được nhận ra theo số thứ tự; các cột có ghi sẽ cập nhật nhiệm vụ ấy, cột để trống "
    "giữ nguyên. Chỉ tiêu đã có được nhận ra theo số thứ tự nhiệm vụ và tên chỉ tiêu.",
    "Cơ quan chủ trì và cơ quan phối hợp phải là các bên tham gia văn bản phối hợp, ghi theo tên hoặc tên viết tắt.",
    "Tải tệp lên: hệ thống kiểm tra toàn bộ và cho xem trước; chỉ khi anh/chị xác nhận, dữ liệu mới được lưu.",
]


def template(target: AnnualPlan | None = None) -> bytes:
    title = TITLE if target is None else f"{TITLE} {target.year}"
    instructions = list(INSTRUCTIONS)
    if target is not None:
        instructions.insert(
            0, f"Văn bản: {target.agreement.number_symbol} {target.agreement.title}".strip()
        )
    return template_xlsx(title=title, instructions=instructions, sheets=specs(target))


@dataclass
class TaskRow:
    outcome: RowOutcome
    letters: dict[str, str]
    number: int | None = None
    values: dict[str, Any] = field(default_factory=dict)
    supporting: list[Organization] | None = None
    existing: Task | None = None
    made: Task | None = None

    def fail(self, message: str, column: str = "", **params: Any) -> None:
        self.outcome.fail(message, self.letters.get(column, ""), **params)


@dataclass
class IndicatorRow:
    outcome: RowOutcome
    letters: dict[str, str]
    task_row: TaskRow | None = None
    task: Task | None = None
    name: str = ""
    unit: str = ""
    target: Decimal | None = None
    aggregation: str = ""
    existing: Indicator | None = None

    def fail(self, message: str, column: str = "", **params: Any) -> None:
        self.outcome.fail(message, self.letters.get(column, ""), **params)


@dataclass
class Plan:
    preview: Preview
    plan: AnnualPlan
    tasks: list[TaskRow]
    indicators: list[IndicatorRow]


def _whole(value: Any) -> int | None:
    number = number_value(value)
    if number is None:
        return None
    if number != number.to_integral_value() or number <= 0 or number > 32000:
        raise CellError(
            gettext_noop('"%(value)s" không phải là số thứ tự (số nguyên dương).'),
            value=text_value(value),
        )
    return int(number)


def check(
    wb: Any,
    *,
    actor: User,
    target: AnnualPlan | None = None,
    progress: Callable[[int], None] | None = None,
) -> Plan:
    assert target is not None, "a plan's tasks belong to a plan"
    plan = target
    task_spec, indicator_spec = specs(plan)
    found_tasks = read_sheet(wb, task_spec)
    found_indicators = read_sheet(wb, indicator_spec)
    columns = {c.key: c for c in task_spec.columns} | {c.key: c for c in indicator_spec.columns}
    parties = NameIndex([p.organization for p in _parties(plan)])
    signed_as = {fold(p.name_as_signed): p.organization for p in _parties(plan)}
    existing_tasks = {
        t.number: t
        for t in plan.tasks.active()
        .select_related("content_area")
        .prefetch_related("supporting_organizations", "indicators")
    }
    areas = {str(a.number): a for a in plan.agreement.content_areas.all()}
    preview = Preview()
    tasks: list[TaskRow] = []
    by_number: dict[int, TaskRow] = {}

    def party(text: str, row: TaskRow | None, column: str) -> Organization | None:
        matches = parties.find(text)
        if not matches and fold(text) in signed_as:
            matches = [signed_as[fold(text)]]
        if len(matches) == 1:
            return matches[0]  # type: ignore[no-any-return]
        if row is not None:
            if matches:
                row.fail(
                    gettext_noop(
                        'Có %(count)s cơ quan khớp với "%(name)s"; ghi tên đầy đủ để phân biệt.'
                    ),
                    column,
                    count=len(matches),
                    name=text,
                )
            else:
                row.fail(
                    gettext_noop('"%(name)s" không phải là một bên tham gia văn bản của kế hoạch.'),
                    column,
                    name=text,
                )
        return None

    for number, raw in found_tasks.rows:
        row = TaskRow(
            outcome=RowOutcome(sheet=TASKS, row=number, label=text_value(raw.get("title"))),
            letters=found_tasks.letters,
        )
        tasks.append(row)
        preview.rows.append(row.outcome)
        try:
            row.number = _whole(raw.get("number"))
        except CellError as exc:
            row.fail(exc.message, "number", **exc.params)
        for key in ("start", "due"):
            try:
                row.values[key] = date_value(raw.get(key))
            except CellError as exc:
                row.fail(exc.message, key, **exc.params)
        try:
            area = choice_value(raw.get("content_area"), columns["content_area"].choices)
            row.values["content_area"] = areas.get(area) if area else None
        except CellError as exc:
            row.fail(exc.message, "content_area", **exc.params)
        row.values["title"] = text_value(raw.get("title"))
        lead_text = text_value(raw.get("lead"))
        row.values["lead_organization"] = party(lead_text, row, "lead") if lead_text else None
        supporting_text = text_value(raw.get("supporting"))
        if supporting_text:
            row.supporting = [
                o
                for o in (
                    party(clean(t), row, "supporting")
                    for t in supporting_text.split(";")
                    if clean(t)
                )
                if o
            ]
        if row.number is None:
            if not any(i.column == row.letters.get("number") for i in row.outcome.issues):
                row.fail(gettext_noop("Cần ghi số thứ tự của nhiệm vụ."), "number")
            continue
        row.outcome.label = f"{row.number}. {row.values['title']}".strip(". ")
        earlier = by_number.get(row.number)
        if earlier is not None:
            row.fail(
                gettext_noop("Trùng với dòng %(row)s: cùng số thứ tự nhiệm vụ."),
                "number",
                row=earlier.outcome.row,
            )
            continue
        by_number[row.number] = row
        row.existing = existing_tasks.get(row.number)
        if row.existing is None:
            if not row.values["title"]:
                row.fail(gettext_noop("Cần nhập nội dung nhiệm vụ."), "title")
            if not lead_text:
                row.fail(gettext_noop("Nhiệm vụ mới cần ghi cơ quan chủ trì."), "lead")
            if row.outcome.outcome != ERROR:
                row.outcome.outcome = CREATE
        elif row.outcome.outcome != ERROR:
            _decide_task(row, columns)
    if progress is not None:
        progress(25)
    indicators = _check_indicators(found_indicators, columns, by_number, existing_tasks, preview)
    if progress is not None:
        progress(50)
    return Plan(preview=preview, plan=plan, tasks=tasks, indicators=indicators)


def _show(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, datetime.date):
        return format_short(value)
    if isinstance(value, Organization):
        return value.name
    return str(value)


def _decide_task(row: TaskRow, columns: dict[str, Any]) -> None:
    task = row.existing
    assert task is not None
    changes: dict[str, Any] = {}
    for key in ("title", "content_area", "lead_organization", "start", "due"):
        value = row.values.get(key)
        if value in (None, ""):
            continue
        if getattr(task, key) != value:
            changes[key] = value
    if row.supporting is not None:
        now = {o.pk for o in task.supporting_organizations.all()}
        if {o.pk for o in row.supporting} != now:
            changes["supporting"] = row.supporting
    row.values = changes
    headers = {
        "title": "title",
        "content_area": "content_area",
        "lead_organization": "lead",
        "start": "start",
        "due": "due",
        "supporting": "supporting",
    }
    for key, value in changes.items():
        header = columns[headers[key]].header
        if key == "supporting":
            old = ", ".join(o.name for o in task.supporting_organizations.all()) or "—"
            row.outcome.changes.append(f"{header}: {old} → {', '.join(o.name for o in value)}")
        else:
            row.outcome.changes.append(f"{header}: {_show(getattr(task, key))} → {_show(value)}")
    row.outcome.outcome = UPDATE if changes else UNCHANGED


def _check_indicators(
    found: Any,
    columns: dict[str, Any],
    by_number: dict[int, TaskRow],
    existing_tasks: dict[int, Task],
    preview: Preview,
) -> list[IndicatorRow]:
    rows: list[IndicatorRow] = []
    seen: dict[tuple[int, str], IndicatorRow] = {}
    for number, raw in found.rows:
        row = IndicatorRow(
            outcome=RowOutcome(sheet=INDICATORS, row=number, label=text_value(raw.get("name"))),
            letters=found.letters,
        )
        rows.append(row)
        preview.rows.append(row.outcome)
        row.name = text_value(raw.get("name"))
        try:
            task_number = _whole(raw.get("task"))
        except CellError as exc:
            row.fail(exc.message, "task", **exc.params)
            task_number = None
        for key in ("unit", "aggregation"):
            try:
                setattr(row, key, choice_value(raw.get(key), columns[key].choices))
            except CellError as exc:
                row.fail(exc.message, key, **exc.params)
        try:
            row.target = number_value(raw.get("target"))
        except CellError as exc:
            row.fail(exc.message, "target", **exc.params)
        if not row.name:
            row.fail(gettext_noop("Cần nhập tên chỉ tiêu."), "name")
        if task_number is None:
            if not any(i.column == row.letters.get("task") for i in row.outcome.issues):
                row.fail(gettext_noop("Cần ghi số thứ tự của nhiệm vụ."), "task")
            continue
        row.outcome.label = f"{task_number}. {row.name}"
        row.task_row = by_number.get(task_number)
        row.task = existing_tasks.get(task_number)
        if row.task_row is None and row.task is None:
            row.fail(
                gettext_noop("Kế hoạch và tệp không có nhiệm vụ số %(number)s."),
                "task",
                number=task_number,
            )
            continue
        if row.task_row is not None and row.task_row.outcome.outcome == ERROR:
            row.fail(
                gettext_noop("Nhiệm vụ ở dòng %(row)s có lỗi."),
                "task",
                row=row.task_row.outcome.row,
            )
        if row.outcome.outcome == ERROR:
            continue
        same = (task_number, fold(row.name))
        if same in seen:
            row.fail(
                gettext_noop("Trùng với dòng %(row)s: cùng nhiệm vụ, cùng tên chỉ tiêu."),
                "name",
                row=seen[same].outcome.row,
            )
            continue
        seen[same] = row
        matches = [
            i
            for i in (row.task.indicators.all() if row.task else [])
            if fold(i.name) == fold(row.name) and not i.is_archived
        ]
        if len(matches) > 1:
            row.fail(
                gettext_noop(
                    'Nhiệm vụ có %(count)s chỉ tiêu cùng tên "%(name)s"; sửa trong hệ thống cho khác nhau rồi nhập lại.'
                ),
                "name",
                count=len(matches),
                name=row.name,
            )
            continue
        row.existing = matches[0] if matches else None
        if row.existing is None:
            if not row.unit:
                row.fail(gettext_noop("Chỉ tiêu mới cần chọn đơn vị tính."), "unit")
            if row.target is None:
                row.fail(gettext_noop("Chỉ tiêu mới cần ghi con số chỉ tiêu."), "target")
            if row.outcome.outcome != ERROR:
                row.outcome.outcome = CREATE
            continue
        old = row.existing
        new = (
            row.unit or old.unit,
            row.target if row.target is not None else old.target,
            row.aggregation or old.aggregation,
        )
        if new == (old.unit, old.target, old.aggregation):
            row.outcome.outcome = UNCHANGED
        else:
            row.outcome.outcome = UPDATE
            for key, before, after in zip(
                ("unit", "target", "aggregation"),
                (old.unit, old.target, old.aggregation),
                new,
                strict=True,
            ):
                if before != after:
                    choices = dict(columns[key].choices) if columns[key].choices else {}
                    row.outcome.changes.append(
                        f"{columns[key].header}: {choices.get(before, before)} → {choices.get(after, after)}"
                    )
    return rows


def apply(plan: Plan, *, actor: User, progress: Callable[[int], None] | None = None) -> None:
    annual_plan = AnnualPlan.objects.select_related("agreement").get(pk=plan.plan.pk)
    for row in plan.tasks:
        if row.outcome.outcome in (ERROR, UNCHANGED):
            continue
        try:
            with transaction.atomic():
                if row.existing is None:
                    fields = {k: v for k, v in row.values.items() if v is not None}
                    fields["number"] = row.number
                    row.made = plan_services.task_create(
                        actor=actor,
                        plan=annual_plan,
                        fields=fields,
                        supporting=row.supporting or [],
                    )
                else:
                    task = Task.objects.select_related("plan__agreement").get(pk=row.existing.pk)
                    fields = {name: getattr(task, name) for name in plan_services.TASK_FIELDS}
                    fields.update({k: v for k, v in row.values.items() if k != "supporting"})
                    supporting = row.values.get(
                        "supporting", list(task.supporting_organizations.all())
                    )
                    plan_services.task_update(
                        actor=actor, task=task, fields=fields, supporting=supporting
                    )
        except (ValidationError, PermissionDenied) as exc:
            _fail_from(row, exc)
    if progress is not None:
        progress(75)
    for ind in plan.indicators:
        if (
            ind.task_row is not None
            and ind.task_row.outcome.outcome == ERROR
            and ind.outcome.outcome != ERROR
        ):
            ind.fail(
                gettext_noop("Nhiệm vụ ở dòng %(row)s có lỗi."),
                "task",
                row=ind.task_row.outcome.row,
            )
        if ind.outcome.outcome in (ERROR, UNCHANGED):
            continue
        owner = ind.task_row.made if ind.task_row is not None and ind.task_row.made else ind.task
        try:
            with transaction.atomic():
                owner = Task.objects.select_related("plan__agreement").get(pk=owner.pk)  # type: ignore[union-attr]
                old = ind.existing
                plan_services.indicator_set(
                    actor=actor,
                    owner=owner,
                    name=old.name if old else ind.name,
                    unit=ind.unit or (old.unit if old else ""),
                    target=ind.target if ind.target is not None else old.target,  # type: ignore[union-attr]
                    aggregation=ind.aggregation
                    or (old.aggregation if old else Indicator.Aggregation.SUM),
                    indicator=Indicator.objects.get(pk=old.pk) if old else None,
                )
        except (ValidationError, PermissionDenied) as exc:
            _fail_from(ind, exc)


def _fail_from(row: TaskRow | IndicatorRow, exc: ValidationError | PermissionDenied) -> None:
    if isinstance(exc, PermissionDenied):
        row.fail(gettext_noop("Anh/chị không có quyền sửa kế hoạch này."), "")
        return
    keys = {"lead_organization": "lead", "supporting_organizations": "supporting"}
    if hasattr(exc, "error_dict"):
        for key, messages in exc.message_dict.items():
            column = keys.get(key, key)
            for message in messages:
                row.fail(
                    gettext_noop("Không lưu được: %(detail)s"),
                    column if column in row.letters else "",
                    detail=message,
                )
    else:
        for message in exc.messages:
            row.fail(gettext_noop("Không lưu được: %(detail)s"), "", detail=message)
