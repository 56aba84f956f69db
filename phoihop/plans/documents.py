"""The agreement and its annual plans as official documents, generated from the record.

The agreement's document prints the targets set on its content areas and the years of its
plans, so it is made here, beside the plans' documents, rather than in ``agreements`` (which
sits below plans). Each generator returns an ``official.OfficialDocument`` (render it with
``render_docx``) and has an Excel counterpart for its tables. Where the record holds no text for
a section, the section says what the record implies (parties, content areas, tasks, targets,
period); it never prints placeholder text.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _

from phoihop.agreements.documents import (
    agreement_doc_type,
    agreement_name,
    agreement_ref,
    agreement_summary,
    load_parties,
    party_issuers,
    party_recipients,
    party_signer,
    period_words,
)
from phoihop.agreements.models import Agreement, ContentArea, Party
from phoihop.documents.drafting import (
    Section,
    issued_numbers_for,
    join_names,
    lower_first,
    number_from,
    paragraphs,
    place_name,
    program_blocks,
    regulation_blocks,
    sentence,
    title_in_form,
    upper_first,
)
from phoihop.documents.official import (
    Align,
    Block,
    Issuer,
    ListItem,
    OfficialDocument,
    Paragraph,
    Run,
    Table,
    render_docx,
)
from phoihop.documents.renditions import Source
from phoihop.documents.workbook import Sheet, render_xlsx
from phoihop.orgs.models import Organization
from phoihop.plans.models import AnnualPlan, Indicator, Task
from phoihop.vn.dates import format_long, format_period, format_short
from phoihop.vn.figures import name_without_target
from phoihop.vn.numbers import format_number
from phoihop.vn.text import fold

PLAN_TABLE_COLUMNS = ["TT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian", "Ghi chú"]
PLAN_TABLE_WIDTHS = [0.9, 5.0, 2.4, 3.6, 2.3, 1.3]  # the notes column holds little
PLAN_TABLE_ALIGN: list[Align] = ["center", "left", "left", "left", "center", "left"]


def _indicator_text(ind: Indicator) -> str:
    unit = ind.get_unit_display()
    if unit == "%":  # "100%", not "100 %"
        return f"{format_number(ind.target)}%"
    return f"{format_number(ind.target)} {unit}".strip()


# --- agreement --------------------------------------------------------------------------------


@dataclass
class AgreementRecord:
    """Everything the agreement document reads, loaded in a fixed number of queries."""

    agreement: Agreement
    parties: list[Party]
    areas: list[ContentArea]
    plan_years: list[int]


def load_agreement(agreement: Agreement) -> AgreementRecord:
    parties = load_parties(agreement)
    areas = list(
        agreement.content_areas.prefetch_related(
            "responsible",
            Prefetch("indicators", queryset=Indicator.objects.active().order_by("order", "id")),
        ).order_by("number", "id")
    )
    years = sorted(agreement.annual_plans.active().values_list("year", flat=True))
    return AgreementRecord(agreement=agreement, parties=parties, areas=areas, plan_years=years)


def _legal_basis_blocks(lines: Sequence[str]) -> list[Block]:
    out: list[Block] = []
    for i, line in enumerate(lines):
        text = re.sub(r"^[-+•*]\s*", "", line.strip()).rstrip(";.,")
        if not fold(text).startswith("can cu"):
            text = "Căn cứ " + text  # a cited document keeps its capital: "Căn cứ Quyết định …"
        end = "." if i == len(lines) - 1 else ";"
        out.append(Paragraph(text + end, italic=True))
    return out


def agreement_document(agreement: Agreement) -> OfficialDocument:
    record = load_agreement(agreement)
    parties = record.parties
    issuers = party_issuers(parties) or [Issuer(name=agreement.title, symbol="")]
    lead = parties[0] if parties else None
    names = [p.name_as_signed for p in parties]
    form = "party" if issuers[0].is_party else "state"
    kind = agreement.get_kind_display()
    kind_lower = kind[:1].lower() + kind[1:]
    summary = agreement_summary(agreement, names)

    symbol_text, number = agreement.number_symbol.strip(), None
    if symbol_text:
        number = number_from(symbol_text)
    else:
        issued = issued_numbers_for(agreement)
        if issued:
            symbol_text, number = issued[0].symbol, issued[0].number

    body: list[Block] = _legal_basis_blocks(agreement.legal_bases_list)
    verb = "ban hành" if agreement.kind == Agreement.Kind.REGULATION else "xây dựng"
    subject = join_names(names) + (" thống nhất" if len(names) > 1 else "")
    body.append(Paragraph(f"{subject} {verb} {kind} {lower_first(summary)} như sau:"))

    sections = _agreement_sections(record, kind_lower)
    if agreement.kind == Agreement.Kind.REGULATION:
        body.extend(regulation_blocks(sections))
    else:
        body.extend(program_blocks(sections))

    return OfficialDocument(
        issuers=issuers,
        doc_type=agreement_doc_type(agreement),
        type_name=kind.upper(),
        title=title_in_form(summary, form),
        place=place_name(lead.organization if lead else None),
        date=agreement.signed_on,
        number=number,
        symbol_text=symbol_text,
        body=body,
        signers=[party_signer(p) for p in parties],
        recipients=party_recipients(parties),
    )


def _agreement_sections(record: AgreementRecord, kind_lower: str) -> list[Section]:
    agreement, parties, areas = record.agreement, record.parties, record.areas
    names = [p.name_as_signed for p in parties]
    lead_name = names[0] if names else ""
    sections: list[Section] = []
    regulation = agreement.kind == Agreement.Kind.REGULATION

    # Purpose and requirements.
    purpose = paragraphs(agreement.purpose)
    area_titles = [lower_first(a.title) for a in areas]
    if not purpose:
        between = f" giữa {join_names(names)}" if len(names) > 1 else f" của {lead_name}"
        if area_titles:
            purpose = [f"Tăng cường sự phối hợp{between} trong {len(areas)} nội dung: "
                       f"{'; '.join(area_titles)}."]
        else:
            purpose = [f"Tăng cường sự phối hợp{between} theo chức năng, nhiệm vụ của mỗi bên."]
    requirements = ["Các bên chủ động thực hiện nội dung phối hợp theo chức năng, nhiệm vụ được giao; "
                    "bảo đảm thống nhất, kịp thời, hiệu quả."]
    if agreement.reporting:
        requirements.append(f"Thực hiện chế độ thông tin, báo cáo: {sentence(lower_first(agreement.reporting))}")
    if regulation:
        scope = (f"Quy chế này quy định nội dung, phương thức và trách nhiệm phối hợp "
                 f"giữa {join_names(names)}." if len(names) > 1 else
                 f"Quy chế này quy định nội dung, phương thức và trách nhiệm phối hợp của {lead_name}.")
        sections.append(Section("Quy định chung", items=[
            ("Phạm vi điều chỉnh và đối tượng áp dụng", [Paragraph(scope)]),
            ("Mục đích, yêu cầu", [Paragraph(t) for t in purpose + requirements]),
        ]))
    else:
        sections.append(Section("Mục đích, yêu cầu", items=[
            ("Mục đích", [Paragraph(t) for t in purpose]),
            ("Yêu cầu", [Paragraph(t) for t in requirements]),
        ]))

    # Content areas with who carries them out and their targets for the period.
    content = Section("Nội dung, phương thức phối hợp" if regulation else "Nội dung phối hợp")
    for area in areas:
        blocks: list[Block] = [Paragraph(t) for t in paragraphs(area.text)]
        responsible = [o.name for o in area.responsible.all()]
        if responsible:
            blocks.append(Paragraph([Run("Bên thực hiện: ", italic=True), Run(join_names(responsible) + ".")]))
        targets = [
            f"{_indicator_text(i)} ({lower_first(name_without_target(i.name, i.target))})"
            for i in area.indicators.all()
        ]
        if targets:
            blocks.append(Paragraph([Run("Chỉ tiêu: ", italic=True), Run("; ".join(targets) + ".")]))
        content.items.append((upper_first(area.title), blocks))
    methods = _methods(record)
    if regulation:
        content.items.append(("Phương thức phối hợp", [ListItem(m) for m in methods]))
        sections.append(content)
    else:
        if content.items:
            sections.append(content)
        sections.append(Section("Phương thức phối hợp", intro=[ListItem(m) for m in methods]))

    # Each party's responsibilities.
    duties = Section("Trách nhiệm của các bên")
    for party in parties:
        mine = [a for a in areas if any(o.pk == party.organization_id for o in a.responsible.all())]
        items: list[Block] = []
        if party.role == Party.Role.LEAD:
            items.append(ListItem(f"Chủ trì tổ chức thực hiện {kind_lower}; theo dõi, đôn đốc, tổng hợp "
                                  "kết quả và đề xuất sơ kết, tổng kết."))
        else:
            items.append(ListItem(f"Phối hợp với {lead_name} tổ chức thực hiện {kind_lower}; cử cán bộ "
                                  "đầu mối, cung cấp thông tin theo nội dung phối hợp."))
        for area in mine:
            items.append(ListItem(f"Thực hiện nội dung phối hợp số {area.number}: {lower_first(area.title)}."))
        duties.items.append((f"Trách nhiệm của {party.name_as_signed}", items))
    if duties.items:
        sections.append(duties)

    # Organisation of implementation.
    closing: list[str] = []
    effect = f"{upper_first(kind_lower)} có hiệu lực kể từ ngày ký"
    if agreement.period_start and agreement.period_end:
        effect += f", thực hiện trong {period_words(agreement)}"
    closing.append(effect + ".")
    if agreement.renews_id:
        old = agreement.renews
        assert old is not None
        ref = f" số {old.number_symbol}" if old.number_symbol else f" {old.title}"
        closing.append(f"{upper_first(kind_lower)} này thay thế {old.get_kind_display().lower()}{ref}.")
    if record.plan_years:
        years = ", ".join(str(y) for y in record.plan_years)
        label = "các năm" if len(record.plan_years) > 1 else "năm"
        closing.append(f"Các bên đã thống nhất kế hoạch phối hợp {label} {years}.")
    closing.append("Trong quá trình thực hiện, nếu có vướng mắc, các bên trao đổi, thống nhất sửa đổi, "
                   "bổ sung cho phù hợp.")
    if regulation:
        sections.append(Section("Tổ chức thực hiện", items=[
            ("Hiệu lực và tổ chức thực hiện", [Paragraph(t) for t in closing])]))
    else:
        sections.append(Section("Tổ chức thực hiện", intro=[Paragraph(t) for t in closing]))
    return sections


def _methods(record: AgreementRecord) -> list[str]:
    agreement = record.agreement
    out = []
    if agreement.reporting:
        out.append(f"Trao đổi thông tin, báo cáo: {sentence(lower_first(agreement.reporting))}")
    out.append("Hằng năm, các bên xây dựng kế hoạch phối hợp, phân công cơ quan chủ trì, cơ quan "
               "phối hợp và thời gian thực hiện từng nhiệm vụ.")
    start, end = agreement.period_start, agreement.period_end
    if start and end and end > start:
        mid = start + (end - start) // 2
        period = format_period(start, end, document=True)
        out.append(f"Sơ kết giữa giai đoạn (năm {mid}) và tổng kết khi kết thúc giai đoạn {period}.")
    elif start:
        out.append(f"Tổng kết việc thực hiện khi kết thúc năm {end or start}.")
    return out


def agreement_workbook(agreement: Agreement) -> bytes:
    record = load_agreement(agreement)
    areas = [
        [a.number, a.title, a.text, "; ".join(o.name for o in a.responsible.all()),
         "; ".join(f"{name_without_target(i.name, i.target)}: {_indicator_text(i)}" for i in a.indicators.all())]
        for a in record.areas
    ]
    parties = [
        [i, p.name_as_signed, p.get_role_display(), " ".join(x for x in (p.signatory_rank, p.signatory_name) if x),
         p.signatory_position, p.signed_on]
        for i, p in enumerate(record.parties, start=1)
    ]
    title = f"{agreement.get_kind_display()} {agreement.number_symbol}".strip()
    return render_xlsx(title, [
        Sheet(name="Nội dung phối hợp", title=title, subtitle=agreement.title,
              columns=["TT", "Nội dung", "Chi tiết", "Bên thực hiện", "Chỉ tiêu"], rows=areas,
              widths=[6, 45, 50, 40, 40]),
        Sheet(name="Các bên", title=title, subtitle=agreement.title,
              columns=["TT", "Cơ quan", "Vai trò", "Người ký", "Chức vụ", "Ngày ký"], rows=parties,
              widths=[6, 45, 12, 30, 25, 14]),
    ], issued_on=agreement.signed_on)


# --- annual plan -----------------------------------------------------------------------------


@dataclass
class PlanRecord:
    plan: AnnualPlan
    agreement: Agreement
    parties: list[Party]
    tasks: list[Task]


def load_plan(plan: AnnualPlan) -> PlanRecord:
    agreement = plan.agreement
    parties = load_parties(agreement)
    tasks = list(
        plan.tasks.active()
        .filter(cancelled=False)
        .select_related("content_area", "lead_organization", "responsible_officer", "carried_over_from__plan")
        .prefetch_related(
            "supporting_organizations",
            Prefetch("indicators", queryset=Indicator.objects.active().order_by("order", "id")),
        )
        .order_by("number", "id")
    )
    return PlanRecord(plan=plan, agreement=agreement, parties=parties, tasks=tasks)


def _org_label(org: Organization) -> str:
    return org.short_name or org.name


def task_period(task: Task) -> str:
    if task.start and task.due:
        if task.start.year == task.due.year:
            return f"{task.start:%d/%m} - {format_short(task.due)}"
        return f"{format_short(task.start)} - {format_short(task.due)}"
    if task.due:
        return f"Trước {format_short(task.due)}"
    if task.start:
        return f"Từ {format_short(task.start)}"
    return f"Năm {task.plan.year}"


def _task_note(task: Task) -> str:
    """The plan's "Ghi chú" column: what the plan itself says of the task (carried over). The
    task's own notes are internal to the record and never print."""
    if task.carried_over_from_id and task.carried_over_from:
        return f"Chuyển tiếp từ năm {task.carried_over_from.plan.year}"
    return ""


def plan_rows(record: PlanRecord) -> list[list[Any]]:
    rows = []
    for task in record.tasks:
        content = task.title
        targets = [f"{name_without_target(i.name, i.target)}: {_indicator_text(i)}" for i in task.indicators.all()]
        if targets:
            content += "\n" + "Chỉ tiêu: " + "; ".join(targets)
        rows.append([
            task.number,
            content,
            _org_label(task.lead_organization),
            "; ".join(_org_label(o) for o in task.supporting_organizations.all()),
            task_period(task),
            _task_note(task),
        ])
    return rows


def plan_document(plan: AnnualPlan) -> OfficialDocument:
    record = load_plan(plan)
    agreement, parties = record.agreement, record.parties
    issuers = party_issuers(parties) or [Issuer(name=agreement.title, symbol="")]
    form = "party" if issuers[0].is_party else "state"
    names = [p.name_as_signed for p in parties]
    ref = agreement_ref(agreement)
    issued = issued_numbers_for(plan)
    entry = issued[0] if issued else None

    preamble = f"Thực hiện {ref}"
    if agreement.signed_on:
        preamble += (" " if agreement.number_symbol else " ký ") + format_long(agreement.signed_on)
    if len(names) > 1 and "giua" not in fold(ref).split():
        preamble += f" giữa {join_names(names)}"
    subject = join_names(names) + (" thống nhất" if len(names) > 1 else "")
    body: list[Block] = [Paragraph(f"{preamble}, {subject} xây dựng Kế hoạch phối hợp năm {plan.year} như sau:")]

    targets = sum(len(t.indicators.all()) for t in record.tasks)
    # The plan's notes are internal to the record: the purpose is written from the plan.
    purpose = [
        f"Cụ thể hóa nội dung {lower_first(agreement.get_kind_display())} trong năm {plan.year} thành "
        f"{len(record.tasks)} nhiệm vụ"
        + (f" với {targets} chỉ tiêu" if targets else "")
        + ", phân công rõ cơ quan chủ trì, cơ quan phối hợp và thời gian thực hiện."
    ]
    sections = [
        Section("Mục đích, yêu cầu", intro=[Paragraph(t) for t in purpose]),
        Section("Nội dung, nhiệm vụ", intro=[
            Table(columns=PLAN_TABLE_COLUMNS, rows=plan_rows(record), widths=PLAN_TABLE_WIDTHS,
                  align=PLAN_TABLE_ALIGN)
        ] if record.tasks else [Paragraph(f"Kế hoạch năm {plan.year} chưa có nhiệm vụ.")]),
    ]
    duties = Section("Tổ chức thực hiện")
    for party in parties:
        led = [t.number for t in record.tasks if t.lead_organization_id == party.organization_id]
        supported = [t.number for t in record.tasks
                     if any(o.pk == party.organization_id for o in t.supporting_organizations.all())]
        items: list[Block] = []
        if led:
            items.append(ListItem(f"Chủ trì {len(led):02d} nhiệm vụ (số {', '.join(map(str, led))})."))
        if supported:
            items.append(ListItem(f"Phối hợp thực hiện {len(supported):02d} nhiệm vụ "
                                  f"(số {', '.join(map(str, supported))})."))
        if party.role == Party.Role.LEAD:
            items.append(ListItem("Theo dõi, đôn đốc, tổng hợp kết quả thực hiện kế hoạch."))
        if items:
            duties.items.append((f"{party.name_as_signed}", items))
    if agreement.reporting:
        duties.intro.append(Paragraph(f"Chế độ thông tin, báo cáo: {sentence(lower_first(agreement.reporting))}"))
    sections.append(duties)
    body.extend(program_blocks(sections))

    lead = parties[0] if parties else None
    return OfficialDocument(
        issuers=issuers,
        doc_type="KH",
        title=title_in_form(f"Phối hợp thực hiện {ref} năm {plan.year}", form),
        place=place_name(lead.organization if lead else None),
        date=entry.issued_on if entry else None,
        number=entry.number if entry else None,
        symbol_text=entry.symbol if entry else "",
        body=body,
        signers=[party_signer(p) for p in parties],
        recipients=party_recipients(parties),
    )


def plan_workbook(plan: AnnualPlan) -> bytes:
    record = load_plan(plan)
    tasks = [
        [t.number, t.title, t.content_area.title if t.content_area else "", _org_label(t.lead_organization),
         "; ".join(_org_label(o) for o in t.supporting_organizations.all()), t.start, t.due,
         t.responsible_officer.full_name if t.responsible_officer else "", _task_note(t)]
        for t in record.tasks
    ]
    indicators = [
        [t.number, t.title, i.name, i.get_unit_display(), i.target, i.get_aggregation_display()]
        for t in record.tasks for i in t.indicators.all()
    ]
    title = f"Kế hoạch phối hợp năm {plan.year}"
    subtitle = agreement_ref(record.agreement)
    issued = issued_numbers_for(plan)  # the title block names the plan's number and date
    entry = issued[0] if issued else None
    return render_xlsx(title, [
        Sheet(name="Nhiệm vụ", title=title, subtitle=subtitle,
              columns=["TT", "Nội dung", "Nội dung phối hợp", "Cơ quan chủ trì", "Cơ quan phối hợp",
                       "Bắt đầu", "Hạn hoàn thành", "Cán bộ phụ trách", "Ghi chú"],
              rows=tasks, widths=[6, 50, 35, 25, 30, 13, 15, 22, 30]),
        Sheet(name="Chỉ tiêu", title=title, subtitle=subtitle,
              columns=["TT nhiệm vụ", "Nhiệm vụ", "Chỉ tiêu", "Đơn vị tính", "Mức chỉ tiêu", "Cách tính"],
              rows=indicators, widths=[10, 45, 40, 14, 14, 22]),
    ], number=entry.symbol if entry else "", issued_on=entry.issued_on if entry else None)


# --- file names, dates and PDFs ----------------------------------------------------------------


def agreement_filename(agreement: Agreement, doc: OfficialDocument, ext: str) -> str:
    """The file's name from its number and symbol; by the agreement's id while it has none."""
    name = doc.filename(ext)
    return name if not name.startswith(".") else f"van-ban-phoi-hop-{agreement.pk}.{ext}"


def plan_filename(plan: AnnualPlan, doc: OfficialDocument, ext: str) -> str:
    if doc.number is None:  # not numbered yet: name it by year
        return f"KH-{doc.issuer_symbol}-{plan.year}.{ext}".replace("/", "-")
    return doc.filename(ext)


def plan_date_errors(plan: AnnualPlan, issued_on: datetime.date) -> list[str]:
    """A plan is dated from the signing of the program it implements, for a year of its period."""
    agreement = plan.agreement
    errors: list[str] = []
    if agreement.signed_on and issued_on < agreement.signed_on:
        errors.append(
            _("Kế hoạch năm %(year)s ghi ngày %(date)s, trước ngày ký %(agreement)s (%(signed)s) mà kế hoạch "
              "thực hiện. Ngày ban hành kế hoạch phải từ ngày %(signed)s trở đi.")
            % {"year": plan.year, "date": format_short(issued_on), "agreement": agreement_name(agreement),
               "signed": format_short(agreement.signed_on)}
        )
    start, end = agreement.period_start, agreement.period_end
    if (start and plan.year < start) or (end and plan.year > end):
        errors.append(
            _("Kế hoạch năm %(year)s nằm ngoài giai đoạn %(period)s của %(agreement)s.")
            % {"year": plan.year, "period": agreement.period_label, "agreement": agreement_name(agreement)}
        )
    return errors


def agreement_pdf_source() -> Source:
    """The PDF beside the agreement's Word download, for whoever may download it."""
    from phoihop.agreements.access import get_agreement_for_user

    return Source(
        get_for_user=get_agreement_for_user,
        render=lambda agreement: render_docx(agreement_document(agreement)),
        filename=lambda agreement: agreement_filename(agreement, agreement_document(agreement), "pdf"),
        back_url=lambda agreement: reverse("documents:agreement", kwargs={"pk": agreement.pk}),
    )


def plan_pdf_source() -> Source:
    """The PDF beside the plan's Word download, for whoever may download it."""
    from phoihop.plans.access import get_plan_for_user

    return Source(
        get_for_user=get_plan_for_user,
        render=lambda plan: render_docx(plan_document(plan)),
        filename=lambda plan: plan_filename(plan, plan_document(plan), "pdf"),
        back_url=lambda plan: reverse("documents:agreement", kwargs={"pk": plan.agreement_id}),
    )
