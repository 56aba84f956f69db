"""Officials and the titles they held, from Excel: one row per title (name, organisation,
rank, position, from which date). Written through the registry's services (orgs.services):
a new official with their first title, then each later or earlier title added to their record."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_noop

from phoihop.imports.checking import CREATE, ERROR, UNCHANGED, UPDATE, Preview, RowOutcome
from phoihop.imports.matching import NameIndex
from phoihop.imports.workbooks import (
    CellError,
    Column,
    SheetSpec,
    date_value,
    read_sheet,
    template_xlsx,
    text_value,
)
from phoihop.orgs import access as org_access
from phoihop.orgs import services as org_services
from phoihop.orgs.models import Organization, Person
from phoihop.vn.dates import format_short
from phoihop.vn.text import clean, fold

if TYPE_CHECKING:
    from django.contrib.auth.models import User

SHEET = "Cán bộ"
TITLE = "MẪU NHẬP DANH SÁCH CÁN BỘ VÀ CHỨC VỤ"


def specs(target: Any = None) -> list[SheetSpec]:
    return [spec()]


def spec() -> SheetSpec:
    return SheetSpec(
        name=SHEET,
        columns=[
            Column(
                "full_name",
                "Họ và tên",
                required=True,
                width=30,
                note="cán bộ đã có ở cơ quan được nhận ra theo họ tên (không phân biệt hoa thường, dấu).",
            ),
            Column(
                "organization",
                "Cơ quan, đơn vị",
                required=True,
                width=45,
                note="tên hoặc tên viết tắt của cơ quan trong danh mục.",
            ),
            Column("rank", "Cấp bậc", width=18, note="ví dụ: Thượng tá; để trống nếu không có."),
            Column("position", "Chức vụ", width=30),
            Column(
                "since",
                "Từ ngày",
                kind="date",
                width=16,
                note="ngày bắt đầu giữ chức vụ, dạng ngày/tháng/năm.",
            ),
        ],
    )


INSTRUCTIONS = [
    "Mỗi dòng của trang «Cán bộ» là một chức vụ một cán bộ giữ từ một ngày. Cột có dấu (*) là bắt buộc.",
    "Một cán bộ giữ nhiều chức vụ qua các thời kỳ thì ghi nhiều dòng, mỗi dòng một chức vụ với ngày bắt đầu. "
    "Chức vụ hiện tại là chức vụ có ngày bắt đầu muộn nhất.",
    "Cơ quan ghi theo tên hoặc tên viết tắt trong danh mục. Cán bộ đã có ở cơ quan ấy được nhận ra theo họ tên, "
    "không phân biệt chữ hoa, chữ thường và dấu; nếu cơ quan có hai cán bộ trùng họ tên, hệ thống báo lỗi.",
    "Chỉ ghi cán bộ của cơ quan, đơn vị mà anh/chị có quyền cập nhật (cán bộ thực hiện trở lên).",
    "Tải tệp lên: hệ thống kiểm tra toàn bộ và cho xem trước; chỉ khi anh/chị xác nhận, dữ liệu mới được lưu.",
]


def template(target: Any = None) -> bytes:
    return template_xlsx(title=TITLE, instructions=INSTRUCTIONS, sheets=[spec()])


@dataclass
class PersonRow:
    outcome: RowOutcome
    letters: dict[str, str]
    key: tuple[int, str] | None = None
    full_name: str = ""
    organization: Organization | None = None
    rank: str = ""
    position: str = ""
    since: datetime.date | None = None
    existing: Person | None = None
    first_of_new: bool = False
    made: list[Person] = field(default_factory=list)  # shared by the rows of one new official

    def fail(self, message: str, column: str = "", **params: Any) -> None:
        self.outcome.fail(message, self.letters.get(column, ""), **params)


@dataclass
class Plan:
    preview: Preview
    rows: list[PersonRow]


def check(
    wb: Any, *, actor: User, target: Any = None, progress: Callable[[int], None] | None = None
) -> Plan:
    found = read_sheet(wb, spec())
    orgs = NameIndex(Organization.objects.order_by("pk"))
    preview = Preview()
    rows: list[PersonRow] = []
    for number, raw in found.rows:
        row = PersonRow(
            outcome=RowOutcome(sheet=SHEET, row=number, label=""), letters=found.letters
        )
        rows.append(row)
        preview.rows.append(row.outcome)
        row.full_name = text_value(raw.get("full_name"))
        row.rank, row.position = text_value(raw.get("rank")), text_value(raw.get("position"))
        try:
            row.since = date_value(raw.get("since"))
        except CellError as exc:
            row.fail(exc.message, "since", **exc.params)
        row.outcome.label = " — ".join(
            p for p in [row.full_name, " ".join(p for p in [row.rank, row.position] if p)] if p
        )
        if row.since:
            row.outcome.label += f" ({format_short(row.since)})"
        if not row.full_name:
            row.fail(gettext_noop("Cần nhập họ và tên."), "full_name")
        org_text = text_value(raw.get("organization"))
        matches = orgs.find(org_text) if org_text else []
        if not org_text:
            row.fail(gettext_noop("Cần ghi cơ quan, đơn vị của cán bộ."), "organization")
        elif len(matches) > 1:
            row.fail(
                gettext_noop(
                    'Có %(count)s cơ quan khớp với "%(name)s"; ghi tên đầy đủ để phân biệt.'
                ),
                "organization",
                count=len(matches),
                name=org_text,
            )
        elif not matches:
            row.fail(
                gettext_noop('Không tìm thấy cơ quan "%(name)s" trong danh mục.'),
                "organization",
                name=org_text,
            )
        elif matches[0].is_archived:
            row.fail(
                gettext_noop('Cơ quan "%(name)s" đã được lưu trữ.'),
                "organization",
                name=matches[0].name,
            )
        elif not org_access.can_add_person_to(actor, matches[0].pk):
            row.fail(
                gettext_noop('Anh/chị không có quyền cập nhật cán bộ của "%(name)s".'),
                "organization",
                name=matches[0].name,
            )
        else:
            row.organization = matches[0]
        if row.full_name and row.organization is not None:
            row.key = (row.organization.pk, fold(row.full_name))
    if progress is not None:
        progress(25)
    # Each official's rows in the order of their dates: the first makes a new official, the
    # others add titles to them.
    ordered = sorted(
        rows,
        key=lambda r: (
            r.key is None,
            r.key or (0, ""),
            r.since or datetime.date.min,
            r.outcome.row,
        ),
    )
    _match_people(ordered)
    if progress is not None:
        progress(50)
    return Plan(preview=preview, rows=ordered)


def _match_people(rows: list[PersonRow]) -> None:
    org_ids = {r.key[0] for r in rows if r.key}
    people: dict[tuple[int, str], list[Person]] = {}
    for person in Person.objects.filter(organization_id__in=org_ids).prefetch_related("titles"):
        people.setdefault((person.organization_id or 0, fold(person.full_name)), []).append(person)
    seen: dict[tuple[Any, ...], PersonRow] = {}
    made: dict[tuple[int, str], list[Person]] = {}
    for row in rows:
        if row.key is None or row.outcome.outcome == ERROR:
            continue
        same = (*row.key, row.since)
        earlier = seen.get(same)
        if earlier is not None:
            row.fail(
                gettext_noop("Trùng với dòng %(row)s: cùng cán bộ, cùng ngày bắt đầu."),
                "since",
                row=earlier.outcome.row,
            )
            continue
        seen[same] = row
        matches = people.get(row.key, [])
        if len(matches) > 1:
            row.fail(
                gettext_noop(
                    'Cơ quan có %(count)s cán bộ cùng họ tên "%(name)s"; sửa trong hệ thống cho khác nhau rồi nhập lại.'
                ),
                "full_name",
                count=len(matches),
                name=row.full_name,
            )
            continue
        if not matches:
            row.first_of_new = row.key not in made
            row.made = made.setdefault(row.key, [])
            if row.first_of_new:
                row.outcome.outcome = CREATE
            elif row.position:
                row.outcome.outcome = UPDATE
                row.outcome.changes.append(
                    f"+ {' '.join(p for p in [row.rank, row.position] if p)}"
                )
            else:
                row.outcome.outcome = UNCHANGED
            continue
        row.existing = matches[0]
        if row.existing.is_archived:
            row.fail(
                gettext_noop(
                    'Hồ sơ cán bộ "%(name)s" đã được lưu trữ; khôi phục trước khi cập nhật.'
                ),
                "full_name",
                name=row.existing.full_name,
            )
            continue
        held = [t for t in row.existing.titles.all() if t.valid_from == row.since]
        if not row.position:
            row.outcome.outcome = UNCHANGED
        elif any((clean(t.position), clean(t.rank)) == (row.position, row.rank) for t in held):
            row.outcome.outcome = UNCHANGED
        elif held:
            other = held[0]
            row.fail(
                gettext_noop(
                    'Cán bộ đã có chức vụ "%(title)s" từ cùng ngày trong hệ thống; sửa trong hệ thống hoặc ghi ngày khác.'
                ),
                "position",
                title=" ".join(p for p in [other.rank, other.position] if p),
            )
        else:
            row.outcome.outcome = UPDATE
            row.outcome.changes.append(f"+ {' '.join(p for p in [row.rank, row.position] if p)}")


def apply(plan: Plan, *, actor: User, progress: Callable[[int], None] | None = None) -> None:
    total = max(len(plan.rows), 1)
    for i, row in enumerate(plan.rows):
        if row.outcome.outcome in (ERROR, UNCHANGED):
            continue
        try:
            with transaction.atomic():
                if row.first_of_new:
                    person = org_services.person_create(
                        actor=actor,
                        full_name=row.full_name,
                        organization=row.organization,
                        rank=row.rank,
                        position=row.position,
                        since=row.since,
                    )
                    row.made.append(person)
                    continue
                if row.existing is None and not row.made:
                    row.fail(gettext_noop("Dòng đầu tiên của cán bộ này có lỗi."), "full_name")
                    continue
                person = row.made[0] if row.made else Person.objects.get(pk=row.existing.pk)  # type: ignore[union-attr]
                org_services.person_title_add(
                    actor=actor,
                    person=person,
                    rank=row.rank,
                    position=row.position,
                    since=row.since,
                    organization=row.organization,
                )
        except (ValidationError, PermissionDenied) as exc:
            detail = " ".join(exc.messages) if isinstance(exc, ValidationError) else ""
            row.fail(gettext_noop("Không lưu được: %(detail)s"), "", detail=detail)
        if progress is not None and i % 100 == 0:
            progress(50 + int(50 * i / total))
