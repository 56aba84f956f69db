"""Every write to activities: recording, submitting, returning, approving and correcting.

draft -> submitted -> approved, or submitted -> returned (with the reviewer's note) -> submitted.
Approved records are locked; ``activity_reopen`` starts a correction as a new revision that goes
the same way, and the approved record keeps counting until the revision is approved.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Model, Q
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from phoihop.activities import access
from phoihop.activities.models import Activity, IndicatorValue
from phoihop.audit.models import AuditEvent
from phoihop.audit.services import record
from phoihop.core import versioning
from phoihop.notifications import services as notifications
from phoihop.notifications.models import Kind
from phoihop.orgs import access as org_access
from phoihop.orgs.models import Organization
from phoihop.plans import access as plan_access
from phoihop.plans.models import AnnualPlan, Indicator, Task
from phoihop.vn.names import person_name
from phoihop.vn.text import clean

if TYPE_CHECKING:
    from django.contrib.auth.models import User

ACTIVITY_FIELDS = (
    "title",
    "start_date",
    "end_date",
    "commune_code",
    "place_text",
    "description",
    "participants",
)


def _as_decimal(value: object) -> Decimal | None:
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, str):
        from phoihop.vn.numbers import parse_number

        try:
            return parse_number(value)
        except (ValueError, InvalidOperation):
            return None
    return None


def _clean_fields(task: Task, fields: Mapping[str, object]) -> dict[str, object]:
    unknown = set(fields) - set(ACTIVITY_FIELDS)
    if unknown:
        raise TypeError(f"unknown activity fields: {sorted(unknown)}")
    data = dict(fields)
    data["title"] = clean(str(data.get("title") or ""))
    data["place_text"] = clean(str(data.get("place_text") or ""))
    data["description"] = str(data.get("description") or "").strip()
    errors: dict[str, list[str]] = {}
    if not data["title"]:
        errors.setdefault("title", []).append(_("Cần nhập tên hoạt động."))
    start = data.get("start_date")
    end = data.get("end_date") or start
    data["end_date"] = end
    if not isinstance(start, datetime.date):
        errors.setdefault("start_date", []).append(_("Cần nhập ngày tổ chức."))
    else:
        assert isinstance(end, datetime.date)  # no end date means the start date
        if end < start:
            errors.setdefault("end_date", []).append(_("Ngày kết thúc phải bằng hoặc sau ngày bắt đầu."))
        elif not start.year <= task.plan.year <= end.year:
            errors.setdefault("start_date", []).append(
                _("Hoạt động phải diễn ra trong năm của kế hoạch (%(year)s).") % {"year": task.plan.year}
            )
    code = data.get("commune_code")
    if code is not None:
        from phoihop.orgs.localities import commune_name

        if not (isinstance(code, int) and commune_name(code)):  # communes are known by number
            errors.setdefault("commune_code", []).append(_("Không tìm thấy xã, phường được chọn."))
    participants = data.get("participants")
    if participants is not None and (not isinstance(participants, int) or participants < 0):
        errors.setdefault("participants", []).append(_("Số người tham gia phải là số nguyên không âm."))
    if errors:
        raise ValidationError(errors)
    return data


def _check_organizations(actor: User, task: Task, organizations: Sequence[Organization]) -> None:
    if not organizations:
        raise ValidationError({"organizations": _("Chọn ít nhất một đơn vị tổ chức.")})
    parties = {p.organization_id for p in task.plan.agreement.parties.all()}
    outsiders = [o.name for o in organizations if o.pk not in parties]
    if outsiders:
        raise ValidationError(
            {
                "organizations": _("Đơn vị tổ chức phải là bên tham gia văn bản: %(names)s.")
                % {"names": ", ".join(outsiders)}
            }
        )
    s = org_access.scope(actor)
    if not any(s.can_write_for(o.pk) for o in organizations):
        raise PermissionDenied


def _allowed_indicators(task: Task) -> dict[int, Indicator]:
    qs = Indicator.objects.active().filter(
        Q(task=task) | Q(content_area_id=task.content_area_id, content_area__isnull=False)
    )
    return {i.pk: i for i in qs}


def _clean_values(task: Task, values: Mapping[Indicator, object]) -> dict[Indicator, Decimal]:
    allowed = _allowed_indicators(task)
    result: dict[Indicator, Decimal] = {}
    errors: list[str] = []
    for indicator, raw in values.items():
        if raw is None or raw == "":
            continue
        if indicator.pk not in allowed:
            errors.append(_("Chỉ tiêu “%(name)s” không thuộc nhiệm vụ này.") % {"name": indicator.name})
            continue
        amount = _as_decimal(raw)
        if amount is None:
            errors.append(_("Giá trị của “%(name)s” phải là một số, ví dụ 1.234,5.") % {"name": indicator.name})
        elif amount < 0:
            errors.append(_("Giá trị của “%(name)s” không được là số âm.") % {"name": indicator.name})
        elif amount != amount.quantize(Decimal("0.01")) or amount >= Decimal(10) ** 14:
            errors.append(_("Giá trị của “%(name)s” có tối đa hai chữ số thập phân.") % {"name": indicator.name})
        else:
            result[indicator] = amount
    if errors:
        raise ValidationError({"values": errors})
    return result


def _check_task_open(task: Task) -> None:
    if task.is_archived or task.plan.is_archived:
        raise ValidationError(_("Nhiệm vụ đã lưu trữ; không ghi được hoạt động."))
    if task.plan.status == AnnualPlan.Status.CLOSED:
        raise ValidationError(_("Kế hoạch đã kết thúc; không ghi thêm hoạt động."))


def _save_values(activity: Activity, values: Mapping[Indicator, Decimal]) -> None:
    existing = {v.indicator_id: v for v in activity.values.all()}
    for indicator, amount in values.items():
        row = existing.pop(indicator.pk, None)
        if row is None:
            IndicatorValue.objects.create(activity=activity, indicator=indicator, value=amount)
        elif row.value != amount:
            row.value = amount
            row.save(update_fields=["value"])
    for row in existing.values():
        row.delete()  # the historical table keeps the removed value


def activity_create(
    *,
    actor: User,
    task: Task,
    fields: Mapping[str, object],
    organizations: Sequence[Organization],
    values: Mapping[Indicator, object] | None = None,
) -> Activity:
    """Record an activity as a draft. The actor must be an officer of one of its organisers."""
    if not plan_access.visible_tasks(actor).filter(pk=task.pk).exists():
        raise PermissionDenied
    _check_task_open(task)
    _check_organizations(actor, task, organizations)
    data = _clean_fields(task, fields)
    amounts = _clean_values(task, values or {})
    with transaction.atomic():
        activity = Activity.objects.create(
            task=task, agreement_id=task.plan.agreement_id, created_by=actor, **data
        )
        activity.organizations.set([o.pk for o in organizations])
        _save_values(activity, amounts)
    return activity


def _check_writable(actor: User, activity: Activity) -> None:
    if not access.can_write_activity(actor, activity):
        raise PermissionDenied
    if activity.is_archived:
        raise ValidationError(_("Hoạt động đã lưu trữ; khôi phục trước khi sửa."))
    if not activity.is_editable:
        raise ValidationError(
            _("Hoạt động đang chờ duyệt hoặc đã duyệt nên không sửa được; đã duyệt thì mở bản sửa.")
        )


def activity_update(
    *,
    actor: User,
    activity: Activity,
    fields: Mapping[str, object],
    organizations: Sequence[Organization],
    values: Mapping[Indicator, object] | None = None,
    expected_version: int | None = None,
) -> Activity:
    """Change a draft or returned activity, by an officer of one of its organisers.

    ``expected_version`` is the version the edit form was opened at: if the activity was saved
    since, ``versioning.StaleEdit`` is raised and nothing is changed."""
    _check_writable(actor, activity)
    _check_task_open(activity.task)
    _check_organizations(actor, activity.task, organizations)
    data = _clean_fields(activity.task, fields)
    amounts = _clean_values(activity.task, values or {})
    with transaction.atomic():
        versioning.claim(activity, expected_version)
        for name, value in data.items():
            setattr(activity, name, value)
        activity.save()
        activity.organizations.set([o.pk for o in organizations])
        _save_values(activity, amounts)
    return activity


# The idempotency scopes of the activity form (core.idempotency).
CREATE_SCOPE = "activities:create"
EDIT_SCOPE = "activities:edit"


@dataclass
class ActivitySaved:
    """What ``activity_save`` did: the activity (None when the form had been sent before and
    ``url`` is where the first sending led), the photos refused with why, and whether it was
    sent for approval."""

    activity: Activity | None
    url: str
    replayed: bool = False
    submitted: bool = False
    refused_photos: list[tuple[str, str]] = field(default_factory=list)


def activity_save(
    *,
    actor: User,
    task: Task,
    activity: Activity | None,
    fields: Mapping[str, object],
    organizations: Sequence[Organization],
    values: Mapping[Indicator, object] | None = None,
    photos: Sequence[UploadedFile] = (),
    submit: bool = False,
    idempotency_key: str | None = None,
    expected_version: int | None = None,
) -> ActivitySaved:
    """Everything the activity form does, in one transaction: record (or change) the activity,
    store the photos sent with it and, with ``submit``, send it for approval.

    Either all of it is committed or none of it: photo files written before a failure are
    removed again. A photo that is not a readable JPEG or PNG is left out and named in
    ``refused_photos``; the rest is saved. The form's ``idempotency_key`` makes a repeated POST
    return the first result instead of a second activity; an edit opened at an older
    ``expected_version`` raises ``versioning.StaleEdit``."""
    from phoihop.attachments.services import attachment_add
    from phoihop.core.idempotency import run_once

    result = ActivitySaved(activity=None, url="", submitted=submit)
    written: list[FieldFile] = []

    def save() -> Activity:
        if activity is None:
            saved = activity_create(
                actor=actor, task=task, fields=fields, organizations=organizations, values=values
            )
        else:
            _lock(activity)
            saved = activity_update(
                actor=actor,
                activity=activity,
                fields=fields,
                organizations=organizations,
                values=values,
                expected_version=expected_version,
            )
        for photo in photos:
            try:
                stored = attachment_add(actor=actor, owner=saved, upload=photo, kind="photo")
            except ValidationError as exc:  # raised before anything is written
                result.refused_photos.append((photo.name or "", " ".join(exc.messages)))
                continue
            written.append(stored.file)
        if submit:
            activity_submit(actor=actor, activity=saved)
        return saved

    scope = CREATE_SCOPE if activity is None else EDIT_SCOPE
    try:
        done = run_once(user=actor, scope=scope, key=idempotency_key, action=save)
    except BaseException:
        # The rows were rolled back; the files were not. (A process killed outright cannot do
        # this: its files are left unnamed, and ``manage.py sweep_uploads`` removes them.)
        for file in written:
            if file.name:
                file.storage.delete(file.name)
        raise
    result.activity, result.url, result.replayed = done.value, done.url, done.replayed
    return result


def _lock(activity: Activity) -> None:
    """Lock the activity's row until the transaction ends and read its current state into
    ``activity``: two people acting on it at once act one after the other, and the second
    sees what the first did."""
    activity.refresh_from_db(from_queryset=Activity.objects.select_for_update())


def activity_submit(*, actor: User, activity: Activity) -> Activity:
    """Send a draft or returned activity for approval; the leaders who may approve it are told
    (their e-mail goes out after the commit)."""
    with transaction.atomic():
        _lock(activity)
        _check_writable(actor, activity)
        activity.status = Activity.Status.SUBMITTED
        activity.submitted_by = actor
        activity.submitted_at = timezone.now()
        activity.save(update_fields=["status", "submitted_by", "submitted_at", "updated_at"])
        activity_submitted_notify(activity=activity, actor=actor)
    return activity


def _check_reviewer(actor: User, activity: Activity) -> None:
    if not access.can_approve_activity(actor, activity):
        raise PermissionDenied
    if activity.status != Activity.Status.SUBMITTED:
        raise ValidationError(_("Chỉ duyệt hoặc trả lại được hoạt động đang chờ duyệt."))


def _record_review(action: str, *, activity: Activity, actor: User, detail: str = "") -> None:
    """An approval or a return in the audit trail, filed under the reviewer's own organisation
    among the activity's (the first of them otherwise)."""
    organizations = list(activity.organizations.all())
    mine = org_access.approver_org_ids(actor)
    organization = next(
        (o for o in organizations if o.pk in mine), organizations[0] if organizations else None
    )
    record(action, obj=activity, actor=actor, organization=organization, detail=detail)


def activity_return(*, actor: User, activity: Activity, note: str) -> Activity:
    """Send a submission back with the reviewer's note; its author is notified with the note."""
    note = (note or "").strip()
    with transaction.atomic():
        _lock(activity)
        _check_reviewer(actor, activity)
        if not note:
            raise ValidationError({"reviewer_note": _("Cần ghi rõ nội dung cần sửa khi trả lại.")})
        activity.status = Activity.Status.RETURNED
        activity.reviewer_note = note
        activity.returned_by = actor
        activity.returned_at = timezone.now()
        activity.save(
            update_fields=["status", "reviewer_note", "returned_by", "returned_at", "updated_at"]
        )
        _record_review(AuditEvent.Action.ACTIVITY_RETURN, activity=activity, actor=actor, detail=note)
        activity_returned_notify(activity=activity, actor=actor)
    return activity


def activity_approve(*, actor: User, activity: Activity) -> Activity:
    """Approve a submission: its values now count. A revision replaces the record it corrects."""
    with transaction.atomic():
        _lock(activity)
        _check_reviewer(actor, activity)
        activity.status = Activity.Status.APPROVED
        activity.approved_by = actor
        activity.approved_at = timezone.now()
        activity.save(update_fields=["status", "approved_by", "approved_at", "updated_at"])
        _record_review(AuditEvent.Action.ACTIVITY_APPROVE, activity=activity, actor=actor)
        if activity.revises_id is not None:
            previous = Activity.objects.select_for_update().get(pk=activity.revises_id)
            previous.status = Activity.Status.SUPERSEDED
            previous.save(update_fields=["status", "updated_at"])
        activity_approved_notify(activity=activity, actor=actor)
    return activity


def activity_reopen(*, actor: User, activity: Activity) -> Activity:
    """Start a correction of an approved activity: a new draft revision with the same content.

    The approved record stays as it is and keeps counting until the revision is approved."""
    with transaction.atomic():
        _lock(activity)  # two clicks at once open one revision
        if not access.can_write_activity(actor, activity):
            raise PermissionDenied
        if activity.status != Activity.Status.APPROVED:
            raise ValidationError(_("Chỉ mở bản sửa cho hoạt động đã duyệt."))
        open_revision = activity.revisions.active().exclude(status=Activity.Status.APPROVED).first()
        if open_revision is not None:
            raise ValidationError(_("Hoạt động này đang có một bản sửa chưa được duyệt."))
        _check_task_open(activity.task)
        revision = Activity.objects.create(
            task=activity.task,
            agreement_id=activity.task.plan.agreement_id,
            title=activity.title,
            start_date=activity.start_date,
            end_date=activity.end_date,
            commune_code=activity.commune_code,
            place_text=activity.place_text,
            description=activity.description,
            participants=activity.participants,
            revises=activity,
            revision=activity.revision + 1,
            created_by=actor,
        )
        revision.organizations.set(list(activity.organizations.all()))
        for row in activity.values.all():
            IndicatorValue.objects.create(activity=revision, indicator_id=row.indicator_id, value=row.value)
    return revision


def activity_archive(*, actor: User, activity: Activity) -> Activity:
    """Set aside a draft or returned record. Approved work is never archived: it is corrected."""
    _check_writable(actor, activity)
    activity.archive()
    return activity


def activity_restore(*, actor: User, activity: Activity) -> Activity:
    if not access.can_write_activity(actor, activity):
        raise PermissionDenied
    if activity.is_archived:
        activity.restore()
    return activity


# --- derived columns --------------------------------------------------------------------------


def fill_agreement_column(
    *, activity_model: type[Model], task_model: type[Model], plan_model: type[Model]
) -> int:
    """Set every activity's agreement from its task's plan in one statement; the number changed.

    Takes the models so the data migration can run it on the historical ones."""
    from django.db import connection

    activity, task, plan = (m._meta.db_table for m in (activity_model, task_model, plan_model))
    differs = "IS DISTINCT FROM" if connection.vendor == "postgresql" else "IS NOT"
    with connection.cursor() as cursor:
        cursor.execute(
            f'UPDATE "{activity}" AS a SET agreement_id = p.agreement_id '  # noqa: S608 (model table names)
            f'FROM "{task}" AS t JOIN "{plan}" AS p ON p.id = t.plan_id '
            f"WHERE t.id = a.task_id AND a.agreement_id {differs} p.agreement_id"
        )
        return int(cursor.rowcount)


def activity_columns_rebuild() -> int:
    """Rebuild the columns activities copy from their task (the agreement) for the whole
    database, after rows were written in bulk. Set-based; returns the number of rows changed."""
    return fill_agreement_column(activity_model=Activity, task_model=Task, plan_model=AnnualPlan)


# --- who is told ---------------------------------------------------------------------------------
#
# Called inside the service's transaction, after its write: the notifications are saved with the
# write (or not at all), their e-mails leave after the commit.


def activity_submitted_notify(*, activity: Activity, actor: User) -> int:
    """Tell the leaders who may approve ``activity`` that it waits for them."""
    approvers = [u for u in access.activity_approvers(activity) if u.pk != actor.pk]
    stamp = activity.submitted_at.strftime("%Y%m%d%H%M%S%f") if activity.submitted_at else ""
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Hoạt động chờ duyệt: %(title)s") % {"title": activity.title}
        body = _("%(who)s gửi hoạt động “%(title)s” để lãnh đạo đơn vị duyệt.") % {
            "who": person_name(actor),
            "title": activity.title,
        }
    return notifications.notify(
        users=approvers,
        kind=Kind.ACTIVITY_SUBMITTED,
        title=title,
        body=body,
        url=reverse("activities:detail", args=[activity.pk]),
        key=f"activity-submitted:{activity.pk}:{stamp}",
        obj=activity,
    )


def activity_returned_notify(*, activity: Activity, actor: User) -> int:
    """Tell the author of ``activity`` (who recorded it and who sent it) it came back, and why."""
    authors = access.activity_authors(activity, actor=actor)
    stamp = activity.returned_at.strftime("%Y%m%d%H%M%S%f") if activity.returned_at else ""
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Hoạt động bị trả lại để sửa: %(title)s") % {"title": activity.title}
        body = _("%(who)s trả lại hoạt động “%(title)s”. Ý kiến người duyệt: %(note)s") % {
            "who": person_name(actor),
            "title": activity.title,
            "note": activity.reviewer_note,
        }
    return notifications.notify(
        users=authors,
        kind=Kind.ACTIVITY_RETURNED,
        title=title,
        body=body,
        url=reverse("activities:detail", args=[activity.pk]),
        key=f"activity-returned:{activity.pk}:{stamp}",
        obj=activity,
    )


def activity_approved_notify(*, activity: Activity, actor: User) -> int:
    """Tell the author of ``activity`` (who recorded it and who sent it) that it was approved."""
    authors = access.activity_authors(activity, actor=actor)
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Hoạt động đã được duyệt: %(title)s") % {"title": activity.title}
        body = _("%(who)s đã duyệt hoạt động “%(title)s”; kết quả được tính vào tiến độ thực hiện.") % {
            "who": person_name(actor),
            "title": activity.title,
        }
    return notifications.notify(
        users=authors,
        kind=Kind.ACTIVITY_APPROVED,
        title=title,
        body=body,
        url=reverse("activities:detail", args=[activity.pk]),
        key=f"activity-approved:{activity.pk}",
        obj=activity,
    )
