"""Names are stored with their whitespace normalised, whatever wrote them.

A name typed with two spaces, a leading space or a non-breaking space pasted from a Word file
looks the same on the page but sorts differently ("Xã  Phú Hữu" before every "Xã A…") and is
not found by an exact comparison. The services clean what users type; this is the one place that
holds for every other writer too (admin, demo loading, imports): a ``pre_save`` receiver
(connected in ``CoreConfig.ready``) applies ``phoihop.vn.text.clean_name`` to the fields listed
in NAME_FIELDS. The data migration core 0005 applies the same function to the rows stored before.
``bulk_create`` and ``update()`` send no signal: bulk writers clean their names themselves.
"""

from __future__ import annotations

from typing import Any

from phoihop.vn.text import clean_name

# model label -> the one-line name fields of that model.
NAME_FIELDS: dict[str, tuple[str, ...]] = {
    "orgs.Organization": ("name", "short_name", "symbol"),
    "orgs.Person": ("full_name", "rank", "position"),
    "agreements.Agreement": ("title", "number_symbol"),
    "reviews.Movement": ("name", "organizer_text"),
    "reviews.Commendation": ("person_name", "person_title", "authority"),
}


def normalize_names(instance: Any, fields: tuple[str, ...]) -> list[str]:
    """Clean ``fields`` of ``instance`` in place; return the names of the fields that changed."""
    changed = []
    for name in fields:
        value = instance.__dict__.get(name)  # a deferred field is not loaded for this
        if isinstance(value, str):
            cleaned = clean_name(value)
            if cleaned != value:
                setattr(instance, name, cleaned)
                changed.append(name)
    return changed


def normalize_on_save(sender: Any, instance: Any, raw: bool = False, update_fields: Any = None, **kwargs: Any) -> None:
    fields = NAME_FIELDS.get(sender._meta.label)
    if not fields or raw:
        return
    if update_fields is not None:
        fields = tuple(f for f in fields if f in update_fields)
    normalize_names(instance, fields)


def normalize_stored_names(apps: Any, schema_editor: Any) -> None:
    """Clean the names already stored (for a data migration): only the rows that change are
    written, a thousand at a time, without touching their history or ``updated_at``."""
    for label, fields in NAME_FIELDS.items():
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        present = tuple(f for f in fields if any(field.name == f for field in model._meta.fields))
        batch: list[Any] = []
        for row in model._base_manager.only("pk", *present).order_by("pk").iterator(chunk_size=2000):
            if normalize_names(row, present):
                batch.append(row)
            if len(batch) >= 1000:
                model._base_manager.bulk_update(batch, present)
                batch = []
        if batch:
            model._base_manager.bulk_update(batch, present)
