"""Interim and final reviews as the review pages show them (the list, a review with its figures
and contributions), and commendations, read through the reviews' access rules and selectors.

A review's figures follow the record while it is a draft (an approved activity changes them
without touching the review), so its ETag is a digest of what it answers rather than its
version: ``If-None-Match`` answers 304 exactly when nothing the client would read has changed.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Field as F
from ninja import Query, Router, Schema

from phoihop.api import schemas
from phoihop.api.etags import content_tag, etag_of, not_modified, tag_matches
from phoihop.api.organizations import choice, ref
from phoihop.api.paging import form_data, key, offset_page, unchanged
from phoihop.reviews import access, selectors
from phoihop.reviews.forms import CommendationListFilterForm, ReviewFilterForm
from phoihop.reviews.models import Commendation, Review

router = Router(tags=["reviews"])


# --- what goes in -----------------------------------------------------------------------------


class ReviewFilters(Schema):
    agreement: schemas.Key | None = F(None, description="The main agreement reviewed")
    kind: Review.Kind | None = None
    status: Review.Status | None = None
    year: int | None = F(None, ge=1901, le=2199, description="A year the period touches")
    archived: bool = False
    limit: int = F(selectors.PAGE_SIZE, ge=1, le=100)
    offset: int = F(0, ge=0, le=100_000)


class ReviewQuery(Schema):
    agreement: schemas.Key | None = F(
        None,
        description=f"For a review of more than {selectors.PAGE_AGREEMENTS} agreements: the "
        "covered agreement whose tables (by content area, by party, reporting) are given; the "
        "main one when left out. The totals and the summary by agreement cover them all.",
    )


class CommendationFilters(Schema):
    movement: schemas.Key | None = F(None, description="An emulation movement")
    organization: schemas.Key | None = F(None, description="The collective, or the person's unit")
    year: int | None = F(None, ge=1901, le=2199)
    status: Commendation.Status | None = None
    archived: bool = F(
        False, description="Withdrawn proposals and the commendations of archived reviews"
    )
    limit: int = F(selectors.PAGE_SIZE, ge=1, le=100)
    offset: int = F(0, ge=0, le=100_000)


class Paging(Schema):
    limit: int = F(selectors.PAGE_SIZE, ge=1, le=100)
    offset: int = F(0, ge=0, le=100_000)


# --- what comes out ---------------------------------------------------------------------------


class AgreementBrief(Schema):
    id: int
    number_symbol: str
    title: str


class EventBrief(Schema):
    id: int
    title: str
    date: datetime.date


class ReviewOut(Schema):
    id: int
    title: str = F(description="As the pages name it: “Sơ kết năm 2024”")
    kind: schemas.Choice
    status: schemas.Choice
    agreement: AgreementBrief
    period_start: datetime.date
    period_end: datetime.date
    event: EventBrief | None
    number_symbol: str
    report_date: datetime.date | None
    signed_off_at: datetime.datetime | None
    archived: bool


class ReviewPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[ReviewOut]


class Section(Schema):
    name: str
    label: str
    text: str


class Contribution(Schema):
    id: int
    organization: schemas.Ref
    title: str
    body: str
    updated_at: datetime.datetime


class IndicatorFigure(Schema):
    name: str
    unit: str
    target: Decimal
    achieved: Decimal | None
    percent: Decimal | None


class AreaFigures(Schema):
    number: int | None = F(description="None: the tasks outside the agreement's content areas")
    title: str
    agreement_id: int
    tasks_planned: int
    tasks_done: int
    activities: int
    participants: int
    indicators: list[IndicatorFigure]


class CreditedValue(Schema):
    name: str
    unit: str
    value: Decimal


class PartyFigures(Schema):
    organization: schemas.Ref
    role: str = F(description="lead, cooperating, or empty for a unit credited outside them")
    tasks_led: int
    tasks_done: int
    activities: int
    participants: int
    values: list[CreditedValue]


class Timeliness(Schema):
    organization: schemas.Ref
    owed: int
    on_time: int
    late: int
    missing: int
    rate: Decimal | None


class Inspections(Schema):
    inspections: int
    recommendations: int
    closed: int
    open: int


class AgreementSummary(Schema):
    agreement_id: int
    tasks_planned: int
    tasks_done: int
    activities: int
    participants: int


class Figures(Schema):
    frozen: bool = F(description="True: the figures as signed off, kept as they were")
    years: list[int]
    tasks_planned: int
    tasks_done: int
    tasks_percent: Decimal | None
    activities: int
    participants: int
    detail_agreement_id: int | None = F(
        description="A wide review: the agreement the tables by area, party and reporting cover"
    )
    by_agreement: list[AgreementSummary] = F(description="A wide review: a row per agreement")
    areas: list[AreaFigures]
    parties: list[PartyFigures]
    indicators: list[IndicatorFigure]
    timeliness: list[Timeliness] | None
    inspections: Inspections | None


class ReviewDetail(ReviewOut):
    agreements: list[AgreementBrief] = F(description="Every agreement covered, the main one first")
    sections: list[Section]
    signer_name: str
    signer_position: str
    contributions: list[Contribution]
    figures: Figures | None = F(description="None while the review is archived")
    commendation_count: int
    version: int


class CommendationOut(Schema):
    id: int
    awardee_kind: schemas.Choice
    awardee: str = F(description="The person's name, or the collective's")
    organization: schemas.Ref
    person_name: str
    person_title: str
    form: schemas.Choice
    authority: str
    reason: str
    movement: schemas.Ref | None
    review_id: int | None
    year: int
    status: schemas.Choice
    decision_number: str
    decision_date: datetime.date | None
    note: str
    archived: bool


class CommendationPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[CommendationOut]


def agreement_brief(a: Any) -> dict[str, Any]:
    return {"id": a.pk, "number_symbol": a.number_symbol, "title": a.title}


def review_out(r: Review) -> dict[str, Any]:
    event = r.event
    return {
        "id": r.pk,
        "title": r.title,
        "kind": choice(r, "kind"),
        "status": choice(r, "status"),
        "agreement": agreement_brief(r.agreement),
        "period_start": r.period_start,
        "period_end": r.period_end,
        "event": {"id": event.pk, "title": event.title, "date": event.date} if event else None,
        "number_symbol": r.number_symbol,
        "report_date": r.report_date,
        "signed_off_at": r.signed_off_at,
        "archived": r.is_archived,
    }


def _indicator(i: Any) -> dict[str, Any]:
    return {
        "name": i.name,
        "unit": str(i.unit),
        "target": i.target,
        "achieved": i.achieved,
        "percent": i.percent,
    }


def figures_out(f: selectors.Figures, *, frozen: bool) -> dict[str, Any]:
    return {
        "frozen": frozen,
        "years": list(f.years),
        "tasks_planned": f.tasks_planned,
        "tasks_done": f.tasks_done,
        "tasks_percent": f.tasks_percent,
        "activities": f.activities,
        "participants": f.participants,
        "detail_agreement_id": f.detail,
        "by_agreement": [
            {
                "agreement_id": s.agreement.pk,
                "tasks_planned": s.tasks_planned,
                "tasks_done": s.tasks_done,
                "activities": s.activities,
                "participants": s.participants,
            }
            for s in f.by_agreement
        ],
        "areas": [
            {
                "number": a.number,
                "title": str(a.title),
                "agreement_id": a.agreement_id,
                "tasks_planned": a.tasks_planned,
                "tasks_done": a.tasks_done,
                "activities": a.activities,
                "participants": a.participants,
                "indicators": [_indicator(i) for i in a.indicators],
            }
            for a in f.areas
        ],
        "parties": [
            {
                "organization": ref(p.organization),
                "role": p.role,
                "tasks_led": p.tasks_led,
                "tasks_done": p.tasks_done,
                "activities": p.activities,
                "participants": p.participants,
                "values": [{"name": n, "unit": str(u), "value": v} for n, u, v in p.values],
            }
            for p in f.parties
        ],
        "indicators": [_indicator(i) for i in f.indicators],
        "timeliness": None
        if f.timeliness is None
        else [
            {
                "organization": ref(t.organization),
                "owed": t.owed,
                "on_time": t.on_time,
                "late": t.late,
                "missing": t.missing,
                "rate": t.rate,
            }
            for t in f.timeliness
        ],
        "inspections": f.inspections,
    }


def commendation_out(c: Commendation) -> dict[str, Any]:
    movement = c.movement
    return {
        "id": c.pk,
        "awardee_kind": choice(c, "awardee_kind"),
        "awardee": c.awardee,
        "organization": ref(c.organization),
        "person_name": c.person_name,
        "person_title": c.person_title,
        "form": choice(c, "form"),
        "authority": c.authority,
        "reason": c.reason,
        "movement": {"id": movement.pk, "name": movement.name} if movement else None,
        "review_id": c.review_id,
        "year": c.year,
        "status": choice(c, "status"),
        "decision_number": c.decision_number,
        "decision_date": c.decision_date,
        "note": c.note,
        "archived": c.is_archived,
    }


def review_record(request: HttpRequest, pk: int, chosen: int | None) -> dict[str, Any]:
    """The review as its page shows it: the record, every covered agreement, the contributions
    and the figures (frozen once signed off; for a wide review, the tables of one agreement).
    The same number of queries for one agreement as for many."""
    review = access.get_review_for_user(request.user, key(pk))
    agreements = selectors.covered_agreements(review)
    detail = selectors.page_detail_agreement(agreements, chosen)
    figures = None
    if not review.is_archived:
        figures = figures_out(
            selectors.review_figures(review, detail=detail, with_commendations=False),
            frozen=bool(review.is_locked and review.figures),
        )
    contributions = review.contributions.select_related("organization").order_by("id")
    return {
        **review_out(review),
        "agreements": [agreement_brief(a) for a in agreements],
        "sections": [
            {"name": n, "label": label, "text": text} for n, label, text in review.sections()
        ],
        "signer_name": review.signer_name,
        "signer_position": review.signer_position,
        "contributions": [
            {
                "id": c.pk,
                "organization": ref(c.organization),
                "title": c.title,
                "body": c.body,
                "updated_at": c.updated_at,
            }
            for c in contributions
        ],
        "figures": figures,
        "commendation_count": selectors.review_commendations(review).count(),
        "version": review.version,
    }


# --- the operations ---------------------------------------------------------------------------


@router.get(
    "/reviews",
    response={200: ReviewPage, **schemas.ERRORS},
    url_name="review_list",
    summary="List reviews",
)
def review_list(request: HttpRequest, filters: Query[ReviewFilters]) -> dict[str, Any]:
    """The interim and final reviews you see (those of the agreements you see), newest period
    first, filtered as on the review list."""
    form = ReviewFilterForm(form_data(filters), user=request.user)
    rows = selectors.review_list(user=request.user, filters=form.filters())
    return offset_page(rows, limit=filters.limit, offset=filters.offset, out=review_out)


@router.get(
    "/reviews/{int:pk}",
    response={200: ReviewDetail, **schemas.READ_ERRORS},
    url_name="review_detail",
    summary="One review, with its figures",
)
def review_detail(
    request: HttpRequest, pk: int, query: Query[ReviewQuery], response: HttpResponse
) -> Any:
    """The review's record, its narrative sections, the parties' contributions and its figures as
    the review page compiles them: totals, by content area, by party, indicators, reporting
    timeliness and inspections. Its commendations are at ``/reviews/{id}/commendations``."""
    body = review_record(request, pk, query.agreement)
    tag = content_tag(body)
    if tag_matches(request, tag):
        answer = HttpResponse(status=304)
        answer["ETag"] = tag
        return answer
    response["ETag"] = tag
    return body


@router.get(
    "/reviews/{int:pk}/commendations",
    response={200: CommendationPage, **schemas.ERRORS},
    url_name="review_commendations",
    summary="A review's commendations",
)
def review_commendations(request: HttpRequest, pk: int, paging: Query[Paging]) -> dict[str, Any]:
    """The collectives and individuals proposed or commended at the review, as its page lists
    them (collectives first; withdrawn proposals left out)."""
    review = access.get_review_for_user(request.user, key(pk))
    rows = selectors.review_commendations(review)
    return offset_page(rows, limit=paging.limit, offset=paging.offset, out=commendation_out)


@router.get(
    "/commendations",
    response={200: CommendationPage, **schemas.ERRORS},
    url_name="commendation_list",
    summary="List commendations",
)
def commendation_list(request: HttpRequest, filters: Query[CommendationFilters]) -> dict[str, Any]:
    """The commendations you see, newest year first, filtered as on the commendation list."""
    form = CommendationListFilterForm(
        form_data(filters),
        movements=selectors.movement_list(user=request.user),
        years=selectors.commendation_years(),
    )
    rows = selectors.commendation_rows(
        selectors.commendation_list(user=request.user, filters=form.filters())
    )
    return offset_page(rows, limit=filters.limit, offset=filters.offset, out=commendation_out)  # type: ignore[arg-type]


@router.get(
    "/commendations/{int:pk}",
    response={200: CommendationOut, **schemas.READ_ERRORS},
    url_name="commendation_detail",
    summary="One commendation",
)
def commendation_detail(request: HttpRequest, pk: int, response: HttpResponse) -> Any:
    commendation = access.get_commendation_for_user(request.user, key(pk))
    if not_modified(request, commendation):
        return unchanged(commendation)
    response["ETag"] = etag_of(commendation)
    return commendation_out(commendation)
