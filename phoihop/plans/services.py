"""Every write to annual plans, tasks and indicators: one function per use case, checked and atomic."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.agreements import access as agreement_access
from phoihop.agreements.models import Agreement, ContentArea, Party
from phoihop.agreements.services import joint_number_issue
from phoihop.core import versioning
from phoihop.documents.services import NumberIssue
from phoihop.orgs import access as org_access
from phoihop.orgs.models import Organization, Person
from phoihop.plans import access
from phoihop.plans.models import AnnualPlan, Indicator, Task
from phoihop.vn.text import clean

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.db.models import Model

TASK_FIELDS = (
    "number",
    "title",
    "content_area",
    "lead_organization",
    "responsible_officer",
    "start",
    "due",
    "notes",
)


def _party_ids(agreement: Agreement) -> set[int]:
    return {p.organization_id for p in agreement.parties.all()}


def _lead_party_id(agreement: Agreement) -> int | None:
    leads = [p.organization_id for p in agreement.parties.all() if p.role == Party.Role.LEAD]
    return leads[0] if leads else None


def _check_plan_editable(actor: User, plan: AnnualPlan) -> None:
    if not access.can_edit_plan(actor, plan):
        raise PermissionDenied
    if plan.is_archived:
        raise ValidationError(_("Kế hoạch đã lưu trữ; khôi phục trước khi sửa."))
    if plan.status == AnnualPlan.Status.CLOSED:
        raise ValidationError(_("Kế hoạch đã kết thúc; không sửa được nhiệm vụ."))


# --- plans ------------------------------------------------------------------------------------


def plan_create(
    *,
    actor: User,
    agreement: Agreement,
    year: int,
    from_previous: bool = False,
    notes: str = "",
) -> AnnualPlan:
    """A new plan for ``year``: one task per content area, or last year's unfinished tasks
    carried over (each marked with the task it continues, its indicators copied)."""
    if not agreement_access.can_edit_agreement(actor, agreement):
        raise PermissionDenied
    if agreement.is_archived:
        raise ValidationError(_("Văn bản đã lưu trữ; khôi phục trước khi lập kế hoạch."))
    if not isinstance(year, int) or not 1945 <= year <= 2100:
        raise ValidationError({"year": _("Năm kế hoạch không hợp lệ.")})
    start, end = agreement.period_start, agreement.period_end
    if (start and year < start) or (end and year > end):
        raise ValidationError(
            {"year": _("Năm kế hoạch phải nằm trong giai đoạn của văn bản (%(period)s).")
             % {"period": agreement.period_label}}
        )
    if AnnualPlan.objects.filter(agreement=agreement, year=year).exists():
        raise ValidationError({"year": _("Văn bản này đã có kế hoạch phối hợp năm %(year)s.") % {"year": year}})
    previous = None
    if from_previous:
        previous = (
            AnnualPlan.objects.active().filter(agreement=agreement, year__lt=year).order_by("-year").first()
        )
        if previous is None:
            raise ValidationError(_("Chưa có kế hoạch năm trước để chuyển tiếp."))
    with transaction.atomic():
        plan = AnnualPlan.objects.create(
            agreement=agreement, year=year, notes=(notes or "").strip(), created_by=actor
        )
        if previous is not None:
            _carry_over(previous, plan)
        else:
            _tasks_from_content_areas(agreement, plan)
    return plan


def _tasks_from_content_areas(agreement: Agreement, plan: AnnualPlan) -> None:
    lead = _lead_party_id(agreement)
    parties = _party_ids(agreement)
    areas = agreement.content_areas.prefetch_related("responsible").order_by("number", "id")
    for area in areas:
        responsible = [o.pk for o in area.responsible.all() if o.pk in parties]
        task_lead = lead if lead in responsible or not responsible else responsible[0]
        if task_lead is None:
            continue
        task = Task.objects.create(
            plan=plan,
            number=area.number,
            title=area.title,
            content_area=area,
            lead_organization_id=task_lead,
            start=datetime.date(plan.year, 1, 1),
            due=datetime.date(plan.year, 12, 31),
        )
        task.supporting_organizations.set([o for o in responsible if o != task_lead])


def _carry_over(previous: AnnualPlan, plan: AnnualPlan) -> None:
    from phoihop.plans.selectors import TaskStatus, task_statuses

    tasks = list(
        previous.tasks.active().prefetch_related("supporting_organizations", "indicators").order_by("number", "id")
    )
    statuses = task_statuses(tasks)
    number = 0
    for old in tasks:
        if statuses[old.pk] in (TaskStatus.DONE, TaskStatus.CANCELLED):
            continue
        number += 1
        task = Task.objects.create(
            plan=plan,
            number=number,
            title=old.title,
            content_area=old.content_area,
            lead_organization_id=old.lead_organization_id,
            responsible_officer_id=old.responsible_officer_id,
            start=datetime.date(plan.year, 1, 1),
            due=datetime.date(plan.year, 12, 31),
            notes=old.notes,
            carried_over_from=old,
        )
        task.supporting_organizations.set(list(old.supporting_organizations.all()))
        for ind in old.indicators.all():
            if ind.archived_at is None:
                Indicator.objects.create(
                    task=task,
                    name=ind.name,
                    unit=ind.unit,
                    target=ind.target,
                    aggregation=ind.aggregation,
                    order=ind.order,
                )


def plan_carry_over_renewed(
    *,
    actor: User,
    previous: AnnualPlan,
    agreement: Agreement,
    year: int,
    organization_map: dict[int, list[int]],
) -> AnnualPlan | None:
    """The first plan of a renewing agreement: the unfinished tasks of ``previous`` (a plan of
    the agreement it renews) carried over, each marked with the task it continues, its
    indicators copied, its content area the new agreement's area of the same number, and its
    organisations replaced by today's bodies (``organization_map``: old id -> new ids; an
    organisation mapped to nothing falls to the lead party). None when nothing is unfinished."""
    from phoihop.plans.selectors import TaskStatus, task_statuses

    if not agreement_access.can_edit_agreement(actor, agreement):
        raise PermissionDenied
    tasks = list(
        previous.tasks.active().prefetch_related("supporting_organizations", "indicators").order_by("number", "id")
    )
    statuses = task_statuses(tasks)
    open_tasks = [t for t in tasks if statuses[t.pk] not in (TaskStatus.DONE, TaskStatus.CANCELLED)]
    if not open_tasks:
        return None
    parties = _party_ids(agreement)
    lead = _lead_party_id(agreement)
    areas = {a.number: a for a in agreement.content_areas.all()}

    def bodies(org_id: int) -> list[int]:
        return [o for o in organization_map.get(org_id, [org_id]) if o in parties]

    with transaction.atomic():
        if AnnualPlan.objects.filter(agreement=agreement, year=year).exists():
            raise ValidationError({"year": _("Văn bản này đã có kế hoạch phối hợp năm %(year)s.") % {"year": year}})
        plan = AnnualPlan.objects.create(
            agreement=agreement,
            year=year,
            created_by=actor,
            notes=_("Chuyển tiếp các nhiệm vụ chưa hoàn thành của kế hoạch năm %(year)s (%(title)s).")
            % {"year": previous.year, "title": previous.agreement.title},
        )
        for number, old in enumerate(open_tasks, start=1):
            task_lead = next(iter(bodies(old.lead_organization_id)), lead)
            if task_lead is None:
                continue
            task = Task.objects.create(
                plan=plan,
                number=number,
                title=old.title,
                content_area=areas.get(old.content_area.number) if old.content_area else None,
                lead_organization_id=task_lead,
                responsible_officer_id=old.responsible_officer_id,
                start=datetime.date(year, 1, 1),
                due=datetime.date(year, 12, 31),
                notes=old.notes,
                carried_over_from=old,
            )
            supporting = {b for o in old.supporting_organizations.all() for b in bodies(o.pk)}
            supporting.discard(task_lead)
            task.supporting_organizations.set(sorted(supporting))
            for ind in old.indicators.all():
                if ind.archived_at is None:
                    Indicator.objects.create(
                        task=task, name=ind.name, unit=ind.unit, target=ind.target,
                        aggregation=ind.aggregation, order=ind.order,
                    )
    return plan


def plan_set_status(*, actor: User, plan: AnnualPlan, status: str) -> AnnualPlan:
    if not access.can_edit_plan(actor, plan):
        raise PermissionDenied
    if status not in AnnualPlan.Status.values:
        raise ValidationError({"status": _("Trạng thái kế hoạch không hợp lệ.")})
    if plan.status != status:
        plan.status = status
        plan.save(update_fields=["status", "updated_at"])
    return plan


def plan_archive(*, actor: User, plan: AnnualPlan) -> AnnualPlan:
    if not access.can_edit_plan(actor, plan):
        raise PermissionDenied
    if not plan.is_archived:
        plan.archive()
    return plan


def plan_restore(*, actor: User, plan: AnnualPlan) -> AnnualPlan:
    if not access.can_edit_plan(actor, plan):
        raise PermissionDenied
    if plan.is_archived:
        plan.restore()
    return plan


# --- tasks ------------------------------------------------------------------------------------


def _clean_task(
    actor: User,
    plan: AnnualPlan,
    fields: Mapping[str, object],
    supporting: Sequence[Organization],
    task: Task | None,
) -> dict[str, object]:
    unknown = set(fields) - set(TASK_FIELDS)
    if unknown:
        raise TypeError(f"unknown task fields: {sorted(unknown)}")
    data = dict(fields)
    data["title"] = clean(str(data.get("title") or ""))
    data["notes"] = str(data.get("notes") or "").strip()
    errors: dict[str, list[str]] = {}
    if not data["title"]:
        errors.setdefault("title", []).append(_("Cần nhập nội dung nhiệm vụ."))
    parties = _party_ids(plan.agreement)
    lead = data.get("lead_organization")
    if not isinstance(lead, Organization):
        errors.setdefault("lead_organization", []).append(_("Chọn cơ quan chủ trì."))
    elif lead.pk not in parties:
        errors.setdefault("lead_organization", []).append(
            _("Cơ quan chủ trì phải là một bên tham gia văn bản.")
        )
    outsiders = [o.name for o in supporting if o.pk not in parties]
    if outsiders:
        errors.setdefault("supporting_organizations", []).append(
            _("Cơ quan phối hợp phải là bên tham gia văn bản: %(names)s.") % {"names": ", ".join(outsiders)}
        )
    if isinstance(lead, Organization) and any(o.pk == lead.pk for o in supporting):
        errors.setdefault("supporting_organizations", []).append(
            _("Cơ quan chủ trì không cần nêu lại trong các cơ quan phối hợp.")
        )
    area = data.get("content_area")
    if area is not None and (not isinstance(area, ContentArea) or area.agreement_id != plan.agreement_id):
        errors.setdefault("content_area", []).append(
            _("Nội dung phối hợp phải thuộc văn bản của kế hoạch này.")
        )
    officer = data.get("responsible_officer")
    if officer is not None and (
        not isinstance(officer, Person) or not org_access.visible_people(actor).filter(pk=officer.pk).exists()
    ):
        errors.setdefault("responsible_officer", []).append(_("Không tìm thấy cán bộ được chọn."))
    start, due = data.get("start"), data.get("due")
    if isinstance(start, datetime.date) and isinstance(due, datetime.date) and due < start:
        errors.setdefault("due", []).append(_("Hạn hoàn thành phải bằng hoặc sau ngày bắt đầu."))
    number = data.get("number")
    if number is None:
        data["number"] = (plan.tasks.active().aggregate(n=Max("number"))["n"] or 0) + 1
    elif isinstance(number, int | str):  # the form's whole number (or one written as text)
        taken = plan.tasks.active().filter(number=number)
        if task is not None:
            taken = taken.exclude(pk=task.pk)
        if taken.exists():
            errors.setdefault("number", []).append(
                _("Số thứ tự %(n)s đã được dùng trong kế hoạch này.") % {"n": number}
            )
    if errors:
        raise ValidationError(errors)
    return data


def task_create(
    *,
    actor: User,
    plan: AnnualPlan,
    fields: Mapping[str, object],
    supporting: Sequence[Organization] = (),
) -> Task:
    _check_plan_editable(actor, plan)
    data = _clean_task(actor, plan, fields, supporting, None)
    with transaction.atomic():
        task = Task(plan=plan, **data)
        task.full_clean(exclude=["plan", "content_area", "lead_organization", "responsible_officer"])
        task.save()
        task.supporting_organizations.set([o.pk for o in supporting])
    return task


def task_update(
    *,
    actor: User,
    task: Task,
    fields: Mapping[str, object],
    supporting: Sequence[Organization],
    expected_version: int | None = None,
) -> Task:
    """Change task ``task``; ``expected_version`` is the version its edit form was opened at."""
    _check_plan_editable(actor, task.plan)
    if task.is_archived:
        raise ValidationError(_("Nhiệm vụ đã lưu trữ; khôi phục trước khi sửa."))
    data = _clean_task(actor, task.plan, fields, supporting, task)
    with transaction.atomic():
        versioning.claim(task, expected_version, edited=data)
        for name, value in data.items():
            setattr(task, name, value)
        task.full_clean(exclude=["plan", "content_area", "lead_organization", "responsible_officer"])
        task.save()
        task.supporting_organizations.set([o.pk for o in supporting])
    return task


def task_cancel(*, actor: User, task: Task, cancelled: bool = True) -> Task:
    """Cancel a task (or undo the cancellation). The task and its activities stay on record."""
    _check_plan_editable(actor, task.plan)
    if task.cancelled != cancelled:
        task.cancelled = cancelled
        task.save(update_fields=["cancelled", "updated_at"])
    return task


def task_complete(*, actor: User, task: Task, on: datetime.date | None = None) -> Task:
    """Mark a task done by decision of the lead party, whatever its indicators say."""
    _check_plan_editable(actor, task.plan)
    if task.cancelled:
        raise ValidationError(_("Nhiệm vụ đã hủy không thể đánh dấu hoàn thành."))
    task.completed_on = on or timezone.localdate()
    task.save(update_fields=["completed_on", "updated_at"])
    return task


def task_reopen(*, actor: User, task: Task) -> Task:
    """Take back a "done" mark: the status follows the indicators again."""
    _check_plan_editable(actor, task.plan)
    if task.completed_on is not None:
        task.completed_on = None
        task.save(update_fields=["completed_on", "updated_at"])
    return task


# --- indicators -------------------------------------------------------------------------------


def _decimal(value: object) -> Decimal | None:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, str):
        from phoihop.vn.numbers import parse_number

        try:
            return parse_number(value)
        except (ValueError, InvalidOperation):
            return None
    return None


def indicator_set(
    *,
    actor: User,
    owner: Task | ContentArea,
    name: str,
    unit: str,
    target: Decimal | int | str,
    aggregation: str = Indicator.Aggregation.SUM,
    indicator: Indicator | None = None,
    expected_version: int | None = None,
) -> Indicator:
    """Create an indicator of a task or content area, or change ``indicator`` of that owner.

    ``expected_version`` is the version of ``indicator`` its edit form was opened at.
    """
    if isinstance(owner, Task):
        _check_plan_editable(actor, owner.plan)
    else:
        if not agreement_access.can_edit_agreement(actor, owner.agreement):
            raise PermissionDenied
    if indicator is not None:
        same = indicator.task_id == owner.pk if isinstance(owner, Task) else indicator.content_area_id == owner.pk
        if not same:
            raise ValidationError(_("Chỉ tiêu không thuộc nhiệm vụ hoặc nội dung này."))
    errors: dict[str, list[str]] = {}
    name = clean(name or "")
    if not name:
        errors.setdefault("name", []).append(_("Cần nhập tên chỉ tiêu."))
    if unit not in Indicator.Unit.values:
        errors.setdefault("unit", []).append(_("Chọn đơn vị tính."))
    if aggregation not in Indicator.Aggregation.values:
        errors.setdefault("aggregation", []).append(_("Chọn cách tính chỉ tiêu."))
    amount = _decimal(target)
    if amount is None or not amount.is_finite():
        errors.setdefault("target", []).append(_("Chỉ tiêu phải là một số, ví dụ 1.234,5."))
    elif amount < 0:
        errors.setdefault("target", []).append(_("Chỉ tiêu không được là số âm."))
    elif amount != amount.quantize(Decimal("0.01")) or amount >= Decimal(10) ** 14:
        errors.setdefault("target", []).append(_("Chỉ tiêu có tối đa hai chữ số thập phân."))
    if errors:
        raise ValidationError(errors)
    assert amount is not None  # refused above
    with transaction.atomic():
        if indicator is None:
            siblings = owner.indicators.all()
            order = (siblings.aggregate(n=Max("order"))["n"] or 0) + 1 if siblings.exists() else 0
            indicator = Indicator(order=order)
            if isinstance(owner, Task):
                indicator.task = owner
            else:
                indicator.content_area = owner
        else:
            versioning.claim(indicator, expected_version)
        indicator.name = name
        indicator.unit = unit
        indicator.target = amount
        indicator.aggregation = aggregation
        indicator.save()
    return indicator


def task_reassign(*, task: Task, movers: set[int], successor: Organization, reason: str) -> Task:
    """Give an open task of ended bodies (``movers``) to their successor, as lead or supporter
    in their place. The caller checks who may do this."""
    changed = []
    if task.lead_organization_id in movers:
        task.lead_organization = successor
        changed.append("lead_organization")
    supporting = {o.pk for o in task.supporting_organizations.all()}
    new_supporting = (supporting - movers) | ({successor.pk} if supporting & movers else set())
    new_supporting.discard(task.lead_organization_id)
    if changed:
        task._change_reason = reason  # type: ignore[attr-defined]
        task.save(update_fields=[*changed, "updated_at"])
    if new_supporting != supporting:
        task.supporting_organizations.set(new_supporting)
    return task


# --- derived columns --------------------------------------------------------------------------


def fill_task_agreement_column(*, task_model: type[Model], plan_model: type[Model]) -> int:
    """Set every task's agreement from its plan in one statement; the number changed.

    Takes the models so the data migration can run it on the historical ones."""
    from django.db import connection

    task, plan = (m._meta.db_table for m in (task_model, plan_model))
    differs = "IS DISTINCT FROM" if connection.vendor == "postgresql" else "IS NOT"
    with connection.cursor() as cursor:
        cursor.execute(
            f'UPDATE "{task}" AS t SET agreement_id = p.agreement_id FROM "{plan}" AS p '  # noqa: S608 (model table names)
            f"WHERE p.id = t.plan_id AND t.agreement_id {differs} p.agreement_id"
        )
        return int(cursor.rowcount)


def task_columns_rebuild() -> int:
    """Rebuild the column tasks copy from their plan (the agreement) for the whole database,
    after rows were written in bulk. Set-based; returns the number of rows changed."""
    return fill_task_agreement_column(task_model=Task, plan_model=AnnualPlan)


# --- what plans keep hanging on an agreement (registered in apps.py, run by agreement_update) ---

# How many holding tasks the message names before it counts the rest.
MAX_TASKS_NAMED = 10


def refuse_removing_areas_in_use(areas: Sequence[ContentArea]) -> None:
    """A content area that plan tasks still belong to stays: say which tasks hold it."""
    if not areas:
        return
    holding = Task.objects.filter(content_area__in=areas).select_related("plan", "content_area")
    shown = list(holding.order_by("content_area__number", "plan__year", "number")[:MAX_TASKS_NAMED + 1])
    if not shown:
        return
    names = "; ".join(
        _("nội dung %(area)s: nhiệm vụ %(task)s «%(title)s» (kế hoạch năm %(year)s)")
        % {"area": t.content_area.number if t.content_area else "", "task": t.number,
           "title": t.title, "year": t.plan.year}
        for t in shown[:MAX_TASKS_NAMED]
    )
    if len(shown) > MAX_TASKS_NAMED:
        names += _("; và %(n)s nhiệm vụ khác") % {"n": holding.count() - MAX_TASKS_NAMED}
    raise ValidationError(
        _("Không bỏ được nội dung phối hợp còn có nhiệm vụ trong kế hoạch: %(tasks)s. Hãy sửa các "
          "nhiệm vụ này để chuyển sang nội dung khác trước khi bỏ nội dung.")
        % {"tasks": names}
    )


def refuse_period_leaving_plans(agreement: Agreement, start: int | None, end: int | None) -> None:
    """A period shortened past the agreement's annual plans would leave plans for years outside
    it: refused on the period, naming the years."""
    if not (start or end):
        return
    outside = Q(year__lt=start) if start else Q()
    if end:
        outside |= Q(year__gt=end)
    years = sorted(
        AnnualPlan.objects.active().filter(agreement=agreement).filter(outside).values_list("year", flat=True)
    )
    if years:
        raise ValidationError(
            {"period_end" if end and years[-1] > end else "period_start": _(
                "Văn bản đã có kế hoạch phối hợp năm %(years)s, nằm ngoài giai đoạn mới. Giữ giai đoạn bao "
                "gồm các năm này, hoặc lưu trữ các kế hoạch đó trước."
            ) % {"years": ", ".join(str(y) for y in years)}}
        )


@transaction.atomic
def plan_number_issue(
    *, actor: User, plan: AnnualPlan, issued_on: datetime.date, number: int | None = None,
    confirm_out_of_sequence: bool = False,
) -> NumberIssue:
    """Enter an annual plan in the lead party's register (KH), once; its date is checked
    against the program it implements."""
    if not access.can_edit_plan(actor, plan):
        raise PermissionDenied
    return joint_number_issue(
        actor=actor, agreement=plan.agreement, record=plan, doc_type="KH", issued_on=issued_on, number=number,
        title=_("Kế hoạch phối hợp năm %(year)s") % {"year": plan.year},
        confirm_out_of_sequence=confirm_out_of_sequence,
    )
