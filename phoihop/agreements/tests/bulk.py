"""Many agreements at once, for tests that compare a small world with a larger one."""

from __future__ import annotations

import datetime
from typing import Any

from phoihop.vn.text import fold


def make_agreements(count: int, *, party: Any, title: str = "Kế hoạch phối hợp số", start: int = 0) -> list[Any]:
    """``count`` in-force agreements with ``party`` as lead, written in two statements."""
    from phoihop.agreements.models import Agreement, Party

    rows = []
    for i in range(start, start + count):
        row = Agreement(
            kind=Agreement.Kind.PLAN,
            number_symbol=f"{i + 100}/KH-PH",
            title=f"{title} {i}",
            status=Agreement.Status.IN_FORCE,
            period_start=2023,
            period_end=2026,
            signed_on=datetime.date(2023, 1, 1) + datetime.timedelta(days=i),
        )
        row.search_text = " | ".join(fold(part) for part in row.search_source() if part)
        rows.append(row)
    made = Agreement.objects.bulk_create(rows)
    Party.objects.bulk_create(
        Party(agreement=a, organization=party, role=Party.Role.LEAD, name_as_signed=party.name) for a in made
    )
    return made
