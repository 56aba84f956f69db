"""The review report and the list of commendations, as official Word documents with Excel
counterparts, built from the record through the official-document layer (documents.official).

The report: the narrative sections under the usual headings (I. situation, II. results with the
summary table, III. assessment: strengths, shortcomings, causes, lessons, IV. directions,
V. proposals), signed by the lead party; annexes: results by content area and by party.
"""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N

from phoihop.agreements.documents import agreement_citation, agreement_name
from phoihop.documents.drafting import document_lines, place_name
from phoihop.documents.official import (
    Align,
    Appendix,
    Heading,
    Issuer,
    ListItem,
    OfficialDocument,
    Paragraph,
    Signer,
    Table,
    render_docx,
    roman,
    signer_for,
)
from phoihop.documents.renditions import Source
from phoihop.documents.workbook import Sheet, render_xlsx
from phoihop.reviews.drafts import (
    area_indicators,
    participants_missing,
    yearly_by_name,
    yearly_indicators,
)
from phoihop.reviews.models import Commendation, Review
from phoihop.reviews.selectors import (
    Figures,
    IndicatorFigure,
    covered_agreements,
    review_commendations,
    review_figures,
    review_years,
)
from phoihop.vn.dates import format_short
from phoihop.vn.figures import indicator_result, name_without_target
from phoihop.vn.numbers import format_number
from phoihop.vn.symbols import SymbolError, parse_symbol
from phoihop.vn.text import fold

if TYPE_CHECKING:
    from phoihop.core.access import AnyUser


def _lead(review: Review) -> Any:
    return next((p for p in review.agreement.parties.all() if p.role == "lead"), None)


def _lead_org(review: Review) -> Any:
    party = _lead(review)
    return party.organization if party is not None else None


def _issuer(review: Review) -> Issuer:
    org = _lead_org(review)
    if org is None:
        return Issuer(name=_("Cơ quan chủ trì"), symbol="CQ")
    return Issuer.from_organization(org)


def _signer(review: Review) -> Signer:
    """Signed by the lead party's head or deputy, with the title of its kind of body (never the
    generic "Thủ trưởng")."""
    org = _lead_org(review)
    return signer_for(getattr(org, "kind", ""), position=review.signer_position, name=review.signer_name,
                      body_name=getattr(org, "name", ""))


def _place(review: Review) -> str:
    """The place written in full, as in the agreement and the plans ("Móng Cái", "Quận 4")."""
    return place_name(_lead_org(review))


def _addressees(review: Review) -> list[str]:
    """A report goes up to the lead party's superior body: "Kính gửi"."""
    org = _lead_org(review)
    parent = getattr(org, "parent", None) if org is not None else None
    return [parent.name] if parent is not None else []


def _recipients(review: Review, agreements: list[Any], addressees: list[str]) -> list[str]:
    """Nơi nhận: "Như trên" (the superior addressed), the other lead parties and their superior
    bodies (to report to), then the co-operating parties."""
    lead = _lead_org(review)
    out: list[str] = [_("Như trên")] if addressees else []
    leads: list[Any] = []
    others: list[Any] = []
    for a in agreements:
        for p in a.parties.all():
            if lead is not None and p.organization_id == lead.pk:
                continue
            (leads if p.role == "lead" else others).append(p.organization)
    for org in leads:
        if org.name not in out:
            out.append(org.name)
        parent = org.parent
        line = _("%(name)s (để báo cáo)") % {"name": parent.name} if parent is not None else ""
        if line and parent.name not in addressees and line not in out:
            out.append(line)
    for org in others:
        if org.name not in out:
            out.append(org.name)
    return out


def _number(review: Review) -> int | None:
    """The number entered in the register at sign-off; a draft keeps its number blank."""
    if review.number_symbol:
        try:
            return parse_symbol(review.number_symbol).number
        except SymbolError:
            return None
    return None


def _date(review: Review) -> datetime.date | None:
    if review.report_date:
        return review.report_date
    if review.signed_off_at:
        return timezone.localdate(review.signed_off_at)
    return None


def _n(value: Any) -> str:
    if value is None:
        return "—"
    return format_number(value)


def _percent(value: Decimal | None) -> str:
    return f"{format_number(value)}%" if value is not None else "—"


def _indicator_figure(i: Any) -> str:
    """ "11/12 buổi (91,7%)"; a percentage indicator as "100%", not "100/100 % (100%)"."""
    if i.achieved is None:
        return f"—/{_n(i.target)} {i.unit}"
    if i.unit.strip() == "%":
        return indicator_result(i.achieved, i.target, i.unit)
    return f"{indicator_result(i.achieved, i.target, i.unit)} ({_percent(i.percent)})"


def _period_figure(row: Any) -> IndicatorFigure:
    """A yearly row's period total as an indicator figure."""
    target, achieved = row.total
    return IndicatorFigure(row.name, row.unit, target, achieved, row.percent)


def _area_rows(figures: Figures, missing: dict[Any, int] | None = None,
               by_name: dict[tuple[str, str], Any] | None = None) -> list[list[Any]]:
    """``by_name`` (a review over several years): each indicator once, for the whole period."""
    missing = missing or {}
    rows = []
    for a in figures.areas:
        shown = [_period_figure(r) for r in area_indicators(a, by_name)] if by_name else a.indicators
        indicators = "; ".join(
            f"{name_without_target(i.name, i.target)}: {_indicator_figure(i)}" for i in shown
        )
        key = (a.agreement_id, a.number if a.number is not None else None)
        people = _people(a.participants, missing.get(key, 0), a.activities) if missing else a.participants
        rows.append(
            [a.number if a.number is not None else "—", a.title, f"{a.tasks_done}/{a.tasks_planned}",
             a.activities, people, indicators or "—"]
        )
    total = (_people(figures.participants, missing.get(None, 0), figures.activities) if missing
             else figures.participants)
    rows.append(["", _("Tổng cộng"), f"{figures.tasks_done}/{figures.tasks_planned}", figures.activities,
                 total, ""])
    return rows


def _party_rows(figures: Figures) -> list[list[Any]]:
    rows = []
    for i, p in enumerate(figures.parties, start=1):
        role = _("Chủ trì") if p.role == "lead" else _("Phối hợp") if p.role else _("Đơn vị khác")
        values = "; ".join(f"{name}: {_n(v)} {unit}" for name, unit, v in p.values)
        rows.append([i, p.organization.name, role, f"{p.tasks_done}/{p.tasks_led}" if p.tasks_led else "—",
                     p.activities, p.participants, values or "—"])
    return rows


AREA_COLUMNS = (
    N("TT"),
    N("Nội dung phối hợp"),
    N("Nhiệm vụ hoàn thành/kế hoạch"),
    N("Hoạt động"),
    N("Lượt người"),
    N("Chỉ tiêu: đạt/chỉ tiêu (tỷ lệ)"),
)
PARTY_COLUMNS = (
    N("TT"),
    N("Cơ quan, đơn vị"),
    N("Vai trò"),
    N("Nhiệm vụ chủ trì hoàn thành/kế hoạch"),
    N("Hoạt động"),
    N("Lượt người"),
    N("Kết quả theo chỉ tiêu"),
)
INDICATOR_COLUMNS = (
    N("TT"),
    N("Chỉ tiêu"),
    N("Đơn vị tính"),
    N("Chỉ tiêu giao"),
    N("Đạt"),
    N("Tỷ lệ (%)"),
)
COMMENDATION_COLUMNS = (
    N("TT"),
    N("Tập thể, cá nhân"),
    N("Đơn vị"),
    N("Hình thức"),
    N("Cấp khen"),
    N("Thành tích"),
    N("Quyết định"),
    N("Trạng thái"),
)


def _area_table(figures: Figures, missing: dict[Any, int] | None = None,
                by_name: dict[tuple[str, str], Any] | None = None) -> Table:
    return Table(columns=[_(c) for c in AREA_COLUMNS], rows=_area_rows(figures, missing, by_name),
                 widths=[1, 5.5, 2, 1.5, 2.5, 5.5], align=["center", "left", "center", "right", "right", "left"])


def _party_table(figures: Figures) -> Table:
    return Table(columns=[_(c) for c in PARTY_COLUMNS], rows=_party_rows(figures),
                 widths=[1, 5, 2, 2, 1.5, 1.5, 5], align=["center", "left", "left", "center", "right", "right", "left"])


def _paragraphs(text: str) -> list[Any]:
    """A narrative section as paragraphs; notes about the record ("Dữ liệu mẫu minh họa: …",
    "Ghi chú: …") stay in the record."""
    blocks: list[Any] = []
    for line in document_lines(text):
        line = line.strip()
        if not line:
            continue
        if line.startswith("- "):
            blocks.append(ListItem(line[2:]))
        else:
            blocks.append(Paragraph(line))
    return blocks or [Paragraph("…")]


def _kind_word(review: Review) -> str:
    return _("tổng kết") if review.kind == Review.Kind.FINAL else _("sơ kết")


# A title naming more agreements than this would fill the first page: it names the main one and
# counts the others, which the opening paragraph lists in full.
TITLE_AGREEMENTS = 3


def _period_words(review: Review) -> str:
    """ "năm 2023" for one year; "giai đoạn 2021 - 2025" for a final review; "03 năm (2022 - 2024)"."""
    years = review_years(review)
    if len(years) == 1:
        return _("năm %(year)s") % {"year": years[0]}
    if review.kind == Review.Kind.FINAL:
        return _("giai đoạn %(start)s - %(end)s") % {"start": years[0], "end": years[-1]}
    return _("%(n)s năm (%(start)s - %(end)s)") % {"n": f"{len(years):02d}", "start": years[0], "end": years[-1]}


def _title(review: Review, agreements: list[Any], form: str = "state") -> str:
    """Trích yếu: "Sơ kết năm 2023 việc thực hiện Chương trình phối hợp số … ngày … giữa …",
    lower case first in the Party form."""
    kind = _kind_word(review)
    if len(agreements) <= TITLE_AGREEMENTS:
        text = _("%(kind)s %(period)s việc thực hiện %(agreements)s") % {
            "kind": kind, "period": _period_words(review),
            # One agreement is cited with its parties; several by number, date or title alone.
            "agreements": "; ".join(agreement_citation(a, parties=len(agreements) == 1)
                                    for a in agreements),
        }
    else:
        text = _("%(kind)s %(period)s việc thực hiện %(agreement)s và %(n)s văn bản phối hợp khác") % {
            "kind": kind, "period": _period_words(review),
            "agreement": agreement_citation(agreements[0], parties=False), "n": len(agreements) - 1,
        }
    return text if form == "party" else text[:1].upper() + text[1:]


def _people(total: int, missing: int, activities: int) -> str:
    """Participants as recorded: "chưa ghi nhận" where no activity has a count, and how many
    activities lack one where some do."""
    if activities and missing >= activities:
        return _("chưa ghi nhận")
    if missing:
        return _("%(n)s (%(missing)s hoạt động chưa ghi nhận)") % {"n": format_number(total), "missing": missing}
    return format_number(total)


def _participants_line(figures: Figures, missing: dict[Any, int]) -> list[Any]:
    total = missing.get(None, 0)
    if not total:
        return []
    if total >= figures.activities:
        text = _("Số lượt người tham gia chưa được ghi nhận ở cả %(n)s hoạt động.") % {"n": total}
    else:
        text = _(
            "Có %(missing)s/%(n)s hoạt động chưa ghi nhận số người tham gia; %(people)s lượt người là số "
            "của %(counted)s hoạt động đã ghi nhận."
        ) % {"missing": total, "n": figures.activities, "people": format_number(figures.participants),
             "counted": figures.activities - total}
    return [Paragraph(text)]


YEARLY_ALIGN: list[Align] = ["center", "left", "left"]
CENTER: Align = "center"


def _yearly_table(yearly: tuple[list[int], list[Any]]) -> list[Any]:
    """Each indicator per year and for the whole period (a review over several years)."""
    years, rows = yearly
    if len(years) < 2 or not rows:
        return []
    columns = [_("TT"), _("Chỉ tiêu"), _("Đơn vị tính")]
    columns += [_("Năm %(year)s") % {"year": y} for y in years] + [_("Cả giai đoạn")]
    body = []
    for i, row in enumerate(rows, start=1):
        cells: list[Any] = [i, row.name, row.unit]
        for y in years:
            cell = row.years.get(y)
            cells.append(f"{_n(cell[1])}/{_n(cell[0])}" if cell else "—")
        cells.append(f"{_n(row.total[1])}/{_n(row.total[0])} ({_percent(row.percent)})")
        body.append(cells)
    return [
        Paragraph(_("Kết quả thực hiện các chỉ tiêu theo từng năm và cả giai đoạn (đạt/chỉ tiêu):")),
        Table(columns=columns, rows=body, widths=[1, 4, 1.6] + [2.2] * len(years) + [2.8],
              align=YEARLY_ALIGN + [CENTER] * (len(years) + 1)),
    ]


def _oversight_blocks(figures: Figures) -> list[Any]:
    """Inspections and reporting on time, as the review page shows them."""
    blocks: list[Any] = []
    found = figures.inspections
    if found is None:
        blocks.append(Paragraph(_("Chưa có dữ liệu kiểm tra, giám sát.")))
    else:
        blocks.append(Paragraph(
            _("Các bên đã tổ chức %(n)s cuộc kiểm tra, giám sát, nêu %(rec)s kiến nghị: %(closed)s kiến nghị "
              "đã khắc phục, %(open)s kiến nghị đang theo dõi.")
            % {"n": found.get("inspections") or 0, "rec": found.get("recommendations") or 0,
               "closed": found.get("closed") or 0, "open": found.get("open") or 0}
        ))
    if figures.timeliness is None:
        blocks.append(Paragraph(_("Chưa có dữ liệu trao đổi thông tin, báo cáo định kỳ.")))
    elif not figures.timeliness:
        blocks.append(Paragraph(_("Văn bản không quy định báo cáo định kỳ trong thời gian này.")))
    else:
        owed = sum(t.owed for t in figures.timeliness)
        on_time = sum(t.on_time for t in figures.timeliness)
        # The figures hold a row per agreement, year and party: the report sums each party's.
        per_org: dict[int, list[Any]] = {}
        for t in figures.timeliness:
            row = per_org.setdefault(t.organization.pk, [t.organization, 0, 0, 0, 0])
            for i, value in enumerate((t.owed, t.on_time, t.late, t.missing), start=1):
                row[i] += value
        blocks.append(Paragraph(
            _("Thực hiện chế độ thông tin, báo cáo: %(on_time)s/%(owed)s báo cáo gửi đúng hạn.")
            % {"on_time": on_time, "owed": owed}
        ))
        rows = [[i, org.name, n, ok, late, missing,
                 _percent((Decimal(ok) * 100 / n).quantize(Decimal("0.1"), ROUND_HALF_UP) if n else None)]
                for i, (org, n, ok, late, missing) in enumerate(per_org.values(), start=1)]
        blocks.append(Table(
            columns=[_("TT"), _("Cơ quan"), _("Phải gửi"), _("Đúng hạn"), _("Chậm"), _("Chưa gửi"),
                     _("Tỷ lệ đúng hạn")],
            rows=rows, widths=[1, 6, 1.6, 1.6, 1.4, 1.6, 1.8],
            align=["center", "left", "right", "right", "right", "right", "right"],
        ))
    return blocks


def _commendation_blocks(figures: Figures) -> list[Any]:
    commendations = list(figures.commendations)
    if not commendations:
        return [Paragraph(_("Trong thời gian này chưa có đề nghị khen thưởng."))]
    by_form: dict[str, int] = {}
    for c in commendations:
        label = str(c.get_form_display())
        by_form[label] = by_form.get(label, 0) + 1
    forms = "; ".join(f"{label}: {n}" for label, n in by_form.items())
    return [Paragraph(
        _("Đề nghị khen thưởng %(n)s tập thể, cá nhân (%(forms)s); danh sách tại phụ lục kèm theo.")
        % {"n": len(commendations), "forms": forms}
    )]


def report_document(review: Review, figures: Figures | None = None) -> OfficialDocument:
    figures = figures or review_figures(review)
    agreements = covered_agreements(review)
    doc_date = _date(review)
    issuer = _issuer(review)
    form = "party" if issuer.is_party else "state"
    missing = participants_missing(review)
    # Read once for the area table and the yearly table (a review of one year needs neither).
    yearly = (
        yearly_indicators(review, [a.pk for a in agreements]) if len(review_years(review)) > 1 else ([], [])
    )
    by_name = yearly_by_name(review, yearly)
    addressees = _addressees(review)
    body: list[Any] = [
        Paragraph(
            _("Thực hiện %(agreements)s, %(issuer)s báo cáo %(kind)s %(period)s (từ ngày %(start)s đến ngày %(end)s) như sau:")
            % {
                "agreements": "; ".join(agreement_citation(a) for a in agreements),
                "issuer": issuer.name,
                "kind": _kind_word(review),
                "period": _period_words(review),
                "start": format_short(review.period_start),
                "end": format_short(review.period_end),
            }
        ),
        Heading(roman(1) + ". " + _("TÌNH HÌNH TRIỂN KHAI THỰC HIỆN"), level=1),
        *_paragraphs(review.situation),
        Heading(roman(2) + ". " + _("KẾT QUẢ THỰC HIỆN"), level=1),
        Heading(_("1. Kết quả thực hiện các nội dung phối hợp"), level=2),
        *_paragraphs(review.results),
        Paragraph(
            _("Kết quả thực hiện theo từng nội dung phối hợp (chỉ tính hoạt động đã được duyệt):"),
        ),
        _area_table(figures, missing, by_name),
        *_participants_line(figures, missing),
        *_yearly_table(yearly),
        Heading(_("2. Công tác kiểm tra, giám sát, thông tin, báo cáo"), level=2),
        *_oversight_blocks(figures),
        Heading(_("3. Công tác thi đua, khen thưởng"), level=2),
        *_commendation_blocks(figures),
        Heading(roman(3) + ". " + _("ĐÁNH GIÁ CHUNG"), level=1),
        Heading(_("1. Ưu điểm"), level=2),
        *_paragraphs(review.strengths),
        Heading(_("2. Hạn chế, khuyết điểm"), level=2),
        *_paragraphs(review.shortcomings),
        Heading(_("3. Nguyên nhân"), level=2),
        *_paragraphs(review.causes),
        Heading(_("4. Bài học kinh nghiệm"), level=2),
        *_paragraphs(review.lessons),
        Heading(roman(4) + ". " + _("PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI"), level=1),
        *_paragraphs(review.directions),
        Heading(roman(5) + ". " + _("ĐỀ XUẤT, KIẾN NGHỊ"), level=1),
        *_paragraphs(review.proposals),
    ]
    appendices = [
        Appendix(title=_("Kết quả thực hiện theo nội dung phối hợp"), blocks=[_area_table(figures, missing, by_name)],
                 landscape=True),
        Appendix(title=_("Kết quả thực hiện theo các bên tham gia"), blocks=[_party_table(figures)], landscape=True),
    ]
    commendations = list(figures.commendations)
    if commendations:
        appendices.append(
            Appendix(title=_("Danh sách đề nghị khen thưởng"), blocks=[_commendation_table(commendations)], landscape=True)
        )
    return OfficialDocument(
        issuers=[issuer],
        doc_type="BC",
        number=_number(review),
        place=_place(review),
        date=doc_date,
        title=_title(review, agreements, form),
        addressees=addressees,
        body=body,
        signers=[_signer(review)],
        recipients=_recipients(review, agreements, addressees),
        appendices=appendices,
    )


def _commendation_rows(commendations: list[Commendation]) -> list[list[Any]]:
    rows = []
    for i, c in enumerate(commendations, start=1):
        who = c.person_name if c.awardee_kind == Commendation.AwardeeKind.INDIVIDUAL else c.organization.name
        if c.person_title and c.awardee_kind == Commendation.AwardeeKind.INDIVIDUAL:
            who = f"{who}, {c.person_title}"
        decision = " ".join(
            p for p in (c.decision_number, c.decision_date.strftime("%d/%m/%Y") if c.decision_date else "") if p
        )
        rows.append([i, who, c.organization.name, c.get_form_display(), c.authority, c.reason,
                     decision or "—", c.get_status_display()])
    return rows


def _commendation_table(commendations: list[Commendation]) -> Table:
    return Table(columns=[_(c) for c in COMMENDATION_COLUMNS], rows=_commendation_rows(commendations),
                 widths=[1, 4, 4, 2, 3, 6, 3, 2])


@translation.override("vi")
def review_report_docx(review: Review, *, figures: Figures | None = None) -> bytes:
    return render_docx(report_document(review, figures))


@translation.override("vi")
def review_annex_xlsx(review: Review, *, figures: Figures | None = None) -> bytes:
    figures = figures or review_figures(review)
    indicators = [
        [i, f.name, f.unit, f.target, f.achieved, f.percent] for i, f in enumerate(figures.indicators, start=1)
    ]
    return render_xlsx(
        review.title,
        [
            Sheet(name=_("Theo nội dung"), columns=[_(c) for c in AREA_COLUMNS], rows=_area_rows(figures),
                  title=_("Kết quả thực hiện theo nội dung phối hợp"), subtitle=review.agreement.title),
            Sheet(name=_("Theo bên tham gia"), columns=[_(c) for c in PARTY_COLUMNS], rows=_party_rows(figures),
                  title=_("Kết quả thực hiện theo các bên tham gia"), subtitle=review.agreement.title),
            Sheet(name=_("Chỉ tiêu"), columns=[_(c) for c in INDICATOR_COLUMNS], rows=indicators,
                  title=_("Kết quả thực hiện các chỉ tiêu"), subtitle=review.agreement.title),
        ],
    )


def commendations_document(review: Review) -> OfficialDocument:
    commendations = list(review_commendations(review))
    return OfficialDocument(
        issuers=[_issuer(review)],
        doc_type="DS",
        type_name=_("Danh sách"),
        place=_place(review),
        date=_date(review),
        title=_("Tập thể, cá nhân được đề nghị khen thưởng tại %(review)s thực hiện %(agreement)s")
        % {"review": review.title.lower(), "agreement": review.agreement.title},
        body=[_commendation_table(commendations)] if commendations else [Paragraph(_("Không có đề nghị khen thưởng."))],
        signers=[_signer(review)],
    )


@translation.override("vi")
def commendations_docx(review: Review) -> bytes:
    # The list as issued: numbered "DS" in the lead party's register, refused when empty.
    from phoihop.reviews import commendation_documents

    return commendation_documents.docx(review, commendation_documents.LIST)


@translation.override("vi")
def commendations_xlsx(review: Review) -> bytes:
    commendations = list(review_commendations(review))
    return render_xlsx(
        _("Danh sách khen thưởng"),
        [Sheet(name=_("Khen thưởng"), columns=[_(c) for c in COMMENDATION_COLUMNS], rows=_commendation_rows(commendations),
               title=_("Danh sách tập thể, cá nhân được đề nghị khen thưởng"), subtitle=review.title)],
    )


def filename(review: Review, ext: str, *, annex: bool = False, commendations: bool = False) -> str:
    """ASCII names: "so-ket-2022-bao-cao.docx", "so-ket-2022-phu-luc.xlsx"."""
    stem = fold(review.title).replace(" ", "-").replace("/", "-").replace("–", "-")
    stem = "-".join(p for p in stem.split("-") if p)
    suffix = "khen-thuong" if commendations else "phu-luc" if annex else "bao-cao"
    return f"{stem}-{suffix}.{ext}"


# --- dates and PDFs ---------------------------------------------------------------------------


def review_date_errors(review: Review, issued_on: datetime.date) -> list[str]:
    """A review report is dated from the signing of its agreement and the start of its period."""
    errors: list[str] = []
    agreement: Any = getattr(review, "agreement", None)
    if agreement is not None and agreement.signed_on and issued_on < agreement.signed_on:
        errors.append(
            _("Ngày báo cáo %(date)s trước ngày ký %(agreement)s (%(signed)s).")
            % {"date": format_short(issued_on), "agreement": agreement_name(agreement),
               "signed": format_short(agreement.signed_on)}
        )
    period_start = getattr(review, "period_start", None)
    if isinstance(period_start, datetime.date) and issued_on < period_start:
        errors.append(
            _("Ngày báo cáo %(date)s trước thời gian được sơ kết, tổng kết (từ ngày %(start)s).")
            % {"date": format_short(issued_on), "start": format_short(period_start)}
        )
    return errors


def _review_for_user(user: AnyUser, pk: int) -> Review:
    from phoihop.reviews.access import get_review_for_user

    review = get_review_for_user(user, pk)
    if review.is_archived:
        raise ValidationError(_("Báo cáo đã được lưu trữ nên không tải văn bản được. Khôi phục báo cáo để tải."))
    return review


def review_pdf_source(*, commendations: bool) -> Source:
    """The PDF of the review report (or of its list of commendations). A report over more
    agreements than a request makes is itself made by the worker: its PDF then waits for the
    review's version, and the worker makes the Word file too."""

    def deferred(review: Any) -> str | None:
        from phoihop.reviews.selectors import covered_count
        from phoihop.reviews.services import BACKGROUND_AGREEMENTS, review_document_version

        if commendations or covered_count(review) <= BACKGROUND_AGREEMENTS:
            return None
        return review_document_version(review)

    return Source(
        get_for_user=_review_for_user,
        render=commendations_docx if commendations else review_report_docx,
        filename=lambda review: filename(review, "pdf", commendations=commendations),
        back_url=lambda review: review.get_absolute_url(),
        deferred_version=deferred,
        load=lambda pk: Review.objects.get(pk=pk),
    )


def commendation_pdf_source(kind: str) -> Source:
    """The commendation decision or the submission to the authority above (with the list as
    its appendix); an empty list is no document (ValidationError with the reason)."""
    from phoihop.reviews import commendation_documents

    return Source(
        get_for_user=_review_for_user,
        render=lambda review: commendation_documents.docx(review, kind),
        filename=lambda review: commendation_documents.filename(review, kind).removesuffix(".docx") + ".pdf",
        back_url=lambda review: reverse("reviews:commendation_documents", kwargs={"pk": review.pk}),
    )
