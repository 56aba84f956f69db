"""Reads of the use cases that span apps: what a succession leaves open, to hand over, and what
a renewal would carry over."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Prefetch, Q

from phoihop.agreements import access as agreement_access
from phoihop.agreements.models import Agreement, ContentArea, Party
from phoihop.agreements.selectors import RenewalContacts, renewal_contacts
from phoihop.core.db import vi
from phoihop.exchange.models import PeriodicReport
from phoihop.orgs.models import Organization, Succession
from phoihop.orgs.selectors import current_successors
from phoihop.plans import access as plan_access
from phoihop.plans.models import AnnualPlan, Task
from phoihop.plans.selectors import TaskStatus, task_statuses

if TYPE_CHECKING:
    from phoihop.core.access import AnyUser


@dataclass
class OpenWork:
    """What a succession's ended bodies leave unfinished, to be passed to a successor."""

    succession: Succession
    movers: list[Organization]
    successors: list[Organization]
    tasks: list[Task] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    reports: list[PeriodicReport] = field(default_factory=list)

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
        # Read by the transfer page's table; a task has no such field.
        t.status_label = TaskStatus(statuses[t.pk]).label  # type: ignore[attr-defined]
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


@dataclass(frozen=True)
class RenewalPreview:
    agreement: Agreement
    # Who carries on the lead party today, when none of them may draft the renewal.
    lead_blocked: list[Organization]
    renewal_contacts: RenewalContacts | None
    party_map: list[tuple[Party, list[Organization]]]
    content_areas: list[ContentArea]
    last_plan: AnnualPlan | None
    unfinished: list[Task]


def renewal_preview(*, user: AnyUser, agreement: Agreement) -> RenewalPreview:
    """What renewing would carry over: each party with the bodies that carry it on today (none
    when dissolved without successor), the content areas, and the unfinished tasks of the last
    annual plan."""
    parties = [
        (p, current_successors(p.organization))
        for p in agreement.parties.select_related("organization").order_by("order", "id")
    ]
    last_plan = (
        plan_access.visible_plans(user)
        .active()
        .filter(agreement=agreement)
        .order_by("-year", "-id")
        .first()
    )
    unfinished: list[Task] = []
    if last_plan is not None:
        tasks = list(
            last_plan.tasks.active().select_related("lead_organization").order_by("number", "id")
        )
        statuses = task_statuses(tasks)
        unfinished = [
            t for t in tasks if statuses[t.pk] not in (TaskStatus.DONE, TaskStatus.CANCELLED)
        ]
    # The new lead party is the old lead's body of today: only its officers (or staff) may draft.
    new_leads = {b.pk: b for p, bodies in parties if p.role == Party.Role.LEAD for b in bodies}
    allowed = set(
        agreement_access.lead_organizations_for(user)
        .filter(pk__in=new_leads)
        .values_list("pk", flat=True)
    )
    return RenewalPreview(
        agreement=agreement,
        lead_blocked=[] if allowed else list(new_leads.values()),
        renewal_contacts=None if allowed else renewal_contacts(agreement=agreement),
        party_map=parties,
        content_areas=list(agreement.content_areas.order_by("number", "id")),
        last_plan=last_plan,
        unfinished=unfinished,
    )
