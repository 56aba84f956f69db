"""The review report and the list of commendations, as official Word documents with Excel
counterparts, built from the record through the official-document layer (documents.official).

The report: the narrative sections under the usual headings (I. situation, II. results with the
summary table, III. assessment: strengths, shortcomings, causes, lessons, IV. directions,
V. proposals), signed by the lead party; annexes: results by content area and by party.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N

from phoihop.documents.official import (
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
)
from phoihop.documents.workbook import Sheet, render_xlsx
from phoihop.reviews.models import Commendation, Review
from phoihop.reviews.selectors import (
    Figures,
    covered_agreements,
    review_commendations,
    review_figures,
)
from phoihop.vn.numbers import format_number
from phoihop.vn.symbols import SymbolError, parse_symbol
from phoihop.vn.text import fold


def _lead(review: Review) -> Any:
    return next((p for p in review.agreement.parties.all() if p.role == "lead"), None)


def _issuer(review: Review) -> Issuer:
    party = _lead(review)
    org = party.organization if party is not None else None
    if org is None:
        return Issuer(name=_("Cơ quan chủ trì"), symbol="CQ")
    return Issuer.from_organization(org)


def _place(review: Review) -> str:
    party = _lead(review)
    org = party.organization if party is not None else None
    text = getattr(org, "locality_text", "") or ""
    return text.split(",")[0].strip() or (getattr(org, "province_name", "") or "")


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


def _area_rows(figures: Figures) -> list[list[Any]]:
    rows = []
    for a in figures.areas:
        indicators = "; ".join(
            f"{i.name}: {_n(i.achieved)}/{_n(i.target)} {i.unit} ({_percent(i.percent)})" for i in a.indicators
        )
        rows.append(
            [a.number if a.number is not None else "—", a.title, f"{a.tasks_done}/{a.tasks_planned}",
             a.activities, a.participants, indicators or "—"]
        )
    rows.append(["", _("Tổng cộng"), f"{figures.tasks_done}/{figures.tasks_planned}", figures.activities,
                 figures.participants, ""])
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


def _area_table(figures: Figures) -> Table:
    return Table(columns=[_(c) for c in AREA_COLUMNS], rows=_area_rows(figures),
                 widths=[1, 6, 2, 1.5, 1.5, 6], align=["center", "left", "center", "right", "right", "left"])


def _party_table(figures: Figures) -> Table:
    return Table(columns=[_(c) for c in PARTY_COLUMNS], rows=_party_rows(figures),
                 widths=[1, 5, 2, 2, 1.5, 1.5, 5], align=["center", "left", "left", "center", "right", "right", "left"])


def _paragraphs(text: str) -> list[Any]:
    blocks: list[Any] = []
    for line in (text or "").splitlines():
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


def _title(review: Review, agreements: list[Any]) -> str:
    if len(agreements) <= TITLE_AGREEMENTS:
        return _("%(kind)s thực hiện %(agreements)s") % {
            "kind": review.title, "agreements": "; ".join(a.title for a in agreements)
        }
    return _("%(kind)s thực hiện %(agreement)s và %(n)s văn bản phối hợp khác") % {
        "kind": review.title, "agreement": agreements[0].title, "n": len(agreements) - 1
    }


def report_document(review: Review, figures: Figures | None = None) -> OfficialDocument:
    figures = figures or review_figures(review)
    agreements = covered_agreements(review)
    doc_date = _date(review)
    titles = "; ".join(a.title for a in agreements)
    body: list[Any] = [
        Paragraph(
            _("Thực hiện %(agreements)s, %(issuer)s báo cáo %(kind)s thời gian từ ngày %(start)s đến ngày %(end)s như sau:")
            % {
                "agreements": titles,
                "issuer": _issuer(review).name,
                "kind": _kind_word(review),
                "start": review.period_start.strftime("%d/%m/%Y"),
                "end": review.period_end.strftime("%d/%m/%Y"),
            }
        ),
        Heading(roman(1) + ". " + _("TÌNH HÌNH TRIỂN KHAI THỰC HIỆN"), level=1),
        *_paragraphs(review.situation),
        Heading(roman(2) + ". " + _("KẾT QUẢ THỰC HIỆN"), level=1),
        *_paragraphs(review.results),
        Paragraph(
            _("Kết quả thực hiện theo từng nội dung phối hợp (chỉ tính hoạt động đã được duyệt):"),
        ),
        _area_table(figures),
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
    others = []
    for a in agreements:
        for p in a.parties.all():
            if p.role != "lead" and p.organization.name not in others:
                others.append(p.organization.name)
    appendices = [
        Appendix(title=_("Kết quả thực hiện theo nội dung phối hợp"), blocks=[_area_table(figures)], landscape=True),
        Appendix(title=_("Kết quả thực hiện theo các bên tham gia"), blocks=[_party_table(figures)], landscape=True),
    ]
    commendations = list(figures.commendations)
    if commendations:
        appendices.append(
            Appendix(title=_("Danh sách đề nghị khen thưởng"), blocks=[_commendation_table(commendations)], landscape=True)
        )
    return OfficialDocument(
        issuers=[_issuer(review)],
        doc_type="BC",
        number=_number(review),
        place=_place(review),
        date=doc_date,
        title=_title(review, agreements),
        body=body,
        signers=[Signer(position=review.signer_position or _("Thủ trưởng"), name=review.signer_name)],
        recipients=others,
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
        doc_type="",
        type_name=_("Danh sách"),
        place=_place(review),
        date=_date(review),
        title=_("Tập thể, cá nhân được đề nghị khen thưởng tại %(review)s thực hiện %(agreement)s")
        % {"review": review.title.lower(), "agreement": review.agreement.title},
        body=[_commendation_table(commendations)] if commendations else [Paragraph(_("Không có đề nghị khen thưởng."))],
        signers=[Signer(position=review.signer_position or _("Thủ trưởng"), name=review.signer_name)],
    )


@translation.override("vi")
def commendations_docx(review: Review) -> bytes:
    return render_docx(commendations_document(review))


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
