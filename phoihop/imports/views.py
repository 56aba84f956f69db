"""Pages of the Excel import: the "Nhập dữ liệu" page, templates, upload, preview, confirm."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from phoihop.agreements import selectors as agreement_selectors
from phoihop.agreements import services as agreement_services
from phoihop.agreements.access import can_create_agreement, get_agreement_for_user
from phoihop.agreements.forms import AgreementForm, live_rows
from phoihop.core.access import SignedInRequest, rule
from phoihop.core.views_util import add_errors
from phoihop.documents.views_util import DOWNLOAD_TYPES
from phoihop.imports import access, agreement_draft, kinds, selectors, services
from phoihop.imports.forms import (
    DocumentUploadForm,
    DraftAreaFormSet,
    DraftPartyFormSet,
    UploadForm,
)
from phoihop.imports.models import ImportBatch
from phoihop.plans.access import get_plan_for_user
from phoihop.vn.text import clean

if TYPE_CHECKING:
    from phoihop.core.access import AnyUser

NAV = "imports"


def _kind(slug: str) -> str:
    kind = kinds.SLUGS.get(slug)
    if kind is None:
        raise Http404
    return kind


def _choices(user: AnyUser) -> list[dict[str, str]]:
    labels = dict(ImportBatch.Kind.choices)
    return [
        {"kind": k, "slug": kinds.SLUG_OF[k], "label": str(labels[k])}
        for k in access.importable_kinds(user)
    ]


@rule("authenticated")
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "imports/home.html",
        {
            "kinds": _choices(request.user),
            "batches": selectors.recent_batches(user=request.user),
            "form": UploadForm(),
            "nav": NAV,
        },
    )


@rule("authenticated")
@require_GET
def template(request: HttpRequest, kind: str) -> HttpResponse:
    """The workbook to fill in, for those who may bring that kind of records in."""
    kind = _kind(kind)
    if not access.can_import(request.user, kind):
        raise PermissionDenied
    response = HttpResponse(kinds.module(kind).template(), content_type=DOWNLOAD_TYPES["xlsx"])
    response["Content-Disposition"] = f'attachment; filename="mau-nhap-{kinds.SLUG_OF[kind]}.xlsx"'
    return response


@rule("authenticated")
def upload(request: SignedInRequest, kind: str) -> HttpResponse:
    kind = _kind(kind)
    if not access.can_import(request.user, kind):
        raise PermissionDenied
    return _upload_page(
        request, kind, None, template_url=reverse("imports:template", args=[kinds.SLUG_OF[kind]])
    )


@rule("object")
def plan_template(request: HttpRequest, pk: int) -> HttpResponse:
    """The workbook of a plan's tasks and indicators, with the plan's parties and content areas
    in its lists, for those who edit the plan."""
    plan = get_plan_for_user(request.user, pk, for_edit=True)
    response = HttpResponse(
        kinds.module(ImportBatch.Kind.PLAN).template(plan), content_type=DOWNLOAD_TYPES["xlsx"]
    )
    response["Content-Disposition"] = f'attachment; filename="mau-nhap-ke-hoach-{plan.year}.xlsx"'
    return response


@rule("object")
def plan_upload(request: SignedInRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, pk, for_edit=True)
    return _upload_page(
        request,
        ImportBatch.Kind.PLAN,
        plan,
        template_url=reverse("imports:plan_template", args=[plan.pk]),
    )


@rule("object")
def agreement_template(request: HttpRequest, pk: int) -> HttpResponse:
    """The workbook of an agreement's parties and content areas, for those who edit it."""
    agreement = get_agreement_for_user(request.user, pk, for_edit=True)
    response = HttpResponse(
        kinds.module(ImportBatch.Kind.AGREEMENT).template(agreement),
        content_type=DOWNLOAD_TYPES["xlsx"],
    )
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-ben-tham-gia-noi-dung.xlsx"'
    return response


@rule("object")
def agreement_upload(request: SignedInRequest, pk: int) -> HttpResponse:
    agreement = get_agreement_for_user(request.user, pk, for_edit=True)
    return _upload_page(
        request,
        ImportBatch.Kind.AGREEMENT,
        agreement,
        template_url=reverse("imports:agreement_template", args=[agreement.pk]),
    )


def _upload_page(
    request: SignedInRequest, kind: str, target: Any, *, template_url: str
) -> HttpResponse:
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    if form.is_bound and form.is_valid():
        try:
            batch = services.import_upload(
                actor=request.user, kind=kind, upload=form.cleaned_data["file"], target=target
            )
            return redirect("imports:batch", pk=batch.pk)
        except ValidationError as exc:
            add_errors(form, exc)
    return render(
        request,
        "imports/upload.html",
        {
            "form": form,
            "kind": kind,
            "target": target,
            "target_url": _target_url(kind, target),
            "target_title": _target_title(kind, target),
            "template_url": template_url,
            "label": dict(ImportBatch.Kind.choices)[kind],
            "nav": NAV,
        },
    )


def _target_url(kind: str, target: Any) -> str:
    if target is None:
        return ""
    if kind == ImportBatch.Kind.PLAN:
        return reverse("plans:detail", args=[target.pk])
    return str(target.get_absolute_url())


def _target_title(kind: str, target: Any) -> str:
    if target is None:
        return ""
    if kind == ImportBatch.Kind.PLAN:
        return f"{target} — {target.agreement.title}"
    return str(target.title)


def upload_url(batch: ImportBatch) -> str:
    if batch.kind == ImportBatch.Kind.PLAN:
        return reverse("imports:plan_upload", args=[batch.target_id])
    if batch.kind == ImportBatch.Kind.AGREEMENT:
        return reverse("imports:agreement_upload", args=[batch.target_id])
    return reverse("imports:upload", args=[kinds.SLUG_OF[batch.kind]])


@rule("object")
def batch(request: HttpRequest, pk: int) -> HttpResponse:
    """The preview of an upload (its progress while the worker checks or applies it)."""
    found = access.get_batch_for_user(request.user, pk)
    context = {
        "batch": found,
        "preview": selectors.batch_preview(batch=found),
        "slug": kinds.SLUG_OF[found.kind],
        "nav": NAV,
    }
    if request.headers.get("HX-Request"):
        return render(request, "imports/batch.html#status", context)
    return render(request, "imports/batch.html", context)


@rule("object")
@require_POST
def confirm(request: SignedInRequest, pk: int) -> HttpResponse:
    found = access.get_batch_for_user(request.user, pk)
    already = found.status in (ImportBatch.Status.APPLIED, ImportBatch.Status.APPLYING)
    try:
        done = services.import_confirm(actor=request.user, batch=found)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("imports:batch", pk=found.pk)
    if already:
        messages.info(request, _("Tệp này đã được nhập; không nhập lại lần nữa."))
    elif done.status == ImportBatch.Status.APPLIED:
        messages.success(request, _("Đã nhập dữ liệu."))
    elif done.status == ImportBatch.Status.APPLYING:
        messages.info(request, _("Đang nhập dữ liệu dưới nền; hệ thống sẽ báo khi xong."))
    else:
        messages.error(
            request, _("Dữ liệu đã thay đổi từ lúc kiểm tra nên chưa nhập; xem các lỗi bên dưới.")
        )
    return redirect("imports:batch", pk=found.pk)


# --- a new agreement from its Word or PDF document --------------------------------------------


@rule("authenticated")
def agreement_document(request: SignedInRequest) -> HttpResponse:
    """ "Tạo từ văn bản Word/PDF": the upload, answered by the draft page (nothing saved)."""
    if not can_create_agreement(request.user):
        raise PermissionDenied
    form = (
        DocumentUploadForm(request.POST, request.FILES)
        if request.method == "POST"
        else DocumentUploadForm()
    )
    if form.is_bound and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            draft, paragraphs = agreement_draft.draft_from_upload(actor=request.user, upload=upload)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            name = clean(upload.name or "")[:255]
            linkable = agreement_selectors.linkable_agreements(user=request.user)
            return _draft_page(
                request,
                draft,
                AgreementForm(initial=draft.agreement_initial(), linkable=linkable),
                DraftPartyFormSet(prefix="parties", initial=draft.party_initial()),
                DraftAreaFormSet(prefix="areas", initial=draft.area_initial()),
                token=agreement_draft.sign_source(
                    actor=request.user, paragraphs=paragraphs, name=name
                ),
                name=name,
            )
    return render(request, "imports/agreement_document.html", {"form": form, "nav": "agreements"})


@rule("authenticated")
@require_POST
def agreement_document_save(request: SignedInRequest) -> HttpResponse:
    """The draft page's confirmation: the agreement created through its own service, with the
    same checks and rights as the new-agreement page."""
    if not can_create_agreement(request.user):
        raise PermissionDenied
    token = request.POST.get("source", "")
    source = agreement_draft.unsign_source(actor=request.user, token=token)
    if source is None:
        messages.error(
            request, _("Bản nháp không còn dùng được (đã quá một ngày); hãy tải văn bản lên lại.")
        )
        return redirect("imports:agreement_document")
    paragraphs, name = source
    draft = agreement_draft.build_draft(paragraphs)
    linkable = agreement_selectors.linkable_agreements(user=request.user)
    form = AgreementForm(request.POST, linkable=linkable)
    parties = DraftPartyFormSet(request.POST, prefix="parties")
    areas = DraftAreaFormSet(request.POST, prefix="areas")
    if form.is_valid() and parties.is_valid() and areas.is_valid():
        fields = {field: form.cleaned_data[field] for field in form.Meta.fields}
        try:
            agreement = agreement_services.agreement_create(
                actor=request.user,
                fields=fields,
                parties=live_rows(parties),
                content_areas=live_rows(areas),
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Đã tạo văn bản phối hợp từ văn bản tải lên."))
            return redirect(agreement)
    return _draft_page(request, draft, form, parties, areas, token=token, name=name)


def _draft_page(
    request: HttpRequest,
    draft: agreement_draft.AgreementDraft,
    form: Any,
    parties: Any,
    areas: Any,
    *,
    token: str,
    name: str,
) -> HttpResponse:
    sources = draft.sources()
    for field, (line, _field) in sources.items():
        form.fields[field].widget.attrs["data-source-line"] = line
    for f, party in zip(parties.forms, draft.parties, strict=False):
        f.draft_note = party.note
        f.draft_line = party.spans[0].line if party.spans else None
    for f, area in zip(areas.forms, draft.extraction.areas, strict=False):
        f.draft_line = area.spans[0].line if area.spans else None
    return render(
        request,
        "imports/agreement_draft.html",
        {
            "form": form,
            "parties": parties,
            "areas": areas,
            "token": token,
            "name": name,
            "lines": draft.source_lines(),
            "sources": {k: v[0] for k, v in sources.items()},
            "unassigned": draft.unassigned,
            "nav": "agreements",
        },
    )
