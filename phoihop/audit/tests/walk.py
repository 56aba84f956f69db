"""The access walk's knowledge of the audit routes (expectations written by hand).

The log pages are "authenticated" and answer 403 to anyone who administers no organisation
(no fixture user does, except staff who sees everything). Personal-data routes are staff only.
"""

from __future__ import annotations

from typing import Any

STAFF_ONLY = {"staff"}


def target(name: str, world: dict[str, Any]) -> tuple[Any, set[str], set[str]] | None:
    if name in ("audit:person_export", "audit:person_anonymise"):
        return world["person"], STAFF_ONLY, STAFF_ONLY
    return None
