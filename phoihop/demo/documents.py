"""Demo register entries: each demo annual plan up to this year has its number, issued on the
tenth of January of its year in the lead party's series (dates illustrative).

Idempotent: a plan that already has a number is kept.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_noop

from phoihop.agreements.models import Party
from phoihop.demo.base import ADMIN_USERNAME, DemoResult
from phoihop.documents import services
from phoihop.documents.models import IssuedNumber
from phoihop.plans.models import AnnualPlan

LABELS = {"issued_numbers": gettext_noop("số văn bản đã cấp")}


def load(*, orgs: dict[str, Any], agreements: dict[str, Any], result: DemoResult, today: datetime.date) -> None:
    admin = get_user_model().objects.get(username=ADMIN_USERNAME)
    plan_type = ContentType.objects.get_for_model(AnnualPlan)
    numbered = set(IssuedNumber.objects.filter(content_type=plan_type).values_list("object_id", flat=True))
    plans = (
        AnnualPlan.objects.active()
        .filter(agreement__in=list(agreements.values()), year__lte=today.year)
        .select_related("agreement")
        .prefetch_related("agreement__parties__organization")
        .order_by("year", "agreement_id")
    )
    for plan in plans:
        if plan.pk in numbered:
            result.kept["issued_numbers"] += 1
            continue
        issued_on = min(datetime.date(plan.year, 1, 10), today)
        parties = sorted(plan.agreement.parties.all(), key=lambda p: (p.role != Party.Role.LEAD, p.order, p.pk))
        if not parties:
            continue
        services.reserve_number(
            actor=admin,
            issuer=parties[0].organization,
            co_issuers=[p.organization for p in parties[1:]],
            doc_type="KH",
            issued_on=issued_on,
            record=plan,
            title=f"Kế hoạch phối hợp năm {plan.year}",
        )
        result.created["issued_numbers"] += 1
