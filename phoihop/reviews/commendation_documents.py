"""The documents that carry a review's commendations, built from the record.

A commendation is decided by a *Quyết định khen thưởng* of the awarding body, or proposed to the
authority above by a *Tờ trình đề nghị khen thưởng*; either has the list of collectives and
individuals as its appendix. The list alone (*Danh sách*, "DS") is also offered. Each is issued
by the review's lead party and takes its number from that party's register, once (the entry
points at the review with the document's type: QĐ, TTr or DS). An empty list is never a
document: it is refused before anything is numbered or signed.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from phoihop.documents.drafting import place_name
from phoihop.documents.models import IssuedNumber
from phoihop.documents.official import (
    Appendix,
    Issuer,
    OfficialDocument,
    Paragraph,
    Run,
    Signer,
    Table,
    render_docx,
    signer_for,
)
from phoihop.reviews.models import Commendation, Review
from phoihop.vn.dates import format_long
from phoihop.vn.text import fold

DECISION = "decision"
SUBMISSION = "submission"
LIST = "list"
# The type abbreviation each document takes in the register and in its "Số:" line.
DOC_TYPES = {DECISION: "QĐ", SUBMISSION: "TTr", LIST: "DS"}
KINDS = tuple(DOC_TYPES)

LIST_COLUMNS = ("TT", "Tập thể, cá nhân", "Đơn vị", "Hình thức", "Thành tích")
LIST_WIDTHS = (0.8, 4.0, 3.6, 2.4, 7.0)


def listed_commendations(review: Review) -> list[Commendation]:
    """The proposals and decisions of the review that a document lists: not withdrawn, not
    refused by the authority; collectives first, then individuals, as entered."""
    return list(
        review.commendations.active()
        .exclude(status=Commendation.Status.NOT_APPROVED)
        .select_related("organization")
        .order_by("awardee_kind", "id")
    )


def empty_list_error() -> ValidationError:
    return ValidationError(
        _("Danh sách khen thưởng đang trống: chưa có tập thể, cá nhân nào được đề nghị (hoặc các đề nghị đã "
          "rút, không được duyệt). Không ban hành, ký văn bản khen thưởng khi danh sách trống; hãy thêm "
          "đề nghị khen thưởng trước."),
        code="empty_list",
    )


def check_not_empty(commendations: list[Commendation]) -> None:
    if not commendations:
        raise empty_list_error()


def issued_entries(review: Review) -> dict[str, IssuedNumber]:
    """The live register entry of each commendation document of the review, by kind."""
    by_type = {v: k for k, v in DOC_TYPES.items()}
    entries = IssuedNumber.objects.filter(
        content_type=ContentType.objects.get_for_model(Review), object_id=review.pk,
        doc_type__in=list(by_type), voided=False,
    ).order_by("created_at", "id")
    return {by_type[e.doc_type]: e for e in entries}  # the latest wins


# --- pieces -------------------------------------------------------------------------------------


def _lead_org(review: Review) -> Any:
    return next((p.organization for p in review.agreement.parties.all() if p.role == "lead"), None)


def _issuer(review: Review) -> Issuer:
    org = _lead_org(review)
    if org is None:
        return Issuer(name=_("Cơ quan chủ trì"), symbol="CQ")
    return Issuer.from_organization(org)


def _signer(review: Review) -> Signer:
    org = _lead_org(review)
    kind = str(getattr(org, "kind", "")) if org is not None else ""
    return signer_for(kind, position=review.signer_position, name=review.signer_name,
                      body_name=org.name if org is not None else "")


def _agreement_ref(review: Review) -> str:
    agreement = review.agreement
    kind = str(agreement.get_kind_display())
    if agreement.number_symbol:
        text = _("%(kind)s số %(symbol)s") % {"kind": kind, "symbol": agreement.number_symbol}
        if agreement.signed_on:
            text += " " + format_long(agreement.signed_on)
        return text
    title = agreement.title.strip()
    if fold(title).startswith(fold(kind)):  # "Chương trình phối hợp giữa …" names its kind already
        return title
    return f"{kind} {title[:1].lower()}{title[1:]}"


def _review_name(review: Review) -> str:
    """ "sơ kết năm 2023", "tổng kết giai đoạn 2022-2025"."""
    word = _("tổng kết") if review.kind == Review.Kind.FINAL else _("sơ kết")
    start, end = review.period_start, review.period_end
    if start.year == end.year:
        return _("%(word)s năm %(year)s") % {"word": word, "year": end.year}
    return _("%(word)s giai đoạn %(start)s-%(end)s") % {"word": word, "start": start.year, "end": end.year}


def _counts(commendations: list[Commendation]) -> str:
    """ "02 tập thể và 01 cá nhân"."""
    kinds = Counter(c.awardee_kind for c in commendations)
    parts = []
    if kinds[Commendation.AwardeeKind.COLLECTIVE]:
        parts.append(_("%(n)s tập thể") % {"n": f"{kinds[Commendation.AwardeeKind.COLLECTIVE]:02d}"})
    if kinds[Commendation.AwardeeKind.INDIVIDUAL]:
        parts.append(_("%(n)s cá nhân") % {"n": f"{kinds[Commendation.AwardeeKind.INDIVIDUAL]:02d}"})
    return _(" và ").join(parts)


def _forms(commendations: list[Commendation]) -> str:
    """The forms of award, in the order first listed: "Giấy khen", "Giấy khen, Bằng khen"."""
    seen: list[str] = []
    for c in commendations:
        label = str(c.get_form_display())
        if label not in seen:
            seen.append(label)
    return ", ".join(seen)


def _authorities(commendations: list[Commendation]) -> list[str]:
    seen: list[str] = []
    for c in commendations:
        if c.authority and fold(c.authority) not in {fold(s) for s in seen}:
            seen.append(c.authority)
    return seen


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _award(commendations: list[Commendation], review: Review) -> str:
    """ "Tặng Giấy khen cho 01 tập thể và 01 cá nhân đã có thành tích … (có danh sách kèm theo)."; with
    several forms: "Khen thưởng 02 tập thể (Giấy khen, Bằng khen) …"."""
    forms = {c.form for c in commendations}
    values = {"counts": _counts(commendations), "achievement": _achievement(review), "forms": _forms(commendations)}
    if forms == {Commendation.Form.PRAISE}:
        return _("Biểu dương %(counts)s %(achievement)s (có danh sách kèm theo).") % values
    if len(forms) == 1:
        return _("Tặng %(forms)s cho %(counts)s %(achievement)s (có danh sách kèm theo).") % values
    return _("Khen thưởng %(counts)s (%(forms)s) %(achievement)s (có danh sách kèm theo).") % values


def _rows(commendations: list[Commendation]) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for i, c in enumerate(commendations, start=1):
        if c.awardee_kind == Commendation.AwardeeKind.INDIVIDUAL and c.person_name:
            who = c.person_name + (f", {c.person_title}" if c.person_title else "")
        else:
            who = c.organization.name
        rows.append([i, who, c.organization.name, c.get_form_display(), c.reason])
    return rows


def _table(commendations: list[Commendation]) -> Table:
    return Table(columns=[_(c) for c in LIST_COLUMNS], rows=_rows(commendations), widths=list(LIST_WIDTHS),
                 align=["center", "left", "left", "left", "justify"])


def _achievement(review: Review) -> str:
    return _("đã có thành tích trong thực hiện %(agreement)s, %(review)s") % {
        "agreement": _agreement_ref(review), "review": _review_name(review),
    }


def _number_and_date(entry: IssuedNumber | None) -> tuple[int | None, str, datetime.date | None]:
    if entry is None:
        return None, "", None
    return entry.number, entry.symbol, entry.issued_on


def _list_title(review: Review) -> str:
    return _("Tập thể, cá nhân được khen thưởng trong thực hiện %(agreement)s, %(review)s") % {
        "agreement": _agreement_ref(review), "review": _review_name(review),
    }


def _deciding_head(signer: Signer) -> str:
    """Who decides, as the decision's authority line names it: the head a deputy signs for
    ("KT. CHỈ HUY TRƯỞNG" -> "Chỉ huy trưởng"), the collective a member signs for, or the head."""
    mark = signer.authority.strip()
    for prefix in ("KT. ", "K/T ", "TM. ", "T/M "):
        if mark.upper().startswith(prefix):
            return mark[len(prefix):]
    return signer.position or ""


def authority_line(head: str, body: str) -> str:
    """The decision's line naming who decides: "CHỈ HUY TRƯỞNG BAN CHỈ HUY QUÂN SỰ QUẬN 4";
    a title ending in the word the body's name starts with is joined to it ("Trưởng ban" and
    "Ban Dân vận Quận ủy" -> "TRƯỞNG BAN DÂN VẬN QUẬN ỦY")."""
    head_words, body_words = head.split(), body.split()
    if head_words and body_words and fold(head_words[-1]) == fold(body_words[0]):
        head_words = head_words[:-1]
    return " ".join([*head_words, *body_words]).upper()


def _superior(review: Review) -> str:
    org = _lead_org(review)
    parent = getattr(org, "parent", None)
    return parent.name if parent is not None else ""


# --- the documents ------------------------------------------------------------------------------


def decision_document(review: Review, commendations: list[Commendation] | None = None,
                      entry: IssuedNumber | None = None) -> OfficialDocument:
    """Quyết định khen thưởng: the head of the lead body awards the listed collectives and
    individuals; the list is its appendix."""
    commendations = listed_commendations(review) if commendations is None else commendations
    check_not_empty(commendations)
    issuer = _issuer(review)
    signer = _signer(review)
    org = _lead_org(review)
    number, symbol, issued_on = _number_and_date(entry)
    bases = [
        _("Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022;"),
        _("Căn cứ %(agreement)s;") % {"agreement": _agreement_ref(review)},
    ]
    if review.number_symbol:
        dated = f" {format_long(review.report_date)}" if review.report_date else ""
        bases.append(_("Căn cứ Báo cáo số %(symbol)s%(dated)s về kết quả %(review)s;") % {
            "symbol": review.number_symbol, "dated": dated, "review": _review_name(review)})
    bases.append(_("Xét thành tích của các tập thể, cá nhân,"))
    body: list[Any] = [
        Paragraph(authority_line(_deciding_head(signer), issuer.name), bold=True, align="center", indent=False),
        *[Paragraph(line, italic=True) for line in bases],
        Paragraph(_("QUYẾT ĐỊNH:"), bold=True, align="center", indent=False),
        Paragraph([Run(_("Điều 1. "), bold=True), Run(_award(commendations, review))]),
        Paragraph([Run(_("Điều 2. "), bold=True), Run(_("Quyết định này có hiệu lực kể từ ngày ký."))]),
        Paragraph([Run(_("Điều 3. "), bold=True), Run(
            _("Các cơ quan, đơn vị có liên quan và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi "
              "hành Quyết định này./."))]),
    ]
    recipients = [_("Như Điều 3")]
    if _superior(review):
        recipients.append(_("%(superior)s (để báo cáo)") % {"superior": _superior(review)})
    doc = OfficialDocument(
        issuers=[issuer],
        doc_type=DOC_TYPES[DECISION],
        title=_("Về việc khen thưởng tập thể, cá nhân có thành tích trong thực hiện %(agreement)s") % {
            "agreement": _agreement_ref(review)},
        place=place_name(org),
        date=issued_on,
        number=number,
        symbol_text=symbol,
        body=body,
        signers=[signer],
        recipients=recipients,
    )
    doc.appendices = [Appendix(title=_("Danh sách tập thể, cá nhân được khen thưởng"), blocks=[_table(commendations)],
                               landscape=True)]
    return doc


def submission_document(review: Review, commendations: list[Commendation] | None = None,
                        entry: IssuedNumber | None = None) -> OfficialDocument:
    """Tờ trình đề nghị khen thưởng to the awarding authority named on the proposals (or the
    lead body's superior), with the list as its appendix."""
    commendations = listed_commendations(review) if commendations is None else commendations
    check_not_empty(commendations)
    issuer = _issuer(review)
    org = _lead_org(review)
    number, symbol, issued_on = _number_and_date(entry)
    addressees = _authorities(commendations) or [s for s in [_superior(review)] if s]
    to = _(" và ").join(addressees) if addressees else _("cấp có thẩm quyền")
    held = ""
    if review.event is not None:
        held = _(", ngày %(date)s đã tổ chức hội nghị") % {"date": review.event.date.strftime("%d/%m/%Y")}
    body: list[Any] = [
        Paragraph(
            _("Thực hiện %(agreement)s, %(issuer)s đã chủ trì %(review)s%(held)s. Qua %(review)s, nhiều tập thể, "
              "cá nhân đã có thành tích trong thực hiện các nội dung phối hợp.")
            % {"agreement": _agreement_ref(review), "issuer": issuer.name, "review": _review_name(review),
               "held": held}
        ),
        Paragraph(
            _("Để kịp thời động viên, khích lệ các tập thể, cá nhân, %(issuer)s kính đề nghị %(to)s xét, %(award)s")
            % {"issuer": issuer.name, "to": to, "award": _lower_first(_award(commendations, review))}
        ),
        Paragraph(_("%(issuer)s kính trình %(to)s xem xét, quyết định./.") % {"issuer": issuer.name, "to": to}),
    ]
    doc = OfficialDocument(
        issuers=[issuer],
        doc_type=DOC_TYPES[SUBMISSION],
        title=_("Đề nghị khen thưởng tập thể, cá nhân có thành tích trong thực hiện %(agreement)s") % {
            "agreement": _agreement_ref(review)},
        place=place_name(org),
        date=issued_on,
        number=number,
        symbol_text=symbol,
        addressees=addressees,
        body=body,
        signers=[_signer(review)],
        recipients=[_("Như trên")],
    )
    doc.appendices = [Appendix(title=_("Danh sách tập thể, cá nhân đề nghị khen thưởng"),
                               blocks=[_table(commendations)], landscape=True)]
    return doc


def list_document(review: Review, commendations: list[Commendation] | None = None,
                  entry: IssuedNumber | None = None) -> OfficialDocument:
    """The list alone, numbered as a "DS" of the lead body."""
    commendations = listed_commendations(review) if commendations is None else commendations
    check_not_empty(commendations)
    number, symbol, issued_on = _number_and_date(entry)
    return OfficialDocument(
        issuers=[_issuer(review)],
        doc_type=DOC_TYPES[LIST],
        type_name=_("Danh sách"),
        title=_list_title(review),
        place=place_name(_lead_org(review)),
        date=issued_on,
        number=number,
        symbol_text=symbol,
        body=[_table(commendations)],
        signers=[_signer(review)],
    )


BUILDERS = {DECISION: decision_document, SUBMISSION: submission_document, LIST: list_document}


def document(review: Review, kind: str) -> OfficialDocument:
    """The ``kind`` document of the review with the number it has in the register (blank
    before it is numbered); ValidationError when the list is empty."""
    if kind not in BUILDERS:
        raise ValueError(f"unknown commendation document: {kind}")
    return BUILDERS[kind](review, listed_commendations(review), issued_entries(review).get(kind))


@translation.override("vi")
def docx(review: Review, kind: str) -> bytes:
    return render_docx(document(review, kind))


def filename(review: Review, kind: str) -> str:
    """ASCII: "so-ket-2023-quyet-dinh-khen-thuong.docx"."""
    stem = fold(review.title).replace(" ", "-").replace("/", "-").replace("–", "-")
    stem = "-".join(p for p in stem.split("-") if p)
    suffix = {DECISION: "quyet-dinh-khen-thuong", SUBMISSION: "to-trinh-khen-thuong", LIST: "danh-sach-khen-thuong"}
    return f"{stem}-{suffix[kind]}.docx"


# --- the page -----------------------------------------------------------------------------------


LABELS = {
    DECISION: gettext_lazy("Quyết định khen thưởng (kèm danh sách)"),
    SUBMISSION: gettext_lazy("Tờ trình đề nghị khen thưởng (kèm danh sách)"),
    LIST: gettext_lazy("Danh sách khen thưởng"),
}


@dataclass
class DocumentRow:
    kind: str
    label: str
    doc_type: str
    entry: IssuedNumber | None
    suggestion: Any  # documents.services.NumberSuggestion, when not numbered yet


def overview(review: Review, *, on: datetime.date) -> dict[str, Any]:
    """The review's commendation documents, each with its number or the next free one of the
    lead party's series on ``on`` (the date offered), and the list they carry."""
    from phoihop.documents.services import issuer_validity_error, suggest_number

    commendations = listed_commendations(review)
    entries = issued_entries(review)
    lead = _lead_org(review)
    rows = []
    for kind in KINDS:
        entry = entries.get(kind)
        # Read for every kind, numbered or not, so the page's queries do not depend on it.
        suggestion = suggest_number(lead, DOC_TYPES[kind], on) if lead is not None else None
        rows.append(DocumentRow(kind, str(LABELS[kind]), DOC_TYPES[kind], entry, None if entry else suggestion))
    return {
        "listed": commendations,
        "documents": rows,
        "lead": lead,
        "issuer_problem": issuer_validity_error(lead, on) if lead is not None else "",
    }
