"""Every write to reviews, contributions, movements and commendations.

A review goes draft -> signed off. Signed off, it is locked: its narrative, contributions and
proposals no longer change (history keeps every earlier version). Decisions on proposed
commendations are still recorded afterwards, since they come from the awarding authority later.

Deleting is archiving (history keeps every version): a draft review is archived and restored by
those who write it, never once signed off (a signed-off report is an official document); an
archived review is not written, signed off or decided on until restored. A proposal of
commendation not yet decided is withdrawn (archived) by whoever may propose it, while its review
is open. A movement is archived and restored by those who may edit it.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from phoihop.agreements.models import Agreement
from phoihop.core import versioning
from phoihop.notifications import services as notifications
from phoihop.notifications.access import members_to_tell
from phoihop.notifications.models import Kind
from phoihop.orgs.models import Organization
from phoihop.reviews import access as review_access
from phoihop.reviews.models import (
    SECTION_NAMES,
    Commendation,
    Contribution,
    Movement,
    Review,
    ReviewDocument,
)
from phoihop.vn.names import person_name
from phoihop.vn.text import clean

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from phoihop.documents.services import NumberIssue
    from phoihop.events.models import Event


def _ensure_open(review: Review) -> None:
    if review.is_locked:
        raise ValidationError(_("Báo cáo đã được ký duyệt nên không sửa được nữa."))
    if review.is_archived:
        raise ValidationError(_("Báo cáo đã được lưu trữ. Khôi phục báo cáo để viết tiếp."))


@transaction.atomic
def review_create(
    *,
    actor: User,
    agreement: Agreement,
    kind: str,
    period_start: datetime.date,
    period_end: datetime.date,
    together: Sequence[Agreement] = (),
    event: Event | None = None,
) -> Review:
    if not review_access.can_create_review(actor, agreement):
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    if kind not in Review.Kind.values:
        errors["kind"] = [_("Chọn sơ kết hoặc tổng kết.")]
    if period_start is None or period_end is None:
        errors["period_start"] = [_("Cần nhập thời gian sơ kết, tổng kết.")]
    elif period_end < period_start:
        errors["period_end"] = [_("Ngày kết thúc phải bằng hoặc sau ngày bắt đầu.")]
    for other in together:
        if not review_access.can_create_review(actor, other):
            errors.setdefault("agreements", []).append(
                _("Chỉ gộp các văn bản mà cơ quan của bạn chủ trì: %(title)s.") % {"title": other.title}
            )
    if errors:
        raise ValidationError(errors)
    review = Review.objects.create(
        kind=kind,
        agreement=agreement,
        period_start=period_start,
        period_end=period_end,
        event=event,
        created_by=actor,
    )
    review.agreements.set({agreement, *together})
    contribution_requested_notify(review=review, actor=actor)
    return review


@transaction.atomic
def review_update(
    *, actor: User, review: Review, fields: Mapping[str, object], expected_version: int | None = None
) -> Review:
    """Save the narrative sections and the report's number, date and signer, from the review's
    version ``expected_version``."""
    if not review_access.can_edit_review(actor, review):
        raise PermissionDenied
    _ensure_open(review)
    allowed = {*SECTION_NAMES, "number_symbol", "report_date", "signer_name", "signer_position", "event"}
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"unknown review fields: {sorted(unknown)}")
    changed = []
    for name, value in fields.items():
        if isinstance(value, str):
            value = value.strip() if name in SECTION_NAMES else clean(value)
        if getattr(review, name) != value:
            setattr(review, name, value)
            changed.append(name)
    if "report_date" in changed and review.report_date is not None:
        _check_report_date(review)
    versioning.claim(review, expected_version)
    if changed:
        review.save(update_fields=[*changed, "version", "updated_at"])
    return review


def _check_report_date(review: Review) -> None:
    """A report dated before the agreement was signed or its period began, or in the name of a
    lead body that is not in being on that date, is refused on the form's date field."""
    from phoihop.documents.services import issuer_validity_error, record_date_errors

    assert review.report_date is not None
    errors = record_date_errors(review, review.report_date)
    lead = next((p.organization for p in review.agreement.parties.all() if p.role == "lead"), None)
    if lead is not None:
        errors += [e for e in [issuer_validity_error(lead, review.report_date)] if e]
    if errors:
        raise ValidationError({"report_date": errors})


@transaction.atomic
def review_sign_off(
    *, actor: User, review: Review, on: datetime.datetime | None = None, confirm_out_of_sequence: bool = False
) -> Review:
    """Sign the report off and enter it in the lead party's register. Signing off what is
    already signed returns it as it was signed: two leaders pressing at once are served one
    after the other (the row stays locked until commit), and the second takes no number."""
    if not review_access.can_sign_off_review(actor, review):
        raise PermissionDenied
    Review.objects.select_for_update().filter(pk=review.pk).values_list("pk").get()
    review.refresh_from_db()  # the locked row, as the request before this one may have left it
    if review.is_locked:
        return review
    _ensure_open(review)
    from phoihop.reviews.selectors import compute_figures, figures_data, sign_off_checklist

    checklist = sign_off_checklist(review)
    if not checklist.ready:
        raise ValidationError(
            _("Chưa ký duyệt được: báo cáo còn %(n)s phần chưa viết (%(sections)s). Viết đủ các phần rồi ký duyệt.")
            % {"n": len(checklist.missing_sections), "sections": "; ".join(checklist.missing_sections)},
            code="sections_missing",
        )
    # The report is signed with these numbers: freeze them (reviews.selectors reads them back).

    review.figures = figures_data(compute_figures(review))
    review.status = Review.Status.SIGNED_OFF
    review.signed_off_by = actor
    review.signed_off_at = on or timezone.now()
    if review.report_date is None:
        review.report_date = timezone.localdate(review.signed_off_at)
    review.number_symbol = _register_number(actor, review, confirm_out_of_sequence=confirm_out_of_sequence)
    if not review.signer_name:
        review.signer_name = person_name(actor)
    review.save(
        update_fields=[
            "status", "signed_off_by", "signed_off_at", "signer_name", "report_date", "number_symbol", "figures",
            "updated_at",
        ]
    )
    review_signed_off_notify(review=review, actor=actor)
    return review


def _register_number(actor: User, review: Review, *, confirm_out_of_sequence: bool = False) -> str:
    """Enter the report in the lead party's register of documents (documents.services) and
    return its number and symbol: the number typed on the report, or the next free one. It is
    taken in the sign-off's transaction: a sign-off that fails gives the number back."""
    try:
        from phoihop.documents.services import reserve_number
    except ImportError:
        return review.number_symbol
    lead = next((p.organization for p in review.agreement.parties.all() if p.role == "lead"), None)
    if lead is None:
        return review.number_symbol
    assert review.report_date is not None  # review_sign_off sets it before entering the register
    from phoihop.documents.services import check_record_dates

    check_record_dates(review, review.report_date, field="report_date")
    number = None
    if review.number_symbol:
        from phoihop.vn.symbols import SymbolError, parse_symbol

        try:
            number = parse_symbol(review.number_symbol).number
        except SymbolError:
            raise ValidationError(
                {"number_symbol": [_("Số, ký hiệu báo cáo không đúng mẫu, ví dụ 05/BC-BCHQS.")]}
            ) from None
    try:
        entry = reserve_number(
            actor=actor, issuer=lead, doc_type="BC", issued_on=review.report_date, number=number,
            record=review, title=str(review.title), confirm_out_of_sequence=confirm_out_of_sequence,
        )
    except PermissionDenied:
        return review.number_symbol
    return str(entry.symbol)


@transaction.atomic
def review_archive(*, actor: User, review: Review) -> Review:
    """Archive a draft review: it leaves the lists, its history and contents stay."""
    if not review_access.can_archive_review(actor, review):
        raise PermissionDenied
    if review.is_locked:
        raise ValidationError(
            _("Báo cáo đã được ký duyệt nên không lưu trữ được: báo cáo đã ký duyệt là văn bản chính thức, "
              "được giữ nguyên.")
        )
    if not review.is_archived:
        review.archive()
    return review


@transaction.atomic
def review_restore(*, actor: User, review: Review) -> Review:
    if not review_access.can_archive_review(actor, review):
        raise PermissionDenied
    if review.is_archived:
        review.restore()
    return review


@transaction.atomic
def contribution_save(
    *, actor: User, review: Review, organization: Organization, title: str, body: str,
    expected_version: int | None = None,
) -> Contribution:
    """Write or rewrite ``organization``'s contribution; only that party's officers do.

    ``expected_version`` is the version of the contribution its edit form was opened at."""
    if organization.pk not in review_access.contribution_org_ids(actor, review):
        raise PermissionDenied
    _ensure_open(review)
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": [_("Cần nhập nội dung tham luận.")]})
    contribution = Contribution.objects.filter(review=review, organization=organization).first()
    if contribution is None:
        contribution = Contribution.objects.create(
            review=review, organization=organization, title=clean(title or ""), body=body, author=actor
        )
        contribution_received_notify(contribution=contribution, actor=actor)
        return contribution
    versioning.claim(contribution, expected_version)
    contribution.title = clean(title or "")
    contribution.body = body
    contribution.author = actor
    contribution.save(update_fields=["title", "body", "author", "version", "updated_at"])
    return contribution


COMMENDATION_FIELDS = (
    "awardee_kind",
    "organization",
    "person_name",
    "person_title",
    "form",
    "authority",
    "reason",
    "movement",
    "year",
    "note",
)


def _commendation_data(fields: Mapping[str, object]) -> dict[str, object]:
    """The commendation form's fields, its texts cleaned (the year is left to the caller)."""
    data = {k: fields.get(k) for k in COMMENDATION_FIELDS}
    for k in ("person_name", "person_title", "authority"):
        data[k] = clean(str(data[k] or ""))
    data["reason"] = str(data["reason"] or "").strip()
    data["note"] = str(data["note"] or "").strip()
    data["awardee_kind"] = data["awardee_kind"] or Commendation.AwardeeKind.COLLECTIVE
    return data


def _commendation_errors(data: Mapping[str, object]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if data.get("organization") is None:
        errors["organization"] = [_("Chọn tập thể, hoặc đơn vị của cá nhân được khen.")]
    if data.get("awardee_kind") == Commendation.AwardeeKind.INDIVIDUAL and not data.get("person_name"):
        errors["person_name"] = [_("Cần nhập họ tên cá nhân được khen.")]
    if data.get("form") not in Commendation.Form.values:
        errors["form"] = [_("Chọn hình thức khen thưởng.")]
    if not data.get("authority"):
        errors["authority"] = [_("Cần nhập cấp khen.")]
    if not data.get("reason"):
        errors["reason"] = [_("Cần nêu thành tích được khen.")]
    return errors


@transaction.atomic
def commendation_propose(*, actor: User, review: Review, fields: Mapping[str, object]) -> Commendation:
    """Propose a commendation in the review; the lead party's officers do."""
    if not review_access.can_propose_commendation(actor, review):
        raise PermissionDenied
    _ensure_open(review)
    data = _commendation_data(fields)
    data["year"] = data["year"] or review.period_end.year
    errors = _commendation_errors(data)
    org = data.get("organization")
    if isinstance(org, Organization) and org.pk not in review_access.party_org_ids(review):
        from phoihop.orgs.access import within  # a party's own units may be commended

        if not within(org, review_access.party_org_ids(review)):
            errors["organization"] = [
                _("Chỉ đề nghị khen thưởng các bên tham gia hoặc đơn vị trực thuộc các bên.")
            ]
    if errors:
        raise ValidationError(errors)
    return Commendation.objects.create(review=review, proposed_by=actor, **data)


@transaction.atomic
def commendation_record(*, actor: User, fields: Mapping[str, object]) -> Commendation:
    """Record a commendation already decided outside any review (for instance under a movement)."""
    data = _commendation_data(fields)
    organization, movement = data["organization"], data.get("movement")
    probe = Commendation(
        organization=organization if isinstance(organization, Organization) else Organization(),
        movement=movement if isinstance(movement, Movement) else None,
    )
    if organization is not None and not review_access.can_decide_commendation(actor, probe):
        raise PermissionDenied
    decision_number = clean(str(fields.get("decision_number") or ""))
    decision_date = fields.get("decision_date")
    if decision_date is not None and not isinstance(decision_date, datetime.date):
        raise TypeError("decision_date is a date")
    data["year"] = data["year"] or (decision_date.year if decision_date else None)
    errors = _commendation_errors(data)
    if not data["year"]:
        errors["year"] = [_("Cần nhập năm khen thưởng.")]
    if errors:
        raise ValidationError(errors)
    return Commendation.objects.create(
        proposed_by=actor,
        decided_by=actor,
        status=Commendation.Status.DECIDED,
        decision_number=decision_number,
        decision_date=decision_date,
        **data,
    )


@transaction.atomic
def commendation_decide(
    *,
    actor: User,
    commendation: Commendation,
    approved: bool,
    decision_number: str = "",
    decision_date: datetime.date | None = None,
    note: str = "",
) -> Commendation:
    """Record the authority's answer to a proposal: decided (number and date), or not approved."""
    if not review_access.can_decide_commendation(actor, commendation):
        raise PermissionDenied
    if commendation.status != Commendation.Status.PROPOSED:
        raise ValidationError(_("Đề nghị này đã được ghi kết quả."))
    if commendation.is_archived:
        raise ValidationError(_("Đề nghị này đã được rút nên không ghi kết quả được."))
    if commendation.review is not None and commendation.review.is_archived:
        raise ValidationError(
            _("Báo cáo của đề nghị này đã được lưu trữ. Khôi phục báo cáo để ghi kết quả.")
        )
    decision_number = clean(decision_number or "")
    if approved:
        errors: dict[str, list[str]] = {}
        if not decision_number:
            errors["decision_number"] = [_("Cần nhập số quyết định khen thưởng.")]
        if decision_date is None:
            errors["decision_date"] = [_("Cần nhập ngày quyết định.")]
        if errors:
            raise ValidationError(errors)
        assert decision_date is not None  # refused above without one
        commendation.status = Commendation.Status.DECIDED
        commendation.decision_number = decision_number
        commendation.decision_date = decision_date
        commendation.year = decision_date.year
    else:
        commendation.status = Commendation.Status.NOT_APPROVED
    if note.strip():
        commendation.note = "\n".join(p for p in (commendation.note, note.strip()) if p)
    commendation.decided_by = actor
    commendation.save(
        update_fields=["status", "decision_number", "decision_date", "year", "note", "decided_by", "updated_at"]
    )
    return commendation


@transaction.atomic
def commendation_withdraw(*, actor: User, commendation: Commendation) -> Commendation:
    """Withdraw a proposal not yet decided (it is archived: history keeps it)."""
    if not review_access.can_withdraw_commendation(actor, commendation):
        raise PermissionDenied
    if commendation.status != Commendation.Status.PROPOSED:
        raise ValidationError(_("Đề nghị này đã được ghi kết quả nên không rút được."))
    review = commendation.review
    assert review is not None  # can_withdraw_commendation: only proposals made in a review
    if review.is_locked:
        raise ValidationError(
            _("Báo cáo đã được ký duyệt nên không rút được đề nghị khen thưởng. "
              "Hãy ghi kết quả “Không được duyệt” khi có ý kiến của cấp khen.")
        )
    if review.is_archived:
        raise ValidationError(_("Báo cáo đã được lưu trữ. Khôi phục báo cáo để viết tiếp."))
    if not commendation.is_archived:
        commendation.archive()
    return commendation


@transaction.atomic
def commendation_document_number(
    *,
    actor: User,
    review: Review,
    kind: str,
    issued_on: datetime.date | None,
    number: int | None = None,
    confirm_out_of_sequence: bool = False,
) -> NumberIssue:
    """Give one of the review's commendation documents (decision QĐ, submission TTr, list DS)
    its number in the lead party's register, once; asked again, the number it has. Refused for
    an empty list, a date before the agreement was signed or the review's period began, or a
    lead body not in being on that date (documents.services)."""
    from phoihop.documents.services import check_record_dates, number_issue
    from phoihop.reviews import commendation_documents as cd

    if not review_access.can_edit_review(actor, review):
        raise PermissionDenied
    if kind not in cd.KINDS:
        raise ValidationError(_("Chọn quyết định, tờ trình hoặc danh sách khen thưởng."))
    Review.objects.select_for_update().filter(pk=review.pk).values_list("pk").get()
    if review.is_archived:
        raise ValidationError(_("Báo cáo đã được lưu trữ. Khôi phục báo cáo để ban hành văn bản khen thưởng."))
    commendations = cd.listed_commendations(review)
    cd.check_not_empty(commendations)
    if issued_on is None:
        raise ValidationError({"issued_on": _("Cần nhập ngày ban hành văn bản.")})
    lead = next((p.organization for p in review.agreement.parties.all() if p.role == "lead"), None)
    if lead is None:
        raise ValidationError(_("Văn bản phối hợp chưa có bên chủ trì để ban hành văn bản khen thưởng."))
    check_record_dates(review, issued_on)
    return number_issue(
        actor=actor, issuer=lead, doc_type=cd.DOC_TYPES[kind], issued_on=issued_on, number=number,
        record=review, title=cd.BUILDERS[kind](review, commendations).title,
        confirm_out_of_sequence=confirm_out_of_sequence,
    )


MOVEMENT_FIELDS = ("name", "organizer", "organizer_text", "start_year", "end_year", "description")


def _movement_data(fields: Mapping[str, object]) -> dict[str, object]:
    unknown = set(fields) - set(MOVEMENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown movement fields: {sorted(unknown)}")
    data = {k: fields.get(k) for k in MOVEMENT_FIELDS}
    data["name"] = clean(str(data["name"] or ""))
    data["organizer_text"] = clean(str(data["organizer_text"] or ""))
    data["description"] = str(data["description"] or "").strip()
    errors: dict[str, list[str]] = {}
    if not data["name"]:
        errors["name"] = [_("Cần nhập tên phong trào.")]
    if data["organizer"] is None and not data["organizer_text"]:
        errors["organizer"] = [_("Chọn cơ quan phát động, hoặc ghi tên cơ quan.")]
    start, end = data["start_year"], data["end_year"]
    if isinstance(start, int) and isinstance(end, int) and start and end and end < start:
        errors["end_year"] = [_("Năm kết thúc phải bằng hoặc sau năm bắt đầu.")]
    if errors:
        raise ValidationError(errors)
    return data


@transaction.atomic
def movement_create(*, actor: User, fields: Mapping[str, object]) -> Movement:
    if not review_access.can_create_movement(actor):
        raise PermissionDenied
    return Movement.objects.create(created_by=actor, **_movement_data(fields))


@transaction.atomic
def movement_update(
    *, actor: User, movement: Movement, fields: Mapping[str, object], expected_version: int | None = None
) -> Movement:
    """Change a movement, from its version ``expected_version``."""
    if not review_access.can_edit_movement(actor, movement):
        raise PermissionDenied
    if movement.is_archived:
        raise ValidationError(_("Phong trào đã được lưu trữ. Khôi phục phong trào để sửa tiếp."))
    data = _movement_data(fields)
    versioning.claim(movement, expected_version, edited=data)
    for name, value in data.items():
        setattr(movement, name, value)
    movement.save()
    return movement


@transaction.atomic
def movement_archive(*, actor: User, movement: Movement) -> Movement:
    """Archive a movement: it leaves the lists and the forms; its commendations keep it."""
    if not review_access.can_edit_movement(actor, movement):
        raise PermissionDenied
    if not movement.is_archived:
        movement.archive()
    return movement


@transaction.atomic
def movement_restore(*, actor: User, movement: Movement) -> Movement:
    if not review_access.can_edit_movement(actor, movement):
        raise PermissionDenied
    if movement.is_archived:
        movement.restore()
    return movement


# --- documents made in the background ------------------------------------------------------------

# A review covering more agreements than this has its report and annex made by the worker: the
# figures and tables of a province-wide review take longer than a page may.
BACKGROUND_AGREEMENTS = 5


def review_document_version(review: Review) -> str:
    """What a made document is valid for: a signed-off review as signed; a draft as last saved,
    on the day (its figures follow the record)."""
    stamp = review.updated_at.isoformat() if review.updated_at else ""
    if review.is_locked:
        return f"signed:{stamp}"
    return f"draft:{stamp}:{timezone.localdate().isoformat()}"


@transaction.atomic
def review_document_request(*, actor: User, review: Review, kind: str) -> ReviewDocument:
    """Ask the worker for the review's report or annex. One job per review, kind and version: a
    double click, a retry or another reader gets the same job; a failed one is tried again.
    The caller has checked that ``actor`` sees the review."""
    if kind not in ReviewDocument.Kind.values:
        raise ValueError(f"unknown review document kind: {kind}")
    if review.is_archived:
        raise ValidationError(_("Báo cáo đã được lưu trữ nên không tải văn bản được. Khôi phục báo cáo để tải."))
    version = review_document_version(review)
    try:
        with transaction.atomic():
            job, created = ReviewDocument.objects.get_or_create(
                review=review, kind=kind, version=version, defaults={"requested_by": actor}
            )
    except IntegrityError:  # the same request, committed a moment earlier
        job, created = ReviewDocument.objects.get(review=review, kind=kind, version=version), False
    if not created and job.status == ReviewDocument.Status.FAILED:
        created = bool(
            ReviewDocument.objects.filter(pk=job.pk, status=ReviewDocument.Status.FAILED).update(
                status=ReviewDocument.Status.PENDING, progress=0, error="", requested_by=actor
            )
        )
        job.refresh_from_db()
    if created:
        job_id = job.pk
        transaction.on_commit(lambda: _enqueue_document(job_id))
    return job


def _enqueue_document(job_id: int) -> None:
    from phoihop.reviews.tasks import build_review_document

    build_review_document.enqueue(job_id)


def _job_progress(job_id: int, progress: int) -> None:
    ReviewDocument.objects.filter(pk=job_id).update(progress=progress)


def review_document_build(*, job_id: int) -> ReviewDocument | None:
    """Make the document of job ``job_id`` (the worker runs this), showing progress as it goes,
    and tell the user who asked when it is ready. Run twice, a finished job is left as it is."""
    from phoihop.reviews import documents
    from phoihop.reviews.selectors import review_figures

    with transaction.atomic():
        job = ReviewDocument.objects.select_for_update().filter(pk=job_id).select_related("review").first()
        if job is None or job.status == ReviewDocument.Status.DONE:
            return job
        job.status = ReviewDocument.Status.RUNNING
        job.progress = 5
        job.save(update_fields=["status", "progress"])
    review = job.review
    try:
        figures = review_figures(review)
        _job_progress(job.pk, 50)
        if job.kind == ReviewDocument.Kind.REPORT:
            content = documents.review_report_docx(review, figures=figures)
            filename = documents.filename(review, "docx")
        else:
            content = documents.review_annex_xlsx(review, figures=figures)
            filename = documents.filename(review, "xlsx", annex=True)
        _job_progress(job.pk, 90)
    except Exception as exc:
        ReviewDocument.objects.filter(pk=job.pk).update(
            status=ReviewDocument.Status.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000]
        )
        raise
    with transaction.atomic():
        job.content = content
        job.filename = filename
        job.status = ReviewDocument.Status.DONE
        job.progress = 100
        job.finished_at = timezone.now()
        job.error = ""
        job.save(update_fields=["content", "filename", "status", "progress", "finished_at", "error"])
        if job.requested_by is not None:
            notifications.notify(
                users=[job.requested_by],
                kind="document_ready",
                title=_("Đã tạo xong %(kind)s: %(review)s")
                % {"kind": str(job.get_kind_display()).lower(), "review": review.title.lower()},
                url=reverse("reviews:document", args=[job.pk]),
                key=f"review-document-{job.pk}",
                obj=review,
            )
    return job


# --- who is told ---------------------------------------------------------------------------------
#
# Each is called inside the service's transaction, after its write: the notifications are saved
# with the write (or not at all), their e-mails leave after the commit, and the key makes a
# retried or replayed request tell nobody twice.


def _party_ids(agreement: Agreement) -> set[int]:
    return {p.organization_id for p in agreement.parties.all()}


def _review_parties(review: Review) -> set[int]:
    ids = _party_ids(review.agreement)
    for agreement in review.agreements.all():
        ids |= _party_ids(agreement)
    return ids


def _review_leads(review: Review) -> set[int]:
    return {p.organization_id for p in review.agreement.parties.all() if p.role == "lead"}


def contribution_requested_notify(*, review: Review, actor: User) -> int:
    """Ask the officers of the review's other parties for their contribution."""
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Đề nghị viết tham luận: %(review)s") % {"review": review.title}
        body = _("Đơn vị chủ trì đang soạn báo cáo %(review)s văn bản “%(agreement)s” và đề nghị đơn vị gửi tham luận.") % {
            "review": str(review.title).lower(),
            "agreement": review.agreement.title,
        }
    return notifications.notify(
        users=members_to_tell(_review_parties(review) - _review_leads(review), actor=actor, officers=True),
        kind=Kind.CONTRIBUTION_REQUESTED,
        title=title,
        body=body,
        url=reverse("reviews:detail", args=[review.pk]),
        key=f"contribution-requested:{review.pk}",
        obj=review,
    )


def contribution_received_notify(*, contribution: Contribution, actor: User) -> int:
    """Tell the lead party's officers, who write the report, that a party's contribution came in."""
    review = contribution.review
    org = contribution.organization
    if org.pk in _review_leads(review):
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        title = _("%(org)s gửi tham luận: %(review)s") % {
            "org": org.short_name or org.name,
            "review": review.title,
        }
        body = contribution.title or ""
    return notifications.notify(
        users=members_to_tell(_review_leads(review), actor=actor, officers=True),
        kind=Kind.CONTRIBUTION_RECEIVED,
        title=title,
        body=body,
        url=reverse("reviews:detail", args=[review.pk]),
        key=f"contribution-received:{contribution.pk}",
        obj=review,
    )


def review_signed_off_notify(*, review: Review, actor: User) -> int:
    """Tell the members of every party that the review report was signed off."""
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Báo cáo đã ký duyệt: %(review)s") % {"review": review.title}
        body = _("Báo cáo %(review)s văn bản “%(agreement)s”, số %(number)s.") % {
            "review": str(review.title).lower(),
            "agreement": review.agreement.title,
            "number": review.number_symbol or "—",
        }
    return notifications.notify(
        users=members_to_tell(_review_parties(review), actor=actor),
        kind=Kind.REVIEW_SIGNED_OFF,
        title=title,
        body=body,
        url=reverse("reviews:detail", args=[review.pk]),
        key=f"review-signed-off:{review.pk}",
        obj=review,
    )


def commendation_sort_refresh(*, organization: Organization) -> int:
    """Give the organisation's commendations its filing name again (after a rename): one
    UPDATE, of the rows that differ."""
    return (
        Commendation.objects.filter(organization_id=organization.pk)
        .exclude(awardee_sort=organization.sort_name)
        .update(awardee_sort=organization.sort_name)
    )


def commendation_sort_rebuild() -> int:
    """Every commendation's filing name from its organisation (after bulk loading)."""
    name = Organization.objects.filter(pk=OuterRef("organization_id")).values("sort_name")[:1]
    return Commendation.objects.update(awardee_sort=Subquery(name))
