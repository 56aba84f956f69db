"""An agreement's parties and content areas from Excel, for one agreement (the batch's target).

Parties are known by their organisation (a name or short name of the registry), content areas
by their number. The file adds and changes; what it does not name stays as it is. Written in
one call of the agreements' own service (agreement_update), which checks the whole: two
parties at least, a lead party, each body once, the content areas' responsible bodies among the
parties, no content area taken away that a plan's task holds."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation
from django.utils.translation import gettext_noop

from phoihop.agreements import services as agreement_services
from phoihop.agreements.models import Agreement, Party
from phoihop.imports.checking import CREATE, ERROR, UNCHANGED, UPDATE, Issue, Preview, RowOutcome
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
from phoihop.vn.dates import format_short
from phoihop.vn.text import clean

if TYPE_CHECKING:
    from django.contrib.auth.models import User

PARTIES = "Bên tham gia"
AREAS = "Nội dung phối hợp"
TITLE = "MẪU NHẬP CÁC BÊN THAM GIA VÀ NỘI DUNG PHỐI HỢP"
PARTY_FIELDS = (
    "role",
    "name_as_signed",
    "signatory_name",
    "signatory_rank",
    "signatory_position",
    "signed_on",
)


def _labels(choices: Any) -> list[tuple[str, str]]:
    with translation.override("vi"):
        return [(value, str(label)) for value, label in choices]


def specs(target: Agreement | None = None) -> list[SheetSpec]:
    return [
        SheetSpec(
            PARTIES,
            [
                Column(
                    "organization",
                    "Cơ quan, đơn vị",
                    required=True,
                    width=40,
                    note="tên hoặc tên viết tắt trong danh mục; bên đã có được nhận ra theo cơ quan.",
                ),
                Column(
                    "role",
                    "Vai trò",
                    kind="choice",
                    choices=_labels(Party.Role.choices),
                    width=14,
                    note="Chủ trì hoặc Phối hợp; bắt buộc với bên mới.",
                ),
                Column(
                    "name_as_signed",
                    "Tên khi ký",
                    width=35,
                    note="tên cơ quan ghi trên văn bản khi ký, nếu khác tên hiện nay.",
                ),
                Column("signatory_name", "Người ký", width=25),
                Column("signatory_rank", "Cấp bậc người ký", width=16),
                Column("signatory_position", "Chức vụ người ký", width=25),
                Column(
                    "signed_on",
                    "Ngày ký",
                    kind="date",
                    width=14,
                    note="ngày/tháng/năm; để trống là ngày ký của văn bản.",
                ),
            ],
        ),
        SheetSpec(
            AREAS,
            [
                Column(
                    "number",
                    "Số TT",
                    kind="number",
                    required=True,
                    width=8,
                    note="nội dung đã có được nhận ra theo số thứ tự.",
                ),
                Column("title", "Nội dung", width=50, note="bắt buộc với nội dung mới."),
                Column("text", "Chi tiết", width=50),
                Column(
                    "responsible",
                    "Bên thực hiện",
                    width=40,
                    note="các bên tham gia, cách nhau bằng dấu chấm phẩy (;).",
                ),
            ],
        ),
    ]


INSTRUCTIONS = [
    "Trang «Bên tham gia»: mỗi dòng một bên tham gia văn bản. Trang «Nội dung phối hợp»: mỗi dòng một nội dung. "
    "Cột có dấu (*) là bắt buộc.",
    "Bên đã có được nhận ra theo cơ quan, nội dung đã có theo số thứ tự: các cột có ghi sẽ cập nhật, cột để trống giữ "
    "nguyên. Bên và nội dung không ghi trong tệp vẫn giữ nguyên (tệp không xóa gì).",
    "Văn bản cần ít nhất hai bên và một bên chủ trì; bên thực hiện mỗi nội dung phải là bên tham gia.",
    "Tải tệp lên: hệ thống kiểm tra toàn bộ và cho xem trước; chỉ khi anh/chị xác nhận, dữ liệu mới được lưu.",
]


def template(target: Agreement | None = None) -> bytes:
    instructions = list(INSTRUCTIONS)
    if target is not None:
        instructions.insert(0, f"Văn bản: {target.number_symbol} {target.title}".strip())
    return template_xlsx(title=TITLE, instructions=instructions, sheets=specs(target))


@dataclass
class Row:
    outcome: RowOutcome
    letters: dict[str, str]
    values: dict[str, Any] = field(default_factory=dict)
    organization: Organization | None = None
    number: int | None = None
    responsible: list[Organization] | None = None
    existing: Any = None

    def fail(self, message: str, column: str = "", **params: Any) -> None:
        self.outcome.fail(message, self.letters.get(column, ""), **params)


@dataclass
class Plan:
    preview: Preview
    agreement: Agreement
    parties: list[Row]
    areas: list[Row]


def check(
    wb: Any,
    *,
    actor: User,
    target: Agreement | None = None,
    progress: Callable[[int], None] | None = None,
) -> Plan:
    assert target is not None, "parties and content areas belong to an agreement"
    agreement = target
    party_spec, area_spec = specs(agreement)
    found_parties, found_areas = read_sheet(wb, party_spec), read_sheet(wb, area_spec)
    columns = {c.key: c for c in party_spec.columns}
    registry = NameIndex(Organization.objects.order_by("pk"))
    existing_parties = {
        p.organization_id: p for p in agreement.parties.select_related("organization")
    }
    preview = Preview()
    parties: list[Row] = []
    by_org: dict[int, Row] = {}
    for number, raw in found_parties.rows:
        row = Row(
            outcome=RowOutcome(
                sheet=PARTIES, row=number, label=text_value(raw.get("organization"))
            ),
            letters=found_parties.letters,
        )
        parties.append(row)
        preview.rows.append(row.outcome)
        for key in ("name_as_signed", "signatory_name", "signatory_rank", "signatory_position"):
            row.values[key] = text_value(raw.get(key))
        try:
            row.values["role"] = choice_value(raw.get("role"), columns["role"].choices)
        except CellError as exc:
            row.fail(exc.message, "role", **exc.params)
        try:
            row.values["signed_on"] = date_value(raw.get("signed_on"))
        except CellError as exc:
            row.fail(exc.message, "signed_on", **exc.params)
        name = row.outcome.label
        matches = registry.find(name) if name else []
        if not name:
            row.fail(gettext_noop("Cần ghi cơ quan, đơn vị."), "organization")
            continue
        if len(matches) > 1:
            row.fail(
                gettext_noop(
                    'Có %(count)s cơ quan khớp với "%(name)s"; ghi tên đầy đủ để phân biệt.'
                ),
                "organization",
                count=len(matches),
                name=name,
            )
            continue
        if not matches:
            row.fail(
                gettext_noop('Không tìm thấy cơ quan "%(name)s" trong danh mục.'),
                "organization",
                name=name,
            )
            continue
        row.organization = matches[0]
        row.outcome.label = row.organization.name
        if row.organization.pk in by_org:
            row.fail(
                gettext_noop("Trùng với dòng %(row)s: mỗi bên chỉ ghi một dòng."),
                "organization",
                row=by_org[row.organization.pk].outcome.row,
            )
            continue
        by_org[row.organization.pk] = row
        row.existing = existing_parties.get(row.organization.pk)
        if row.outcome.outcome == ERROR:
            continue
        if row.existing is None:
            if row.organization.is_archived:
                row.fail(
                    gettext_noop('Cơ quan "%(name)s" đã được lưu trữ.'),
                    "organization",
                    name=row.organization.name,
                )
            elif not row.values.get("role"):
                row.fail(gettext_noop("Bên mới cần chọn vai trò."), "role")
            else:
                row.outcome.outcome = CREATE
            continue
        changes = {
            k: v
            for k, v in row.values.items()
            if v not in ("", None) and getattr(row.existing, k) != v
        }
        row.values = changes
        for key, value in changes.items():
            column = columns[key]
            row.outcome.changes.append(
                f"{column.header}: {_show(getattr(row.existing, key), column)} → {_show(value, column)}"
            )
        row.outcome.outcome = UPDATE if changes else UNCHANGED
    if progress is not None:
        progress(25)
    party_orgs = {
        pk: (r.organization if r else existing_parties[pk].organization)
        for pk, r in ({**dict.fromkeys(existing_parties), **by_org}).items()
    }
    parties_index = NameIndex([o for o in party_orgs.values() if o is not None])
    areas = _check_areas(found_areas, agreement, parties_index, preview)
    if progress is not None:
        progress(50)
    return Plan(preview=preview, agreement=agreement, parties=parties, areas=areas)


def _show(value: Any, column: Column) -> str:
    if value in (None, ""):
        return "—"
    if isinstance(value, datetime.date):
        return format_short(value)
    return str(dict(column.choices).get(value, value))


def _check_areas(
    found: Any, agreement: Agreement, parties: NameIndex, preview: Preview
) -> list[Row]:
    existing = {a.number: a for a in agreement.content_areas.prefetch_related("responsible")}
    rows: list[Row] = []
    seen: dict[int, Row] = {}
    for number, raw in found.rows:
        row = Row(
            outcome=RowOutcome(sheet=AREAS, row=number, label=text_value(raw.get("title"))),
            letters=found.letters,
        )
        rows.append(row)
        preview.rows.append(row.outcome)
        try:
            value = number_value(raw.get("number"))
            if value is not None and (
                value != value.to_integral_value() or value <= 0 or value > 32000
            ):
                raise CellError(
                    gettext_noop('"%(value)s" không phải là số thứ tự (số nguyên dương).'),
                    value=text_value(raw.get("number")),
                )
            row.number = int(value) if value is not None else None
        except CellError as exc:
            row.fail(exc.message, "number", **exc.params)
            continue
        if row.number is None:
            row.fail(gettext_noop("Cần ghi số thứ tự của nội dung."), "number")
            continue
        row.values = {
            "title": text_value(raw.get("title")),
            "text": str(raw.get("text") or "").strip(),
        }
        names = [clean(t) for t in text_value(raw.get("responsible")).split(";") if clean(t)]
        if names:
            row.responsible = []
            for name in names:
                matches = parties.find(name)
                if len(matches) == 1:
                    row.responsible.append(matches[0])
                else:
                    row.fail(
                        gettext_noop('"%(name)s" không phải là một bên tham gia văn bản.'),
                        "responsible",
                        name=name,
                    )
        if row.number in seen:
            row.fail(
                gettext_noop("Trùng với dòng %(row)s: cùng số thứ tự nội dung."),
                "number",
                row=seen[row.number].outcome.row,
            )
            continue
        seen[row.number] = row
        row.existing = existing.get(row.number)
        row.outcome.label = (
            f"{row.number}. {row.values['title'] or (row.existing.title if row.existing else '')}"
        )
        if row.outcome.outcome == ERROR:
            continue
        if row.existing is None:
            if not row.values["title"]:
                row.fail(gettext_noop("Nội dung mới cần ghi tên nội dung."), "title")
            else:
                row.outcome.outcome = CREATE
            continue
        area = row.existing
        changed = [
            k for k in ("title", "text") if row.values[k] and row.values[k] != getattr(area, k)
        ]
        if row.responsible is not None and {o.pk for o in row.responsible} != {
            o.pk for o in area.responsible.all()
        }:
            changed.append("responsible")
        headers = {"title": "Nội dung", "text": "Chi tiết", "responsible": "Bên thực hiện"}
        row.outcome.changes = [headers[k] for k in changed]
        row.outcome.outcome = UPDATE if changed else UNCHANGED
    return rows


def apply(plan: Plan, *, actor: User, progress: Callable[[int], None] | None = None) -> None:
    """One call of agreement_update with the agreement's parties and content areas as they are,
    changed and completed by the file's rows; a refusal is an error of the file."""
    if plan.preview.has_errors or not any(
        r.outcome.outcome in (CREATE, UPDATE) for r in plan.parties + plan.areas
    ):
        return
    agreement = Agreement.objects.get(pk=plan.agreement.pk)
    parties = []
    rows_by_org = {r.organization.pk: r for r in plan.parties if r.organization is not None}
    for party in agreement.parties.select_related("organization").order_by("order", "id"):
        data = {k: getattr(party, k) for k in PARTY_FIELDS}
        row = rows_by_org.pop(party.organization_id, None)
        if row is not None:
            data.update(row.values)
        parties.append(agreement_services.PartyInput(organization=party.organization, **data))
    for row in plan.parties:
        if row.organization is not None and row.organization.pk in rows_by_org:
            data = {k: v for k, v in row.values.items() if v not in ("", None)}
            parties.append(agreement_services.PartyInput(organization=row.organization, **data))
    areas = []
    rows_by_number = {r.number: r for r in plan.areas if r.number is not None}
    for area in agreement.content_areas.prefetch_related("responsible").order_by("number", "id"):
        item = agreement_services.ContentAreaInput(
            number=area.number,
            title=area.title,
            text=area.text,
            responsible=list(area.responsible.all()),
            pk=area.pk,
        )
        row = rows_by_number.pop(area.number, None)
        if row is not None:
            item.title = row.values["title"] or item.title
            item.text = row.values["text"] or item.text
            if row.responsible is not None:
                item.responsible = row.responsible
        areas.append(item)
    for number, row in rows_by_number.items():
        areas.append(
            agreement_services.ContentAreaInput(
                number=number,
                title=row.values["title"],
                text=row.values["text"],
                responsible=row.responsible or [],
            )
        )
    fields = {name: getattr(agreement, name) for name in agreement_services.AGREEMENT_FIELDS}
    try:
        agreement_services.agreement_update(
            actor=actor, agreement=agreement, fields=fields, parties=parties, content_areas=areas
        )
    except PermissionDenied:
        plan.preview.file_issues.append(
            Issue(message=gettext_noop("Anh/chị không có quyền sửa văn bản này."))
        )
    except ValidationError as exc:
        for message in exc.messages:
            plan.preview.file_issues.append(
                Issue(
                    message=gettext_noop("Không lưu được: %(detail)s"), params={"detail": message}
                )
            )
