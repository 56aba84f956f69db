"""Every write to conferences and other events: one function per use case, checked and atomic."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict, cast

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from phoihop.agreements import access as agreement_access
from phoihop.agreements.models import Agreement, Party
from phoihop.core import versioning
from phoihop.core.db import union_of
from phoihop.events import access
from phoihop.events.models import Attendee, Event, EventReach
from phoihop.notifications import services as notifications
from phoihop.notifications.access import members_to_tell
from phoihop.notifications.models import Kind
from phoihop.orgs import access as org_access
from phoihop.orgs.models import Organization, Person
from phoihop.orgs.services import person_for_signatory
from phoihop.vn.dates import format_short
from phoihop.vn.text import clean

if TYPE_CHECKING:
    from django.contrib.auth.models import User

EVENT_FIELDS = (
    "kind",
    "title",
    "date",
    "time_of_day",
    "place",
    "host",
    "summary",
    "minutes",
    "source",
)
FIRST_YEAR, LAST_YEAR = 1945, 2100


class EventFields(TypedDict):
    """An event's own fields (``EVENT_FIELDS``), checked and cleaned."""

    kind: str
    title: str
    date: datetime.date
    time_of_day: str
    place: str
    host: Organization
    summary: str
    minutes: str
    source: str


@dataclass
class AttendeeInput:
    """An official at the event, with the rank and position they held that day."""

    full_name: str
    rank: str = ""
    position: str = ""
    organization: Organization | None = None
    person: Person | None = None
    pk: int | None = None


def _clean_fields(fields: Mapping[str, object]) -> EventFields:
    unknown = set(fields) - set(EVENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown event fields: {sorted(unknown)}")
    data = dict(fields)
    for name in ("title", "time_of_day", "place", "source"):
        data[name] = clean(str(data.get(name) or ""))
    for name in ("summary", "minutes"):
        data[name] = str(data.get(name) or "").strip()
    errors: dict[str, list[str]] = {}
    if data.get("kind") not in Event.Kind.values:
        errors.setdefault("kind", []).append(_("Chọn loại hội nghị, sự kiện."))
    if not data["title"]:
        errors.setdefault("title", []).append(_("Cần nhập tên hội nghị, sự kiện."))
    day = data.get("date")
    if not isinstance(day, datetime.date):
        errors.setdefault("date", []).append(_("Cần nhập ngày tổ chức."))
    elif not FIRST_YEAR <= day.year <= LAST_YEAR:
        errors.setdefault("date", []).append(
            _("Năm tổ chức phải trong khoảng %(first)s–%(last)s.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR}
        )
    if not isinstance(data.get("host"), Organization):
        errors.setdefault("host", []).append(_("Chọn đơn vị chủ trì."))
    if errors:
        raise ValidationError(errors)
    # Every name is there now, its value of the type checked above (the kind among the choices).
    return cast(EventFields, data)


def _check_host(actor: User, host: Organization, event: Event | None) -> None:
    if event is not None and host.pk == event.host_id:
        return
    if not org_access.scope(actor).can_write_for(host.pk):
        raise ValidationError(
            {
                "host": _(
                    "Bạn chỉ ghi được hội nghị do cơ quan mà bạn là cán bộ thực hiện, lãnh đạo hoặc quản trị chủ trì."
                )
            }
        )
    if host.is_archived:
        raise ValidationError({"host": _("Đơn vị chủ trì đã bị lưu trữ khỏi danh mục.")})


def _agreement_ids(actor: User, agreements: Sequence[Agreement], event: Event | None) -> set[int]:
    """The agreements to link: each must be one the actor sees; links the actor cannot see stay."""
    wanted = {a.pk for a in agreements}
    already = set(event.agreements.values_list("pk", flat=True)) if event is not None else set()
    visible = set(
        agreement_access.visible_agreements(actor)
        .filter(pk__in=wanted | already)
        .values_list("pk", flat=True)
    )
    if wanted - visible - already:
        raise ValidationError(
            {"agreements": _("Có văn bản được chọn không tồn tại hoặc bạn không có quyền xem.")}
        )
    # Someone with wider sight linked these; an editor who cannot see them must not drop them.
    hidden = already - visible
    return wanted | hidden


def _check_attendees(actor: User, attendees: Sequence[AttendeeInput]) -> None:
    named = [a for a in attendees if a.person is not None]
    if named:
        ids = {a.person.pk for a in named if a.person is not None}
        if org_access.visible_people(actor).filter(pk__in=ids).count() != len(ids):
            raise ValidationError(
                {"__all__": _("Không tìm thấy cán bộ được chọn trong danh sách người dự.")}
            )
    for index, row in enumerate(attendees, start=1):
        if not clean(row.full_name):
            raise ValidationError(
                {"__all__": _("Người dự thứ %(n)s chưa có họ và tên.") % {"n": index}}
            )


def _save_attendees(
    actor: User, event: Event, attendees: Sequence[AttendeeInput], date_changed: bool
) -> None:
    existing = {a.pk: a for a in event.attendees.all()}
    kept: set[int] = set()
    for order, data in enumerate(attendees):
        attendee = existing.get(data.pk) if data.pk is not None else None
        if attendee is None or attendee.pk in kept:
            attendee = Attendee(event=event)
        full_name, rank, position = clean(data.full_name), clean(data.rank), clean(data.position)
        changed = (
            attendee.pk is None
            or date_changed
            or (attendee.full_name, attendee.rank, attendee.position, attendee.organization_id)
            != (full_name, rank, position, data.organization.pk if data.organization else None)
        )
        attendee.full_name, attendee.rank, attendee.position = full_name, rank, position
        attendee.organization = data.organization
        attendee.order = order
        if data.person is not None:
            attendee.person = data.person
        elif data.organization is None:
            attendee.person = None
        elif changed or attendee.person_id is None:
            # Found by name in the organisation or recorded now, with the title held that day.
            attendee.person = person_for_signatory(
                actor=actor,
                full_name=full_name,
                organization=data.organization,
                rank=rank,
                position=position,
                on=event.date,
            )
        attendee.save()
        kept.add(attendee.pk)
    for pk, attendee in existing.items():
        if pk not in kept:
            attendee.delete()  # the historical table keeps the removed row


def _save(
    *,
    actor: User,
    event: Event,
    data: EventFields,
    organizations: Sequence[Organization],
    agreement_ids: set[int],
    attendees: Sequence[AttendeeInput],
) -> Event:
    date_changed = event.pk is not None and event.date != data["date"]
    for name, value in data.items():
        setattr(event, name, value)
    event.full_clean(exclude=["host", "created_by", "organizations", "agreements"])
    event.save()
    event.organizations.set([o.pk for o in organizations])
    event.agreements.set(agreement_ids)
    _save_attendees(actor, event, attendees, date_changed)
    event_invited_notify(event=event, actor=actor)
    return event


def event_create(
    *,
    actor: User,
    fields: Mapping[str, object],
    organizations: Sequence[Organization] = (),
    agreements: Sequence[Agreement] = (),
    attendees: Sequence[AttendeeInput] = (),
) -> Event:
    if not access.can_create_event(actor):
        raise PermissionDenied
    data = _clean_fields(fields)
    _check_host(actor, data["host"], None)
    agreement_ids = _agreement_ids(actor, agreements, None)
    _check_attendees(actor, attendees)
    with transaction.atomic():
        event = Event(created_by=actor)
        return _save(
            actor=actor,
            event=event,
            data=data,
            organizations=organizations,
            agreement_ids=agreement_ids,
            attendees=attendees,
        )


def event_update(
    *,
    actor: User,
    event: Event,
    fields: Mapping[str, object],
    organizations: Sequence[Organization],
    agreements: Sequence[Agreement],
    attendees: Sequence[AttendeeInput],
    expected_version: int | None = None,
) -> Event:
    """Change the event with its attendees, from its version ``expected_version``."""
    if not access.can_edit_event(actor, event):
        raise PermissionDenied
    if event.is_archived:
        raise ValidationError(_("Hội nghị đã được lưu trữ; khôi phục trước khi sửa."))
    data = _clean_fields(fields)
    _check_host(actor, data["host"], event)
    agreement_ids = _agreement_ids(actor, agreements, event)
    _check_attendees(actor, attendees)
    with transaction.atomic():
        versioning.claim(event, expected_version, edited=data)
        return _save(
            actor=actor,
            event=event,
            data=data,
            organizations=organizations,
            agreement_ids=agreement_ids,
            attendees=attendees,
        )


def event_archive(*, actor: User, event: Event) -> Event:
    if not access.can_edit_event(actor, event):
        raise PermissionDenied
    if not event.is_archived:
        event.archive()
    return event


def event_restore(*, actor: User, event: Event) -> Event:
    if not access.can_edit_event(actor, event):
        raise PermissionDenied
    if event.is_archived:
        event.restore()
    return event


# --- who sees it ----------------------------------------------------------------------------------


def event_reach_refresh(*, event_ids: Iterable[int]) -> None:
    """Write again the organisations through which these events are seen (``EventReach``). The
    signals in ``signals.py`` call it in the transaction of the change it follows."""
    ids = sorted(set(event_ids))
    if not ids:
        return
    with transaction.atomic():
        # Two changes touching one event at once (its edit, a party of its agreement) refresh
        # it one after the other, the second reading what the first wrote: without the lock,
        # each kept the rows it found and a body just removed could stay among them.
        list(Event.objects.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk", flat=True))
        _write_reach(ids)


def _write_reach(ids: list[int]) -> None:
    EventReach.objects.filter(event_id__in=ids).delete()
    reached = union_of(
        Event.objects.filter(pk__in=ids).values_list("pk", "host_id"),
        Event.organizations.through.objects.filter(event_id__in=ids).values_list("event_id", "organization_id"),
        Event.agreements.through.objects.filter(event_id__in=ids).values_list(
            "event_id", "agreement__parties__organization_id"
        ),
    )
    EventReach.objects.bulk_create(
        [EventReach(event_id=event, organization_id=org) for event, org in reached if org is not None]
    )


def event_reach_rebuild() -> int:
    """Every event's reach written afresh, in one statement (after bulk loading, which sends no
    signals); returns the number of rows."""
    reach, event = EventReach._meta.db_table, Event._meta.db_table
    bodies = Event.organizations.through._meta.db_table
    links = Event.agreements.through._meta.db_table
    party = Party._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {reach}")  # noqa: S608 (table names from the models)
        cursor.execute(
            f"INSERT INTO {reach} (event_id, organization_id) "  # noqa: S608
            f"SELECT id, host_id FROM {event} "
            f"UNION SELECT event_id, organization_id FROM {bodies} "
            f"UNION SELECT l.event_id, p.organization_id FROM {links} l JOIN {party} p ON p.agreement_id = l.agreement_id"
        )
        return int(cursor.rowcount)


# --- who is told ---------------------------------------------------------------------------------


def event_invited_notify(*, event: Event, actor: User) -> int:
    """Tell the members of the organisations taking part in a coming event, other than its host,
    that they are expected; a new date tells them again."""
    if event.date < timezone.localdate():
        return 0  # an event recorded after it was held invites nobody
    org_ids = {o.pk for o in event.organizations.all()} - {event.host_id}
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Mời dự %(kind)s ngày %(date)s: %(title)s") % {
            "kind": str(event.get_kind_display()).lower(),
            "date": format_short(event.date),
            "title": event.title,
        }
        host = event.host
        body = _("Đơn vị chủ trì: %(host)s.") % {"host": host.short_name or host.name}
        if event.place:
            body += " " + _("Địa điểm: %(place)s.") % {"place": event.place}
    return notifications.notify(
        users=members_to_tell(org_ids, actor=actor),
        kind=Kind.EVENT_INVITED,
        title=title,
        body=body,
        url=reverse("events:detail", args=[event.pk]),
        key=f"event-invited:{event.pk}:{event.date.isoformat()}",
        obj=event,
    )
