"""The access walk's knowledge of the document routes (expectations written by hand).

Downloading a document is reading its record: whoever sees the agreement (the parties, the
bodies above them, staff). Giving a plan its number is editing the plan: officers and leaders
of the lead party, and staff.
"""

from __future__ import annotations

from typing import Any

SEES = {"alice", "bob", "leader", "coop_officer", "superior", "staff"}
EDITS = {"alice", "leader", "staff"}
CHANGING_WORDS = ("reserve",)


def target(name: str, world: dict[str, Any]) -> tuple[Any, set[str], set[str]] | None:
    if name.startswith("documents:agreement"):
        return world["agreement"], SEES, EDITS
    if name.startswith("documents:plan"):
        return world["plan"], SEES, EDITS
    return None
