"""The organisation registry from Excel: name, short name, kind, level, superior body (by
name) and validity dates. Written through the registry's own services (orgs.services)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
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
    read_sheet,
    template_xlsx,
    text_value,
)
from phoihop.orgs import services as org_services
from phoihop.orgs.models import Organization
from phoihop.vn.dates import format_short
from phoihop.vn.text import fold

if TYPE_CHECKING:
    from django.contrib.auth.models import User

SHEET = "Tổ chức"
TITLE = "MẪU NHẬP DANH MỤC CƠ QUAN, ĐƠN VỊ"
FIELDS = ("short_name", "kind", "level", "parent", "valid_from", "valid_to")


def _labels(choices: Any) -> list[tuple[str, str]]:
    with translation.override("vi"):
        return [(value, str(label)) for value, label in choices]


def specs(target: Any = None) -> list[SheetSpec]:
    return [spec()]


def spec() -> SheetSpec:
    return SheetSpec(
        name=SHEET,
        columns=[
            Column(
                "name",
                "Tên cơ quan, đơn vị",
                required=True,
                width=45,
                note="tên đầy đủ; cơ quan đã có trong danh mục được nhận ra theo tên (không phân biệt hoa thường, dấu).",
            ),
            Column("short_name", "Tên viết tắt", width=22),
            Column(
                "kind",
                "Loại",
                kind="choice",
                choices=_labels(Organization.Kind.choices),
                width=28,
                note="chọn trong danh sách; bắt buộc với cơ quan mới.",
            ),
            Column(
                "level",
                "Cấp",
                kind="choice",
                choices=_labels(Organization.Level.choices),
                width=28,
                note="chọn trong danh sách; bắt buộc với cơ quan mới.",
            ),
            Column(
                "parent",
                "Cơ quan cấp trên",
                width=45,
                note="tên (hoặc tên viết tắt) của một cơ quan đã có trong danh mục hoặc ở một dòng khác của trang này.",
            ),
            Column(
                "valid_from",
                "Hoạt động từ ngày",
                kind="date",
                width=18,
                note="ngày/tháng/năm, ví dụ 01/07/2025.",
            ),
            Column(
                "valid_to",
                "Hoạt động đến ngày",
                kind="date",
                width=18,
                note="ngày/tháng/năm; để trống nếu còn hoạt động.",
            ),
        ],
    )


INSTRUCTIONS = [
    "Mỗi dòng của trang «Tổ chức» là một cơ quan, đơn vị. Cột có dấu (*) là bắt buộc.",
    "Cơ quan đã có trong danh mục được nhận ra theo tên, không phân biệt chữ hoa, chữ thường và dấu "
    "(«Ban chi huy quan su quan 4» là «Ban Chỉ huy Quân sự Quận 4»). Khi đó các cột có ghi sẽ cập nhật "
    "cơ quan ấy; cột để trống giữ nguyên giá trị đã lưu. Tên không đổi qua nhập dữ liệu: đổi tên, sáp nhập "
    "thì ghi nhận sắp xếp, kế thừa trong hệ thống.",
    "Cơ quan cấp trên ghi theo tên hoặc tên viết tắt; có thể là cơ quan ở một dòng khác của trang này. "
    "Nếu hai cơ quan trong danh mục trùng tên, hệ thống báo lỗi để anh/chị sửa, không tự chọn.",
    "Ngày ghi theo dạng ngày/tháng/năm (ví dụ 15/09/2023).",
    "Tải tệp lên: hệ thống kiểm tra toàn bộ và cho xem trước các dòng sẽ thêm mới, cập nhật, không đổi và "
    "các lỗi (trang, dòng, cột). Chỉ khi anh/chị xác nhận, dữ liệu mới được lưu, tất cả cùng lúc.",
]


def template(target: Any = None) -> bytes:
    return template_xlsx(title=TITLE, instructions=INSTRUCTIONS, sheets=[spec()])


@dataclass
class OrgRow:
    outcome: RowOutcome
    letters: dict[str, str]
    key: str = ""
    values: dict[str, Any] = field(default_factory=dict)
    parent_text: str = ""
    existing: Organization | None = None
    parent: Organization | None = None
    parent_row: OrgRow | None = None
    changed: dict[str, Any] = field(default_factory=dict)
    created: Organization | None = None

    def fail(self, message: str, column: str = "", **params: Any) -> None:
        self.outcome.fail(message, self.letters.get(column, ""), **params)


@dataclass
class Plan:
    """The checked rows, parents before the rows below them, ready to apply."""

    preview: Preview
    rows: list[OrgRow]


def check(
    wb: Any, *, actor: User, target: Any = None, progress: Callable[[int], None] | None = None
) -> Plan:
    """Read and check every row against the registry; nothing is written."""
    found = read_sheet(wb, spec())
    columns = {c.key: c for c in found.spec.columns}
    index = NameIndex(Organization.objects.order_by("pk"))
    preview = Preview()
    rows: list[OrgRow] = []
    first_row_of: dict[str, OrgRow] = {}
    total = max(len(found.rows), 1)
    for i, (number, raw) in enumerate(found.rows):
        name = text_value(raw.get("name"))
        row = OrgRow(outcome=RowOutcome(sheet=SHEET, row=number, label=name), letters=found.letters)
        rows.append(row)
        preview.rows.append(row.outcome)
        for key in ("kind", "level"):
            try:
                row.values[key] = choice_value(raw.get(key), columns[key].choices)
            except CellError as exc:
                row.fail(exc.message, key, **exc.params)
        for key in ("valid_from", "valid_to"):
            try:
                row.values[key] = date_value(raw.get(key))
            except CellError as exc:
                row.fail(exc.message, key, **exc.params)
        row.values["short_name"] = text_value(raw.get("short_name"))
        row.parent_text = text_value(raw.get("parent"))
        if not name:
            row.fail(gettext_noop("Cần nhập tên cơ quan, đơn vị."), "name")
            continue
        row.key = fold(name)
        earlier = first_row_of.get(row.key)
        if earlier is not None:
            row.fail(
                gettext_noop("Trùng với dòng %(row)s: mỗi cơ quan chỉ ghi một dòng."),
                "name",
                row=earlier.outcome.row,
            )
            continue
        first_row_of[row.key] = row
        matches = index.by_name(name)
        if len(matches) > 1:
            row.fail(
                gettext_noop(
                    'Danh mục có %(count)s cơ quan cùng tên "%(name)s"; sửa tên trong danh mục cho khác nhau rồi nhập lại.'
                ),
                "name",
                count=len(matches),
                name=name,
            )
        elif matches:
            row.existing = matches[0]
            if row.existing.is_archived:
                row.fail(
                    gettext_noop(
                        'Cơ quan "%(name)s" đã được lưu trữ trong danh mục; khôi phục trước khi cập nhật.'
                    ),
                    "name",
                    name=row.existing.name,
                )
        else:
            for key in ("kind", "level"):
                if not row.values.get(key) and not any(
                    i.column == row.letters.get(key) for i in row.outcome.issues
                ):
                    row.fail(
                        gettext_noop("Cơ quan mới cần chọn %(what)s."),
                        key,
                        what=columns[key].header.lower(),
                    )
        if progress is not None and i % 200 == 0:
            progress(int(40 * i / total))
    _resolve_parents(rows, index, first_row_of)
    ordered = _parents_first(rows)
    for row in ordered:
        _decide(row, columns)
    if progress is not None:
        progress(50)
    return Plan(preview=preview, rows=ordered)


def _resolve_parents(rows: list[OrgRow], index: NameIndex, in_file: dict[str, OrgRow]) -> None:
    for row in rows:
        if not row.parent_text or not row.key:
            continue
        key = fold(row.parent_text)
        if key == row.key:
            row.fail(gettext_noop("Cơ quan cấp trên không thể là chính nó."), "parent")
            continue
        matches = index.by_name(row.parent_text)
        file_row = in_file.get(key)
        if not matches and file_row is not None:
            row.parent_row = file_row
            continue
        if not matches:
            matches = index.by_short_name(row.parent_text)
        matches = [m for m in matches if not m.is_archived] or matches
        if len(matches) > 1:
            row.fail(
                gettext_noop(
                    'Có %(count)s cơ quan khớp với "%(name)s"; ghi tên đầy đủ để phân biệt.'
                ),
                "parent",
                count=len(matches),
                name=row.parent_text,
            )
        elif not matches:
            row.fail(
                gettext_noop(
                    'Không tìm thấy cơ quan cấp trên "%(name)s" trong danh mục hay trong tệp.'
                ),
                "parent",
                name=row.parent_text,
            )
        elif matches[0].is_archived:
            row.fail(
                gettext_noop('Cơ quan cấp trên "%(name)s" đã được lưu trữ.'),
                "parent",
                name=matches[0].name,
            )
        else:
            row.parent = matches[0]
            # The superior body named is a row of this file too: its new values come first.
            if (
                file_row is not None
                and file_row.existing is not None
                and file_row.existing.pk == matches[0].pk
            ):
                row.parent_row = file_row


def _parents_first(rows: list[OrgRow]) -> list[OrgRow]:
    """Rows in an order where each row's superior body (when it is a row) comes before it; a
    ring of rows naming each other as superior is an error on each of them."""
    ordered: list[OrgRow] = []
    state: dict[int, int] = {}  # 1 visiting, 2 done

    def visit(row: OrgRow) -> None:
        chain: list[OrgRow] = []
        current: OrgRow | None = row
        while current is not None and state.get(id(current)) != 2:
            if state.get(id(current)) == 1:
                for r in chain[chain.index(current) :]:
                    r.fail(
                        gettext_noop(
                            "Các dòng ghi cơ quan cấp trên vòng tròn (cơ quan là cấp trên của chính nó)."
                        ),
                        "parent",
                    )
                    r.parent_row = None
                break
            state[id(current)] = 1
            chain.append(current)
            current = current.parent_row
        for r in reversed(chain):
            if state.get(id(r)) != 2:
                state[id(r)] = 2
                ordered.append(r)

    for row in rows:
        visit(row)
    return ordered


def _show(value: Any, column: Column) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, datetime.date):
        return format_short(value)
    if isinstance(value, Organization):
        return value.name
    if column.kind == "choice":
        return dict(column.choices).get(value, str(value))
    return str(value)


def _decide(row: OrgRow, columns: dict[str, Column]) -> None:
    """Create, update (with the fields that change) or leave unchanged."""
    if row.parent_row is not None and row.parent_row.outcome.outcome == ERROR:
        row.fail(
            gettext_noop("Cơ quan cấp trên ở dòng %(row)s có lỗi."),
            "parent",
            row=row.parent_row.outcome.row,
        )
    if row.outcome.outcome == ERROR:
        return
    given = {k: v for k, v in row.values.items() if v not in ("", None)}
    existing = row.existing
    if existing is None:
        row.outcome.outcome = CREATE
        return
    changed: dict[str, Any] = {}
    for key in FIELDS:
        if key in given and getattr(existing, key) != given[key]:
            changed[key] = given[key]
    if row.parent_row is not None and row.parent_row.existing is None:
        changed["parent"] = row.parent_row  # made by this import: set when applied
    elif row.parent is not None and existing.parent_id != row.parent.pk:
        changed["parent"] = row.parent
    valid_from = changed.get("valid_from", existing.valid_from)
    valid_to = changed.get("valid_to", existing.valid_to)
    if valid_from and valid_to and valid_to < valid_from:
        # One of the two dates is the stored one: the row and the registry disagree.
        key = "valid_to" if "valid_to" in changed else "valid_from"
        row.fail(
            gettext_noop(
                "Ngày %(given)s mâu thuẫn với ngày đã lưu trong danh mục (hoạt động từ %(start)s đến %(end)s)."
            ),
            key,
            given=format_short(changed[key]),
            start=format_short(valid_from),
            end=format_short(valid_to),
        )
        return
    row.changed = changed
    row.outcome.outcome = UPDATE if changed else UNCHANGED
    for key, value in changed.items():
        old = existing.parent if key == "parent" else getattr(existing, key)
        new = value.outcome.label if isinstance(value, OrgRow) else value
        row.outcome.changes.append(
            f"{columns[key].header}: {_show(old, columns[key])} → {_show(new, columns[key])}"
        )


def apply(plan: Plan, *, actor: User, progress: Callable[[int], None] | None = None) -> None:
    """Write the rows without errors through the registry's services, each in a savepoint: a row
    the services refuse becomes an error of the preview. The caller holds the transaction (and
    rolls it back when it only rehearses, or when any row failed)."""
    total = max(len(plan.rows), 1)
    for i, row in enumerate(plan.rows):
        if (
            row.parent_row is not None
            and row.parent_row.outcome.outcome == ERROR
            and row.outcome.outcome != ERROR
        ):
            row.fail(
                gettext_noop("Cơ quan cấp trên ở dòng %(row)s có lỗi."),
                "parent",
                row=row.parent_row.outcome.row,
            )
        if row.outcome.outcome in (ERROR, UNCHANGED):
            continue
        parent = (
            row.parent_row.created
            if row.parent_row is not None and row.parent_row.created
            else row.parent
        )
        try:
            with transaction.atomic():
                if row.existing is None:
                    fields = {k: v for k, v in row.values.items() if v not in ("", None)}
                    fields["name"] = row.outcome.label
                    if parent is not None:
                        fields["parent"] = parent
                    row.created = org_services.organization_create(actor=actor, fields=fields)
                else:
                    organization = Organization.objects.select_related("parent").get(
                        pk=row.existing.pk
                    )
                    fields = dict(row.changed)
                    if "parent" in fields:
                        fields["parent"] = parent
                    org_services.organization_update(
                        actor=actor, organization=organization, fields=fields
                    )
        except ValidationError as exc:
            _fail_from(row, exc)
        if progress is not None and i % 100 == 0:
            progress(50 + int(50 * i / total))


def _fail_from(row: OrgRow, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for key, messages in exc.message_dict.items():
            column = key if key in row.letters else ""
            for message in messages:
                row.fail(gettext_noop("Không lưu được: %(detail)s"), column, detail=message)
    else:
        for message in exc.messages:
            row.fail(gettext_noop("Không lưu được: %(detail)s"), "", detail=message)


KIND = "registry"
SHEETS = [SHEET]
__all__ = ["KIND", "SHEETS", "Plan", "apply", "check", "spec", "template", "UPDATE"]
