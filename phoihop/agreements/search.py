"""How the global search finds and shows agreements."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy

from phoihop.agreements import access
from phoihop.core.selectors import Searchable

if TYPE_CHECKING:
    from phoihop.agreements.models import Agreement
    from phoihop.core.access import AnyUser


def _records(user: AnyUser) -> QuerySet[Agreement]:
    # Up to 500 candidates a section are ranked in Python: leave the long texts in the table.
    return access.visible_agreements(user).active().defer("legal_bases", "purpose", "search_text")


AGREEMENTS = Searchable(
    key="agreements",
    title=gettext_lazy("Văn bản phối hợp"),
    records=_records,
    label="title",
    template="agreements/search.html#result",
    list_url="agreements:list",
)
