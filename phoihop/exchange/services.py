"""Writes of the information exchange: the reporting schedule, periodic reports and their read
receipts, inspections, recommendations and their follow-up."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from phoihop.agreements.models import Agreement
from phoihop.core import versioning
from phoihop.exchange import access as exchange_access
from phoihop.exchange.models import (
    FollowUp,
    Inspection,
    PeriodicReport,
    Recommendation,
    ReportingSchedule,
    ReportRead,
    Rhythm,
)
from phoihop.notifications import services as notifications
from phoihop.notifications.access import members_to_tell
from phoihop.notifications.models import Kind
from phoihop.orgs.access import scope
from phoihop.orgs.models import Organization
from phoihop.vn.dates import format_short
from phoihop.vn.names import person_name

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from phoihop.core.access import AnyUser

# --- the reporting schedule ---------------------------------------------------------------------


@transaction.atomic
def schedule_set(
    *,
    actor: User,
    agreement: Agreement,
    rhythm: str,
    due_days: int,
    reporters: Iterable[Organization] = (),
    note: str = "",
    expected_version: int | None = None,
) -> ReportingSchedule:
    """Fix (or change) the agreement's reporting rhythm. Officers of the lead party do it.

    ``expected_version`` is the version of the schedule its edit form was opened at."""
    if not exchange_access.can_edit_schedule(actor, agreement):
        raise PermissionDenied
    if rhythm not in Rhythm.values:
        raise ValidationError({"rhythm": _("Chọn kỳ báo cáo.")})
    if due_days > 90:
        raise ValidationError({"due_days": _("Hạn gửi không quá 90 ngày sau khi hết kỳ.")})
    parties = {p.organization_id for p in agreement.parties.all()}
    chosen = list(reporters)
    if any(o.pk not in parties for o in chosen):
        raise ValidationError({"reporters": _("Chỉ chọn các bên tham gia văn bản.")})
    values = {"rhythm": rhythm, "due_days": due_days, "note": note.strip()}
    with transaction.atomic():
        schedule = ReportingSchedule.objects.filter(agreement=agreement).first()
        if schedule is None:
            schedule, _created = ReportingSchedule.objects.update_or_create(agreement=agreement, defaults=values)
        else:
            versioning.claim(schedule, expected_version, edited=values)
            for name, value in values.items():
                setattr(schedule, name, value)
            schedule.save()
        schedule.reporters.set(chosen)
    return schedule


# --- periodic reports ---------------------------------------------------------------------------


def schedule_transfer(*, agreement: Agreement, movers: set[int], successor: Organization) -> None:
    """Reports still owed under the agreement by ended bodies (``movers``) are owed by their
    successor. The caller checks who may do this."""
    schedule = ReportingSchedule.objects.filter(agreement=agreement).first()
    if schedule is None:
        return
    reporters = {o.pk for o in schedule.reporters.all()}
    if reporters & movers:
        schedule.reporters.set((reporters - movers) | {successor.pk})


def report_transfer(*, report: PeriodicReport, successor: Organization, reason: str) -> PeriodicReport:
    """An unsubmitted report of an ended body becomes its successor's. The caller checks who
    may do this."""
    report.organization = successor
    report._change_reason = reason  # type: ignore[attr-defined]
    report.save(update_fields=["organization", "updated_at"])
    return report


def _clean_text(title: str, body: str) -> tuple[str, str]:
    title = " ".join(title.split())
    if not title:
        raise ValidationError({"title": _("Nhập tiêu đề báo cáo.")})
    return title, body.strip()


@transaction.atomic
def report_create(
    *,
    actor: User,
    agreement: Agreement,
    organization: Organization,
    rhythm: str,
    period_start: datetime.date,
    period_end: datetime.date,
    period_label: str,
    due_date: datetime.date,
    title: str,
    body: str,
) -> PeriodicReport:
    """Start a party's report for a period as a draft. The actor writes for that party."""
    if organization.pk not in exchange_access.reporting_org_ids(agreement):
        raise ValidationError({"organization": _("Bên này không phải báo cáo theo chế độ của văn bản.")})
    if not scope(actor).can_write_for(organization.pk):
        raise PermissionDenied
    if period_end < period_start:
        raise ValidationError({"period_end": _("Ngày kết thúc kỳ phải bằng hoặc sau ngày bắt đầu.")})
    title, body = _clean_text(title, body)
    if rhythm != Rhythm.AD_HOC and PeriodicReport.objects.active().filter(
        agreement=agreement, organization=organization, period_start=period_start, period_end=period_end
    ).exclude(rhythm=Rhythm.AD_HOC).exists():
        raise ValidationError(_("Bên này đã có báo cáo cho kỳ đó."))
    try:
        with transaction.atomic():
            return PeriodicReport.objects.create(
                agreement=agreement, organization=organization, rhythm=rhythm, period_start=period_start,
                period_end=period_end, period_label=period_label, due_date=due_date, title=title, body=body,
                created_by=actor,
            )
    except IntegrityError:
        raise ValidationError(_("Bên này đã có báo cáo cho kỳ đó.")) from None


def _check_draft(actor: User, report: PeriodicReport) -> None:
    if not exchange_access.can_write_report(actor, report):
        raise PermissionDenied
    if report.is_submitted:
        raise ValidationError(_("Báo cáo đã gửi các bên nên không sửa được."))
    if report.is_archived:
        raise ValidationError(_("Báo cáo đã được lưu trữ; khôi phục trước khi sửa hoặc gửi."))


@transaction.atomic
def report_update(
    *, actor: User, report: PeriodicReport, title: str, body: str, expected_version: int | None = None
) -> PeriodicReport:
    """Change a draft report, from its version ``expected_version``."""
    _check_draft(actor, report)
    report.title, report.body = _clean_text(title, body)
    versioning.claim(report, expected_version)
    report.save(update_fields=["title", "body", "version", "updated_at"])
    return report


@transaction.atomic
def report_submit(*, actor: User, report: PeriodicReport, at: datetime.datetime | None = None) -> PeriodicReport:
    """Send the report to the other parties. Once sent it is the party's record and stays as sent."""
    _check_draft(actor, report)
    if not report.body.strip():
        raise ValidationError(_("Báo cáo chưa có nội dung."))
    report.status = PeriodicReport.Status.SUBMITTED
    report.submitted_at = at or timezone.now()
    report.submitted_by = actor
    report.save(update_fields=["status", "submitted_at", "submitted_by", "updated_at"])
    report_submitted_notify(report=report, actor=actor)
    return report


@transaction.atomic
def report_archive(*, actor: User, report: PeriodicReport) -> PeriodicReport:
    """Set aside a draft the party will not send (deleting is archiving: the row and its history
    stay). Its period is then owed again. A sent report is the party's record: never archived."""
    if not exchange_access.can_write_report(actor, report):
        raise PermissionDenied
    if report.is_submitted:
        raise ValidationError(
            _("Báo cáo đã gửi các bên là hồ sơ chính thức của đơn vị nên không lưu trữ (xoá) được.")
        )
    if not report.is_archived:
        report.archive()
    return report


@transaction.atomic
def report_restore(*, actor: User, report: PeriodicReport) -> PeriodicReport:
    """Bring an archived draft back, unless the party has since written another report for the
    same period."""
    if not exchange_access.can_write_report(actor, report):
        raise PermissionDenied
    if not report.is_archived:
        return report
    if report.rhythm != Rhythm.AD_HOC and PeriodicReport.objects.active().filter(
        agreement_id=report.agreement_id, organization_id=report.organization_id,
        period_start=report.period_start, period_end=report.period_end,
    ).exclude(rhythm=Rhythm.AD_HOC).exclude(pk=report.pk).exists():
        raise ValidationError(
            _("Đơn vị đã có báo cáo khác cho kỳ này nên không khôi phục được bản nháp đã lưu trữ.")
        )
    try:
        with transaction.atomic():
            report.restore()
    except IntegrityError:
        report.archived_at = PeriodicReport.objects.values_list("archived_at", flat=True).get(pk=report.pk)
        raise ValidationError(
            _("Đơn vị đã có báo cáo khác cho kỳ này nên không khôi phục được bản nháp đã lưu trữ.")
        ) from None
    return report


def report_mark_read(*, user: AnyUser, report: PeriodicReport, at: datetime.datetime | None = None) -> ReportRead | None:
    """Record that a member of another party read the submitted report; once per user. Authors,
    superior bodies and system administrators leave no receipt."""
    if not report.is_submitted:
        return None
    org_id = exchange_access.reader_org_id(user, report)
    if org_id is None:
        return None
    read, _created = ReportRead.objects.get_or_create(
        report=report, user=user, defaults={"organization_id": org_id, "read_at": at or timezone.now()}
    )
    return read


# --- inspections --------------------------------------------------------------------------------


@transaction.atomic
def inspection_create(
    *,
    actor: User,
    agreement: Agreement,
    kind: str,
    title: str,
    date: datetime.date,
    inspecting: Iterable[Organization],
    inspected: Iterable[Organization],
    scope_text: str = "",
    findings: str = "",
) -> Inspection:
    """Record an inspection or supervision visit under the agreement. The inspecting
    organisations are ones the actor writes for (a party or a body above one)."""
    inspecting, inspected = list(inspecting), list(inspected)
    allowed = set(exchange_access.inspecting_org_ids_for(actor, agreement))
    if not allowed:
        raise PermissionDenied
    errors: dict[str, str] = {}
    if not inspecting:
        errors["inspecting"] = _("Chọn đơn vị kiểm tra, giám sát.")
    elif any(o.pk not in allowed for o in inspecting):
        errors["inspecting"] = _("Chỉ ghi đợt kiểm tra, giám sát của đơn vị mình.")
    parties = {p.organization_id for p in agreement.parties.all()}
    if not inspected:
        errors["inspected"] = _("Chọn đơn vị được kiểm tra, giám sát.")
    elif any(o.pk not in parties for o in inspected):
        errors["inspected"] = _("Đơn vị được kiểm tra phải là một bên tham gia văn bản.")
    if not " ".join(title.split()):
        errors["title"] = _("Nhập tên đợt kiểm tra, giám sát.")
    if kind not in Inspection.Kind.values:
        errors["kind"] = _("Chọn hình thức.")
    if errors:
        raise ValidationError(errors)
    inspection = Inspection.objects.create(
        agreement=agreement, kind=kind, title=" ".join(title.split()), date=date,
        scope=scope_text.strip(), findings=findings.strip(), created_by=actor,
    )
    inspection.inspecting.set(inspecting)
    inspection.inspected.set(inspected)
    inspection_findings_notify(inspection=inspection, actor=actor)
    return inspection


def _check_inspection_editable(actor: User, inspection: Inspection) -> None:
    if not exchange_access.can_edit_inspection(actor, inspection):
        raise PermissionDenied
    if inspection.is_archived:
        raise ValidationError(_("Đợt kiểm tra, giám sát đã được lưu trữ; khôi phục trước khi sửa."))


@transaction.atomic
def inspection_archive(*, actor: User, inspection: Inspection) -> Inspection:
    """Set aside an inspection recorded by mistake or twice (deleting is archiving: the record,
    its recommendations and history stay, hidden from lists and follow-up)."""
    if not exchange_access.can_edit_inspection(actor, inspection):
        raise PermissionDenied
    if not inspection.is_archived:
        inspection.archive()
    return inspection


@transaction.atomic
def inspection_restore(*, actor: User, inspection: Inspection) -> Inspection:
    if not exchange_access.can_edit_inspection(actor, inspection):
        raise PermissionDenied
    if inspection.is_archived:
        inspection.restore()
    return inspection


@transaction.atomic
def inspection_update(
    *,
    actor: User,
    inspection: Inspection,
    kind: str,
    title: str,
    date: datetime.date,
    inspected: Iterable[Organization],
    scope_text: str = "",
    findings: str = "",
    expected_version: int | None = None,
) -> Inspection:
    """Correct or complete the record of a visit (findings are often written after it). The
    inspecting organisations stay as recorded."""
    _check_inspection_editable(actor, inspection)
    inspected = list(inspected)
    errors: dict[str, str] = {}
    parties = {p.organization_id for p in inspection.agreement.parties.all()}
    if not inspected:
        errors["inspected"] = _("Chọn đơn vị được kiểm tra, giám sát.")
    elif any(o.pk not in parties for o in inspected):
        errors["inspected"] = _("Đơn vị được kiểm tra phải là một bên tham gia văn bản.")
    if not " ".join(title.split()):
        errors["title"] = _("Nhập tên đợt kiểm tra, giám sát.")
    if kind not in Inspection.Kind.values:
        errors["kind"] = _("Chọn hình thức.")
    if errors:
        raise ValidationError(errors)
    inspection.kind, inspection.title, inspection.date = kind, " ".join(title.split()), date
    inspection.scope, inspection.findings = scope_text.strip(), findings.strip()
    versioning.claim(inspection, expected_version)
    inspection.save(update_fields=["kind", "title", "date", "scope", "findings", "version", "updated_at"])
    inspection.inspected.set(inspected)
    inspection_findings_notify(inspection=inspection, actor=actor)
    return inspection


def _check_recommendation(inspection: Inspection, text: str, responsible: Organization) -> str:
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Nhập nội dung kiến nghị.")})
    allowed = {o.pk for o in inspection.inspected.all()} | {p.organization_id for p in inspection.agreement.parties.all()}
    if responsible.pk not in allowed:
        raise ValidationError({"responsible": _("Đơn vị thực hiện phải là một bên tham gia văn bản.")})
    return text


@transaction.atomic
def recommendation_add(
    *,
    actor: User,
    inspection: Inspection,
    text: str,
    responsible: Organization,
    due_date: datetime.date | None = None,
) -> Recommendation:
    _check_inspection_editable(actor, inspection)
    text = _check_recommendation(inspection, text, responsible)
    order = inspection.recommendations.count() + 1
    recommendation = Recommendation.objects.create(
        inspection=inspection, text=text, responsible=responsible, due_date=due_date, order=order
    )
    recommendation_assigned_notify(recommendation=recommendation, actor=actor)
    return recommendation


@transaction.atomic
def recommendation_update(
    *,
    actor: User,
    recommendation: Recommendation,
    text: str,
    responsible: Organization,
    due_date: datetime.date | None = None,
    expected_version: int | None = None,
) -> Recommendation:
    """The inspecting side corrects a recommendation's wording, the organisation responsible or
    the due date while it is still open; a closed one stays as it was closed."""
    inspection = recommendation.inspection
    _check_inspection_editable(actor, inspection)
    if recommendation.is_closed:
        raise ValidationError(_("Kiến nghị đã đóng nên không sửa được."))
    text = _check_recommendation(inspection, text, responsible)
    recommendation.text, recommendation.responsible, recommendation.due_date = text, responsible, due_date
    versioning.claim(recommendation, expected_version)
    recommendation.save(update_fields=["text", "responsible", "due_date", "version"])
    recommendation_assigned_notify(recommendation=recommendation, actor=actor)
    return recommendation


@transaction.atomic
def follow_up_add(
    *, actor: User, recommendation: Recommendation, date: datetime.date, note: str
) -> FollowUp:
    """Record what was done about a recommendation; an open one is then in progress."""
    if not exchange_access.can_follow_up(actor, recommendation):
        raise PermissionDenied
    if recommendation.inspection.is_archived:
        raise ValidationError(_("Đợt kiểm tra, giám sát đã được lưu trữ; khôi phục trước khi sửa."))
    if recommendation.is_closed:
        raise ValidationError(_("Kiến nghị đã đóng."))
    note = note.strip()
    if not note:
        raise ValidationError({"note": _("Nhập nội dung đã khắc phục.")})
    entry = FollowUp.objects.create(recommendation=recommendation, date=date, note=note, by=actor)
    if recommendation.status == Recommendation.Status.OPEN:
        recommendation.status = Recommendation.Status.IN_PROGRESS
        recommendation.save(update_fields=["status"])
    recommendation_followed_up_notify(recommendation=recommendation, actor=actor, follow_up=entry)
    return entry


@transaction.atomic
def recommendation_close(
    *, actor: User, recommendation: Recommendation, note: str = "", at: datetime.datetime | None = None
) -> Recommendation:
    """The inspecting side closes a recommendation it finds carried out; an optional closing
    note is kept as a last follow-up entry."""
    if not exchange_access.can_edit_inspection(actor, recommendation.inspection):
        raise PermissionDenied
    if recommendation.inspection.is_archived:
        raise ValidationError(_("Đợt kiểm tra, giám sát đã được lưu trữ; khôi phục trước khi sửa."))
    if recommendation.is_closed:
        raise ValidationError(_("Kiến nghị đã đóng."))
    when = at or timezone.now()
    if note.strip():
        FollowUp.objects.create(
            recommendation=recommendation, date=timezone.localdate(when), note=note.strip(), by=actor
        )
    recommendation.status = Recommendation.Status.CLOSED
    recommendation.closed_at = when
    recommendation.closed_by = actor
    recommendation.save(update_fields=["status", "closed_at", "closed_by"])
    recommendation_followed_up_notify(recommendation=recommendation, actor=actor)
    return recommendation


# --- who is told ---------------------------------------------------------------------------------
#
# Each is called inside the service's transaction, after its write: the notifications are saved
# with the write (or not at all), their e-mails leave after the commit, and the key makes a
# retried or replayed request tell nobody twice.


def report_submitted_notify(*, report: PeriodicReport, actor: User) -> int:
    """Tell the members of the agreement's other parties that ``report`` was sent to them."""
    others = {p.organization_id for p in report.agreement.parties.all()} - {report.organization_id}
    org = report.organization
    with translation.override(settings.LANGUAGE_CODE):
        title = _("%(org)s gửi báo cáo %(period)s: %(title)s") % {
            "org": org.short_name or org.name,
            "period": report.period_label,
            "title": report.title,
        }
        body = _("Báo cáo theo văn bản “%(agreement)s”, do %(who)s gửi.") % {
            "agreement": report.agreement.title,
            "who": person_name(actor),
        }
    return notifications.notify(
        users=members_to_tell(others, actor=actor),
        kind=Kind.REPORT_SUBMITTED,
        title=title,
        body=body,
        url=reverse("exchange:report_detail", args=[report.pk]),
        key=f"report-submitted:{report.pk}",
        obj=report,
    )


def inspection_findings_notify(*, inspection: Inspection, actor: User) -> int:
    """Tell the officers of the inspected organisations the findings about them, once the visit
    has findings (they are often written after it)."""
    if not inspection.findings.strip():
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        if inspection.title_names_kind:
            # "Kết quả giám sát việc gửi báo cáo…", not "Kết quả giám sát: Giám sát việc…".
            title = _("Kết quả %(title)s") % {"title": inspection.title[:1].lower() + inspection.title[1:]}
        else:
            title = _("Kết quả %(kind)s: %(title)s") % {
                "kind": str(inspection.get_kind_display()).lower(),
                "title": inspection.title,
            }
        body = inspection.findings[:2000]
    return notifications.notify(
        users=members_to_tell((o.pk for o in inspection.inspected.all()), actor=actor, officers=True),
        kind=Kind.INSPECTION_FINDINGS,
        title=title,
        body=body,
        url=reverse("exchange:inspection_detail", args=[inspection.pk]),
        key=f"inspection-findings:{inspection.pk}",
        obj=inspection,
    )


def recommendation_assigned_notify(*, recommendation: Recommendation, actor: User) -> int:
    """Tell the officers of the organisation made responsible for ``recommendation``; a change of
    the responsible organisation tells the new one."""
    inspection = recommendation.inspection
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Kiến nghị giao đơn vị thực hiện: %(text)s") % {"text": recommendation.text[:200]}
        body = _("Qua %(inspection)s. Hạn khắc phục: %(due)s.") % {
            "inspection": inspection.title,
            "due": format_short(recommendation.due_date) if recommendation.due_date else _("không ghi"),
        }
    return notifications.notify(
        users=members_to_tell([recommendation.responsible_id], actor=actor, officers=True),
        kind=Kind.RECOMMENDATION_ASSIGNED,
        title=title,
        body=body,
        url=reverse("exchange:inspection_detail", args=[inspection.pk]),
        key=f"recommendation-assigned:{recommendation.pk}:{recommendation.responsible_id}",
        obj=inspection,
    )


def recommendation_followed_up_notify(
    *, recommendation: Recommendation, actor: User, follow_up: FollowUp | None = None
) -> int:
    """Tell the other side of a recommendation what happened: a follow-up entry goes to the
    inspecting organisations' officers, the closing to the responsible organisation's."""
    inspection = recommendation.inspection
    with translation.override(settings.LANGUAGE_CODE):
        if follow_up is not None:
            org_ids = [o.pk for o in inspection.inspecting.all()]
            key = f"follow-up:{follow_up.pk}"
            title = _("Kết quả khắc phục kiến nghị: %(text)s") % {"text": recommendation.text[:200]}
            body = follow_up.note[:2000]
        else:
            org_ids = [recommendation.responsible_id]
            key = f"recommendation-closed:{recommendation.pk}"
            title = _("Kiến nghị đã được đóng: %(text)s") % {"text": recommendation.text[:200]}
            body = _("%(who)s xác nhận kiến nghị đã được thực hiện xong.") % {"who": person_name(actor)}
    return notifications.notify(
        users=members_to_tell(org_ids, actor=actor, officers=True),
        kind=Kind.RECOMMENDATION_FOLLOWED_UP,
        title=title,
        body=body,
        url=reverse("exchange:inspection_detail", args=[inspection.pk]),
        key=key,
        obj=inspection,
    )
