"""What the access walk needs to know about the dashboards (expectations written by hand).

An organisation's dashboard (and its subordinates' table) is seen by the organisation's members,
the members of the bodies above it and system administrators: for the district command that is
alice, bob, leader, superior and staff, not the co-operating board, the ward below nor charlie.
An agreement's dashboard is seen by whoever sees the agreement. Dashboards change nothing.
"""

from __future__ import annotations

from typing import Any

SEES_DISTRICT = {"alice", "bob", "leader", "superior", "staff"}
SEES_AGREEMENT = {"alice", "bob", "leader", "coop_officer", "superior", "staff"}


def target(name: str, world: dict[str, Any]) -> tuple[Any, set[str], set[str]] | None:
    if name in ("dashboards:organization", "dashboards:subordinates"):
        return world["org"], SEES_DISTRICT, set()
    if name == "dashboards:agreement":
        return world["agreement"], SEES_AGREEMENT, set()
    return None
