"""Inspections and supervision visits under an agreement, with their recommendations and the
follow-up of each, as the inspection pages show them (seen like their agreement), and what was
done about a recommendation recorded as on the inspection page (by the inspecting side or the
organisation responsible). Visits and recommendations themselves are recorded on the pages."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Field as F
from ninja import Query, Router, Schema, Status

from phoihop.api import schemas
from phoihop.api.attachments import AttachmentOut, attachment_out
from phoihop.api.errors import ApiError
from phoihop.api.etags import etag_with, not_modified
from phoihop.api.organizations import choice, ref
from phoihop.api.paging import form_data, key, offset_page, unchanged
from phoihop.api.reports import AgreementRef
from phoihop.api.writes import audit_write, documented_body, read_body
from phoihop.attachments.models import Attachment
from phoihop.attachments.selectors import attachments_of
from phoihop.core.access import SignedInRequest
from phoihop.exchange import access, selectors, services
from phoihop.exchange.forms import InspectionFilterForm
from phoihop.exchange.models import FollowUp, Inspection, Recommendation
from phoihop.vn.names import person_name

router = Router(tags=["inspections"])


class InspectionFilters(Schema):
    agreement: schemas.Key | None = None
    year: int | None = F(None, ge=1900, le=2999)
    archived: bool = False
    limit: int = F(25, ge=1, le=100)
    offset: int = F(0, ge=0, le=100_000)


class InspectionOut(Schema):
    id: int
    agreement: AgreementRef
    kind: schemas.Choice
    title: str
    date: datetime.date
    inspecting: list[schemas.Ref] = F(description="The inspecting or supervising organisations")
    inspected: list[schemas.Ref]
    recommendation_count: int
    open_count: int = F(description="Recommendations not yet closed")
    archived: bool


class FollowUpOut(Schema):
    id: int
    date: datetime.date
    note: str
    by: str
    created_at: datetime.datetime


class RecommendationOut(Schema):
    id: int
    text: str
    responsible: schemas.Ref
    due_date: datetime.date | None
    status: schemas.Choice
    closed_at: datetime.datetime | None
    closed_by: str | None
    follow_ups: list[FollowUpOut]
    version: int


class InspectionDetail(InspectionOut):
    scope: str
    findings: str
    recommendations: list[RecommendationOut]
    attachments: list[AttachmentOut] = F(description="Minutes, documents and photos of the visit")
    version: int


class FollowUpIn(Schema):
    date: datetime.date = F(description="When it was done")
    note: str = F(min_length=1, max_length=5000, description="What was done")


class InspectionPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[InspectionOut]


def inspection_out(i: Inspection) -> dict[str, Any]:
    a = i.agreement
    return {
        "id": i.pk,
        "agreement": {"id": a.pk, "number_symbol": a.number_symbol, "title": a.title},
        "kind": choice(i, "kind"),
        "title": i.title,
        "date": i.date,
        "inspecting": [ref(o) for o in i.inspecting.all()],
        "inspected": [ref(o) for o in i.inspected.all()],
        "recommendation_count": getattr(i, "recommendation_count", 0),
        "open_count": getattr(i, "open_count", 0),
        "archived": i.is_archived,
    }


def _follow_up_out(f: FollowUp) -> dict[str, Any]:
    return {
        "id": f.pk,
        "date": f.date,
        "note": f.note,
        "by": person_name(f.by),
        "created_at": f.created_at,
    }


def recommendation_out(r: Recommendation) -> dict[str, Any]:
    return {
        "id": r.pk,
        "text": r.text,
        "responsible": ref(r.responsible),
        "due_date": r.due_date,
        "status": choice(r, "status"),
        "closed_at": r.closed_at,
        "closed_by": person_name(r.closed_by) if r.closed_by_id else None,
        "follow_ups": [_follow_up_out(f) for f in r.follow_ups.all()],
        "version": r.version,
    }


def _tag(
    inspection: Inspection, recommendations: list[Recommendation], files: list[Attachment]
) -> str:
    # Recommendations, their follow-up and the files change without touching the inspection.
    return etag_with(
        inspection,
        [
            *(
                (r.pk, r.version, r.status, [f.pk for f in r.follow_ups.all()])
                for r in recommendations
            ),
            *(f.pk for f in files),
        ],
    )


@router.get(
    "/inspections",
    response={200: InspectionPage, **schemas.ERRORS},
    url_name="inspection_list",
    summary="List inspections and supervision visits",
)
def inspection_list(request: HttpRequest, filters: Query[InspectionFilters]) -> dict[str, Any]:
    """The visits under the agreements you see, latest first, filtered as on the inspection
    list, with how many recommendations each made and how many are still open."""
    form = InspectionFilterForm(form_data(filters), user=request.user)
    rows = selectors.inspection_list(user=request.user, filters=form.filters())
    return offset_page(rows, limit=filters.limit, offset=filters.offset, out=inspection_out)


@router.get(
    "/inspections/{int:pk}",
    response={200: InspectionDetail, **schemas.READ_ERRORS},
    url_name="inspection_detail",
    summary="One inspection with its recommendations and their follow-up",
)
def inspection_detail(request: HttpRequest, pk: int, response: HttpResponse) -> Any:
    inspection = access.get_inspection_for_user(request.user, key(pk))
    recommendations = selectors.inspection_recommendations(inspection)
    files = attachments_of(inspection)
    tag = _tag(inspection, recommendations, files)
    if not_modified(request, inspection, tag=tag):
        return unchanged(inspection, tag=tag)
    response["ETag"] = tag
    open_count = sum(1 for r in recommendations if not r.is_closed)
    inspection.recommendation_count = len(recommendations)  # type: ignore[attr-defined]
    inspection.open_count = open_count  # type: ignore[attr-defined]
    return {
        **inspection_out(inspection),
        "scope": inspection.scope,
        "findings": inspection.findings,
        "recommendations": [recommendation_out(r) for r in recommendations],
        "attachments": [attachment_out(f) for f in files],
        "version": inspection.version,
    }


def _refuse_stale(request: HttpRequest, inspection: Inspection) -> None:
    """A follow-up sent with ``If-Match`` is refused (412) unless it names the inspection's
    current tag: the caller saw its recommendations as they are now."""
    header = request.headers.get("If-Match")
    if not header or header.strip() == "*":
        return
    current = _tag(
        inspection, selectors.inspection_recommendations(inspection), attachments_of(inspection)
    )
    if current not in [t.strip().removeprefix("W/") for t in header.split(",")]:
        raise ApiError("precondition_failed")


@router.post(
    "/recommendations/{int:pk}/follow-ups",
    response={201: RecommendationOut, **schemas.WRITE_ERRORS},
    url_name="recommendation_follow_up",
    summary="Record what was done about a recommendation",
    openapi_extra=documented_body(FollowUpIn),
)
def recommendation_follow_up(request: SignedInRequest, pk: int, response: HttpResponse) -> Any:
    """By an officer of the inspecting side or of the organisation responsible for it, while it
    is open (``{"date": "2024-12-05", "note": "…"}``); an open recommendation is then in
    progress, and the other side is told. ``If-Match`` names the inspection's ETag."""
    recommendation = access.get_recommendation_for_user(request.user, key(pk), for_follow_up=True)
    data = read_body(request, FollowUpIn)
    with transaction.atomic():
        # Taken first, so two follow-ups sent at once are checked one after the other.
        recommendation.refresh_from_db(from_queryset=Recommendation.objects.select_for_update())
        _refuse_stale(request, recommendation.inspection)
        services.follow_up_add(
            actor=request.user, recommendation=recommendation, date=data.date, note=data.note
        )
        audit_write(request, recommendation.inspection, f"follow_up_add {recommendation.pk}")
    fresh = next(
        r
        for r in selectors.inspection_recommendations(recommendation.inspection)
        if r.pk == recommendation.pk
    )
    response["Location"] = reverse("api:inspection_detail", kwargs={"pk": fresh.inspection_id})
    return Status(201, recommendation_out(fresh))
