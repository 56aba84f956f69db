"""The portal's reads: the global search over what each app lets it find, and the home page's
overview. Business rules stay in the apps; the portal only puts their answers side by side."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Count, Model, Q, QuerySet

from phoihop.agreements import access
from phoihop.agreements.models import Agreement
from phoihop.agreements.search import AGREEMENTS
from phoihop.agreements.selectors import agreement_list
from phoihop.core.selectors import Searchable, search_section
from phoihop.events.search import EVENTS
from phoihop.orgs.search import ORGANIZATIONS, PEOPLE
from phoihop.vn.text import fold

if TYPE_CHECKING:
    from phoihop.core.access import AnyUser

# What the global search finds, in the order the page shows it.
SEARCHED: tuple[Searchable, ...] = (AGREEMENTS, EVENTS, ORGANIZATIONS, PEOPLE)


@dataclass
class SearchSection:
    searchable: Searchable
    items: list[Model]
    count: int

    @property
    def more(self) -> bool:
        return self.count > len(self.items)


@dataclass
class SearchResults:
    query: str
    sections: list[SearchSection] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def __getattr__(self, key: str) -> list[Model]:
        """A section's rows by its key: ``results.agreements``."""
        # Read from __dict__: a dataclass being built has no sections yet to look through.
        sections: list[SearchSection] = self.__dict__.get("sections", [])
        for section in sections:
            if section.searchable.key == key:
                return section.items
        raise AttributeError(key)


def search(*, user: AnyUser, query: str) -> SearchResults:
    results = SearchResults(query=query)
    searching = bool(fold(query))
    for searchable in SEARCHED:
        items: list[Model] = []
        count = 0
        if searching:
            items, count = search_section(searchable.records(user), query, searchable.label)
            results.counts[searchable.key] = count
        results.sections.append(SearchSection(searchable, items, count))
    return results


@dataclass(frozen=True)
class HomeOverview:
    in_force: QuerySet[Agreement]  # the first ten
    in_force_count: int
    agreement_count: int
    can_create: bool


def home_overview(*, user: AnyUser) -> HomeOverview:
    """What a user sees on arrival: their organisations and the agreements in force (the
    conferences come from the work list). Both counts in one pass over the visible agreements."""
    in_force = agreement_list(user=user, filters={"status": Agreement.Status.IN_FORCE})
    counts = (
        access.visible_agreements(user)
        .active()
        .aggregate(
            total=Count("pk"), in_force=Count("pk", filter=Q(status=Agreement.Status.IN_FORCE))
        )
    )
    return HomeOverview(
        in_force=in_force[:10],
        in_force_count=counts["in_force"],
        agreement_count=counts["total"],
        can_create=access.can_create_agreement(user),
    )
