"""Document numbers: suggest the next number of an issuer's series and reserve it once.

Series (see models.IssuedNumber): a state body has one series per calendar year; a Party body
one per document type per Party-committee term. A joint document takes its number from the lead
issuer's series and carries every issuer's abbreviation, lead first ("05/CTr-BCHQS-BTGQU").
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar, cast

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from phoihop.documents.models import IssuedNumber, NumberCounter
from phoihop.orgs import access as org_access
from phoihop.orgs.models import Organization
from phoihop.vn.dates import format_short
from phoihop.vn.symbols import DOC_TYPES, ParsedSymbol, SymbolError, format_symbol
from phoihop.vn.symbols import Form as SymbolForm

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# Party committees hold their congresses every five years (2020, 2025, 2030 …); the term runs
# from the close of one congress to the close of the next. The register has no congress dates,
# so the season's usual end is taken as the turn of the term.
TERM_YEARS = 5
TERM_TURNS_ON = (7, 1)  # 1 July of a congress year


@dataclass(frozen=True)
class NumberSuggestion:
    number: int
    symbol: str
    series: str
    form: str

    @property
    def number_line(self) -> str:
        return ("Số " if self.form == IssuedNumber.Form.PARTY else "Số: ") + self.symbol


def document_form(issuer: Organization) -> str:
    """The Party form for Party committees and boards, Decree 30 for everyone else."""
    return IssuedNumber.Form.PARTY if issuer.is_party_body else IssuedNumber.Form.STATE


def party_term(on: datetime.date) -> tuple[int, int]:
    """The Party-committee term a date falls in, e.g. (2020, 2025) for 05/01/2023."""
    start = on.year - on.year % TERM_YEARS
    if on.year % TERM_YEARS == 0 and (on.month, on.day) < TERM_TURNS_ON:
        start -= TERM_YEARS
    return start, start + TERM_YEARS


def series_key(*, issuer: Organization, doc_type: str, on: datetime.date) -> str:
    """ "2023" for a state body; "KH/2020-2025" for a Party body."""
    if document_form(issuer) == IssuedNumber.Form.PARTY:
        start, end = party_term(on)
        return f"{doc_type}/{start}-{end}"
    return str(on.year)


def issuer_symbols(issuer: Organization, co_issuers: Sequence[Organization] = ()) -> tuple[str, ...]:
    from phoihop.documents.official import Issuer

    return tuple(Issuer.from_organization(o).symbol for o in (issuer, *co_issuers))


def format_issued_symbol(
    *, issuer: Organization, doc_type: str, number: int, co_issuers: Sequence[Organization] = ()
) -> str:
    form: SymbolForm = "party" if document_form(issuer) == IssuedNumber.Form.PARTY else "state"
    try:
        return format_symbol(
            ParsedSymbol(number, None, doc_type, issuer_symbols(issuer, co_issuers), form)
        )
    except SymbolError as exc:
        raise ValidationError(str(exc)) from None


def _check_type(doc_type: str) -> None:
    if doc_type not in DOC_TYPES:
        raise ValidationError(
            _("Tên loại văn bản “%(code)s” không có trong danh mục viết tắt.") % {"code": doc_type}
        )


def suggest_number(
    issuer: Organization,
    doc_type: str,
    date: datetime.date,
    *,
    co_issuers: Sequence[Organization] = (),
) -> NumberSuggestion:
    """The next free number of the issuer's series on ``date`` (01 when the series is new)."""
    _check_type(doc_type)
    series = series_key(issuer=issuer, doc_type=doc_type, on=date)
    last = IssuedNumber.objects.filter(issuer=issuer, series=series).aggregate(m=Max("number"))["m"]
    number = (last or 0) + 1
    symbol = format_issued_symbol(issuer=issuer, doc_type=doc_type, number=number, co_issuers=co_issuers)
    return NumberSuggestion(number=number, symbol=symbol, series=series, form=document_form(issuer))


@dataclass(frozen=True)
class NumberIssue:
    entry: IssuedNumber
    created: bool  # False: the document already had this number


def reserve_number(
    *,
    actor: User,
    issuer: Organization,
    doc_type: str,
    issued_on: datetime.date,
    number: int | None = None,
    co_issuers: Sequence[Organization] = (),
    record: models.Model | None = None,
    title: str = "",
    confirm_out_of_sequence: bool = False,
) -> IssuedNumber:
    """Enter a document in the issuer's register and return its entry (see ``number_issue``)."""
    return number_issue(
        actor=actor, issuer=issuer, doc_type=doc_type, issued_on=issued_on, number=number,
        co_issuers=co_issuers, record=record, title=title, confirm_out_of_sequence=confirm_out_of_sequence,
    ).entry


@transaction.atomic
def number_issue(
    *,
    actor: User,
    issuer: Organization,
    doc_type: str,
    issued_on: datetime.date,
    number: int | None = None,
    co_issuers: Sequence[Organization] = (),
    record: models.Model | None = None,
    title: str = "",
    confirm_out_of_sequence: bool = False,
) -> NumberIssue:
    """Give ``record`` its number in the issuer's series, once: asked again, the number it
    already has is returned. Without ``number`` the next one of the series is taken. A typed
    number already given is refused; one ahead of the series (leaving numbers unused) is refused
    unless ``confirm_out_of_sequence``, and then recorded on the entry and in the audit log.

    The series' counter row stays locked until the caller's transaction ends, so requests at
    the same moment take consecutive numbers, and a rollback gives the number back."""
    if not org_access.scope(actor).can_write_for(issuer.pk):
        raise PermissionDenied
    _check_type(doc_type)
    if issued_on is None:
        raise ValidationError({"issued_on": _("Cần nhập ngày ban hành văn bản.")})
    check_issuers_valid([issuer, *co_issuers], issued_on)
    if number is not None and number < 1:
        raise ValidationError({"number": _("Số văn bản phải từ 01 trở lên.")})
    series = series_key(issuer=issuer, doc_type=doc_type, on=issued_on)
    content_type = ContentType.objects.get_for_model(record) if record is not None else None
    counter = _locked_counter(issuer, series)
    # Read after taking the lock: a request numbering the same document has committed by now.
    existing = _live_entry(content_type, record, doc_type)
    if existing is not None:
        return NumberIssue(existing, created=False)
    used = IssuedNumber.objects.filter(issuer=issuer, series=series)
    out_of_sequence = False
    if number is None:
        chosen = counter.last_number + 1
        while used.filter(number=chosen).exists():  # entries written around the counter
            chosen += 1
    else:
        chosen = number
        if used.filter(number=chosen).exists():
            raise _duplicate(issuer, series, chosen)
        out_of_sequence = chosen > counter.last_number + 1
        if out_of_sequence and not confirm_out_of_sequence:
            raise _gap(issuer, series, chosen, counter.last_number + 1)
    entry = IssuedNumber(
        issuer=issuer,
        doc_type=doc_type,
        form=document_form(issuer),
        series=series,
        number=chosen,
        symbol=format_issued_symbol(issuer=issuer, doc_type=doc_type, number=chosen, co_issuers=co_issuers),
        issued_on=issued_on,
        title=title[:500],
        content_type=content_type,
        object_id=record.pk if record is not None else None,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        out_of_sequence=out_of_sequence,
        note=_gap_note(chosen, counter.last_number + 1) if out_of_sequence else "",
    )
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError:
        # The same document numbered at the same moment in another series (another date).
        existing = _live_entry(content_type, record, doc_type)
        if existing is not None:
            return NumberIssue(existing, created=False)
        raise _duplicate(issuer, series, chosen) from None
    if chosen > counter.last_number:
        counter.last_number = chosen
        counter.save(update_fields=["last_number"])
    if out_of_sequence:
        from phoihop.audit.services import record as audit_record

        audit_record(
            "number_out_of_sequence", obj=entry, actor=entry.created_by, organization=issuer,
            detail=f"{entry.symbol} ({series}): {entry.note}",
        )
    return NumberIssue(entry, created=True)


def _locked_counter(issuer: Organization, series: str) -> NumberCounter:
    """The series' counter, locked until the transaction ends; made on first use from the
    numbers already in the register."""
    counters = NumberCounter.objects.select_for_update()
    counter = counters.filter(issuer=issuer, series=series).first()
    if counter is None:
        last = IssuedNumber.objects.filter(issuer=issuer, series=series).aggregate(m=Max("number"))["m"]
        try:
            with transaction.atomic():
                NumberCounter.objects.create(issuer=issuer, series=series, last_number=last or 0)
        except IntegrityError:
            pass  # made by a request at the same moment; the lock below waits for it
        counter = counters.get(issuer=issuer, series=series)
    return counter


def live_number(record: models.Model, doc_type: str) -> IssuedNumber | None:
    """The record's live entry of type ``doc_type`` in the register, if it has one."""
    return _live_entry(ContentType.objects.get_for_model(record), record, doc_type)


def _live_entry(content_type: ContentType | None, record: models.Model | None, doc_type: str) -> IssuedNumber | None:
    if content_type is None or record is None:
        return None
    return (
        IssuedNumber.objects.filter(content_type=content_type, object_id=record.pk, doc_type=doc_type, voided=False)
        .order_by("-created_at", "-id")
        .first()
    )


def _unused(number: int, expected: int) -> str:
    """The numbers a typed number leaves unused: "02" or "02–06"."""
    first, last = f"{expected:02d}", f"{number - 1:02d}"
    return first if first == last else f"{first}–{last}"


def _gap_note(number: int, expected: int) -> str:
    return _("Cấp ngoài thứ tự, đã xác nhận: bỏ trống số %(unused)s.") % {"unused": _unused(number, expected)}


def _gap(issuer: Organization, series: str, number: int, expected: int) -> ValidationError:
    return ValidationError(
        {
            "number": ValidationError(
                _(
                    "Số %(number)s đi trước sổ %(series)s của %(issuer)s: số tiếp theo là %(next)s, "
                    "cấp số %(number)s sẽ bỏ trống số %(unused)s. Nếu đúng là cấp số ngoài thứ tự, đánh dấu "
                    "ô “Tôi xác nhận cấp số ngoài thứ tự” rồi gửi lại."
                )
                % {"number": f"{number:02d}", "series": series, "issuer": issuer.name,
                   "next": f"{expected:02d}", "unused": _unused(number, expected)},
                code="out_of_sequence",
            )
        }
    )


def _duplicate(issuer: Organization, series: str, number: int) -> ValidationError:
    return ValidationError(
        {
            "number": _(
                "Số %(number)s đã được cấp trong sổ %(series)s của %(issuer)s. Mỗi số chỉ được "
                "dùng một lần trong một sổ."
            )
            % {"number": f"{number:02d}", "series": series, "issuer": issuer.name}
        }
    )



# --- who may issue, and when --------------------------------------------------------------------


def issuer_validity_error(issuer: Organization, on: datetime.date) -> str:
    """Why ``issuer`` cannot issue a document dated ``on`` ("" when it can): a body issues only
    within its validity dates; after it ceased, the message names the bodies that carry it on."""
    if issuer.is_current(on):
        return ""
    if issuer.valid_from is not None and on < issuer.valid_from:
        return _(
            "%(issuer)s hoạt động từ ngày %(start)s nên không ban hành được văn bản ngày %(date)s."
        ) % {"issuer": issuer.name, "start": format_short(issuer.valid_from), "date": format_short(on)}
    from phoihop.orgs.selectors import current_successors

    assert issuer.valid_to is not None  # not current and not before valid_from
    successors = [o for o in current_successors(issuer) if o.pk != issuer.pk]
    message = _(
        "%(issuer)s đã kết thúc hoạt động ngày %(end)s nên không ban hành được văn bản ngày %(date)s."
    ) % {"issuer": issuer.name, "end": format_short(issuer.valid_to), "date": format_short(on)}
    if successors:
        message += " " + _(
            "Đơn vị kế thừa: %(successors)s. Hãy ban hành văn bản với danh nghĩa đơn vị kế thừa "
            "(chuyển bên tham gia sang đơn vị kế thừa ở trang tổ chức), hoặc ghi ngày ban hành trong "
            "thời gian %(issuer)s còn hoạt động."
        ) % {"successors": "; ".join(o.name for o in successors), "issuer": issuer.name}
    else:
        message += " " + _("Đơn vị này không có đơn vị kế thừa trong danh mục tổ chức.")
    return message


def check_issuers_valid(issuers: Sequence[Organization], on: datetime.date) -> None:
    """Refuse a document dated ``on`` in the name of a body outside its validity dates."""
    errors = [e for e in (issuer_validity_error(o, on) for o in issuers) if e]
    if errors:
        raise ValidationError({"issued_on": [ValidationError(e, code="issuer_not_valid") for e in errors]})


_Record = TypeVar("_Record", bound=models.Model)
DateRule = Callable[[_Record, datetime.date], list[str]]

_date_rules: dict[str, DateRule[models.Model]] = {}


def register_date_rule(model: type[_Record], rule: DateRule[_Record]) -> None:
    """Let the app owning ``model`` say which dates cannot stand on its records' documents
    (called from its ``AppConfig.ready``)."""
    # Looked up by the record's own model below, so the rule only ever sees ``model``'s records.
    _date_rules[model._meta.label_lower] = cast("DateRule[models.Model]", rule)


def record_date_errors(record: models.Model, issued_on: datetime.date) -> list[str]:
    """Dates that cannot stand on an issued document, as the record's app rules them: an
    agreement issued before it was signed, a plan dated before the program it implements or
    for a year outside its period, a review report dated before the agreement was signed or
    before the period it reviews begins."""
    rule = _date_rules.get(record._meta.label_lower)
    return rule(record, issued_on) if rule is not None else []


def check_record_dates(record: models.Model, issued_on: datetime.date, *, field: str = "issued_on") -> None:
    errors = record_date_errors(record, issued_on)
    if errors:
        raise ValidationError({field: [ValidationError(e, code="date_order") for e in errors]})
