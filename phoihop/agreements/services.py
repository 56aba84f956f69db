"""Every write to agreements: one function per use case, each checked and atomic."""

from __future__ import annotations

import datetime
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypedDict, cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.agreements import access, dependents
from phoihop.agreements.documents import agreement_doc_type, ordered_parties
from phoihop.agreements.models import Agreement, ContentArea, Party
from phoihop.core import versioning
from phoihop.documents.services import NumberIssue, check_record_dates, live_number, number_issue
from phoihop.orgs import access as org_access
from phoihop.orgs.models import Organization
from phoihop.orgs.services import person_for_signatory
from phoihop.vn.symbols import SymbolError, format_symbol, parse_symbol
from phoihop.vn.text import clean

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from phoihop.core.access import AnyUser


@dataclass
class PartyInput:
    organization: Organization
    role: str
    name_as_signed: str = ""
    signatory_name: str = ""
    signatory_rank: str = ""
    signatory_position: str = ""
    signed_on: datetime.date | None = None


@dataclass
class ContentAreaInput:
    number: int
    title: str
    text: str = ""
    responsible: list[Organization] = field(default_factory=list)
    pk: int | None = None


AGREEMENT_FIELDS = (
    "kind",
    "number_symbol",
    "title",
    "legal_bases",
    "purpose",
    "period_start",
    "period_end",
    "signed_on",
    "status",
    "reporting",
    "parent",
    "renews",
)


class AgreementFields(TypedDict, total=False):
    """An agreement's own fields (``AGREEMENT_FIELDS``) as its form or a loader gives them."""

    kind: str
    number_symbol: str
    title: str
    legal_bases: str
    purpose: str
    period_start: int | None
    period_end: int | None
    signed_on: datetime.date | None
    status: str
    reporting: str
    parent: Agreement | None
    renews: Agreement | None


def normalize_number_symbol(value: str) -> str:
    """The canonical form of a number and symbol, or a clear error. Empty stays empty (a draft)."""
    value = clean(value or "")
    if not value:
        return ""
    try:
        return format_symbol(parse_symbol(value))
    except SymbolError as exc:
        raise ValidationError(str(exc), code="invalid") from None


def _check(fields: AgreementFields, parties: Sequence[PartyInput], areas: Sequence[ContentAreaInput]) -> None:
    errors: dict[str, list[str]] = {}
    start, end = fields.get("period_start"), fields.get("period_end")
    if start and end and end < start:
        errors.setdefault("period_end", []).append(_("Năm kết thúc phải bằng hoặc sau năm bắt đầu."))
    if len(parties) < 2:
        errors.setdefault("__all__", []).append(_("Văn bản phối hợp cần ít nhất hai bên tham gia."))
    if not any(p.role == Party.Role.LEAD for p in parties):
        errors.setdefault("__all__", []).append(_("Cần chỉ rõ ít nhất một bên chủ trì."))
    repeated = [org for org, n in Counter(p.organization.pk for p in parties).items() if n > 1]
    if repeated:
        names = ", ".join(p.organization.name for p in parties if p.organization.pk in repeated)
        errors.setdefault("__all__", []).append(
            _("Một cơ quan chỉ được nêu một lần trong các bên tham gia: %(names)s.") % {"names": names}
        )
    numbers = [a.number for a in areas]
    if len(numbers) != len(set(numbers)):
        errors.setdefault("__all__", []).append(_("Số thứ tự các nội dung phối hợp không được trùng nhau."))
    party_orgs = {p.organization.pk for p in parties}
    for area in areas:
        outsiders = [o.name for o in area.responsible if o.pk not in party_orgs]
        if outsiders:
            errors.setdefault("__all__", []).append(
                _("Nội dung %(number)s giao cho cơ quan không phải là bên tham gia: %(names)s.")
                % {"number": area.number, "names": ", ".join(outsiders)}
            )
    parent, renews = fields.get("parent"), fields.get("renews")
    if parent is not None and renews is not None and parent == renews:
        errors.setdefault("renews", []).append(_("Văn bản không thể vừa là văn bản cha vừa là văn bản được thay thế."))
    if errors:
        raise ValidationError(errors)


def _check_links(actor: User, fields: AgreementFields, agreement: Agreement | None) -> None:
    for name, linked in (("parent", fields.get("parent")), ("renews", fields.get("renews"))):
        if linked is None:
            continue
        if agreement is not None and linked.pk == agreement.pk:
            raise ValidationError({name: _("Văn bản không thể liên kết với chính nó.")})
        if not access.can_view_agreement(actor, linked):
            raise ValidationError({name: _("Không tìm thấy văn bản được liên kết.")})


def _save_parties(agreement: Agreement, parties: Sequence[PartyInput], actor: User) -> None:
    # A party is its organisation within the agreement: rows are matched by organisation, so a
    # party's history stays one record however the form reorders them.
    by_org = {p.organization_id: p for p in agreement.parties.all()}
    incoming = {d.organization.pk for d in parties}
    for org_id, party in by_org.items():
        if org_id not in incoming:
            party.delete()  # the historical table keeps the removed party
    for order, data in enumerate(parties):
        party = by_org.get(data.organization.pk) or Party(agreement=agreement)
        party.organization = data.organization
        party.role = data.role
        party.name_as_signed = clean(data.name_as_signed) or data.organization.name
        party.signatory_name = clean(data.signatory_name)
        party.signatory_rank = clean(data.signatory_rank)
        party.signatory_position = clean(data.signatory_position)
        party.signed_on = data.signed_on or agreement.signed_on
        party.order = order
        party.signatory = (
            person_for_signatory(
                actor=actor,
                full_name=party.signatory_name,
                organization=data.organization,
                rank=party.signatory_rank,
                position=party.signatory_position,
                on=party.signed_on,
            )
            if party.signatory_name
            else None
        )
        party.save()


def _save_areas(agreement: Agreement, areas: Sequence[ContentAreaInput]) -> None:
    kept: list[int] = []
    existing = {a.pk: a for a in agreement.content_areas.all()}
    for data in areas:
        area = existing.get(data.pk) if data.pk else None
        if area is None:
            area = ContentArea(agreement=agreement)
        area.number = data.number
        area.title = clean(data.title)
        area.text = data.text.strip()
        area.save()
        area.responsible.set([o.pk for o in data.responsible])
        kept.append(area.pk)
    removed = [area for pk, area in existing.items() if pk not in kept]
    dependents.refuse_removing_areas(removed)
    for area in removed:
        try:
            area.delete()
        except ProtectedError:  # a task given this area meanwhile
            dependents.refuse_removing_areas([area])
            raise


def _clean_fields(fields: Mapping[str, object]) -> AgreementFields:
    unknown = set(fields) - set(AGREEMENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown agreement fields: {sorted(unknown)}")
    # The names are checked above; the values are the form's cleaned data or a loader's.
    result = cast(AgreementFields, dict(fields))
    result["title"] = clean(result.get("title", ""))
    if not result["title"]:
        raise ValidationError({"title": _("Cần nhập trích yếu (tên) của văn bản.")})
    try:
        result["number_symbol"] = normalize_number_symbol(result.get("number_symbol", ""))
    except ValidationError as exc:
        raise ValidationError({"number_symbol": exc.messages}) from None
    result["legal_bases"] = "\n".join(
        clean(line) for line in (result.get("legal_bases") or "").splitlines() if line.strip()
    )
    return result


def agreement_create(
    *,
    actor: User,
    fields: Mapping[str, object],
    parties: Sequence[PartyInput],
    content_areas: Sequence[ContentAreaInput] = (),
) -> Agreement:
    if not access.can_create_agreement(actor):
        raise PermissionDenied
    data = _clean_fields(fields)
    _check(data, parties, content_areas)
    _check_links(actor, data, None)
    lead_orgs = {p.organization.pk for p in parties if p.role == Party.Role.LEAD}
    allowed = set(access.lead_organizations_for(actor).values_list("pk", flat=True))
    if not lead_orgs & allowed:
        raise ValidationError(
            _("Bên chủ trì phải là cơ quan mà bạn là cán bộ thực hiện, lãnh đạo hoặc quản trị.")
        )
    with transaction.atomic():
        agreement = Agreement(created_by=actor, **data)
        agreement.full_clean(exclude=["parent", "renews", "created_by"])
        agreement.save()
        _save_parties(agreement, parties, actor)
        _save_areas(agreement, content_areas)
        _supersede_renewed(agreement)
    return agreement


def agreement_update(
    *,
    actor: User,
    agreement: Agreement,
    fields: Mapping[str, object],
    parties: Sequence[PartyInput],
    content_areas: Sequence[ContentAreaInput],
    expected_version: int | None = None,
) -> Agreement:
    """Change the agreement with its parties and content areas, from its version ``expected_version``."""
    if not access.can_edit_agreement(actor, agreement):
        raise PermissionDenied
    if agreement.is_archived:
        raise ValidationError(_("Văn bản đã lưu trữ; khôi phục trước khi sửa."))
    data = _clean_fields(fields)
    _check(data, parties, content_areas)
    _check_links(actor, data, agreement)
    dependents.refuse_period(agreement, data.get("period_start"), data.get("period_end"))
    with transaction.atomic():
        versioning.claim(agreement, expected_version, edited=data)
        for name, value in data.items():
            setattr(agreement, name, value)
        agreement.full_clean(exclude=["parent", "renews", "created_by"])
        agreement.save()
        _save_parties(agreement, parties, actor)
        _save_areas(agreement, content_areas)
        _supersede_renewed(agreement)
    return agreement


def agreement_archive(*, actor: User, agreement: Agreement) -> Agreement:
    if not access.can_edit_agreement(actor, agreement):
        raise PermissionDenied
    if not agreement.is_archived:
        agreement.archive()
    return agreement


def agreement_restore(*, actor: User, agreement: Agreement) -> Agreement:
    if not access.can_edit_agreement(actor, agreement):
        raise PermissionDenied
    if agreement.is_archived:
        agreement.restore()
    return agreement



# --- review flag ------------------------------------------------------------------------------


def party_transfer(
    *, agreement: Agreement, movers: set[int], successor: Organization, reason: str
) -> list[str]:
    """Pass the roles of ended bodies (``movers``) in an agreement to their successor: the first
    party row of an ended body becomes the successor's (keeping the name and signatory as
    signed), or, when the successor is already a party, it takes the stronger role; content
    areas follow. The caller checks who may do this. Returns one note per party row moved."""
    parties = list(agreement.parties.all())
    existing = next((p for p in parties if p.organization_id == successor.pk), None)
    notes = []
    for party in parties:
        if party.organization_id not in movers:
            continue
        old_name = party.organization.name
        if existing is None:
            party.organization = successor
            party._change_reason = reason  # type: ignore[attr-defined]
            party.save(update_fields=["organization"])
            existing = party
            notes.append(
                _("Vai trò của %(old)s chuyển sang %(new)s.") % {"old": old_name, "new": successor.name}
            )
        else:
            # The successor already signed: the old row stays as signed, the
            # successor takes the stronger role.
            if party.role == Party.Role.LEAD and existing.role != Party.Role.LEAD:
                existing.role = Party.Role.LEAD
                existing._change_reason = reason  # type: ignore[attr-defined]
                existing.save(update_fields=["role"])
            notes.append(
                _("%(new)s đã là một bên; vai trò của %(old)s do %(new)s đảm nhận.")
                % {"old": old_name, "new": successor.name}
            )
    for area in agreement.content_areas.prefetch_related("responsible"):
        responsible = {o.pk for o in area.responsible.all()}
        if responsible & movers:
            area.responsible.set((responsible - movers) | {successor.pk})
    return notes


def agreement_flag_review(*, agreement: Agreement, note: str) -> Agreement:
    """Mark an agreement for review by its editors, adding ``note`` to what is to be reviewed.

    Called by other services (a reorganisation, a renewal) that have checked their own rights.
    """
    note = note.strip()
    notes = [line for line in agreement.review_note.splitlines() if line.strip()] if agreement.needs_review else []
    if note and note not in notes:
        notes.append(note)
    agreement.needs_review = True
    agreement.review_note = "\n".join(notes)
    agreement.save(update_fields=["needs_review", "review_note", "updated_at"])
    return agreement


def agreement_review_clear(*, actor: User, agreement: Agreement) -> Agreement:
    """An editor has reviewed the agreement: the flag goes, the note stays in the history."""
    if not access.can_edit_agreement(actor, agreement):
        raise PermissionDenied
    if agreement.needs_review:
        agreement.needs_review = False
        agreement.review_note = ""
        agreement.save(update_fields=["needs_review", "review_note", "updated_at"])
    return agreement


# --- renewal ----------------------------------------------------------------------------------

RENEWAL_WINDOW_DAYS = 180
RENEWABLE_STATUSES = (Agreement.Status.IN_FORCE, Agreement.Status.EXPIRED)
_PERIOD_IN_TITLE = re.compile(r"(giai\s+đoạn\s+)?\b(1[89]\d\d|2\d\d\d)\s*[-–—]\s*(1[89]\d\d|2\d\d\d)\b", re.IGNORECASE)


def renewal_of(agreement: Agreement) -> Agreement | None:
    """The agreement that renews this one, if any (archived drafts do not count)."""
    return Agreement.objects.active().filter(renews=agreement).order_by("-id").first()


def renewal_due(agreement: Agreement, *, today: datetime.date | None = None) -> bool:
    """In force and ending within 180 days, or ended (its last year has come); not archived."""
    today = today or timezone.localdate()
    if agreement.is_archived or agreement.status not in RENEWABLE_STATUSES or not agreement.period_end:
        return False
    ends = datetime.date(agreement.period_end, 12, 31)
    return agreement.period_end <= today.year or (ends - today).days <= RENEWAL_WINDOW_DAYS


def can_renew(agreement: Agreement, *, today: datetime.date | None = None) -> bool:
    """Renewal is due and the agreement has not been renewed already."""
    return renewal_due(agreement, today=today) and renewal_of(agreement) is None


def renewal_lead_bodies(agreement: Agreement) -> list[Organization]:
    """The bodies that carry the lead parties on today (the lead parties themselves when they
    have not ceased): the new agreement's lead."""
    from phoihop.orgs.selectors import current_successors

    bodies: dict[int, Organization] = {}
    for party in agreement.parties.all():
        if party.role == Party.Role.LEAD:
            for body in current_successors(party.organization):
                bodies.setdefault(body.pk, body)
    return list(bodies.values())


def may_renew(user: AnyUser, agreement: Agreement, *, lead_bodies: Sequence[Organization] | None = None) -> bool:
    """Who may draft the renewal: those who edit the agreement (its lead party's officers, a
    system administrator) and, once the lead party has ceased, the officers, leaders and
    administrators of the bodies that carry it on, since its open work passes to them."""
    if access.can_edit_agreement(user, agreement):
        return True
    s = org_access.scope(user)
    if not s.writer_org_ids:
        return False
    bodies = renewal_lead_bodies(agreement) if lead_bodies is None else lead_bodies
    return any(s.can_write_for(b.pk) for b in bodies)


def next_period(agreement: Agreement) -> tuple[int, int]:
    """The period after the agreement's, as long as it: 2022–2025 is followed by 2026–2029."""
    end = agreement.period_end or timezone.localdate().year
    length = end - (agreement.period_start or end)
    return end + 1, end + 1 + length


def renewed_title(
    title: str, start: int, end: int, *, successors: Sequence[tuple[Sequence[str], Sequence[str]]] = ()
) -> str:
    """The old title with the new period, and each party that has ceased named by the bodies
    that carry it on: ``successors`` pairs the names a ceased party went by (as signed, full,
    short) with its successors' names. Two parties merged into one body are named once."""
    from phoihop.vn.dates import format_period

    period = f"giai đoạn {format_period(start, end, document=True)}"  # as titles are written
    if _PERIOD_IN_TITLE.search(title):
        title = _PERIOD_IN_TITLE.sub(period, title, count=1)
    else:
        title = f"{title} {period}"
    return clean(_successor_names_in(title, successors))


def _successor_names_in(title: str, successors: Sequence[tuple[Sequence[str], Sequence[str]]]) -> str:
    new_names: list[str] = []
    for old_names, bodies in successors:
        if not bodies:
            continue  # dissolved without successor: the editor rewrites the title (flagged)
        joined = bodies[0] if len(bodies) == 1 else f"{', '.join(bodies[:-1])} và {bodies[-1]}"
        # Longest first, so "Quận ủy Quận 4" inside "Ban Tuyên giáo Quận ủy Quận 4" is left alone.
        for old in sorted({n.strip() for n in old_names if n and n.strip()}, key=len, reverse=True):
            pattern = re.compile(rf"(?<!\w){re.escape(old)}(?!\w)", re.IGNORECASE)
            if pattern.search(title):
                title = pattern.sub(joined.replace("\\", "\\\\"), title)
                break
        new_names.extend(bodies)
    # A body named twice (two ceased parties merged into it) keeps its first mention only.
    for name in dict.fromkeys(new_names):
        escaped = re.escape(name)
        first = re.search(rf"(?<!\w){escaped}(?!\w)", title)
        if first is None:
            continue
        head, tail = title[: first.end()], title[first.end():]
        tail = re.sub(rf"\s*(?:,|\bvà\b|\bvới\b)\s*{escaped}(?!\w)", "", tail)
        title = head + tail
    return title


@dataclass
class Renewal:
    agreement: Agreement
    # (organisation as in the old agreement, the bodies that carry it on now)
    replaced: list[tuple[Organization, list[Organization]]] = field(default_factory=list)
    dropped: list[Organization] = field(default_factory=list)
    carried_tasks: int = 0
    # old organisation id -> the ids of the new agreement's parties that carry it on
    organization_map: dict[int, list[int]] = field(default_factory=dict)


def agreement_renew_draft(
    *, actor: User, agreement: Agreement, period_start: int, period_end: int
) -> Renewal:
    """Draft the agreement for the next period: same kind, title with the new period, legal
    bases, purpose and reporting; parties and content areas with today's bodies (following the
    registry's successions; a body dissolved without successor is dropped and listed); linked
    as renewing the old one. The old agreement is superseded only when the new one is signed.
    The renewal as users start it (with the plan carried over) is a cross-app workflow."""
    from phoihop.orgs.selectors import current_successors

    if not may_renew(actor, agreement):
        raise PermissionDenied
    if not can_renew(agreement):
        existing = renewal_of(agreement)
        if existing is not None:
            raise ValidationError(_("Văn bản này đã có văn bản gia hạn: %(title)s.") % {"title": existing.title})
        raise ValidationError(
            _("Chỉ gia hạn được văn bản đang có hiệu lực và sắp hết giai đoạn (trong vòng 180 ngày), "
              "hoặc đã hết giai đoạn.")
        )
    errors: dict[str, list[str]] = {}
    if not isinstance(period_start, int) or not 1945 <= period_start <= 2100:
        errors.setdefault("period_start", []).append(_("Năm bắt đầu không hợp lệ."))
    if not isinstance(period_end, int) or not 1945 <= period_end <= 2100:
        errors.setdefault("period_end", []).append(_("Năm kết thúc không hợp lệ."))
    elif not errors and period_end < period_start:
        errors.setdefault("period_end", []).append(_("Năm kết thúc phải bằng hoặc sau năm bắt đầu."))
    if not errors and agreement.period_end and period_start <= agreement.period_end:
        errors.setdefault("period_start", []).append(
            _("Giai đoạn mới phải bắt đầu sau năm %(year)s, năm kết thúc của văn bản cũ.")
            % {"year": agreement.period_end}
        )
    if errors:
        raise ValidationError(errors)

    renewal = Renewal(agreement=agreement)
    mapping: dict[int, list[Organization]] = {}
    parties: list[PartyInput] = []
    taken: dict[int, PartyInput] = {}
    names_as_signed: dict[int, list[str]] = {}
    for party in agreement.parties.select_related("organization").order_by("order", "id"):
        names_as_signed.setdefault(party.organization_id, []).append(party.name_as_signed)
        bodies = current_successors(party.organization)
        mapping[party.organization_id] = bodies
        if not bodies:
            renewal.dropped.append(party.organization)
        elif [b.pk for b in bodies] != [party.organization_id]:
            renewal.replaced.append((party.organization, bodies))
        for body in bodies:
            if body.pk in taken:
                if party.role == Party.Role.LEAD:
                    taken[body.pk].role = Party.Role.LEAD
                continue
            taken[body.pk] = PartyInput(organization=body, role=party.role, name_as_signed=body.name)
            parties.append(taken[body.pk])
    if len(parties) < 2 or not any(p.role == Party.Role.LEAD for p in parties):
        raise ValidationError(
            _("Sau khi đối chiếu sắp xếp tổ chức, văn bản mới không còn đủ bên chủ trì và bên phối "
              "hợp. Hãy lập văn bản mới và chọn các bên.")
        )
    allowed = set(access.lead_organizations_for(actor).values_list("pk", flat=True))
    leads = [p.organization for p in parties if p.role == Party.Role.LEAD]
    if not {o.pk for o in leads} & allowed:
        raise ValidationError(
            _("Bên chủ trì của văn bản mới là %(names)s; chỉ cán bộ của cơ quan này hoặc quản trị hệ "
              "thống lập được văn bản gia hạn.") % {"names": ", ".join(o.name for o in leads)}
        )
    areas = []
    for area in agreement.content_areas.prefetch_related("responsible").order_by("number", "id"):
        responsible: list[Organization] = []
        for org in area.responsible.all():
            for body in mapping.get(org.pk, current_successors(org)):
                if body.pk in taken and all(r.pk != body.pk for r in responsible):
                    responsible.append(body)
        areas.append(ContentAreaInput(number=area.number, title=area.title, text=area.text, responsible=responsible))
    fields: AgreementFields = {
        "kind": agreement.kind,
        "number_symbol": "",
        "title": renewed_title(
            agreement.title, period_start, period_end,
            successors=[
                ([old.name, old.short_name, *names_as_signed.get(old.pk, [])], [b.name for b in bodies])
                for old, bodies in renewal.replaced
            ],
        ),
        "legal_bases": agreement.legal_bases,
        "purpose": agreement.purpose,
        "period_start": period_start,
        "period_end": period_end,
        "signed_on": None,
        "status": Agreement.Status.DRAFT,
        "reporting": agreement.reporting,
        "parent": agreement.parent if agreement.parent and agreement.parent.status == Agreement.Status.IN_FORCE else None,
        "renews": agreement,
    }
    with transaction.atomic():
        new = agreement_create(actor=actor, fields=fields, parties=parties, content_areas=areas)
        notes = []
        if renewal.replaced:
            notes.append(
                _("Các bên được thay bằng đơn vị kế thừa theo sắp xếp tổ chức: %(pairs)s. Sửa trích yếu, "
                  "nội dung nếu còn nêu tên cũ.")
                % {"pairs": "; ".join(f"{old.name} → {', '.join(b.name for b in bodies)}" for old, bodies in renewal.replaced)}
            )
        if renewal.dropped:
            notes.append(
                _("Không còn đơn vị kế thừa, đã bỏ khỏi các bên: %(names)s.")
                % {"names": "; ".join(o.name for o in renewal.dropped)}
            )
        if notes:
            agreement_flag_review(agreement=new, note=" ".join(notes))
    renewal.organization_map = {
        old: [b.pk for b in bodies if b.pk in taken] for old, bodies in mapping.items()
    }
    renewal.agreement = new
    return renewal


def _supersede_renewed(agreement: Agreement) -> None:
    """Once a renewal is signed (in force), the agreement it renews is superseded."""
    old = agreement.renews
    if (
        old is not None
        and agreement.status == Agreement.Status.IN_FORCE
        and old.status != Agreement.Status.SUPERSEDED
    ):
        old.status = Agreement.Status.SUPERSEDED
        old.save(update_fields=["status", "updated_at"])


# --- numbering the agreement's documents ---------------------------------------------------------


def joint_number_issue(
    *, actor: User, agreement: Agreement, record: models.Model, doc_type: str, issued_on: datetime.date, number: int | None,
    title: str, confirm_out_of_sequence: bool,
) -> NumberIssue:
    """Number a document the agreement's parties issue together (the agreement itself, a plan)
    in the lead party's series, every party's abbreviation in its symbol."""
    if issued_on is None:
        raise ValidationError({"issued_on": _("Cần nhập ngày ban hành văn bản.")})
    parties = ordered_parties(agreement)
    if not parties:
        raise ValidationError(_("Văn bản chưa có bên tham gia."))
    check_record_dates(record, issued_on)
    return number_issue(
        actor=actor, issuer=parties[0].organization, co_issuers=[p.organization for p in parties[1:]],
        doc_type=doc_type, issued_on=issued_on, number=number, record=record, title=title,
        confirm_out_of_sequence=confirm_out_of_sequence,
    )


@transaction.atomic
def agreement_number_issue(
    *, actor: User, agreement: Agreement, issued_on: datetime.date, number: int | None = None,
    confirm_out_of_sequence: bool = False,
) -> NumberIssue:
    """Give an agreement (regulation CTr/QC/KH) its number in the lead party's register, once,
    and show it as the agreement's "số, ký hiệu". An agreement that already carries a number
    typed from its signed copy keeps it: it was numbered outside the register."""
    if not access.can_edit_agreement(actor, agreement):
        raise PermissionDenied
    Agreement.objects.select_for_update().filter(pk=agreement.pk).values_list("pk").get()
    agreement.refresh_from_db(fields=["number_symbol", "signed_on", "period_start", "period_end", "version"])
    if agreement.is_archived:
        raise ValidationError(_("Văn bản đã lưu trữ; khôi phục trước khi cấp số."))
    doc_type = agreement_doc_type(agreement)
    existing = live_number(agreement, doc_type)
    if agreement.number_symbol and existing is None:
        raise ValidationError(
            _("Văn bản đã có số, ký hiệu %(symbol)s (ghi theo bản đã ký), nên không cấp số mới.")
            % {"symbol": agreement.number_symbol}
        )
    issue = joint_number_issue(
        actor=actor, agreement=agreement, record=agreement, doc_type=doc_type, issued_on=issued_on,
        number=number, title=agreement.title, confirm_out_of_sequence=confirm_out_of_sequence,
    )
    if agreement.number_symbol != issue.entry.symbol:
        versioning.claim(agreement, None)  # open edit forms see that the number changed
        agreement.number_symbol = issue.entry.symbol
        agreement.save(update_fields=["number_symbol", "version", "updated_at"])
    return issue
