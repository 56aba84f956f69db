from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from phoihop.agreements import access as agreement_access
from phoihop.agreements import services as agreement_services
from phoihop.core import versioning
from phoihop.core.access import SignedInRequest, rule
from phoihop.core.panels import panel_response
from phoihop.core.views_util import add_errors, context_of, int_or_none
from phoihop.documents.forms import ReserveNumberForm
from phoihop.documents.official import render_docx
from phoihop.documents.views_util import generated_download, issue_number
from phoihop.plans import access, documents, selectors, services
from phoihop.plans.forms import IndicatorForm, PlanCreateForm, TaskForm, indicator_initial
from phoihop.plans.models import AnnualPlan, Task


@rule("object")
def agreement_panel(request: HttpRequest, pk: int) -> HttpResponse:
    """The annual plans of agreement ``pk``, a panel of the agreement page."""
    page = selectors.agreement_panel(user=request.user, pk=pk)
    agreement = page.agreement
    return panel_response(
        request, "plans/agreement_panel.html", context_of(page) | {"nav": "agreements"}, title=_("Kế hoạch phối hợp năm"),
        back_url=agreement.get_absolute_url(), back_label=agreement.number_symbol or agreement.title,
    )


@rule("object")
@require_POST
def plan_create(request: SignedInRequest, pk: int) -> HttpResponse:
    """Start the annual plan of agreement ``pk`` from its content areas or last year's plan."""
    agreement = agreement_access.get_agreement_for_user(request.user, pk, for_edit=True)
    form = PlanCreateForm(request.POST)
    if form.is_valid():
        try:
            plan = services.plan_create(
                actor=request.user,
                agreement=agreement,
                year=form.cleaned_data["year"],
                from_previous=form.cleaned_data["source"] == PlanCreateForm.FROM_PREVIOUS,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Đã lập kế hoạch phối hợp năm %(year)s.") % {"year": plan.year})
            return redirect("plans:detail", pk=plan.pk)
    else:
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect(agreement)


@rule("object")
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    page = selectors.plan_detail(user=request.user, pk=pk)
    context = context_of(page) | {
        "history": selectors.plan_history(page.plan),
        "plan_open": _plan_open(page.plan),
        "nav": "agreements",
    }
    return render(request, "plans/detail.html", context)


def _plan_open(plan: AnnualPlan) -> bool:
    return plan.is_open


def _task_form_page(request: SignedInRequest, plan: AnnualPlan, task: Task | None) -> HttpResponse:
    if request.method == "POST":
        form = TaskForm(request.POST, instance=task, plan=plan, user=request.user)
        if form.is_valid():
            supporting = list(form.cleaned_data["supporting_organizations"])
            try:
                if task is None:
                    task = services.task_create(
                        actor=request.user, plan=plan, fields=form.service_fields(), supporting=supporting
                    )
                    messages.success(request, _("Đã thêm nhiệm vụ."))
                else:
                    services.task_update(
                        actor=request.user, task=task, fields=form.service_fields(), supporting=supporting,
                        expected_version=form.expected_version,
                    )
                    messages.success(request, _("Đã lưu thay đổi."))
                return redirect("plans:task_detail", pk=task.pk)
            except ValidationError as exc:
                add_errors(form, exc)
            except versioning.StaleEdit as exc:
                form.show_stale(exc)
    else:
        form = TaskForm(instance=task, plan=plan, user=request.user)
    return render(
        request,
        "plans/task_form.html",
        {"form": form, "plan": plan, "task": task, "plan_open": _plan_open(plan), "nav": "agreements"},
    )


@rule("object")
def task_create(request: SignedInRequest, pk: int) -> HttpResponse:
    plan = access.get_plan_for_user(request.user, pk, for_edit=True)
    return _task_form_page(request, plan, None)


@rule("object")
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    page = selectors.task_detail(user=request.user, pk=pk)
    context = context_of(page) | {"plan_open": _plan_open(page.task.plan), "nav": "agreements"}
    return render(request, "plans/task_detail.html", context)


@rule("object")
def task_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    task = access.get_task_for_user(request.user, pk, for_edit=True)
    return _task_form_page(request, task.plan, task)


@rule("object")
def task_indicator_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    """Add an indicator to task ``pk``, or change the one named by ``?indicator=``."""
    task = access.get_task_for_user(request.user, pk, for_edit=True)
    indicator = None
    indicator_id = int_or_none(request.POST.get("indicator") or request.GET.get("indicator"))
    if indicator_id is not None:
        indicator = task.indicators.active().filter(pk=indicator_id).first()
        if indicator is None:
            raise Http404
    if request.method == "POST":
        form = IndicatorForm(request.POST, versioned=indicator)
        if form.is_valid():
            try:
                services.indicator_set(
                    actor=request.user, owner=task, indicator=indicator, expected_version=form.expected_version,
                    **form.service_fields(),
                )
            except ValidationError as exc:
                add_errors(form, exc)
            except versioning.StaleEdit as exc:
                form.show_stale(exc)
            else:
                messages.success(request, _("Đã lưu chỉ tiêu."))
                return redirect("plans:task_detail", pk=task.pk)
    else:
        form = IndicatorForm(initial=indicator_initial(indicator) if indicator else None, versioned=indicator)
    return render(
        request,
        "plans/indicator_form.html",
        {"form": form, "task": task, "indicator": indicator, "nav": "agreements"},
    )


# --- the agreement's documents: the page, Word and Excel, "Cấp số" ------------------------------


@rule("object")
def agreement_documents(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = agreement_access.get_agreement_for_user(request.user, pk)
    page = selectors.agreement_documents(user=request.user, agreement=agreement)
    context = context_of(page) | {
        "form": ReserveNumberForm(initial={"issued_on": page.today}),
        "nav": "agreements",
    }
    return render(request, "plans/agreement_documents.html", context)


@rule("object")
def agreement_docx(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = agreement_access.get_agreement_for_user(request.user, pk)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    doc = documents.agreement_document(agreement)
    name = documents.agreement_filename(agreement, doc, "docx")
    return generated_download(request, agreement, render_docx(doc), name)


@rule("object")
def agreement_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = agreement_access.get_agreement_for_user(request.user, pk)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    doc = documents.agreement_document(agreement)
    name = documents.agreement_filename(agreement, doc, "xlsx")
    return generated_download(request, agreement, documents.agreement_workbook(agreement), name)


@rule("object")
def plan_docx(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access.get_plan_for_user(request.user, pk)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    doc = documents.plan_document(plan)
    name = documents.plan_filename(plan, doc, "docx")
    return generated_download(request, plan, render_docx(doc), name)


@rule("object")
def plan_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access.get_plan_for_user(request.user, pk)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    doc = documents.plan_document(plan)
    name = documents.plan_filename(plan, doc, "xlsx")
    return generated_download(request, plan, documents.plan_workbook(plan), name)


@rule("object")
def plan_number_reserve(request: SignedInRequest, pk: int) -> HttpResponse:
    """Enter the plan in the lead party's register: the next free number, or one typed in."""
    plan = access.get_plan_for_user(request.user, pk, for_edit=True)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    return issue_number(
        request,
        lambda **fields: services.plan_number_issue(actor=request.user, plan=plan, **fields),
        back=redirect("documents:agreement", pk=plan.agreement_id),
        created=_("Đã cấp số %(symbol)s cho kế hoạch năm %(year)s."),
        again=_("Kế hoạch năm %(year)s đã có số %(symbol)s; mỗi văn bản chỉ được cấp một số."),
        year=plan.year,
    )


@rule("object")
def agreement_number_reserve(request: SignedInRequest, pk: int) -> HttpResponse:
    """Enter the agreement in the lead party's register ("Cấp số"), once."""
    agreement = agreement_access.get_agreement_for_user(request.user, pk, for_edit=True)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    return issue_number(
        request,
        lambda **fields: agreement_services.agreement_number_issue(actor=request.user, agreement=agreement, **fields),
        back=redirect("documents:agreement", pk=agreement.pk),
        created=_("Đã cấp số %(symbol)s cho văn bản."),
        again=_("Văn bản đã có số %(symbol)s; mỗi văn bản chỉ được cấp một số."),
    )
