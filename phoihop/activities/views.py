from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from phoihop.activities import access, selectors, services
from phoihop.activities.forms import (
    ActivityFilterForm,
    ActivityForm,
    ActivityListFilterForm,
    activity_initial,
)
from phoihop.activities.models import Activity
from phoihop.agreements.models import ContentArea
from phoihop.attachments.forms import AttachmentForm
from phoihop.attachments.views import attach_uploaded_file
from phoihop.core import versioning
from phoihop.core.access import SignedInRequest, rule
from phoihop.core.db import vi
from phoihop.core.idempotency import FIELD_NAME, first_result_url
from phoihop.core.lists import list_page, render_list
from phoihop.core.panels import panel_response
from phoihop.core.views_util import (
    HtmxHttpRequest,
    add_errors,
    context_of,
    int_or_none,
)
from phoihop.orgs.models import Organization
from phoihop.plans import access as plan_access
from phoihop.plans.models import Indicator, Task

REPLAYED = gettext_lazy("Biểu mẫu này đã được gửi rồi; đây là kết quả của lần gửi trước.")


def _indicators(task: Task) -> list[Indicator]:
    """The indicators an activity of ``task`` reports on: the task's and its content area's."""
    own = Q(task=task)
    if task.content_area_id:
        own |= Q(content_area_id=task.content_area_id)
    return list(Indicator.objects.active().filter(own).order_by("task_id", "order", "id"))


def _home_province(organizations: list[Organization]) -> int | None:
    """The province an officer's activity most likely took place in: their organisation's, or
    that of the nearest body above it (a unit closed in 2025 keeps only its old locality)."""
    for org in organizations:
        node: Organization | None = org
        depth = 0
        while node is not None and depth < 6:
            if node.province_code:
                return node.province_code
            node, depth = node.parent, depth + 1
    return None


def _after_save(request: HttpRequest, saved: services.ActivitySaved) -> HttpResponse:
    if saved.replayed:
        messages.info(request, REPLAYED)
        return redirect(saved.url)
    for name, reason in saved.refused_photos:
        messages.warning(
            request,
            _("Hoạt động đã được lưu, nhưng ảnh “%(name)s” không nhận được: %(reason)s")
            % {"name": name, "reason": reason},
        )
    if saved.submitted:
        messages.success(request, _("Đã gửi hoạt động để lãnh đạo đơn vị duyệt."))
    else:
        messages.success(request, _("Đã lưu bản nháp. Gửi duyệt khi đã đủ thông tin."))
    return redirect(saved.url)


def _form_page(request: SignedInRequest, task: Task, activity: Activity | None) -> HttpResponse:
    """The one form that records or corrects an activity; "submit" also sends it for approval."""
    party_ids = [p.organization_id for p in task.plan.agreement.parties.all()]
    organizations = Organization.objects.filter(pk__in=party_ids).order_by(vi("name"))
    indicators = _indicators(task)
    if request.method == "POST":
        form = ActivityForm(
            request.POST, request.FILES, organizations=organizations, indicators=indicators, versioned=activity
        )
        form.bind_kept_files(request.user)
        if form.is_valid():
            try:
                saved = services.activity_save(
                    actor=request.user,
                    task=task,
                    activity=activity,
                    fields=form.service_fields(),
                    organizations=list(form.cleaned_data["organizations"]),
                    values=form.service_values(),
                    photos=[*form.cleaned_data["photos"], *form.kept_uploads("kept_photos")],
                    submit=request.POST.get("action") == "submit",
                    idempotency_key=form.cleaned_data["idempotency_key"],
                    expected_version=form.expected_version,
                )
            except ValidationError as exc:
                add_errors(form, exc)
            except versioning.StaleEdit as exc:
                form.show_stale(exc)
            else:
                form.discard_kept_files()
                return _after_save(request, saved)
        form.keep_files()
    elif activity is not None:
        form = ActivityForm(
            initial=activity_initial(activity), organizations=organizations, indicators=indicators, versioned=activity
        )
    else:
        mine = access.own_organizing_org_ids(request.user, party_ids)
        province = _home_province([o for o in organizations if o.pk in mine])
        form = ActivityForm(
            initial={"organizations": mine, "province_code": province}, organizations=organizations, indicators=indicators
        )
    return render(
        request,
        "activities/form.html",
        {"form": form, "task": task, "activity": activity, "nav": "activities"},
    )


@rule("authenticated")
def activity_create(request: SignedInRequest) -> HttpResponse:
    """Record an activity of the task named by ``?task=``."""
    task_id = int_or_none(request.GET.get("task"))
    if task_id is None:
        messages.info(request, _("Mở một nhiệm vụ trong kế hoạch năm rồi bấm “Ghi hoạt động”."))
        return redirect("agreements:list")
    task = plan_access.get_task_for_user(request.user, task_id)
    if not access.can_record_activity(request.user, task):
        raise PermissionDenied
    return _form_page(request, task, None)


@rule("object")
def activity_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    activity = access.get_activity_for_user(request.user, pk, for_edit=True)
    if not activity.is_editable:
        # A repeated "save and submit" finds the activity submitted: show what the first one did.
        first = first_result_url(user=request.user, scope=services.EDIT_SCOPE, key=request.POST.get(FIELD_NAME))
        if request.method == "POST" and first:
            messages.info(request, REPLAYED)
            return redirect(first)
        messages.error(request, _("Hoạt động đang chờ duyệt hoặc đã duyệt nên không sửa được."))
        return redirect("activities:detail", pk=activity.pk)
    task = plan_access.get_task_for_user(request.user, activity.task_id)
    return _form_page(request, task, activity)


@rule("object")
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    context = context_of(selectors.activity_detail(user=request.user, pk=pk)) | {
        "nav": "activities",
        "attachment_form": AttachmentForm(initial={"kind": "photo"}),
    }
    return render(request, "activities/detail.html", context)


@rule("object")
def task_panel(request: HttpRequest, pk: int) -> HttpResponse:
    """The activities of task ``pk``, a panel of the task page."""
    panel = selectors.task_panel(user=request.user, pk=pk)
    task = panel.task
    return panel_response(
        request, "activities/task_panel.html", context_of(panel) | {"nav": "agreements"}, title=_("Hoạt động"),
        back_url=reverse("plans:task_detail", args=[task.pk]), back_label=f"{task.number}. {task.title}",
    )


@rule("authenticated")
def activity_list(request: HtmxHttpRequest) -> HttpResponse:
    """Activities the user may see, filtered by agreement, party, content area, period and status.

    The GET parameters (agreement, party, area, plan, task, year, month, status, q, archived) are
    also the links the dashboards' figures drill down to; ``after`` and ``before`` are the page
    cursors."""
    filter_form = ActivityListFilterForm(request.GET)
    filters = filter_form.filters()
    if filters["content_area"] and not filters["agreement"]:
        filters["agreement"] = ContentArea.objects.filter(pk=filters["content_area"]).values_list(
            "agreement_id", flat=True
        ).first()
    page = selectors.keyset_page(
        selectors.activity_list(user=request.user, filters=filters),
        after=request.GET.get("after"),
        before=request.GET.get("before"),
    )
    context = {"page": page, "filters": filters, "filtered": filter_form.filtered(filters), "nav": "activities"}
    # The content areas follow the chosen agreement, also when only the results are redrawn.
    context["area_options"] = selectors.content_area_options(user=request.user, agreement_id=filters["agreement"])
    if not request.htmx:
        years = selectors.year_options()
        filter_form.offer(years=years)
        context["year_options"] = years
        context.update(
            filter_form=ActivityFilterForm(
                user=request.user, agreement=filters["agreement"], party=filters["organization"]
            ),
            list_filters=filter_form,
        )
    return render_list(request, "activities/list.html", context, partial="live")


@rule("object")
@require_POST
def attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Photos and documents of an activity, added while it can still be edited."""
    activity = access.get_activity_for_user(request.user, pk, for_edit=True)
    if not activity.is_editable:
        messages.error(request, _("Hoạt động đang chờ duyệt hoặc đã duyệt nên không thêm tệp được; mở bản sửa để bổ sung."))
        return redirect("activities:detail", pk=activity.pk)
    return attach_uploaded_file(request, activity)


@rule("authenticated")
def approvals_inbox(request: HttpRequest) -> HttpResponse:
    rows = selectors.approvals_inbox(user=request.user)
    return list_page(request, "activities/inbox.html", rows=rows, context={"nav": "approvals"}, partial=None)


def _after_review(request: HttpRequest, activity: Activity) -> HttpResponse:
    if request.POST.get("next") == "inbox":
        return redirect("activities:inbox")
    return redirect("activities:detail", pk=activity.pk)


@rule("object")
@require_POST
def activity_submit(request: SignedInRequest, pk: int) -> HttpResponse:
    activity = access.get_activity_for_user(request.user, pk, for_edit=True)
    try:
        services.activity_submit(actor=request.user, activity=activity)
        messages.success(request, _("Đã gửi hoạt động để lãnh đạo đơn vị duyệt."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("activities:detail", pk=activity.pk)


@rule("object")
@require_POST
def activity_approve(request: SignedInRequest, pk: int) -> HttpResponse:
    activity = access.get_activity_for_user(request.user, pk)
    try:
        services.activity_approve(actor=request.user, activity=activity)
        messages.success(request, _("Đã duyệt hoạt động “%(title)s”.") % {"title": activity.title})
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return _after_review(request, activity)


@rule("object")
@require_POST
def activity_return(request: SignedInRequest, pk: int) -> HttpResponse:
    activity = access.get_activity_for_user(request.user, pk)
    try:
        services.activity_return(actor=request.user, activity=activity, note=request.POST.get("note", ""))
        messages.success(request, _("Đã trả lại hoạt động “%(title)s” để sửa.") % {"title": activity.title})
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return _after_review(request, activity)


@rule("object")
@require_POST
def activity_reopen(request: SignedInRequest, pk: int) -> HttpResponse:
    activity = access.get_activity_for_user(request.user, pk)
    try:
        revision = services.activity_reopen(actor=request.user, activity=activity)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("activities:detail", pk=activity.pk)
    messages.success(request, _("Đã mở bản sửa. Bản đã duyệt vẫn được tính cho đến khi bản sửa được duyệt."))
    return redirect("activities:edit", pk=revision.pk)
