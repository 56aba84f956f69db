"""Reads for the documents page: what can be generated for an agreement, with numbers."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any, cast

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from phoihop.accounts import access
from phoihop.accounts.access.documents import can_number_plan
from phoihop.agreements.models import Agreement, Party
from phoihop.core.models import ActiveQuerySet
from phoihop.documents.models import IssuedNumber
from phoihop.documents.services import NumberSuggestion, suggest_number
from phoihop.plans.models import AnnualPlan


@dataclass
class PlanDocuments:
    plan: AnnualPlan
    issued: IssuedNumber | None
    suggestion: NumberSuggestion | None
    can_number: bool


def agreement_documents(*, user: Any, agreement: Agreement, today: datetime.date | None = None) -> dict[str, Any]:
    """The agreement's own document and one per visible annual plan, each with its number:
    the one in the register, or the next free one of the lead party's series."""
    today = today or timezone.localdate()
    parties = sorted(
        agreement.parties.all(), key=lambda p: (p.role != Party.Role.LEAD, p.order, p.pk)
    )
    lead = parties[0].organization if parties else None
    co_issuers = [p.organization for p in parties[1:]]
    # visible_plans is typed as a plain QuerySet; it is built on AnnualPlan.objects (ActiveQuerySet).
    plans = list(cast(ActiveQuerySet, access.visible_plans(user)).active().filter(agreement=agreement).order_by("-year", "-id"))
    ct = ContentType.objects.get_for_model(AnnualPlan)
    issued: dict[int, IssuedNumber] = {}
    for entry in IssuedNumber.objects.filter(content_type=ct, object_id__in=[p.pk for p in plans]).order_by("created_at", "id"):
        assert entry.object_id is not None  # filtered by object_id__in
        issued[entry.object_id] = entry  # the latest wins
    suggestion = suggest_number(lead, "KH", today, co_issuers=co_issuers) if lead else None
    agreement_suggestion = None
    if lead and not agreement.number_symbol:
        from phoihop.documents.generators import AGREEMENT_TYPES

        agreement_suggestion = suggest_number(
            lead, AGREEMENT_TYPES.get(agreement.kind, "CTr"), agreement.signed_on or today, co_issuers=co_issuers
        )
    editable = bool(plans) and can_number_plan(user, plans[0])
    rows = [
        PlanDocuments(plan=p, issued=issued.get(p.pk), suggestion=None if p.pk in issued else suggestion,
                      can_number=editable)
        for p in plans
    ]
    return {"agreement": agreement, "lead": lead, "plans": rows, "today": today,
            "agreement_suggestion": agreement_suggestion}
