"""Use cases that span apps. Each step is the owning app's own service; nothing here writes
another app's models itself."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from phoihop.agreements.models import Agreement, Party
from phoihop.agreements.services import (
    Renewal,
    agreement_flag_review,
    agreement_renew_draft,
    party_transfer,
)
from phoihop.exchange.services import report_transfer, schedule_transfer
from phoihop.orgs import access as org_access
from phoihop.orgs.models import Organization, Succession
from phoihop.plans.selectors import last_plan
from phoihop.plans.services import plan_carry_over_renewed, task_reassign
from phoihop.vn.dates import format_short
from phoihop.workflows.selectors import succession_open_work

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def agreement_renew(
    *, actor: User, agreement: Agreement, period_start: int, period_end: int
) -> Renewal:
    """Renew an agreement for the next period: the drafted agreement (agreements) and a first
    annual plan carrying over the unfinished tasks of the old agreement's last plan (plans)."""
    with transaction.atomic():
        renewal = agreement_renew_draft(
            actor=actor, agreement=agreement, period_start=period_start, period_end=period_end
        )
        previous = last_plan(agreement)
        if previous is not None:
            plan = plan_carry_over_renewed(
                actor=actor,
                previous=previous,
                agreement=renewal.agreement,
                year=period_start,
                organization_map=renewal.organization_map,
            )
            renewal.carried_tasks = plan.tasks.count() if plan is not None else 0
    return renewal


# --- the registry's succession: open work passes to the successor ---------------------------


@dataclass
class TransferResult:
    successor: Organization
    tasks: int = 0
    agreements: int = 0
    reports: int = 0


TRANSFER_REASON = "Chuyển sang đơn vị kế thừa"  # stored in the history rows (max 100 chars)


def succession_transfer(
    *,
    actor: User,
    succession: Succession,
    task_ids: Iterable[int] = (),
    agreement_ids: Iterable[int] = (),
    report_ids: Iterable[int] = (),
    successor: Organization | None = None,
) -> TransferResult:
    """Pass the ticked open work of a succession's ended bodies to a successor, in one go.

    - an agreement's party row gets the successor as its organisation; the row keeps the name
      and signatory as signed (signed documents keep the old name); content areas and the
      reporting schedule follow; the agreement is flagged for review;
    - a task led or supported by an ended body gets the successor in its place;
    - an unsubmitted periodic report becomes the successor's.
    Done tasks, activities and submitted reports are history and are never touched.
    """
    if not org_access.can_manage_registry(actor):
        raise PermissionDenied
    work = succession_open_work(succession=succession)
    if not work.successors:
        raise ValidationError(
            _("Sắp xếp này không có đơn vị kế thừa; không có nơi nhận công việc.")
        )
    if successor is None:
        if len(work.successors) > 1:
            raise ValidationError({"successor": _("Chọn đơn vị nhận công việc.")})
        successor = work.successors[0]
    elif successor.pk not in {o.pk for o in work.successors}:
        raise ValidationError(
            {"successor": _("Đơn vị nhận phải là một đơn vị kế thừa của sắp xếp này.")}
        )
    task_ids, agreement_ids, report_ids = set(task_ids), set(agreement_ids), set(report_ids)
    tasks = [t for t in work.tasks if t.pk in task_ids]
    agreements = [a for a in work.agreements if a.pk in agreement_ids]
    reports = [r for r in work.reports if r.pk in report_ids]
    if (
        len(tasks) != len(task_ids)
        or len(agreements) != len(agreement_ids)
        or len(reports) != len(report_ids)
    ):
        raise ValidationError(_("Danh sách đã thay đổi; tải lại trang và chọn lại."))
    if not (tasks or agreements or reports):
        raise ValidationError(_("Chưa chọn công việc nào để chuyển."))
    movers = {o.pk for o in work.movers}
    moving = {a.pk for a in agreements}
    # A task can only go to a body that is (or becomes) a party of its agreement.
    party_orgs = {
        (p.agreement_id, p.organization_id)
        for p in Party.objects.filter(agreement_id__in={t.plan.agreement_id for t in tasks})
    }
    stranded = [
        t
        for t in tasks
        if t.plan.agreement_id not in moving
        and (t.plan.agreement_id, successor.pk) not in party_orgs
    ]
    if stranded:
        names = "; ".join(sorted({t.plan.agreement.title for t in stranded}))
        raise ValidationError(
            _(
                "%(successor)s chưa là bên tham gia của: %(names)s. Chọn chuyển cả vai trò của "
                "đơn vị trong văn bản đó, hoặc bỏ chọn các nhiệm vụ của văn bản."
            )
            % {"successor": successor.name, "names": names}
        )
    result = TransferResult(successor=successor)
    decision = f" ({succession.decision_number})" if succession.decision_number else ""
    when = format_short(succession.effective_date)
    with transaction.atomic():
        for agreement in agreements:
            notes = party_transfer(
                agreement=agreement, movers=movers, successor=successor, reason=TRANSFER_REASON
            )
            schedule_transfer(agreement=agreement, movers=movers, successor=successor)
            agreement_flag_review(
                agreement=agreement,
                note=_(
                    "%(kind)s từ %(when)s%(decision)s: %(changes)s "
                    "Rà soát các bên, nội dung phối hợp, chế độ báo cáo và người ký."
                )
                % {
                    "kind": succession.get_kind_display(),
                    "decision": decision,
                    "when": when,
                    "changes": " ".join(notes),
                },
            )
            result.agreements += 1
        for task in tasks:
            task_reassign(task=task, movers=movers, successor=successor, reason=TRANSFER_REASON)
            result.tasks += 1
        for report in reports:
            report_transfer(report=report, successor=successor, reason=TRANSFER_REASON)
            result.reports += 1
    return result
