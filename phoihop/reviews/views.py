from __future__ import annotations

import datetime
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from phoihop.agreements import access as agreement_access
from phoihop.core import versioning
from phoihop.core.access import SignedInRequest, rule
from phoihop.core.archiving import archive_or_restore
from phoihop.core.db import vi
from phoihop.core.lists import list_page
from phoihop.core.panels import panel_response
from phoihop.core.views_util import add_errors, context_of, int_or_none
from phoihop.documents.views_util import generated_download
from phoihop.events import access as event_access
from phoihop.orgs.models import Organization
from phoihop.reviews import access as review_access
from phoihop.reviews import selectors, services
from phoihop.reviews.drafts import narrative_drafts
from phoihop.reviews.forms import (
    CommendationForm,
    CommendationListFilterForm,
    CommendationOrganizationFilter,
    CommendationRecordForm,
    ContributionForm,
    DecisionForm,
    MovementForm,
    MovementListFilterForm,
    ReviewCreateForm,
    ReviewFilterForm,
    ReviewForm,
)
from phoihop.reviews.models import SECTION_NAMES, Commendation, Review

if TYPE_CHECKING:
    from phoihop.core.access import AnyUser

NAV = "reviews"


# --- reviews ----------------------------------------------------------------------------------


@rule("authenticated")
def review_list(request: HttpRequest) -> HttpResponse:
    filter_form = ReviewFilterForm(request.GET, user=request.user)
    filters = filter_form.filters()
    context = {
        "filters": filters,
        "filtered": filter_form.filtered(filters),
        "filter_form": filter_form,
        "nav": NAV,
    }
    rows = selectors.review_list(user=request.user, filters=filters)
    return list_page(request, "reviews/list.html", rows=rows, context=context, partial=None, per_page=selectors.PAGE_SIZE)


def _review_events(user: AnyUser, agreement: Any) -> Any:
    from phoihop.events.models import Event

    return (
        event_access.visible_events(user)
        .active()
        .filter(kind__in=[Event.Kind.INTERIM_REVIEW, Event.Kind.FINAL_REVIEW, Event.Kind.OTHER])
        .order_by("-date", "-id")
    )


@rule("object")
def agreement_panel(request: HttpRequest, pk: int) -> HttpResponse:
    """The reviews of agreement ``pk``, a panel of the agreement page."""
    agreement = agreement_access.get_agreement_for_user(request.user, pk)
    context = context_of(selectors.agreement_reviews(user=request.user, agreement=agreement)) | {
        "agreement": agreement,
        "nav": "agreements",
    }
    return panel_response(
        request, "reviews/agreement_card.html", context, title=_("Sơ kết, tổng kết"),
        back_url=agreement.get_absolute_url(), back_label=agreement.number_symbol or agreement.title,
    )


@rule("object")
def review_create(request: SignedInRequest, pk: int) -> HttpResponse:
    """Start a review of agreement ``pk``."""
    agreement = agreement_access.get_agreement_for_user(request.user, pk, for_edit=True)
    together = review_access.agreements_to_review_with(request.user, agreement)
    events = _review_events(request.user, agreement)
    if request.method == "POST":
        form = ReviewCreateForm(request.POST, together=together, events=events)
        if form.is_valid():
            data = form.cleaned_data
            try:
                review = services.review_create(
                    actor=request.user,
                    agreement=agreement,
                    kind=data["kind"],
                    period_start=data["period_start"],
                    period_end=data["period_end"],
                    together=list(data["agreements"]),
                    event=data["event"],
                )
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("Đã tạo %(title)s.") % {"title": review.title.lower()})
                return redirect(review)
    else:
        linked = events.filter(agreements=agreement).first()
        # The year just ended, within the agreement's period; a review conference early in a
        # year looks back on the year before it (seed 004: 06/01/2023 reviews 2022).
        year = timezone.localdate().year - 1
        if agreement.period_end:
            year = min(year, agreement.period_end)
        if linked is not None:
            year = linked.date.year - 1 if linked.date.month <= 3 else linked.date.year
        form = ReviewCreateForm(
            initial={
                "period_start": datetime.date(year, 1, 1),
                "period_end": datetime.date(year, 12, 31),
                "event": linked,
            },
            together=together,
            events=events,
        )
    return render(request, "reviews/create.html", {"form": form, "agreement": agreement, "nav": NAV})


def _closed(review: Review) -> str:
    """Why ``review`` is not written any more, or "" while it is an open draft."""
    if review.is_locked:
        return _("Báo cáo đã được ký duyệt nên không sửa được nữa.")
    if review.is_archived:
        return _("Báo cáo đã được lưu trữ. Khôi phục báo cáo để viết tiếp.")
    return ""


@rule("object")
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    page = selectors.review_detail(user=request.user, pk=pk, agreement=request.GET.get("agreement"))
    context = context_of(page) | {
        "nav": NAV,
        "made_in_background": len(page.agreements) > services.BACKGROUND_AGREEMENTS,
    }
    return render(request, "reviews/detail.html", context)


@rule("object")
def review_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    """Write the narrative sections; "Tạo bản nháp từ số liệu" fills the empty ones from the figures."""
    review = review_access.get_review_for_user(request.user, pk, for_edit=True)
    closed = _closed(review)
    if closed:
        messages.error(request, closed)
        return redirect(review)
    fields = (*SECTION_NAMES, "number_symbol", "report_date", "signer_name", "signer_position")
    if request.method == "POST":
        form = ReviewForm(request.POST, versioned=review)
        if "prefill" in request.POST:
            drafts = narrative_drafts(review, selectors.review_figures(review))
            data = request.POST.copy()
            filled = 0
            for name, text in drafts.items():
                if not data.get(name, "").strip() and text:
                    data[name] = text
                    filled += 1
            form = ReviewForm(data, versioned=review)
            form.is_valid()
            form.errors.clear()
            messages.info(
                request,
                _("Đã điền bản nháp vào %(n)s phần còn trống. Xem lại, sửa rồi bấm Lưu.") % {"n": filled},
            )
        elif form.is_valid():
            try:
                services.review_update(
                    actor=request.user, review=review, fields=form.edited_data(),
                    expected_version=form.expected_version,
                )
            except ValidationError as exc:
                add_errors(form, exc)
            except versioning.StaleEdit as exc:
                form.show_stale(exc)
            else:
                messages.success(request, _("Đã lưu báo cáo."))
                return redirect(review)
    else:
        form = ReviewForm(initial={name: getattr(review, name) for name in fields}, versioned=review)
    return render(request, "reviews/edit.html", {"form": form, "review": review, "nav": NAV})


@rule("object")
@require_POST
def review_sign_off(request: SignedInRequest, pk: int) -> HttpResponse:
    review = review_access.get_review_for_sign_off(request.user, pk)
    try:
        services.review_sign_off(
            actor=request.user, review=review,
            confirm_out_of_sequence=bool(request.POST.get("confirm_out_of_sequence")),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Đã ký duyệt báo cáo. Báo cáo không còn sửa được."))
    return redirect(review)


@rule("object")
@require_POST
def review_archive(request: HttpRequest, pk: int) -> HttpResponse:
    """Archive a draft review ("Lưu trữ"), or restore it (``restore`` in the form)."""
    review = review_access.get_review_for_user(request.user, pk, for_edit=True)
    return archive_or_restore(
        request,
        review,
        archive=partial(services.review_archive, review=review),
        restore=partial(services.review_restore, review=review),
        archived_message=_("Đã lưu trữ báo cáo. Báo cáo vẫn xem được trong mục “Xem báo cáo đã lưu trữ”."),
        restored_message=_("Đã khôi phục báo cáo."),
    )


@rule("object")
def contribution_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    review, org_ids = review_access.get_review_for_contribution(request.user, pk)
    closed = _closed(review)
    if closed:
        messages.error(request, closed)
        return redirect(review)
    organizations = Organization.objects.filter(pk__in=org_ids).order_by(vi("name"))
    chosen = int_or_none(request.POST.get("organization") or request.GET.get("organization"))
    if chosen not in org_ids:
        chosen = min(org_ids)
    existing = review.contributions.filter(organization_id=chosen).first()
    if request.method == "POST":
        form = ContributionForm(request.POST, organizations=organizations, versioned=existing)
        if form.is_valid():
            try:
                services.contribution_save(
                    actor=request.user,
                    review=review,
                    organization=form.cleaned_data["organization"],
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"],
                    expected_version=form.expected_version,
                )
            except ValidationError as exc:
                add_errors(form, exc)
            except versioning.StaleEdit as exc:
                form.show_stale(exc)
            else:
                messages.success(request, _("Đã lưu tham luận."))
                return redirect(review)
    else:
        initial: dict[str, Any] = {"organization": chosen}
        if existing is not None:
            initial.update(title=existing.title, body=existing.body)
        form = ContributionForm(initial=initial, organizations=organizations, versioned=existing)
    return render(
        request,
        "reviews/contribution_form.html",
        {"form": form, "review": review, "existing": existing, "nav": NAV},
    )


def _commendable(review: Review) -> Any:
    from phoihop.orgs.access import subtree

    return subtree(review_access.party_org_ids(review)).active().order_by(vi("name"))


@rule("object")
def commendation_propose(request: SignedInRequest, pk: int) -> HttpResponse:
    review = review_access.get_review_for_user(request.user, pk, for_edit=True)
    closed = _closed(review)
    if closed:
        messages.error(request, closed)
        return redirect(review)
    kwargs = {"organizations": _commendable(review), "movements": selectors.movement_list(user=request.user)}
    if request.method == "POST":
        form = CommendationForm(request.POST, **kwargs)
        if form.is_valid():
            try:
                services.commendation_propose(actor=request.user, review=review, fields=form.cleaned_data)
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("Đã ghi đề nghị khen thưởng."))
                return redirect(review)
    else:
        form = CommendationForm(**kwargs)
    return render(request, "reviews/commendation_form.html", {"form": form, "review": review, "nav": NAV})


@rule("object")
def commendation_decide(request: SignedInRequest, pk: int) -> HttpResponse:
    commendation = review_access.get_commendation_for_user(request.user, pk, for_edit=True)
    back = commendation.review or "reviews:commendation_list"
    if commendation.status != Commendation.Status.PROPOSED:
        messages.info(request, _("Đề nghị này đã được ghi kết quả."))
        return redirect(back)
    if commendation.is_archived:
        messages.error(request, _("Đề nghị này đã được rút nên không ghi kết quả được."))
        return redirect(back)
    if commendation.review is not None and commendation.review.is_archived:
        messages.error(request, _("Báo cáo của đề nghị này đã được lưu trữ. Khôi phục báo cáo để ghi kết quả."))
        return redirect(back)
    if request.method == "POST":
        form = DecisionForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.commendation_decide(
                    actor=request.user,
                    commendation=commendation,
                    approved=data["outcome"] == DecisionForm.DECIDED,
                    decision_number=data["decision_number"],
                    decision_date=data["decision_date"],
                    note=data["note"],
                )
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("Đã ghi kết quả khen thưởng."))
                return redirect(back)
    else:
        form = DecisionForm()
    return render(
        request, "reviews/decision_form.html", {"form": form, "commendation": commendation, "nav": NAV}
    )


@rule("object")
@require_POST
def commendation_withdraw(request: SignedInRequest, pk: int) -> HttpResponse:
    """Withdraw a proposal of commendation not yet decided (it is archived, not deleted)."""
    commendation = review_access.get_commendation_for_withdrawal(request.user, pk)
    try:
        services.commendation_withdraw(actor=request.user, commendation=commendation)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Đã rút đề nghị khen thưởng. Đề nghị vẫn được giữ trong lịch sử thay đổi."))
    return redirect(commendation.review or "reviews:commendation_list")


@rule("authenticated")
def commendation_list(request: HttpRequest) -> HttpResponse:
    years = selectors.commendation_years()
    filter_form = CommendationListFilterForm(
        request.GET, movements=selectors.movement_list(user=request.user), years=years
    )
    filters = filter_form.filters()
    visible = selectors.commendation_list(user=request.user, filters={})
    org_filter = CommendationOrganizationFilter(
        {"organization": filters["organization"]},
        organizations=Organization.objects.filter(pk__in=visible.values("organization_id")),
    )
    context = {
        "filters": filters,
        "filtered": filter_form.filtered(filters),
        "filter_form": filter_form,
        "years": years,
        "org_filter": org_filter,
        "can_record": review_access.can_create_movement(request.user),
        "nav": NAV,
    }
    rows = selectors.commendation_rows(selectors.commendation_list(user=request.user, filters=filters))
    return list_page(
        request, "reviews/commendation_list.html", rows=rows, context=context, partial=None, per_page=selectors.PAGE_SIZE
    )


@rule("authenticated")
def commendation_record(request: SignedInRequest) -> HttpResponse:
    """Record a commendation already decided, outside any review."""
    if not review_access.can_create_movement(request.user):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    orgs = review_access.commendable_organizations(request.user)
    kwargs = {"organizations": orgs, "movements": selectors.movement_list(user=request.user)}
    if request.method == "POST":
        form = CommendationRecordForm(request.POST, **kwargs)
        if form.is_valid():
            try:
                services.commendation_record(actor=request.user, fields=form.cleaned_data)
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("Đã ghi khen thưởng."))
                return redirect("reviews:commendation_list")
    else:
        form = CommendationRecordForm(initial={"movement": int_or_none(request.GET.get("movement"))}, **kwargs)
    return render(request, "reviews/commendation_record.html", {"form": form, "nav": NAV})


# --- movements --------------------------------------------------------------------------------


@rule("authenticated")
def movement_list(request: HttpRequest) -> HttpResponse:
    archived = MovementListFilterForm(request.GET).filters()["archived"]
    context = {"archived": archived, "can_create": review_access.can_create_movement(request.user), "nav": NAV}
    rows = selectors.movement_list(user=request.user, archived=archived)
    return list_page(request, "reviews/movement_list.html", rows=rows, context=context, partial=None, per_page=selectors.PAGE_SIZE)


@rule("authenticated")
def movement_create(request: SignedInRequest) -> HttpResponse:
    if not review_access.can_create_movement(request.user):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    if request.method == "POST":
        form = MovementForm(request.POST)
        if form.is_valid():
            try:
                movement = services.movement_create(actor=request.user, fields=form.cleaned_data)
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("Đã ghi phong trào thi đua."))
                return redirect(movement)
    else:
        form = MovementForm()
    return render(request, "reviews/movement_form.html", {"form": form, "movement": None, "nav": NAV})


@rule("object")
def movement_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    movement = review_access.get_movement_for_user(request.user, pk, for_edit=True)
    if movement.is_archived:
        messages.error(request, _("Phong trào đã được lưu trữ. Khôi phục phong trào để sửa tiếp."))
        return redirect(movement)
    if request.method == "POST":
        form = MovementForm(request.POST, versioned=movement)
        if form.is_valid():
            try:
                services.movement_update(
                    actor=request.user, movement=movement, fields=form.edited_data(),
                    expected_version=form.expected_version,
                )
            except ValidationError as exc:
                add_errors(form, exc)
            except versioning.StaleEdit as exc:
                form.show_stale(exc)
            else:
                messages.success(request, _("Đã lưu thay đổi."))
                return redirect(movement)
    else:
        form = MovementForm(
            initial={n: getattr(movement, n) for n in services.MOVEMENT_FIELDS}, versioned=movement
        )
    return render(request, "reviews/movement_form.html", {"form": form, "movement": movement, "nav": NAV})


@rule("object")
@require_POST
def movement_archive(request: HttpRequest, pk: int) -> HttpResponse:
    """Archive a movement ("Lưu trữ"), or restore it (``restore`` in the form)."""
    movement = review_access.get_movement_for_user(request.user, pk, for_edit=True)
    return archive_or_restore(
        request,
        movement,
        archive=partial(services.movement_archive, movement=movement),
        restore=partial(services.movement_restore, movement=movement),
        archived_message=_(
            "Đã lưu trữ phong trào thi đua. Phong trào vẫn xem được trong mục “Xem phong trào đã lưu trữ”."
        ),
        restored_message=_("Đã khôi phục phong trào thi đua."),
    )


@rule("object")
def movement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    context = context_of(selectors.movement_detail(user=request.user, pk=pk, page=request.GET.get("page"))) | {
        "nav": NAV,
        "can_record": review_access.can_create_movement(request.user),
    }
    return render(request, "reviews/movement_detail.html", context)


# --- documents --------------------------------------------------------------------------------


def _not_offered(request: HttpRequest, review: Review) -> HttpResponse:
    messages.error(request, _("Báo cáo đã được lưu trữ nên không tải văn bản được. Khôi phục báo cáo để tải."))
    return redirect(review)


def _review_file(
    request: HttpRequest, pk: int, render_file: Callable[[Review], bytes], ext: str, **name: bool
) -> HttpResponse:
    """One of the review's generated files, for whoever may see the review (not once archived)."""
    from phoihop.reviews import documents

    review = review_access.get_review_for_user(request.user, pk)
    if review.is_archived:
        return _not_offered(request, review)
    lead = next((p.organization for p in review.agreement.parties.all() if p.role == "lead"), None)
    filename = documents.filename(review, ext, **name)
    return generated_download(request, review, render_file(review), filename, organization=lead)


def _wide_review_file(request: SignedInRequest, pk: int, render_file: Callable[[Review], bytes], ext: str, kind: str,
                      **name: bool) -> HttpResponse:
    """The report or the annex: made now for a review of a few agreements; for a wider one, by
    the worker (the user follows its progress and is notified when it is ready)."""
    review = review_access.get_review_for_user(request.user, pk)
    if review.is_archived:
        return _not_offered(request, review)
    if selectors.covered_count(review) <= services.BACKGROUND_AGREEMENTS:
        return _review_file(request, pk, render_file, ext, **name)
    job = services.review_document_request(actor=request.user, review=review, kind=kind)
    if job.status == job.Status.DONE:
        return _stored_file(request, job)
    return redirect("reviews:document", pk=job.pk)


def _stored_file(request: HttpRequest, job: Any) -> HttpResponse:
    review = job.review
    lead = next((p.organization for p in review.agreement.parties.all() if p.role == "lead"), None)
    return generated_download(request, review, bytes(job.content), job.filename, organization=lead)


@rule("object")
def review_docx(request: SignedInRequest, pk: int) -> HttpResponse:
    from phoihop.reviews.documents import review_report_docx
    from phoihop.reviews.models import ReviewDocument

    return _wide_review_file(request, pk, review_report_docx, "docx", ReviewDocument.Kind.REPORT)


@rule("object")
def review_xlsx(request: SignedInRequest, pk: int) -> HttpResponse:
    from phoihop.reviews.documents import review_annex_xlsx
    from phoihop.reviews.models import ReviewDocument

    return _wide_review_file(request, pk, review_annex_xlsx, "xlsx", ReviewDocument.Kind.ANNEX, annex=True)


@rule("object")
def review_document(request: HttpRequest, pk: int) -> HttpResponse:
    """A document the worker makes: its progress (polled by the page while it runs), then the
    link to download it."""
    job = selectors.review_document_for_user(user=request.user, pk=pk)
    context = {"job": job, "review": job.review, "nav": NAV}
    if request.headers.get("HX-Request"):
        return render(request, "reviews/document.html#status", context)
    return render(request, "reviews/document.html", context)


@rule("object")
def review_document_file(request: HttpRequest, pk: int) -> HttpResponse:
    """The file the worker made, for whoever sees the review, recorded like every download."""
    job = selectors.review_document_for_user(user=request.user, pk=pk)
    if job.status != job.Status.DONE:
        return redirect("reviews:document", pk=job.pk)
    return _stored_file(request, job)


@rule("object")
def commendations_docx(request: HttpRequest, pk: int) -> HttpResponse:
    """The list of commendations alone, as a numbered "DS" of the lead party."""
    from phoihop.reviews import commendation_documents

    return _commendation_file(request, pk, commendation_documents.LIST)


@rule("object")
def commendation_decision_docx(request: HttpRequest, pk: int) -> HttpResponse:
    from phoihop.reviews import commendation_documents

    return _commendation_file(request, pk, commendation_documents.DECISION)


@rule("object")
def commendation_submission_docx(request: HttpRequest, pk: int) -> HttpResponse:
    from phoihop.reviews import commendation_documents

    return _commendation_file(request, pk, commendation_documents.SUBMISSION)


def _commendation_file(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """A commendation document for whoever sees the review; an empty list is no document."""
    from phoihop.reviews import commendation_documents

    review = review_access.get_review_for_user(request.user, pk)
    if review.is_archived:
        return _not_offered(request, review)
    try:
        content = commendation_documents.docx(review, kind)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("reviews:commendation_documents", pk=review.pk)
    lead = next((p.organization for p in review.agreement.parties.all() if p.role == "lead"), None)
    return generated_download(
        request, review, content, commendation_documents.filename(review, kind), organization=lead
    )


@rule("object")
def commendation_documents(request: HttpRequest, pk: int) -> HttpResponse:
    """The decision, the submission and the list of the review's commendations: numbers and
    downloads."""
    from phoihop.documents.forms import ReserveNumberForm
    from phoihop.reviews import commendation_documents as cd

    review = review_access.get_review_for_user(request.user, pk)
    # Commendations follow the report: its date is the one offered, today before it has one.
    on = review.report_date or timezone.localdate()
    context = cd.overview(review, on=on)
    context.update(
        review=review, agreement=review.agreement, nav=NAV, today=on,
        form=ReserveNumberForm(initial={"issued_on": on}),
        can_number=review_access.can_edit_review(request.user, review) and not review.is_archived,
    )
    return render(request, "reviews/commendation_documents.html", context)


@rule("object")
@require_POST
def commendation_number_reserve(request: SignedInRequest, pk: int) -> HttpResponse:
    """Number one of the commendation documents in the lead party's register ("Cấp số")."""
    from phoihop.documents.forms import ReserveNumberForm
    from phoihop.reviews import commendation_documents as cd

    review = review_access.get_review_for_user(request.user, pk, for_edit=True)
    kind = request.POST.get("kind", "")
    form = ReserveNumberForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
        return redirect("reviews:commendation_documents", pk=review.pk)
    try:
        issue = services.commendation_document_number(
            actor=request.user, review=review, kind=kind, issued_on=form.cleaned_data["issued_on"],
            number=form.cleaned_data["number"], confirm_out_of_sequence=form.cleaned_data["confirm_out_of_sequence"],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        label = cd.LABELS.get(kind, "")
        if issue.created:
            message = _("Đã cấp số %(symbol)s cho %(document)s.")
        else:
            message = _("%(document)s đã có số %(symbol)s; mỗi văn bản chỉ được cấp một số.")
        messages.success(request, message % {"symbol": issue.entry.symbol, "document": label})
    return redirect("reviews:commendation_documents", pk=review.pk)


@rule("object")
def commendations_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    from phoihop.reviews import documents

    return _review_file(request, pk, documents.commendations_xlsx, "xlsx", commendations=True)
