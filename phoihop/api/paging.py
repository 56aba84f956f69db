"""Keys and pages: a key in a path is a record only when the database can hold it, and a list
answers one bounded page (limit and offset, or the activities' cursors)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpResponse

from phoihop.api.etags import etag_of
from phoihop.core.paging import KeyedRows
from phoihop.core.views_util import int_or_none

MAX_KEY = 2**63 - 1


def key(pk: int) -> int:
    """``pk`` from a path; a number no key can be is a record that does not exist (404)."""
    if int_or_none(pk) is None or not 0 < pk <= MAX_KEY:
        raise Http404
    return pk


def offset_page(
    rows: QuerySet[Any] | KeyedRows[Any], *, limit: int, offset: int, out: Callable[[Any], dict[str, Any]]
) -> dict[str, Any]:
    """One page of ``rows``: the count and at most ``limit`` rows from ``offset``."""
    return {
        "count": rows.count(),
        "limit": limit,
        "offset": offset,
        "items": [out(r) for r in rows[offset : offset + limit]],
    }


def unchanged(record: Any, *, tag: str | None = None) -> HttpResponse:
    """The answer to an ``If-None-Match`` that names the current tag."""
    response = HttpResponse(status=304)
    response["ETag"] = tag or etag_of(record)
    return response


def form_data(filters: Any) -> dict[str, str]:
    """A list's validated query as its page's filter form reads a query string (a switch is
    ``1``), so the API and the page filter alike."""
    data: dict[str, str] = {}
    for name, value in filters.dict().items():
        if value is None or value == "" or value is False or name in ("limit", "offset"):
            continue
        data[name] = "1" if value is True else str(getattr(value, "value", value))
    return data
