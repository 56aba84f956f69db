"""Reads of the use cases that span apps: what a succession leaves open, to hand over."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q

from phoihop.agreements.models import Agreement, Party
from phoihop.core.db import vi
from phoihop.exchange.models import PeriodicReport
from phoihop.orgs.models import Organization, Succession
from phoihop.plans.models import AnnualPlan, Task
from phoihop.plans.selectors import TaskStatus, task_statuses


@dataclass
class OpenWork:
    """What a succession's ended bodies leave unfinished, to be passed to a successor."""

    succession: Succession
    movers: list[Organization]
    successors: list[Organization]
    tasks: list[Any] = field(default_factory=list)
    agreements: list[Any] = field(default_factory=list)
    reports: list[Any] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.tasks or self.agreements or self.reports)


def succession_movers(succession: Succession) -> list[Organization]:
    """The predecessors that end with the succession (a body that absorbs others stays)."""
    staying = {o.pk for o in succession.successors.all()}
    return [o for o in succession.predecessors.all() if o.pk not in staying]


def succession_open_work(*, succession: Succession) -> OpenWork:
    """In-force agreements where an ended body is a party, their open tasks (not done, not
    cancelled) that it leads or supports or whose officer belongs to it, and its unsubmitted
    periodic reports. Done tasks, past activities and submitted reports are history and stay.
    A fixed number of queries whatever the number of rows."""
    succession = Succession.objects.prefetch_related("predecessors", "successors").get(
        pk=succession.pk
    )
    movers = succession_movers(succession)
    successors = [o for o in succession.successors.all() if o.pk not in {m.pk for m in movers}]
    work = OpenWork(succession=succession, movers=movers, successors=successors)
    mover_ids = [o.pk for o in movers]
    if not mover_ids:
        return work
    work.agreements = list(
        Agreement.objects.active()
        .filter(
            status=Agreement.Status.IN_FORCE,
            pk__in=Party.objects.filter(organization_id__in=mover_ids).values("agreement_id"),
        )
        .prefetch_related(
            Prefetch("parties", queryset=Party.objects.select_related("organization"))
        )
        .order_by(vi("title"), "id")
    )
    candidates = list(
        Task.objects.active()
        .filter(
            plan__archived_at__isnull=True,
            plan__agreement__archived_at__isnull=True,
            plan__agreement__status=Agreement.Status.IN_FORCE,
        )
        .exclude(plan__status=AnnualPlan.Status.CLOSED)
        .filter(
            Q(lead_organization_id__in=mover_ids)
            | Q(
                pk__in=Task.supporting_organizations.through.objects.filter(
                    organization_id__in=mover_ids
                ).values("task_id")
            )
            | Q(responsible_officer__organization_id__in=mover_ids)
        )
        .select_related("plan__agreement", "lead_organization", "responsible_officer")
        .prefetch_related("supporting_organizations")
        .order_by("plan__agreement_id", "plan__year", "number", "id")
    )
    statuses = task_statuses(candidates)
    work.tasks = [
        t for t in candidates if statuses[t.pk] not in (TaskStatus.DONE, TaskStatus.CANCELLED)
    ]
    for t in work.tasks:
        t.status_label = TaskStatus(statuses[t.pk]).label
    work.reports = list(
        PeriodicReport.objects.filter(
            archived_at__isnull=True,
            organization_id__in=mover_ids,
            status=PeriodicReport.Status.DRAFT,
        )
        .select_related("agreement", "organization")
        .order_by("agreement_id", "period_start", "id")
    )
    return work
