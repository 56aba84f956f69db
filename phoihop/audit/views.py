from __future__ import annotations

import io
import json
from collections.abc import Iterator

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from phoihop.audit import personal_data, selectors
from phoihop.audit.access import check_audit_log, reads_every_organization
from phoihop.audit.forms import AnonymiseForm, AuditFilterForm
from phoihop.audit.models import AuditEvent
from phoihop.audit.services import record
from phoihop.core.access import SignedInRequest, rule
from phoihop.core.exports import csv_writer, write_csv_row
from phoihop.core.paging import CappedPaginator
from phoihop.orgs.models import Person

PAGE_SIZE = 50
# The log counts this many events at most (200 pages); counting a nation's millions took longer
# than the page. Older events are reached by narrowing the dates.
COUNT_CAP = 10_000


def _filtered(request: HttpRequest) -> tuple[AuditFilterForm, dict]:
    form = AuditFilterForm(
        request.GET or None,
        organizations=selectors.organization_filter_options(user=request.user),
        search_organizations=reads_every_organization(request.user),
    )
    filters = form.filters() if request.GET else {}
    return form, filters


@rule("authenticated")
@require_GET
def log(request: HttpRequest) -> HttpResponse:
    """The log: read-only. Organisation admins see their organisations' events, staff all."""
    check_audit_log(request.user)
    form, filters = _filtered(request)
    events = selectors.audit_log(user=request.user, filters=filters)
    page = CappedPaginator(events, PAGE_SIZE, cap=COUNT_CAP).get_page(request.GET.get("page"))
    context = {"form": form, "filters": filters, "page": page, "nav": "audit"}
    return render(request, "audit/log.html", context)


EXPORT_PIECE = 64 * 1024  # characters of CSV sent at a time


@rule("authenticated")
@require_GET
def log_export(request: HttpRequest) -> StreamingHttpResponse:
    """The filtered log as CSV (UTF-8 with BOM so spreadsheet programs read the diacritics).

    Streamed row by row from a server-side cursor, so a province's or the nation's log takes
    no more memory than one chunk, and at most ``AUDIT_EXPORT_MAX_ROWS`` rows: past that the
    file ends with a line asking to narrow the dates.
    """
    check_audit_log(request.user)
    _form, filters = _filtered(request)
    events = selectors.audit_log(user=request.user, filters=filters)
    limit = settings.AUDIT_EXPORT_MAX_ROWS
    count = events[: limit + 1].count()
    shown = {k: str(v) for k, v in filters.items()}
    record(
        AuditEvent.Action.EXPORT,
        detail=_("Nhật ký hệ thống: %(count)s dòng, lọc %(filters)s")
        % {"count": min(count, limit), "filters": json.dumps(shown, ensure_ascii=False)},
    )
    header = [
        _("Thời điểm"), _("Hành động"), _("Tài khoản"), _("Cơ quan, đơn vị"), _("Đối tượng"),
        _("Chi tiết"), _("Địa chỉ IP"), _("Trình duyệt"),
    ]
    actions = {value: str(label) for value, label in AuditEvent.Action.choices}
    cut_note = (
        _("Chỉ xuất %(limit)s dòng đầu; chọn khoảng ngày hẹp hơn để xuất phần còn lại.")
        % {"limit": f"{limit:,}".replace(",", ".")}
        if count > limit
        else None
    )
    rows = events.values_list(
        "at", "action", "actor_label", "organization_label", "object_repr", "detail", "ip_address", "user_agent"
    )[:limit]

    def lines() -> Iterator[str]:
        # Names typed at a failed sign-in and User-Agent headers are anyone's text: every cell
        # goes through write_csv_row, which keeps formula-like text from running. Rows are sent
        # in pieces of about 64 KB rather than one by one: per row, the response's own work
        # (a generator step, an encode, a write) cost as much as the row.
        buffer = io.StringIO()
        writer = csv_writer(buffer)
        buffer.write("\ufeff")
        write_csv_row(writer, header)
        here = timezone.get_current_timezone()
        for at, action, actor, org, obj, detail, ip, agent in rows.iterator(chunk_size=2000):
            write_csv_row(writer, [
                at.astimezone(here).strftime("%d/%m/%Y %H:%M:%S"),
                actions.get(action, action), actor, org, obj, detail, ip or "", agent,
            ])
            if buffer.tell() > EXPORT_PIECE:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        if cut_note is not None:
            write_csv_row(writer, [cut_note])
        if buffer.tell():
            yield buffer.getvalue()

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="nhat-ky-{stamp}.csv"'
    response["Cache-Control"] = "private, no-store"
    return response


def _person(pk: int) -> Person:
    person = Person.objects.select_related("organization").filter(pk=pk).first()
    if person is None:
        raise Http404
    return person


@require_GET  # a wrong method is answered 405 before the rule is asked, as before
@rule("staff")
def person_export(request: SignedInRequest, pk: int) -> HttpResponse:
    person = _person(pk)
    data = personal_data.export_person(actor=request.user, person=person)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="can-bo-{person.pk}.json"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
@rule("staff")
def person_anonymise(request: SignedInRequest, pk: int) -> HttpResponse:
    person = _person(pk)
    already = personal_data.is_anonymised(person)
    form = AnonymiseForm(request.POST or None)
    if request.method == "POST" and not already and form.is_valid():
        personal_data.anonymise_person(actor=request.user, person=person)
        messages.success(request, _("Đã ẩn danh thông tin cá nhân của cán bộ. Tên như đã ký trên văn bản được giữ nguyên."))
        return redirect("orgs:person_detail", pk=person.pk)
    context = {
        "person": person,
        "form": form,
        "already": already,
        # The names as signed, listed by the apps that keep them (shown only before anonymising).
        "kept": [] if already else personal_data.kept_as_signed(person),
        "label": personal_data.anonymous_label(person),
    }
    return render(request, "audit/person_anonymise.html", context)
