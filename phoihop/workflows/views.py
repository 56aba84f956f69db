"""Pages that start a cross-app workflow. Their routes keep the names and paths of the app the
page belongs to (``agreements:renewal_create``): the project's URLconf includes them there."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from phoihop.agreements import access as agreement_access
from phoihop.agreements import services as agreements
from phoihop.agreements.forms import RenewalForm
from phoihop.core.access import SignedInRequest, rule
from phoihop.core.views_util import add_errors, context_of, int_or_none
from phoihop.orgs import services as org_services
from phoihop.orgs.forms import SuccessionForm, SuccessionTransferForm
from phoihop.orgs.models import Succession
from phoihop.workflows import selectors
from phoihop.workflows import services as workflows
from phoihop.workflows.selectors import succession_open_work


@rule("object")
def renewal_create(request: SignedInRequest, pk: int) -> HttpResponse:
    """ "Renew for the next period": choose the period, then edit the drafted agreement."""
    agreement = agreement_access.get_agreement_for_user(request.user, pk)
    if not agreements.may_renew(request.user, agreement):
        raise PermissionDenied
    start, end = agreements.next_period(agreement)
    renewed = agreements.renewal_of(agreement)
    # The renewal is named only to those who may see it.
    existing = (
        renewed
        if renewed is not None and agreement_access.can_view_agreement(request.user, renewed)
        else None
    )
    if renewed is None and not agreements.renewal_due(agreement):
        messages.info(
            request,
            _(
                "Chỉ gia hạn được văn bản đang có hiệu lực và sắp hết giai đoạn (trong vòng 180 ngày), "
                "hoặc đã hết giai đoạn."
            ),
        )
        return redirect(agreement)
    if request.method == "POST":
        form = RenewalForm(request.POST)
        if form.is_valid():
            try:
                renewal = workflows.agreement_renew(
                    actor=request.user,
                    agreement=agreement,
                    period_start=form.cleaned_data["period_start"],
                    period_end=form.cleaned_data["period_end"],
                )
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(
                    request,
                    _(
                        "Đã lập dự thảo văn bản gia hạn. Văn bản cũ được ghi là đã được thay thế khi "
                        "văn bản mới được ký và có hiệu lực."
                    ),
                )
                return redirect(renewal.agreement)
    else:
        form = RenewalForm(initial={"period_start": start, "period_end": end})
    context = context_of(selectors.renewal_preview(user=request.user, agreement=agreement)) | {
        "form": form,
        "renewed": renewed is not None,
        "existing": existing,
        "nav": "agreements",
    }
    return render(request, "agreements/renew.html", context)


@rule("staff")
def succession_create(request: SignedInRequest) -> HttpResponse:
    """ "Record a reorganisation" (the registry's form), then, when the ended bodies leave open
    work, straight on to passing it to the successor."""
    if request.method == "POST":
        form = SuccessionForm(request.POST)
        if form.is_valid():
            data: dict[str, Any] = dict(form.cleaned_data)
            predecessors = list(data.pop("predecessors"))
            successors = list(data.pop("successors"))
            try:
                succession = org_services.succession_record(
                    actor=request.user, predecessors=predecessors, successors=successors, **data
                )
                messages.success(request, _("Đã ghi nhận sắp xếp, kế thừa."))
                if not succession_open_work(succession=succession).is_empty:
                    return redirect("orgs:succession_transfer", pk=succession.pk)
                return redirect(predecessors[0])
            except ValidationError as exc:
                add_errors(form, exc)
    else:
        origin = int_or_none(request.GET.get("from"))
        form = SuccessionForm(initial={"predecessors": [origin] if origin else []})
    return render(request, "orgs/succession_form.html", {"form": form, "nav": "orgs"})


@rule("staff")
def succession_transfer(request: SignedInRequest, pk: int) -> HttpResponse:
    """ "Pass open work to the successor": tick the tasks, agreement roles and reports to move."""
    succession = Succession.objects.active().filter(pk=pk).first()
    if succession is None:
        raise Http404
    work = succession_open_work(succession=succession)
    if request.method == "POST":
        form = SuccessionTransferForm(request.POST, work=work)
        if form.is_valid():
            data = form.cleaned_data
            try:
                result = workflows.succession_transfer(
                    actor=request.user,
                    succession=succession,
                    successor=data["successor"],
                    task_ids=data["tasks"],
                    agreement_ids=data["agreements"],
                    report_ids=data["reports"],
                )
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(
                    request,
                    _(
                        "Đã chuyển sang %(successor)s: %(tasks)s nhiệm vụ, vai trò trong %(agreements)s "
                        "văn bản, %(reports)s báo cáo. Các văn bản liên quan được đánh dấu cần rà soát."
                    )
                    % {
                        "successor": result.successor.name,
                        "tasks": result.tasks,
                        "agreements": result.agreements,
                        "reports": result.reports,
                    },
                )
                return redirect(result.successor)
    else:
        form = SuccessionTransferForm(work=work)
    return render(
        request,
        "orgs/succession_transfer.html",
        {
            "work": work,
            "form": form,
            "ticked_tasks": form.ticked("tasks"),
            "ticked_agreements": form.ticked("agreements"),
            "ticked_reports": form.ticked("reports"),
            "nav": "orgs",
        },
    )
