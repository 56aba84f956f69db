"""Search across the registry, agreements and conferences, scoped by the access rules."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db.models import Count, Q, QuerySet

from phoihop.agreements import access as agreement_access
from phoihop.events import access as event_access
from phoihop.orgs import access as org_access
from phoihop.vn.collation import sort_key
from phoihop.vn.text import exact_key, fold

SECTION_LIMIT = 20
SEARCH_CAP = 500  # candidates ranked per section; the count shown stops there

_QS = TypeVar("_QS", bound=QuerySet[Any])


# A period typed as a range: "2022 - 2025", "2022–2025", "2022-2025" (dashes are "-" once
# folded), or "2022 đến 2025" ("den" folded).
_YEAR_RANGE = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*(?:-|\bden\b)\s*((?:19|20)\d\d)(?!\d)")


def search_filter(query: str, model: Any = None) -> Q:
    """Every word of the query, folded, appears in the record's folded names.

    A period typed as a range is one term, not two years and a dash: it matches the range
    written in the text with any spacing around the dash, or the record's own period when its
    model names the fields that hold it (``search_period = ("period_start", "period_end")``).
    A word without a letter or digit (a lone dash) is no condition."""
    condition = Q()
    folded = fold(query)
    period_fields = getattr(model, "search_period", None)
    for start, end in _YEAR_RANGE.findall(folded):
        # One pattern, not four LIKEs: pg_trgm's index serves a regular expression too, and beside
        # the period's own index the planner then ORs two bitmaps instead of reading the table.
        written = Q(search_text__regex=f"{start} ?- ?{end}")
        if period_fields:
            written |= Q(**{period_fields[0]: int(start), period_fields[1]: int(end)})
        condition &= written
    for word in _YEAR_RANGE.sub(" ", folded).split():
        if any(ch.isalnum() for ch in word):
            condition &= Q(search_text__contains=word)
    return condition


def rank(items: list[Any], query: str, label: str) -> list[Any]:
    """Exact-diacritic matches first, then Vietnamese alphabetical order."""
    wanted = exact_key(query)
    return sorted(
        items,
        key=lambda o: (wanted not in exact_key(getattr(o, label)), sort_key(getattr(o, label))),
    )


def filter_by_query(qs: _QS, query: str) -> _QS:
    query = (query or "").strip()
    return qs.filter(search_filter(query, qs.model)) if fold(query) else qs


@dataclass
class SearchResults:
    query: str
    organizations: list[Any] = field(default_factory=list)
    people: list[Any] = field(default_factory=list)
    agreements: list[Any] = field(default_factory=list)
    events: list[Any] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _section(qs: QuerySet[Any], query: str, label: str) -> tuple[list[Any], int]:
    """The section's first rows in ranking order, and how many match (up to SEARCH_CAP).

    The candidates are ranked on their labels alone; only the rows shown are loaded whole, so a
    common word that matches hundreds of records in a province builds twenty objects, not 500.
    """
    candidates = list(
        qs.filter(search_filter(query, qs.model)).order_by().values_list("pk", label)[:SEARCH_CAP]
    )
    wanted = exact_key(query)
    candidates.sort(key=lambda row: (wanted not in exact_key(row[1]), sort_key(row[1])))
    shown = [pk for pk, _ in candidates[:SECTION_LIMIT]]
    by_pk = qs.in_bulk(shown)
    return [by_pk[pk] for pk in shown if pk in by_pk], len(candidates)


def search(*, user: Any, query: str) -> SearchResults:
    from phoihop.orgs.models import Organization

    results = SearchResults(query=query)
    if not fold(query):
        return results
    sections = {
        "organizations": (
            Organization.objects.active().select_related("parent") if user.is_authenticated else Organization.objects.none(),
            "name",
        ),
        "people": (org_access.visible_people(user).active().select_related("organization"), "full_name"),
        # Up to 500 candidates a section are ranked in Python: leave the long texts in the table.
        "agreements": (agreement_access.visible_agreements(user).active().defer("legal_bases", "purpose", "search_text"), "title"),
        "events": (event_access.visible_events(user).active().select_related("host"), "title"),
    }
    for name, (qs, label) in sections.items():
        items, count = _section(qs, query, label)
        setattr(results, name, items)
        results.counts[name] = count
    return results


def home_overview(*, user: Any) -> dict[str, Any]:
    """What a user sees on arrival: their organisations and the agreements in force (the
    conferences come from the work list). Both counts in one pass over the visible agreements."""
    from phoihop.agreements.models import Agreement
    from phoihop.agreements.selectors import agreement_list

    in_force = agreement_list(user=user, filters={"status": Agreement.Status.IN_FORCE})
    counts = agreement_access.visible_agreements(user).active().aggregate(
        total=Count("pk"), in_force=Count("pk", filter=Q(status=Agreement.Status.IN_FORCE))
    )
    return {
        "in_force": in_force[:10],
        "in_force_count": counts["in_force"],
        "agreement_count": counts["total"],
        "can_create": agreement_access.can_create_agreement(user),
    }
