"""ETags of single records, and the conditions on them.

A record's tag is ``"<version>.<last change in microseconds>"``: the version that every edit
form's save raises (core.versioning), and the time of the last change of any kind (submitting,
approving, archiving touch ``updated_at`` without an edit). ``If-None-Match`` with the current
tag answers 304; a write with ``If-Match`` claims the record at that version (the conditional
UPDATE that refuses the pages' stale edits) and is refused with 412 when the tag is not the
current one. A write without ``If-Match`` is not checked, as a form without a version is not.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.http import HttpRequest, HttpResponse

from phoihop.api.errors import ApiError
from phoihop.core import versioning


def etag_of(record: models.Model) -> str:
    version = getattr(record, versioning.VERSION_FIELD, 0)
    changed = getattr(record, "updated_at", None)
    stamp = int(changed.timestamp() * 1_000_000) if changed is not None else 0
    return f'"{version}.{stamp}"'


def etag_with(record: models.Model, rows: Iterable[Any]) -> str:
    """The tag of a record answered with rows of its own that change without touching it (an
    inspection's recommendations and their follow-up, a report's read receipts): a digest of
    what the rows show is part of the tag."""
    digest = hashlib.sha256(repr(list(rows)).encode()).hexdigest()[:16]
    return f'{etag_of(record)[:-1]}.{digest}"'


def _tags(header: str) -> list[str]:
    return [t.strip().removeprefix("W/") for t in header.split(",") if t.strip()]


def content_tag(data: Any) -> str:
    """The tag of an answer compiled from many records (a review with its figures): a digest of
    what it says, so it changes exactly when the answer does."""
    raw = json.dumps(data, sort_keys=True, cls=DjangoJSONEncoder, ensure_ascii=False)
    return f'"c.{hashlib.sha256(raw.encode()).hexdigest()[:32]}"'


def tag_matches(request: HttpRequest, tag: str) -> bool:
    """Whether the request's ``If-None-Match`` names ``tag`` (or ``*``)."""
    header = request.headers.get("If-None-Match")
    if not header:
        return False
    tags = _tags(header)
    return "*" in tags or tag in tags


def not_modified(request: HttpRequest, record: models.Model, *, tag: str | None = None) -> bool:
    """Whether ``If-None-Match`` names the record's current tag (``tag`` when the answer's tag
    is not the record's own, see ``etag_with``)."""
    return tag_matches(request, tag or etag_of(record))


def claim_if_match(request: HttpRequest, record: Any, *, tag: str | None = None) -> None:
    """Inside the write's transaction: take the record at the version its ``If-Match`` names,
    or refuse the write (412). Does nothing without the header. ``tag``: the record's tag as
    its answers give it, when that is not its own (``etag_with``)."""
    header = request.headers.get("If-Match")
    if not header:
        return
    tags = _tags(header)
    if "*" in tags:
        return
    current = tag or etag_of(record)
    if current not in tags:
        raise ApiError("precondition_failed")
    version = getattr(record, versioning.VERSION_FIELD)
    try:
        versioning.claim(record, version)
    except versioning.StaleEdit:  # changed between reading it and now
        raise ApiError("precondition_failed") from None
    # Another request may have touched it after our read without an edit (a submission).
    fresh = (
        type(record)._base_manager.filter(pk=record.pk).values_list("updated_at", flat=True).first()
    )
    if fresh != record.updated_at:
        raise ApiError("precondition_failed")


def tagged(request: HttpRequest, response: HttpResponse, body: Any) -> Any:
    """``body`` with its ``content_tag`` as the ETag, or 304 when ``If-None-Match`` names it: for
    a record whose answer shows more than its own row (a task's progress, which approving an
    activity moves without an edit of the task; the agreements of an event that the reader may
    open), so the tag changes exactly when the answer does, and differs between readers shown
    different things."""
    tag = content_tag(body)
    if tag_matches(request, tag):
        unchanged = HttpResponse(status=304)
        unchanged["ETag"] = tag
        return unchanged
    response["ETag"] = tag
    return body
