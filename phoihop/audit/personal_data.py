"""What is held about one official, exported in full, and anonymising an official who has left.

The export walks every relation to Person generically (foreign keys from any app), so records
added by later apps are included without changes here. Anonymising replaces the person's own
record and its history; what was signed or recorded as such (Party.signatory_name and the
signatory's title, Attendee.full_name) stays as it was on the document: the apps that keep
such names register them (``register_kept_as_signed``) for the anonymising page to list.
"""

from __future__ import annotations

import datetime
import decimal
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.audit.models import AuditEvent
from phoihop.audit.services import record
from phoihop.orgs.models import Person
from phoihop.vn.text import fold

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# Personal fields of Person and of its historical rows, and what they become.
PERSON_FIELDS = ("full_name", "rank", "position")


@dataclass(frozen=True)
class KeptNames:
    """A person's name as a signed or recorded document shows it, one row per document, from
    one app: anonymising never rewrites these."""

    rows: list[tuple[str, str]]  # (the name as it stands on the document, the document)
    none_text: str = ""  # said when there are no rows; nothing when empty


# The apps whose records keep names as signed (agreements' parties, events' attendees)
# register, in their AppConfig.ready, how to list them for the anonymising page.
KeptNamesSource = Callable[[Person], KeptNames]

_kept_as_signed: list[KeptNamesSource] = []


def register_kept_as_signed(source: KeptNamesSource) -> None:
    if source not in _kept_as_signed:
        _kept_as_signed.append(source)


def kept_as_signed(person: Person) -> list[KeptNames]:
    """What anonymising ``person`` leaves as it was signed, app by app."""
    return [source(person) for source in _kept_as_signed]


def anonymous_label(person: Person) -> str:
    return _("Cán bộ đã ẩn danh #%(id)s") % {"id": person.pk}


def is_anonymised(person: Person) -> bool:
    return person.full_name == anonymous_label(person) or AuditEvent.objects.filter(
        action=AuditEvent.Action.PERSON_ANONYMISE,
        object_type=Person._meta.label_lower,
        object_id=str(person.pk),
    ).exists()


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or ""
    return value


def _row(instance: models.Model) -> dict[str, Any]:
    """Every concrete field of a row, foreign keys as ids with the related row's name."""
    data: dict[str, Any] = {"_model": instance._meta.label_lower, "id": instance.pk}
    for f in instance._meta.concrete_fields:
        if f.name in ("search_text",):
            continue
        if isinstance(f, models.ForeignKey):
            data[f.attname] = getattr(instance, f.attname)
            continue
        value = getattr(instance, f.attname)
        if f.choices and value not in (None, ""):
            data[f"{f.name}_display"] = str(dict(f.flatchoices).get(value, value))
        data[f.name] = _plain(value)
    return data


def _history(model: type[models.Model], **lookup: Any) -> list[dict[str, Any]]:
    history = getattr(model, "history", None)
    if history is None:
        return []
    rows = []
    for h in history.filter(**lookup).order_by("history_date", "history_id"):
        item = _row(h)
        item["history_user_id"] = h.history_user_id
        rows.append(item)
    return rows


def export_person(*, actor: User, person: Person) -> dict[str, Any]:
    """Everything held about ``person``; the export itself is audited."""
    data: dict[str, Any] = {
        "exported_at": timezone.now().isoformat(),
        "person": _row(person),
        "organization": str(person.organization) if person.organization_id else None,
        "titles": [_row(t) for t in person.titles.select_related("organization").all()],
        "history": {"person": _history(Person, id=person.pk)},
        "related": {},
    }
    title_ids = list(person.titles.values_list("pk", flat=True))
    from phoihop.orgs.models import PersonTitle

    data["history"]["titles"] = _history(PersonTitle, id__in=title_ids)

    # A user account linked to the person, if a later model adds one (Person.user).
    user = getattr(person, "user", None) if any(f.name == "user" for f in Person._meta.fields) else None
    if user is not None:
        data["user"] = {
            "username": user.get_username(),
            "memberships": [
                {"organization": str(m.organization), "organization_id": m.organization_id, "role": m.role}
                for m in user.memberships.select_related("organization")
            ],
        }

    for rel in Person._meta.related_objects:
        model = rel.related_model
        # A reverse relation always points at a resolved model class, never the lazy "self".
        assert not isinstance(model, str)
        if model is PersonTitle or model._meta.app_label == "audit":
            continue
        if getattr(model, "_meta", None) is None or model.__name__.startswith("Historical"):
            continue
        if rel.many_to_many:
            linked = model._default_manager.filter(**{rel.field.name: person})
            key = f"{model._meta.label_lower}.{rel.field.name}"
            data["related"][key] = [_row(r) for r in linked]
            continue
        if not (rel.one_to_many or rel.one_to_one):
            continue
        rows = list(model._default_manager.filter(**{rel.field.name: person}))
        key = f"{model._meta.label_lower}.{rel.field.name}"
        items = []
        for r in rows:
            item = _row(r)
            item["_about"] = str(r)
            items.append(item)
        data["related"][key] = items
        data["history"][key] = _history(model, **{f"{rel.field.attname}": person.pk})
    record(
        AuditEvent.Action.PERSONAL_DATA_EXPORT,
        obj=person,
        actor=actor,
        organization=person.organization,
    )
    return data


@transaction.atomic
def anonymise_person(*, actor: User, person: Person) -> Person:
    """Replace the person's name and current title with a neutral label, in the record and in
    its history. Names as signed or recorded on documents stay."""
    from django.core.exceptions import PermissionDenied

    from phoihop.audit.access import can_handle_personal_data
    from phoihop.orgs.models import PersonTitle

    if not can_handle_personal_data(actor):
        raise PermissionDenied
    label = anonymous_label(person)
    person.full_name = label
    person.rank = ""
    person.position = ""
    if person.archived_at is None:
        person.archived_at = timezone.now()
    person.save()
    # Past versions of the person's own record: the name and titles they carried.
    Person.history.filter(id=person.pk).update(
        full_name=label, rank="", position="", search_text=fold(label)
    )
    # Titles over time: the positions stay (they are the organisation's), the ranks go.
    PersonTitle.objects.filter(person=person).update(rank="")
    PersonTitle.history.filter(person_id=person.pk).update(rank="")
    record(
        AuditEvent.Action.PERSON_ANONYMISE,
        obj=person,
        actor=actor,
        organization=person.organization,
        detail=label,
    )
    return person
