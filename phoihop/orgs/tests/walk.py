"""The access walk's knowledge of the registry's succession routes (see core/tests/test_access_walk.py).

`orgs:succession_transfer` is keyed by a succession, not an organisation: the walk gets a real
succession to open, and the route's rule ("staff") is what it checks; the route's own tests
(workflows/tests/test_succession_transfer.py) check who gets what.
"""

from __future__ import annotations

import datetime
from typing import Any


def extend_world(world: dict[str, Any], users: dict[str, Any], orgs: dict[str, Any]) -> None:
    from phoihop.orgs.models import Organization
    from phoihop.orgs.services import succession_record

    old = Organization.objects.create(
        name="Hội Chữ thập đỏ Quận 4", kind=Organization.Kind.RED_CROSS, level=Organization.Level.DISTRICT,
    )
    new = Organization.objects.create(
        name="Hội Chữ thập đỏ Thành phố Hồ Chí Minh", kind=Organization.Kind.RED_CROSS,
        level=Organization.Level.PROVINCE, province_code=79,
    )
    world["succession"] = succession_record(
        actor=users["staff"], kind="dissolve", effective_date=datetime.date(2025, 7, 1),
        predecessors=[old], successors=[new],
    )


def url_kwargs(name: str, world: dict[str, Any]) -> dict[str, Any] | None:
    if name == "orgs:succession_transfer":
        return {"pk": world["succession"].pk}
    return None
