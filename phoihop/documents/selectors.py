"""The check of the register's series: every number given once, in order, to one document."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models

from phoihop.documents.models import IssuedNumber, NumberCounter


@dataclass(frozen=True)
class SeriesProblem:
    """One fault in the register. ``kind`` is one of:

    - ``duplicate``: a number given more than once in a series;
    - ``gap``: numbers of a series never given, and no confirmed out-of-sequence entry after them;
    - ``document_twice``: a document with more than one live number;
    - ``orphan``: a live entry that points at no document (none recorded, or it is gone);
    - ``mismatch``: the document shows another number than its entry (``number_symbol``);
    - ``counter_behind``: the series' counter is below the highest number given.
    """

    kind: str
    issuer_id: int
    series: str
    numbers: tuple[int, ...]
    detail: str = ""


def series_integrity(*, issuer_ids: Iterable[int] | None = None) -> list[SeriesProblem]:
    """Check the whole register (or the series of ``issuer_ids``): an empty list when every
    series runs 01, 02, … without repeat or unconfirmed gap and every entry stands for one
    existing document that shows its number."""
    entries = IssuedNumber.objects.order_by("issuer_id", "series", "number", "id")
    counters = NumberCounter.objects.all()
    if issuer_ids is not None:
        ids = list(issuer_ids)
        entries, counters = entries.filter(issuer_id__in=ids), counters.filter(issuer_id__in=ids)
    rows = list(entries)
    problems: list[SeriesProblem] = []
    by_series: dict[tuple[int, str], list[IssuedNumber]] = defaultdict(list)
    for entry in rows:
        by_series[(entry.issuer_id, entry.series)].append(entry)
    for (issuer_id, series), series_entries in by_series.items():
        problems.extend(_series_problems(issuer_id, series, series_entries))
    for counter in counters:
        numbers = [e.number for e in by_series.get((counter.issuer_id, counter.series), [])]
        if numbers and counter.last_number < max(numbers):
            problems.append(SeriesProblem("counter_behind", counter.issuer_id, counter.series,
                                          (counter.last_number, max(numbers))))
    problems.extend(_record_problems([e for e in rows if not e.voided]))
    return problems


def _series_problems(issuer_id: int, series: str, entries: list[IssuedNumber]) -> list[SeriesProblem]:
    problems = []
    by_number: dict[int, list[IssuedNumber]] = defaultdict(list)
    for entry in entries:
        by_number[entry.number].append(entry)
    for number, same in by_number.items():
        if len(same) > 1:
            problems.append(SeriesProblem("duplicate", issuer_id, series, (number,),
                                          ", ".join(e.symbol for e in same)))
    missing: list[int] = []
    for number in range(1, max(by_number) + 1):
        if number not in by_number:
            missing.append(number)
            continue
        # A run of unused numbers is sound when the number after it was typed and confirmed.
        if missing and not any(e.out_of_sequence for e in by_number[number]):
            problems.append(SeriesProblem("gap", issuer_id, series, tuple(missing)))
        missing = []
    return problems


def _record_problems(live: list[IssuedNumber]) -> list[SeriesProblem]:
    problems = []
    per_document: dict[tuple[int, int, str], list[IssuedNumber]] = defaultdict(list)
    per_type: dict[int, set[int]] = defaultdict(set)
    for entry in live:
        if entry.content_type_id is None or entry.object_id is None:
            problems.append(SeriesProblem("orphan", entry.issuer_id, entry.series, (entry.number,),
                                          f"{entry.symbol}: no document recorded"))
            continue
        per_document[(entry.content_type_id, entry.object_id, entry.doc_type)].append(entry)
        per_type[entry.content_type_id].add(entry.object_id)
    documents: dict[tuple[int, int], models.Model] = {}
    for type_id, object_ids in per_type.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        found = model._default_manager.in_bulk(list(object_ids)) if model is not None else {}
        documents.update({(type_id, pk): obj for pk, obj in found.items()})
    for (type_id, object_id, _doc_type), same in per_document.items():
        first = same[0]
        if len(same) > 1:
            problems.append(SeriesProblem("document_twice", first.issuer_id, first.series,
                                          tuple(e.number for e in same), ", ".join(e.symbol for e in same)))
        document = documents.get((type_id, object_id))
        if document is None:
            problems.extend(SeriesProblem("orphan", e.issuer_id, e.series, (e.number,),
                                          f"{e.symbol}: document {type_id}/{object_id} is gone") for e in same)
            continue
        shown = getattr(document, "number_symbol", None)
        if shown is not None and len(same) == 1 and shown != first.symbol:
            problems.append(SeriesProblem("mismatch", first.issuer_id, first.series, (first.number,),
                                          f"{first.symbol} in the register, {shown or '—'} on {document}"))
    return problems
