"""Periodic reports between the parties of an agreement, as the report pages show and write
them: the list with its filters, one report with who read it, a party's draft started, changed
and sent, through the exchange app's access rules, selectors and services.

A draft is private to its party; a sent report is read by whoever sees the agreement. Opening a
sent report here leaves the same read receipt as opening its page (only a member of another
party leaves one)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from ninja import Field as F
from ninja import Query, Router, Schema, Status

from phoihop.agreements import access as agreement_access
from phoihop.agreements.models import Agreement
from phoihop.api import schemas
from phoihop.api.etags import claim_if_match, etag_with, not_modified
from phoihop.api.organizations import choice, ref
from phoihop.api.paging import form_data, key, offset_page, unchanged
from phoihop.api.writes import audit_write
from phoihop.core.access import SignedInRequest
from phoihop.exchange import access, selectors, services
from phoihop.exchange.forms import ReportFilterForm
from phoihop.exchange.models import PeriodicReport, ReportRead, Rhythm
from phoihop.exchange.periods import adhoc_label
from phoihop.orgs.models import Organization
from phoihop.vn.names import person_name

router = Router(tags=["reports"])

# The years the report list offers: this one and the seven before.
YEARS = 8


class ReportFilters(Schema):
    agreement: schemas.Key | None = None
    organization: schemas.Key | None = F(None, description="The reporting party")
    year: int | None = F(
        None, ge=1901, le=2199, description="The year the period ends (this one or the 7 before)"
    )
    status: PeriodicReport.Status | None = None
    archived: bool = False
    limit: int = F(25, ge=1, le=100)
    offset: int = F(0, ge=0, le=100_000)


class AgreementRef(Schema):
    id: int
    number_symbol: str
    title: str


class ReportOut(Schema):
    id: int
    agreement: AgreementRef
    organization: schemas.Ref
    rhythm: schemas.Choice
    period_label: str
    period_start: datetime.date
    period_end: datetime.date
    due_date: datetime.date
    title: str
    status: schemas.Choice
    state: schemas.Choice = F(description="Not yet due, due soon, sent on time, sent late, missing")
    submitted_at: datetime.datetime | None
    submitted_by: str | None
    read_count: int
    archived: bool


class ReadReceipt(Schema):
    user: str
    organization: schemas.Ref
    read_at: datetime.datetime


class ReportDetail(ReportOut):
    body: str
    reads: list[ReadReceipt] = F(description="Members of the other parties who opened it")
    version: int


class ReportPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[ReportOut]


class ReportIn(Schema):
    """A party's report started as a draft: for a period the agreement's schedule makes it owe
    (named by the period's first day), or an ad hoc report with its own period and due date."""

    agreement: schemas.Key
    organization: schemas.Key = F(description="The reporting party (one you write for)")
    period_start: datetime.date = F(description="The first day of the period")
    ad_hoc: bool = F(False, description="An ad hoc report: give period_end and due_date too")
    period_end: datetime.date | None = F(None, description="Ad hoc reports only")
    due_date: datetime.date | None = F(None, description="Ad hoc reports only")
    title: str = F(min_length=1, max_length=500)
    body: str = F("", max_length=200_000)


class ReportPatch(Schema):
    """What to change of a draft; what is left out stays as it is."""

    title: str | None = F(None, min_length=1, max_length=500)
    body: str | None = F(None, max_length=200_000)


def _state(report: PeriodicReport) -> dict[str, str]:
    state = selectors.state_of(report, report.due_date, timezone.localdate())
    return {"value": state, "label": _(selectors.STATE_LABELS[state])}


def report_out(r: PeriodicReport) -> dict[str, Any]:
    a = r.agreement
    return {
        "id": r.pk,
        "agreement": {"id": a.pk, "number_symbol": a.number_symbol, "title": a.title},
        "organization": ref(r.organization),
        "rhythm": choice(r, "rhythm"),
        "period_label": r.period_label,
        "period_start": r.period_start,
        "period_end": r.period_end,
        "due_date": r.due_date,
        "title": r.title,
        "status": choice(r, "status"),
        "state": _state(r),
        "submitted_at": r.submitted_at,
        "submitted_by": person_name(r.submitted_by) if r.submitted_by_id else None,
        "read_count": getattr(r, "read_count", 0),
        "archived": r.is_archived,
    }


def _read_out(read: ReportRead) -> dict[str, Any]:
    return {
        "user": person_name(read.user),
        "organization": ref(read.organization),
        "read_at": read.read_at,
    }


def _tag(report: PeriodicReport, reads: list[ReportRead]) -> str:
    # A new read receipt changes the answer, not the report: it is part of the tag.
    return etag_with(report, [r.pk for r in reads])


def _answer(response: HttpResponse, report: PeriodicReport, reads: list[ReportRead]) -> Any:
    response["ETag"] = _tag(report, reads)
    report.read_count = len(reads)  # type: ignore[attr-defined]
    return {
        **report_out(report),
        "body": report.body,
        "reads": [_read_out(r) for r in reads],
        "version": report.version,
    }


def _opened(request: HttpRequest, pk: int) -> tuple[PeriodicReport, list[ReportRead]]:
    """The report as its page opens it: the reader's receipt left, then who read it."""
    report = access.get_report_for_user(request.user, key(pk))
    services.report_mark_read(user=request.user, report=report)
    return report, selectors.report_reads(report)


@router.get(
    "/reports",
    response={200: ReportPage, **schemas.ERRORS},
    url_name="report_list",
    summary="List periodic reports",
)
def report_list(request: HttpRequest, filters: Query[ReportFilters]) -> dict[str, Any]:
    """The reports you see, latest period first, filtered as on the report list: the sent
    reports under the agreements you see, and your own parties' drafts."""
    this_year = timezone.localdate().year
    form = ReportFilterForm(
        form_data(filters), user=request.user, years=list(range(this_year, this_year - YEARS, -1))
    )
    rows = selectors.report_list(user=request.user, filters=form.filters())
    return offset_page(rows, limit=filters.limit, offset=filters.offset, out=report_out)


@router.post(
    "/reports",
    response={201: ReportDetail, **schemas.WRITE_ERRORS},
    url_name="report_create",
    summary="Start a periodic report as a draft",
)
def report_create(request: SignedInRequest, data: ReportIn, response: HttpResponse) -> Any:
    """A draft of a party you write for (an officer of a reporting party): for a period its
    schedule makes it owe, or ad hoc. Send it to the other parties with
    ``POST /reports/{id}/submit``."""
    agreement = agreement_access.get_agreement_for_user(request.user, data.agreement)
    writable = access.writable_reporting_org_ids(request.user, agreement)
    if not writable:
        raise PermissionDenied
    organization = Organization.objects.filter(pk=data.organization, pk__in=writable).first()
    if organization is None:
        raise ValidationError({"organization": _("Bạn không viết báo cáo cho bên này.")})
    with transaction.atomic():
        report = (
            _create_ad_hoc(request, agreement, organization, data)
            if data.ad_hoc
            else _create_owed(request, agreement, organization, data)
        )
        audit_write(request, report, "report_create")
    report, reads = _opened(request, report.pk)
    response["Location"] = reverse("api:report_detail", kwargs={"pk": report.pk})
    return Status(201, _answer(response, report, reads))


def _create_owed(
    request: SignedInRequest, agreement: Agreement, organization: Organization, data: ReportIn
) -> PeriodicReport:
    # The label stored with the report is the record's own wording: Vietnamese.
    with translation.override("vi"):
        slot = selectors.find_slot(
            agreement=agreement,
            organization_id=organization.pk,
            period_start=data.period_start,
            today=timezone.localdate(),
        )
    if slot is None:
        raise ValidationError({"period_start": _("Kỳ này không có báo cáo phải gửi.")})
    if slot.report is not None:
        raise ValidationError({"period_start": _("Bên này đã có báo cáo cho kỳ đó.")})
    schedule = getattr(agreement, "reporting_schedule", None)
    return services.report_create(
        actor=request.user,
        agreement=agreement,
        organization=organization,
        rhythm=schedule.rhythm if schedule else Rhythm.AD_HOC,
        period_start=slot.period_start,
        period_end=slot.period_end,
        period_label=slot.period_label,
        due_date=slot.due_date,
        title=data.title,
        body=data.body,
    )


def _create_ad_hoc(
    request: SignedInRequest, agreement: Agreement, organization: Organization, data: ReportIn
) -> PeriodicReport:
    missing = {
        name: [_("Cần có giá trị này.")]
        for name in ("period_end", "due_date")
        if getattr(data, name) is None
    }
    if missing:
        raise ValidationError(missing)
    assert data.period_end is not None and data.due_date is not None
    with translation.override("vi"):
        label = adhoc_label(data.period_start, data.period_end)
    return services.report_create(
        actor=request.user,
        agreement=agreement,
        organization=organization,
        rhythm=Rhythm.AD_HOC,
        period_start=data.period_start,
        period_end=data.period_end,
        period_label=label,
        due_date=data.due_date,
        title=data.title,
        body=data.body,
    )


@router.get(
    "/reports/{int:pk}",
    response={200: ReportDetail, **schemas.READ_ERRORS},
    url_name="report_detail",
    summary="One periodic report",
)
def report_detail(request: HttpRequest, pk: int, response: HttpResponse) -> Any:
    """A sent report, or a draft of your own party, with who of the other parties read it."""
    report, reads = _opened(request, pk)
    tag = _tag(report, reads)
    if not_modified(request, report, tag=tag):
        return unchanged(report, tag=tag)
    return _answer(response, report, reads)


def _for_edit(request: HttpRequest, pk: int) -> PeriodicReport:
    return access.get_report_for_user(request.user, key(pk), for_edit=True)


@router.patch(
    "/reports/{int:pk}",
    response={200: ReportDetail, **schemas.WRITE_ERRORS},
    url_name="report_update",
    summary="Change a draft report",
)
def report_update(
    request: SignedInRequest, pk: int, data: ReportPatch, response: HttpResponse
) -> Any:
    """The title or the text of a draft, by an officer of its party; a sent report stays as
    sent (422). With ``If-Match`` it is refused (412) if the report changed since it was read."""
    report = _for_edit(request, pk)
    given = data.dict(exclude_unset=True)
    with transaction.atomic():
        claim_if_match(request, report, tag=_tag(report, selectors.report_reads(report)))
        services.report_update(
            actor=request.user,
            report=report,
            title=(given["title"] if "title" in given else report.title) or "",
            body=(given["body"] if "body" in given else report.body) or "",
        )
        audit_write(request, report, "report_update")
    report, reads = _opened(request, report.pk)
    return _answer(response, report, reads)


@router.post(
    "/reports/{int:pk}/submit",
    response={200: ReportDetail, **schemas.WRITE_ERRORS},
    url_name="report_submit",
    summary="Send a draft report to the other parties",
)
def report_submit(request: SignedInRequest, pk: int, response: HttpResponse) -> Any:
    """By an officer of its party; the other parties' members are told. A sent report is the
    party's record and is not changed again. ``If-Match`` as for a change."""
    report = _for_edit(request, pk)
    with transaction.atomic():
        claim_if_match(request, report, tag=_tag(report, selectors.report_reads(report)))
        services.report_submit(actor=request.user, report=report)
        audit_write(request, report, "report_submit")
    report, reads = _opened(request, report.pk)
    return _answer(response, report, reads)
