from __future__ import annotations

import datetime
from functools import partial
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from phoihop.agreements import access as agreement_access
from phoihop.agreements.models import Agreement
from phoihop.attachments.forms import AttachmentForm
from phoihop.attachments.selectors import attachments_of
from phoihop.attachments.views import attach_uploaded_file
from phoihop.core import versioning
from phoihop.core.access import SignedInRequest, rule
from phoihop.core.archiving import archive_or_restore
from phoihop.core.db import vi
from phoihop.core.lists import list_page
from phoihop.core.views_util import (
    HtmxHttpRequest,
    add_errors,
    int_or_none,
)
from phoihop.exchange import access as exchange_access
from phoihop.exchange import selectors, services
from phoihop.exchange.forms import (
    AdHocReportForm,
    FollowUpForm,
    InspectionFilterForm,
    InspectionForm,
    RecommendationForm,
    ReportFilterForm,
    ReportForm,
    ScheduleForm,
)
from phoihop.exchange.models import Inspection, PeriodicReport, ReportingSchedule, Rhythm
from phoihop.exchange.periods import adhoc_label
from phoihop.orgs.models import Organization


def _party_orgs(agreement: Agreement) -> Any:
    return Organization.objects.filter(pk__in=[p.organization_id for p in agreement.parties.all()]).order_by(vi("name"))


def _schedule_of(agreement: Agreement) -> ReportingSchedule | None:
    return ReportingSchedule.objects.filter(agreement=agreement).prefetch_related("reporters").first()


# --- the schedule and the owed-reports matrix ---------------------------------------------------


@rule("object")
def schedule(request: HttpRequest, pk: int) -> HttpResponse:
    """The agreement's reporting schedule: parties × periods of a year, and on-time rates."""
    agreement = agreement_access.get_agreement_for_user(request.user, pk)
    today = timezone.localdate()
    years = selectors.years_of(agreement, today)
    year = int_or_none(request.GET.get("year")) or min(today.year, years[-1])
    if year not in years:
        year = years[-1]
    matrix = selectors.report_matrix(agreement=agreement, year=year, today=today)
    writable = set(exchange_access.writable_reporting_org_ids(request.user, agreement))
    rows = []
    for org, cells in matrix.rows:
        row = []
        for cell in cells:
            link = create = None
            if cell is not None and cell.report is not None:
                if exchange_access.can_open_report(request.user, cell.report):
                    link = cell.report.get_absolute_url()
            elif cell is not None and org.pk in writable:
                create = reverse("exchange:report_create", args=[agreement.pk]) + "?" + urlencode(
                    {"org": org.pk, "start": cell.period_start.isoformat()}
                )
            row.append({"slot": cell, "link": link, "create": create})
        rows.append((org, row))
    context = {
        "agreement": agreement,
        "schedule": _schedule_of(agreement),
        "years": years,
        "year": year,
        "matrix": matrix,
        "rows": rows,
        "timeliness": matrix.timeliness,
        "can_edit_schedule": exchange_access.can_edit_schedule(request.user, agreement),
        "can_write_adhoc": bool(writable),
        "nav": "reports",
    }
    return render(request, "exchange/schedule.html", context)


@rule("object")
def schedule_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    agreement = agreement_access.get_agreement_for_user(request.user, pk, for_edit=True)
    current = _schedule_of(agreement)
    parties = _party_orgs(agreement)
    if request.method == "POST":
        form = ScheduleForm(request.POST, parties=parties, versioned=current)
        if form.is_valid():
            try:
                services.schedule_set(
                    actor=request.user, agreement=agreement, rhythm=form.cleaned_data["rhythm"],
                    due_days=form.cleaned_data["due_days"], reporters=form.cleaned_data["reporters"],
                    note=form.cleaned_data["note"], expected_version=form.expected_version,
                )
                messages.success(request, _("Đã lưu chế độ báo cáo."))
                return redirect("exchange:schedule", pk=agreement.pk)
            except ValidationError as exc:
                add_errors(form, exc)
            except versioning.StaleEdit as exc:
                form.show_stale(exc)
    elif current is not None:
        form = ScheduleForm(
            initial={"rhythm": current.rhythm, "due_days": current.due_days, "reporters": list(current.reporters.all()), "note": current.note},
            parties=parties, versioned=current,
        )
    else:
        form = ScheduleForm(parties=parties)
    return render(request, "exchange/schedule_form.html", {"agreement": agreement, "form": form, "nav": "reports"})


# --- periodic reports ---------------------------------------------------------------------------


def _default_title(agreement: Agreement, org: Organization, label: str) -> str:
    return _("Báo cáo kết quả thực hiện chương trình phối hợp %(period)s của %(org)s") % {
        "period": label[:1].lower() + label[1:],
        "org": org.short_name or org.name,
    }


@rule("object")
def report_create(request: SignedInRequest, pk: int) -> HttpResponse:
    """Write a party's report: for an owed slot (``?org=&start=``), prefilled with its approved
    activities and indicator values of the period; or an ad hoc report (``?adhoc=1``)."""
    agreement = agreement_access.get_agreement_for_user(request.user, pk)
    writable = exchange_access.writable_reporting_org_ids(request.user, agreement)
    if not writable:
        raise PermissionDenied
    params = request.POST if request.method == "POST" else request.GET
    if params.get("adhoc"):
        return _adhoc_create(request, agreement, writable)
    org_id = int_or_none(params.get("org"))
    try:
        start = datetime.date.fromisoformat(params.get("start", ""))
    except ValueError:
        start = None
    if org_id not in writable or start is None:
        messages.info(request, _("Chọn ô của kỳ cần báo cáo trong bảng theo dõi báo cáo."))
        return redirect("exchange:schedule", pk=agreement.pk)
    # The label stored with the report is the record's own wording: Vietnamese, whatever the UI.
    with translation.override("vi" if request.method == "POST" else translation.get_language()):
        slot = selectors.find_slot(agreement=agreement, organization_id=org_id, period_start=start, today=timezone.localdate())
    if slot is None:
        messages.info(request, _("Kỳ này không có báo cáo phải gửi."))
        return redirect("exchange:schedule", pk=agreement.pk)
    if slot.report is not None:
        return redirect(slot.report)
    org = slot.organization
    if request.method == "POST":
        form = ReportForm(request.POST)
        if form.is_valid():
            schedule = _schedule_of(agreement)
            try:
                report = services.report_create(
                    actor=request.user, agreement=agreement, organization=org,
                    rhythm=schedule.rhythm if schedule else Rhythm.AD_HOC,
                    period_start=slot.period_start, period_end=slot.period_end, period_label=slot.period_label,
                    due_date=slot.due_date, title=form.cleaned_data["title"], body=form.cleaned_data["body"],
                )
                return _after_save(request, report)
            except ValidationError as exc:
                add_errors(form, exc)
    else:
        form = ReportForm(initial={
            "title": _default_title(agreement, org, slot.period_label),
            "body": selectors.prefill_body(agreement=agreement, organization=org, start=slot.period_start, end=slot.period_end),
        })
    context = {"agreement": agreement, "form": form, "slot": slot, "organization": org, "report": None, "nav": "reports",
               "hidden": {"org": org.pk, "start": slot.period_start.isoformat()}}
    return render(request, "exchange/report_form.html", context)


def _vi_adhoc_label(start: datetime.date, end: datetime.date) -> str:
    with translation.override("vi"):
        return adhoc_label(start, end)


def _adhoc_create(request: SignedInRequest, agreement: Agreement, writable: list[int]) -> HttpResponse:
    organizations = Organization.objects.filter(pk__in=writable).order_by(vi("name"))
    if request.method == "POST":
        form = AdHocReportForm(request.POST, organizations=organizations)
        if form.is_valid():
            data = form.cleaned_data
            try:
                report = services.report_create(
                    actor=request.user, agreement=agreement, organization=data["organization"], rhythm=Rhythm.AD_HOC,
                    period_start=data["period_start"], period_end=data["period_end"],
                    period_label=_vi_adhoc_label(data["period_start"], data["period_end"]), due_date=data["due_date"],
                    title=data["title"], body=data["body"],
                )
                return _after_save(request, report)
            except ValidationError as exc:
                add_errors(form, exc)
    else:
        today = timezone.localdate()
        form = AdHocReportForm(
            initial={"organization": writable[0] if len(writable) == 1 else None, "period_end": today,
                     "due_date": today, "title": _("Báo cáo đột xuất")},
            organizations=organizations,
        )
    context = {"agreement": agreement, "form": form, "slot": None, "report": None, "adhoc": True, "nav": "reports",
               "hidden": {"adhoc": 1}}
    return render(request, "exchange/report_form.html", context)


def _after_save(request: SignedInRequest, report: PeriodicReport) -> HttpResponse:
    if request.POST.get("action") == "submit":
        try:
            services.report_submit(actor=request.user, report=report)
            messages.success(request, _("Đã gửi báo cáo đến các bên."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Đã lưu bản nháp báo cáo. Gửi các bên khi đã hoàn chỉnh."))
    return redirect(report)


@rule("object")
def report_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    report = exchange_access.get_report_for_user(request.user, pk, for_edit=True)
    if report.is_submitted:
        messages.error(request, _("Báo cáo đã gửi các bên nên không sửa được."))
        return redirect(report)
    if request.method == "POST":
        form = ReportForm(request.POST, versioned=report)
        if form.is_valid():
            try:
                services.report_update(
                    actor=request.user, report=report, expected_version=form.expected_version, **form.edited_data()
                )
                return _after_save(request, report)
            except ValidationError as exc:
                add_errors(form, exc)
            except versioning.StaleEdit as exc:
                form.show_stale(exc)
    else:
        form = ReportForm(initial={"title": report.title, "body": report.body}, versioned=report)
    context = {"agreement": report.agreement, "form": form, "report": report, "organization": report.organization, "nav": "reports"}
    return render(request, "exchange/report_form.html", context)


@rule("object")
@require_POST
def report_submit(request: SignedInRequest, pk: int) -> HttpResponse:
    report = exchange_access.get_report_for_user(request.user, pk, for_edit=True)
    try:
        services.report_submit(actor=request.user, report=report)
        messages.success(request, _("Đã gửi báo cáo đến các bên."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(report)


@rule("object")
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = exchange_access.get_report_for_user(request.user, pk)
    services.report_mark_read(user=request.user, report=report)
    today = timezone.localdate()
    context: dict[str, Any] = {
        "report": report,
        "agreement": report.agreement,
        "state": selectors.state_of(report, report.due_date, today),
        "state_labels": selectors.STATE_LABELS,
        "reads": selectors.report_reads(report),
        "can_write": exchange_access.can_write_report(request.user, report),
        "can_edit": (
            exchange_access.can_write_report(request.user, report) and not report.is_submitted and not report.is_archived
        ),
        "history": selectors.report_history(report),
        "nav": "reports",
    }
    context["state_label"] = _(selectors.STATE_LABELS[context["state"]])
    return render(request, "exchange/report_detail.html", context)


@rule("object")
@require_POST
def report_archive(request: HttpRequest, pk: int) -> HttpResponse:
    """Deleting a draft is archiving it: it leaves the lists and its period is owed again."""
    report = exchange_access.get_report_for_user(request.user, pk, for_edit=True)
    return _report_archive_or_restore(request, report, restoring=False)


@rule("object")
@require_POST
def report_restore(request: HttpRequest, pk: int) -> HttpResponse:
    report = exchange_access.get_report_for_user(request.user, pk, for_edit=True)
    return _report_archive_or_restore(request, report, restoring=True)


def _report_archive_or_restore(request: HttpRequest, report: PeriodicReport, *, restoring: bool) -> HttpResponse:
    return archive_or_restore(
        request,
        report,
        restoring=restoring,
        archive=partial(services.report_archive, report=report),
        restore=partial(services.report_restore, report=report),
        archived_message=_("Đã lưu trữ bản nháp báo cáo. Có thể khôi phục lại khi cần."),
        restored_message=_("Đã khôi phục bản nháp báo cáo."),
    )


@rule("authenticated")
def report_list(request: HtmxHttpRequest) -> HttpResponse:
    this_year = timezone.localdate().year
    form = ReportFilterForm(request.GET, user=request.user, years=list(range(this_year, this_year - 8, -1)))
    filters = form.filters()
    context = {"filters": filters, "form": form, "nav": "reports"}
    rows = selectors.report_list(user=request.user, filters=filters)
    return list_page(request, "exchange/report_list.html", rows=rows, context=context)


# --- inspections --------------------------------------------------------------------------------


@rule("authenticated")
def inspection_list(request: HttpRequest) -> HttpResponse:
    form = InspectionFilterForm(request.GET, user=request.user)
    filters = form.filters()
    rows = selectors.inspection_list(user=request.user, filters=filters)
    agreement = form.cleaned_data.get("agreement")
    context = {
        "filters": filters,
        "form": form,
        "agreement": agreement,
        "can_record": agreement is not None and exchange_access.can_record_inspection(request.user, agreement),
        "nav": "inspections",
    }
    return list_page(request, "exchange/inspection_list.html", rows=rows, context=context, partial=None)


@rule("object")
def inspection_create(request: SignedInRequest, pk: int) -> HttpResponse:
    agreement = agreement_access.get_agreement_for_user(request.user, pk)
    allowed = exchange_access.inspecting_org_ids_for(request.user, agreement)
    if not allowed:
        raise PermissionDenied
    inspecting = Organization.objects.filter(pk__in=allowed).order_by(vi("name"))
    inspected = _party_orgs(agreement)
    if request.method == "POST":
        form = InspectionForm(request.POST, inspecting=inspecting, inspected=inspected)
        if form.is_valid():
            data = form.cleaned_data
            try:
                inspection = services.inspection_create(
                    actor=request.user, agreement=agreement, kind=data["kind"], title=data["title"], date=data["date"],
                    inspecting=data["inspecting"], inspected=data["inspected"], scope_text=data["scope"],
                    findings=data["findings"],
                )
                messages.success(request, _("Đã ghi đợt kiểm tra, giám sát. Thêm các kiến nghị để theo dõi khắc phục."))
                return redirect(inspection)
            except ValidationError as exc:
                add_errors(form, exc)
    else:
        form = InspectionForm(
            initial={"inspecting": allowed if len(allowed) == 1 else [], "date": timezone.localdate()},
            inspecting=inspecting, inspected=inspected,
        )
    return render(request, "exchange/inspection_form.html", {"agreement": agreement, "form": form, "nav": "inspections"})


@rule("object")
def inspection_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    inspection = exchange_access.get_inspection_for_user(request.user, pk, for_edit=True)
    if inspection.is_archived:
        messages.error(request, _("Đợt kiểm tra, giám sát đã được lưu trữ; khôi phục trước khi sửa."))
        return redirect(inspection)
    agreement = inspection.agreement
    inspecting = Organization.objects.filter(pk__in=[o.pk for o in inspection.inspecting.all()])
    inspected = _party_orgs(agreement)
    initial = {
        "kind": inspection.kind, "title": inspection.title, "date": inspection.date,
        "inspecting": list(inspecting), "inspected": list(inspection.inspected.all()),
        "scope": inspection.scope, "findings": inspection.findings,
    }
    form = InspectionForm(
        request.POST if request.method == "POST" else None, initial=initial, inspecting=inspecting, inspected=inspected,
        versioned=inspection,
    )
    # The inspecting side is who recorded the visit; it stays as recorded.
    form.fields["inspecting"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.inspection_update(
                actor=request.user, inspection=inspection, kind=data["kind"], title=data["title"], date=data["date"],
                inspected=data["inspected"], scope_text=data["scope"], findings=data["findings"],
                expected_version=form.expected_version,
            )
            messages.success(request, _("Đã lưu đợt kiểm tra, giám sát."))
            return redirect(inspection)
        except ValidationError as exc:
            add_errors(form, exc)
        except versioning.StaleEdit as exc:
            form.show_stale(exc)
    context = {"agreement": agreement, "form": form, "inspection": inspection, "nav": "inspections"}
    return render(request, "exchange/inspection_form.html", context)


def _recommendation_orgs(inspection: Any) -> Any:
    return _party_orgs(inspection.agreement)


@rule("object")
def inspection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = exchange_access.get_inspection_for_user(request.user, pk)
    # The inspecting side may archive and restore; while archived, nothing else changes.
    can_manage = exchange_access.can_edit_inspection(request.user, inspection)
    can_edit = can_manage and not inspection.is_archived
    recommendations = selectors.inspection_recommendations(inspection)
    open_record = not inspection.is_archived
    rows = [
        {
            "rec": r,
            "can_follow_up": open_record and not r.is_closed and exchange_access.can_follow_up(request.user, r),
            "can_close": not r.is_closed and can_edit,
            "can_edit": not r.is_closed and can_edit,
        }
        for r in recommendations
    ]
    files = attachments_of(inspection)
    context = {
        "inspection": inspection,
        "agreement": inspection.agreement,
        "rows": rows,
        "can_edit": can_edit,
        "can_manage": can_manage,
        "recommendation_form": RecommendationForm(organizations=_recommendation_orgs(inspection)) if can_edit else None,
        "follow_up_form": FollowUpForm(initial={"date": timezone.localdate()}),
        "photos": [f for f in files if f.is_image],
        "documents": [f for f in files if not f.is_image],
        "attachment_form": AttachmentForm(initial={"kind": "minutes"}) if can_edit else None,
        "history": selectors.inspection_history(inspection),
        "nav": "inspections",
    }
    return render(request, "exchange/inspection_detail.html", context)


@rule("object")
@require_POST
def inspection_archive(request: HttpRequest, pk: int) -> HttpResponse:
    """Deleting an inspection is archiving it: it leaves the lists and the follow-up of open
    recommendations; the record and its history stay."""
    inspection = exchange_access.get_inspection_for_user(request.user, pk, for_edit=True)
    return _inspection_archive_or_restore(request, inspection, restoring=False)


@rule("object")
@require_POST
def inspection_restore(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = exchange_access.get_inspection_for_user(request.user, pk, for_edit=True)
    return _inspection_archive_or_restore(request, inspection, restoring=True)


def _inspection_archive_or_restore(request: HttpRequest, inspection: Inspection, *, restoring: bool) -> HttpResponse:
    return archive_or_restore(
        request,
        inspection,
        restoring=restoring,
        archive=partial(services.inspection_archive, inspection=inspection),
        restore=partial(services.inspection_restore, inspection=inspection),
        archived_message=_("Đã lưu trữ đợt kiểm tra, giám sát. Có thể khôi phục lại khi cần."),
        restored_message=_("Đã khôi phục đợt kiểm tra, giám sát."),
    )


@rule("object")
@require_POST
def inspection_attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Minutes, findings documents and photos of a visit, added by the inspecting side."""
    inspection = exchange_access.get_inspection_for_user(request.user, pk, for_edit=True)
    return attach_uploaded_file(request, inspection)


@rule("object")
def recommendation_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    """The inspecting side corrects an open recommendation: text, responsible organisation, due date."""
    recommendation = exchange_access.get_recommendation_for_user(request.user, pk, for_edit=True)
    inspection = recommendation.inspection
    if recommendation.is_closed or inspection.is_archived:
        messages.error(
            request,
            _("Kiến nghị đã đóng nên không sửa được.") if recommendation.is_closed
            else _("Đợt kiểm tra, giám sát đã được lưu trữ; khôi phục trước khi sửa."),
        )
        return redirect(inspection)
    organizations = _recommendation_orgs(inspection)
    if request.method == "POST":
        form = RecommendationForm(request.POST, organizations=organizations, versioned=recommendation)
        if form.is_valid():
            try:
                services.recommendation_update(
                    actor=request.user, recommendation=recommendation, expected_version=form.expected_version,
                    **form.edited_data(),
                )
                messages.success(request, _("Đã lưu kiến nghị."))
                return redirect(inspection)
            except ValidationError as exc:
                add_errors(form, exc)
            except versioning.StaleEdit as exc:
                form.show_stale(exc)
    else:
        form = RecommendationForm(
            initial={"text": recommendation.text, "responsible": recommendation.responsible, "due_date": recommendation.due_date},
            organizations=organizations, versioned=recommendation,
        )
    context = {
        "recommendation": recommendation, "inspection": inspection, "agreement": inspection.agreement,
        "form": form, "nav": "inspections",
    }
    return render(request, "exchange/recommendation_form.html", context)


@rule("object")
@require_POST
def recommendation_create(request: SignedInRequest, pk: int) -> HttpResponse:
    inspection = exchange_access.get_inspection_for_user(request.user, pk, for_edit=True)
    form = RecommendationForm(request.POST, organizations=_recommendation_orgs(inspection))
    if form.is_valid():
        try:
            services.recommendation_add(actor=request.user, inspection=inspection, **form.cleaned_data)
            messages.success(request, _("Đã thêm kiến nghị."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect(inspection)


@rule("object")
@require_POST
def recommendation_followup(request: SignedInRequest, pk: int) -> HttpResponse:
    recommendation = exchange_access.get_recommendation_for_user(request.user, pk, for_follow_up=True)
    form = FollowUpForm(request.POST)
    if form.is_valid():
        try:
            services.follow_up_add(actor=request.user, recommendation=recommendation, **form.cleaned_data)
            messages.success(request, _("Đã ghi kết quả khắc phục."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect(recommendation.inspection)


@rule("object")
@require_POST
def recommendation_close(request: SignedInRequest, pk: int) -> HttpResponse:
    recommendation = exchange_access.get_recommendation_for_user(request.user, pk, for_edit=True)
    try:
        services.recommendation_close(actor=request.user, recommendation=recommendation, note=request.POST.get("note", ""))
        messages.success(request, _("Đã đóng kiến nghị."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(recommendation.inspection)

