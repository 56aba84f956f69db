"""Coordination documents with their parties and content areas, as the user sees them on the
agreement pages (the agreements' access rules and selectors)."""

from __future__ import annotations

from typing import Literal

from django.http import HttpRequest, HttpResponse
from ninja import Field as F
from ninja import Query, Router, Schema

from phoihop.agreements import access, selectors
from phoihop.agreements.forms import AgreementListFilterForm
from phoihop.agreements.models import Agreement, ContentArea, Party
from phoihop.api import schemas
from phoihop.api.etags import etag_of, not_modified
from phoihop.api.organizations import choice, ref
from phoihop.api.paging import form_data, key, offset_page, unchanged

router = Router(tags=["agreements"])


class AgreementFilters(Schema):
    q: str = F(
        "",
        max_length=200,
        pattern=schemas.NO_NUL,
        description="Words of the title, number and symbol or legal bases",
    )
    status: Agreement.Status | None = None
    kind: Agreement.Kind | None = None
    party: schemas.Key | None = F(None, description="Organisations that are a party")
    year: int | None = F(None, ge=1, le=9999, description="In force during this year")
    period: str | None = F(
        None, max_length=20, pattern=r"^\d{4}-\d{4}$", description="A period, e.g. 2022-2025"
    )
    sort: Literal["signed", "-signed", "title", "period", "updated"] = "signed"
    archived: bool = False
    limit: int = F(25, ge=1, le=100)
    offset: int = F(0, ge=0, le=100_000)


def party_brief(p: Party) -> dict[str, object]:
    return {
        "organization": ref(p.organization),
        "role": choice(p, "role"),
        "name_as_signed": p.name_as_signed,
    }


def agreement_out(a: Agreement) -> dict[str, object]:
    return {
        "id": a.pk,
        "kind": choice(a, "kind"),
        "number_symbol": a.number_symbol,
        "title": a.title,
        "status": choice(a, "status"),
        "period_start": a.period_start,
        "period_end": a.period_end,
        "signed_on": a.signed_on,
        "archived": a.is_archived,
        "parties": [party_brief(p) for p in a.parties.all()],
    }


def agreement_list_item(a: Agreement) -> dict[str, object]:
    return {**agreement_out(a), "content_area_count": getattr(a, "content_area_count", 0)}


def area_out(area: ContentArea) -> dict[str, object]:
    return {
        "id": area.pk,
        "number": area.number,
        "title": area.title,
        "text": area.text,
        "responsible": [ref(o) for o in area.responsible.all()],
    }


@router.get(
    "/agreements",
    response={200: schemas.AgreementPage, **schemas.ERRORS},
    url_name="agreement_list",
    summary="List agreements",
)
def agreement_list(request: HttpRequest, filters: Query[AgreementFilters]) -> dict[str, object]:
    """The agreements you see, filtered and sorted as on the agreement list."""
    form = AgreementListFilterForm(form_data(filters))
    rows = selectors.agreement_list(user=request.user, filters=form.filters())
    return offset_page(rows, limit=filters.limit, offset=filters.offset, out=agreement_list_item)


@router.get(
    "/agreements/{int:pk}",
    response={200: schemas.AgreementDetail, **schemas.READ_ERRORS},
    url_name="agreement_detail",
    summary="One agreement",
)
def agreement_detail(
    request: HttpRequest, pk: int, response: HttpResponse
) -> dict[str, object] | HttpResponse:
    """With its parties (as signed) and its numbered content areas."""
    agreement = access.get_agreement_for_user(request.user, key(pk))
    if not_modified(request, agreement):
        return unchanged(agreement)
    parties, areas = selectors.agreement_parts(agreement=agreement)
    response["ETag"] = etag_of(agreement)
    return {
        **agreement_out(agreement),
        "legal_bases": agreement.legal_bases,
        "purpose": agreement.purpose,
        "reporting": agreement.reporting,
        "parent_id": agreement.parent_id,
        "renews_id": agreement.renews_id,
        "version": agreement.version,
        "parties": [
            {
                **party_brief(p),
                "signatory_id": p.signatory_id,
                "signatory_name": p.signatory_name,
                "signatory_rank": p.signatory_rank,
                "signatory_position": p.signatory_position,
                "signed_on": p.signed_on,
            }
            for p in parties
        ],
        "content_areas": [area_out(a) for a in areas],
    }
