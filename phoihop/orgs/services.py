"""Writes to the registry: organisations, successions and people."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.core import versioning
from phoihop.orgs import access
from phoihop.orgs.localities import commune_province, provinces
from phoihop.orgs.models import Organization, Person, PersonTitle, Succession
from phoihop.orgs.tree import organization_paths_rebuild as organization_paths_rebuild  # re-export
from phoihop.orgs.tree import path_ids
from phoihop.vn.text import clean, fold

if TYPE_CHECKING:
    from django.contrib.auth.models import User

ORGANIZATION_FIELDS = (
    "name",
    "short_name",
    "symbol",
    "kind",
    "level",
    "parent",
    "province_code",
    "commune_code",
    "locality_text",
    "valid_from",
    "valid_to",
    "notes",
)


def _check_organization(org: Organization) -> None:
    errors: dict[str, str] = {}
    if org.province_code is not None and org.province_code not in provinces():
        errors["province_code"] = _("Mã tỉnh, thành phố không có trong danh mục 34 tỉnh, thành phố.")
    if org.commune_code is not None:
        province = commune_province(org.commune_code)
        if province is None:
            errors["commune_code"] = _("Mã xã, phường không có trong danh mục đơn vị hành chính.")
        elif org.province_code is not None and province != org.province_code:
            errors["commune_code"] = _("Xã, phường này không thuộc tỉnh, thành phố đã chọn.")
        else:
            org.province_code = province
    # A unit that ended before the 2025 reorganisation keeps its locality as text.
    if org.valid_to and org.valid_to < datetime.date(2025, 7, 1) and (org.province_code or org.commune_code):
        errors["province_code"] = _(
            "Đơn vị kết thúc hoạt động trước 01/07/2025 ghi địa bàn theo tên cũ, không chọn theo danh mục mới."
        )
    if org.valid_from and org.valid_to and org.valid_to < org.valid_from:
        errors["valid_to"] = _("Ngày kết thúc hoạt động phải sau ngày bắt đầu.")
    # A cycle: the new superior body is the organisation itself or below it (its path says so;
    # save() checks again on the locked rows).
    parent = org.parent
    if org.pk is not None and parent is not None and (
        parent.pk == org.pk or org.pk in path_ids(parent.path)
    ):
        errors["parent"] = _("Cơ quan cấp trên không thể là chính nó hoặc đơn vị cấp dưới của nó.")
    if errors:
        raise ValidationError(errors)


def _apply(org: Organization, fields: Mapping[str, object]) -> None:
    unknown = set(fields) - set(ORGANIZATION_FIELDS)
    if unknown:
        raise TypeError(f"unknown organisation fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(org, name, clean(value) if isinstance(value, str) and name != "notes" else value)
    if not org.name:
        raise ValidationError({"name": _("Cần nhập tên cơ quan, đơn vị.")})


def organization_create(*, actor: User, fields: Mapping[str, object]) -> Organization:
    if not access.can_manage_registry(actor):
        raise PermissionDenied
    org = Organization()
    _apply(org, fields)
    _check_organization(org)
    org.full_clean(exclude=["parent"])
    org.save()
    return org


def organization_update(
    *, actor: User, organization: Organization, fields: Mapping[str, object], expected_version: int | None = None
) -> Organization:
    """Change an organisation; a new superior body moves its whole subtree (save() rewrites the
    paths below it in one statement, in the same transaction). ``expected_version`` is the
    version the edit form was opened at."""
    if not access.can_manage_registry(actor):
        raise PermissionDenied
    _apply(organization, fields)
    _check_organization(organization)
    organization.full_clean(exclude=["parent"])
    with transaction.atomic():
        versioning.claim(organization, expected_version, edited=fields)
        organization.save()
    return organization


def organization_archive(*, actor: User, organization: Organization) -> Organization:
    if not access.can_manage_registry(actor):
        raise PermissionDenied
    if organization.children.active().exists():
        raise ValidationError(_("Còn đơn vị cấp dưới đang hoạt động; chuyển hoặc lưu trữ chúng trước."))
    organization.archive()
    return organization


def organization_restore(*, actor: User, organization: Organization) -> Organization:
    """Bring an archived organisation back into the registry."""
    if not access.can_manage_registry(actor):
        raise PermissionDenied
    if organization.parent is not None and organization.parent.is_archived:
        raise ValidationError(
            _("Cơ quan cấp trên đang được lưu trữ; khôi phục cơ quan cấp trên trước.")
        )
    organization.restore()
    return organization


def succession_record(
    *,
    actor: User,
    kind: str,
    effective_date: datetime.date,
    predecessors: Sequence[Organization],
    successors: Sequence[Organization] = (),
    decided_on: datetime.date | None = None,
    decision_number: str = "",
    decision_issuer: str = "",
    decision_title: str = "",
    note: str = "",
) -> Succession:
    """Record a change; predecessors that end with it get their validity closed the day before."""
    if not access.can_manage_registry(actor):
        raise PermissionDenied
    if not predecessors:
        raise ValidationError({"predecessors": _("Chọn ít nhất một đơn vị trước.")})
    if kind != Succession.Kind.DISSOLVE and not successors:
        raise ValidationError({"successors": _("Chọn đơn vị kế thừa (trừ trường hợp giải thể).")})
    if {p.pk for p in predecessors} & {s.pk for s in successors} and kind not in (
        Succession.Kind.SPLIT,
        Succession.Kind.ABSORB,
    ):
        raise ValidationError(_("Một đơn vị không thể vừa là đơn vị trước vừa là đơn vị kế thừa."))
    if decided_on and decided_on > effective_date:
        raise ValidationError({"decided_on": _("Ngày quyết định không thể sau ngày có hiệu lực.")})
    with transaction.atomic():
        succession = Succession.objects.create(
            kind=kind,
            effective_date=effective_date,
            decided_on=decided_on,
            decision_number=clean(decision_number),
            decision_issuer=clean(decision_issuer),
            decision_title=clean(decision_title),
            note=note.strip(),
        )
        succession.predecessors.set(predecessors)
        succession.successors.set(successors)
        ended = predecessors if kind != Succession.Kind.SPLIT else [
            p for p in predecessors if p.pk not in {s.pk for s in successors}
        ]
        survivors = {s.pk for s in successors}
        for org in ended:
            if kind == Succession.Kind.ABSORB and org.pk in survivors:
                continue
            if org.valid_to is None or org.valid_to >= effective_date:
                org.valid_to = effective_date - datetime.timedelta(days=1)
                org.save(update_fields=["valid_to", "updated_at"])
    return succession


def person_for_signatory(
    *,
    actor: User,
    full_name: str,
    organization: Organization,
    rank: str,
    position: str,
    on: datetime.date | None,
) -> Person:
    """The official who signed, found by name in the organisation or recorded now, with the
    title they held that day."""
    full_name = clean(full_name)
    key = fold(full_name)
    person = next(
        (p for p in Person.objects.filter(organization=organization) if fold(p.full_name) == key),
        None,
    )
    if person is None:
        person = Person.objects.create(
            full_name=full_name, organization=organization, rank=clean(rank),
            position=clean(position), created_by=actor,
        )
    title_held = person.titles.filter(valid_from=on, position=clean(position)).exists()
    if position and not title_held:
        PersonTitle.objects.create(
            person=person, organization=organization, rank=clean(rank),
            position=clean(position), valid_from=on,
        )
        latest = person.title_on(None)
        if latest is not None and (person.position, person.rank) != (latest.position, latest.rank):
            person.position, person.rank = latest.position, latest.rank
            person.save(update_fields=["position", "rank", "updated_at"])
    return person


def person_create(
    *, actor: User, full_name: str, organization: Organization | None, rank: str = "",
    position: str = "", since: datetime.date | None = None,
) -> Person:
    if not access.scope(actor).can_write_for(organization.pk if organization else None):
        raise PermissionDenied
    full_name = clean(full_name)
    if not full_name:
        raise ValidationError({"full_name": _("Cần nhập họ và tên.")})
    with transaction.atomic():
        person = Person.objects.create(
            full_name=full_name, organization=organization, rank=clean(rank),
            position=clean(position), created_by=actor,
        )
        if position:
            PersonTitle.objects.create(
                person=person, organization=organization, rank=clean(rank),
                position=clean(position), valid_from=since,
            )
    return person


def person_title_add(
    *, actor: User, person: Person, position: str, rank: str = "", since: datetime.date | None = None,
    organization: Organization | None = None,
) -> PersonTitle:
    """Record a title the person held from ``since`` (an earlier one, brought in from the unit's
    records, or a new one); the person's current rank and position follow the latest title."""
    if not access.can_edit_person(actor, person):
        raise PermissionDenied
    rank, position = clean(rank), clean(position)
    if not position:
        raise ValidationError({"position": _("Cần nhập chức vụ.")})
    with transaction.atomic():
        title = PersonTitle.objects.create(
            person=person, organization=organization or person.organization, rank=rank,
            position=position, valid_from=since,
        )
        latest = person.title_on(None)
        if latest is not None and (person.position, person.rank) != (latest.position, latest.rank):
            person.position, person.rank = latest.position, latest.rank
            person.save(update_fields=["position", "rank", "updated_at"])
    return title


def person_update(
    *, actor: User, person: Person, full_name: str, organization: Organization | None,
    rank: str = "", position: str = "", since: datetime.date | None = None,
    expected_version: int | None = None,
) -> Person:
    """Change a person's record; a new rank or position opens a new title from ``since``.

    ``expected_version`` is the version the edit form was opened at."""
    if not access.can_edit_person(actor, person):
        raise PermissionDenied
    if organization is not None and not access.scope(actor).can_write_for(organization.pk):
        raise PermissionDenied
    full_name = clean(full_name)
    if not full_name:
        raise ValidationError({"full_name": _("Cần nhập họ và tên.")})
    rank, position = clean(rank), clean(position)
    with transaction.atomic():
        versioning.claim(person, expected_version, edited=["full_name", "organization", "rank", "position"])
        title_changed = (rank, position, organization) != (person.rank, person.position, person.organization)
        person.full_name, person.organization = full_name, organization
        person.rank, person.position = rank, position
        person.save()
        if title_changed and position:
            PersonTitle.objects.create(
                person=person, organization=organization, rank=rank, position=position,
                valid_from=since or timezone.localdate(),
            )
    return person


def person_archive(*, actor: User, person: Person) -> Person:
    if not access.can_edit_person(actor, person):
        raise PermissionDenied
    person.archive()
    return person


def person_restore(*, actor: User, person: Person) -> Person:
    if not access.can_edit_person(actor, person):
        raise PermissionDenied
    person.restore()
    return person
