"""Downloads of generated documents and the page listing them for an agreement."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from phoihop.core.access import rule
from phoihop.documents import selectors, services
from phoihop.documents.access import get_agreement_for_documents, get_plan_for_documents
from phoihop.documents.forms import ReserveNumberForm
from phoihop.documents.official import OfficialDocument, render_docx
from phoihop.documents.views_util import generated_download
from phoihop.plans import documents as generators


def _filename(doc: OfficialDocument, fallback: str, ext: str) -> str:
    name = doc.filename(ext)
    return name if not name.startswith(".") else f"{fallback}.{ext}"


@rule("object")
def agreement_documents(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_agreement_for_documents(request.user, pk)
    context = selectors.agreement_documents(user=request.user, agreement=agreement)
    context["form"] = ReserveNumberForm(initial={"issued_on": context["today"]})
    context["nav"] = "agreements"
    return render(request, "documents/agreement.html", context)


@rule("object")
def agreement_docx(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_agreement_for_documents(request.user, pk)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    doc = generators.agreement_document(agreement)
    name = _filename(doc, f"van-ban-phoi-hop-{agreement.pk}", "docx")
    return generated_download(request, agreement, render_docx(doc), name)


@rule("object")
def agreement_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_agreement_for_documents(request.user, pk)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    doc = generators.agreement_document(agreement)
    name = _filename(doc, f"van-ban-phoi-hop-{agreement.pk}", "xlsx")
    return generated_download(request, agreement, generators.agreement_workbook(agreement), name)


@rule("object")
def plan_docx(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_documents(request.user, pk)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    doc = generators.plan_document(plan)
    name = _plan_filename(doc, plan.year, "docx")
    return generated_download(request, plan, render_docx(doc), name)


@rule("object")
def plan_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_documents(request.user, pk)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    doc = generators.plan_document(plan)
    name = _plan_filename(doc, plan.year, "xlsx")
    return generated_download(request, plan, generators.plan_workbook(plan), name)


def _plan_filename(doc: OfficialDocument, year: int, ext: str) -> str:
    if doc.number is None:  # not numbered yet: name it by year
        return f"KH-{doc.issuer_symbol}-{year}.{ext}".replace("/", "-")
    return doc.filename(ext)


def _number_form_errors(form: ReserveNumberForm) -> str:
    return " ".join(str(e) for errs in form.errors.values() for e in errs)


@rule("object")
def plan_number_reserve(request: HttpRequest, pk: int) -> HttpResponse:
    """Enter the plan in the lead party's register: the next free number, or one typed in."""
    plan = get_plan_for_documents(request.user, pk, for_edit=True)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    return _issue_number(
        request,
        lambda **fields: services.plan_number_issue(actor=request.user, plan=plan, **fields),
        back=redirect("documents:agreement", pk=plan.agreement_id),
        created=_("Đã cấp số %(symbol)s cho kế hoạch năm %(year)s."),
        again=_("Kế hoạch năm %(year)s đã có số %(symbol)s; mỗi văn bản chỉ được cấp một số."),
        year=plan.year,
    )


@rule("object")
def agreement_number_reserve(request: HttpRequest, pk: int) -> HttpResponse:
    """Enter the agreement in the lead party's register ("Cấp số"), once."""
    agreement = get_agreement_for_documents(request.user, pk, for_edit=True)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    return _issue_number(
        request,
        lambda **fields: services.agreement_number_issue(actor=request.user, agreement=agreement, **fields),
        back=redirect("documents:agreement", pk=agreement.pk),
        created=_("Đã cấp số %(symbol)s cho văn bản."),
        again=_("Văn bản đã có số %(symbol)s; mỗi văn bản chỉ được cấp một số."),
    )


def _issue_number(
    request: HttpRequest, issue: Callable[..., Any], *, back: HttpResponse, created: str, again: str, **words: Any
) -> HttpResponse:
    """The "Cấp số" form sent: the number issued once (or the one the document has), or why not."""
    form = ReserveNumberForm(request.POST)
    if not form.is_valid():
        messages.error(request, _number_form_errors(form))
        return back
    try:
        result = issue(
            issued_on=form.cleaned_data["issued_on"],
            number=form.cleaned_data["number"],
            confirm_out_of_sequence=form.cleaned_data["confirm_out_of_sequence"],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        message = created if result.created else again
        messages.success(request, message % {"symbol": result.entry.symbol, **words})
    return back
