"""Every write to agreements: one function per use case, each checked and atomic."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.accounts import access
from phoihop.agreements.models import Agreement, ContentArea, Party
from phoihop.orgs.models import Organization
from phoihop.orgs.services import person_for_signatory
from phoihop.vn.symbols import SymbolError, format_symbol, parse_symbol
from phoihop.vn.text import clean


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


def normalize_number_symbol(value: str) -> str:
    """The canonical form of a number and symbol, or a clear error. Empty stays empty (a draft)."""
    value = clean(value or "")
    if not value:
        return ""
    try:
        return format_symbol(parse_symbol(value))
    except SymbolError as exc:
        raise ValidationError(str(exc), code="invalid") from None


def _check(fields: dict[str, Any], parties: Sequence[PartyInput], areas: Sequence[ContentAreaInput]) -> None:
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


def _check_links(actor: Any, fields: dict[str, Any], agreement: Agreement | None) -> None:
    for name in ("parent", "renews"):
        linked = fields.get(name)
        if linked is None:
            continue
        if agreement is not None and linked.pk == agreement.pk:
            raise ValidationError({name: _("Văn bản không thể liên kết với chính nó.")})
        if not access.can_view_agreement(actor, linked):
            raise ValidationError({name: _("Không tìm thấy văn bản được liên kết.")})


def _save_parties(agreement: Agreement, parties: Sequence[PartyInput], actor: Any) -> None:
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
    for pk, area in existing.items():
        if pk not in kept:
            area.delete()


def _clean_fields(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(AGREEMENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown agreement fields: {sorted(unknown)}")
    result = dict(fields)
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
    actor: Any,
    fields: dict[str, Any],
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
    return agreement


def agreement_update(
    *,
    actor: Any,
    agreement: Agreement,
    fields: dict[str, Any],
    parties: Sequence[PartyInput],
    content_areas: Sequence[ContentAreaInput],
) -> Agreement:
    if not access.can_edit_agreement(actor, agreement):
        raise PermissionDenied
    if agreement.is_archived:
        raise ValidationError(_("Văn bản đã lưu trữ; khôi phục trước khi sửa."))
    data = _clean_fields(fields)
    _check(data, parties, content_areas)
    _check_links(actor, data, agreement)
    with transaction.atomic():
        for name, value in data.items():
            setattr(agreement, name, value)
        agreement.full_clean(exclude=["parent", "renews", "created_by"])
        agreement.save()
        _save_parties(agreement, parties, actor)
        _save_areas(agreement, content_areas)
    return agreement


def agreement_archive(*, actor: Any, agreement: Agreement) -> Agreement:
    if not access.can_edit_agreement(actor, agreement):
        raise PermissionDenied
    if not agreement.is_archived:
        agreement.archived_at = timezone.now()
        agreement.save(update_fields=["archived_at", "updated_at"])
    return agreement


def agreement_restore(*, actor: Any, agreement: Agreement) -> Agreement:
    if not access.can_edit_agreement(actor, agreement):
        raise PermissionDenied
    if agreement.is_archived:
        agreement.archived_at = None
        agreement.save(update_fields=["archived_at", "updated_at"])
    return agreement

