"""Reads for the pages that start a cross-app workflow."""

from __future__ import annotations

from typing import Any

from phoihop.agreements import access as agreement_access
from phoihop.agreements.models import Agreement, Party
from phoihop.agreements.selectors import renewal_contacts
from phoihop.orgs.selectors import current_successors
from phoihop.plans import access as plan_access
from phoihop.plans.selectors import TaskStatus, task_statuses


def renewal_preview(*, user: Any, agreement: Agreement) -> dict[str, Any]:
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
    unfinished: list[Any] = []
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
    return {
        "agreement": agreement,
        "lead_blocked": [] if allowed else list(new_leads.values()),
        "renewal_contacts": None if allowed else renewal_contacts(agreement=agreement),
        "party_map": parties,
        "content_areas": list(agreement.content_areas.order_by("number", "id")),
        "last_plan": last_plan,
        "unfinished": unfinished,
    }
