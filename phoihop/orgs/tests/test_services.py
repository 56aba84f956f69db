from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from phoihop.orgs.services import (
    organization_archive,
    organization_restore,
    person_archive,
    person_create,
    person_restore,
)

pytestmark = pytest.mark.django_db


def test_it_restores_an_archived_organisation(users, orgs):
    organization_archive(actor=users["staff"], organization=orgs["ward"])
    organization_restore(actor=users["staff"], organization=orgs["ward"])
    orgs["ward"].refresh_from_db()
    assert not orgs["ward"].is_archived


def test_it_restores_a_unit_only_after_its_superior_body(users, orgs):
    organization_archive(actor=users["staff"], organization=orgs["ward"])
    organization_archive(actor=users["staff"], organization=orgs["district"])
    with pytest.raises(ValidationError, match="khôi phục cơ quan cấp trên trước"):
        organization_restore(actor=users["staff"], organization=orgs["ward"])
    organization_restore(actor=users["staff"], organization=orgs["district"])
    organization_restore(actor=users["staff"], organization=orgs["ward"])
    orgs["ward"].refresh_from_db()
    assert not orgs["ward"].is_archived


def test_it_lets_only_staff_restore_organisations(users, orgs):
    organization_archive(actor=users["staff"], organization=orgs["ward"])
    with pytest.raises(PermissionDenied):
        organization_restore(actor=users["alice"], organization=orgs["ward"])


def test_it_restores_a_person_for_officers_of_their_organisation_only(users, orgs):
    person = person_create(
        actor=users["alice"], full_name="Lê Văn Cường", organization=orgs["district"]
    )
    person_archive(actor=users["alice"], person=person)
    with pytest.raises(PermissionDenied):
        person_restore(actor=users["bob"], person=person)
    person_restore(actor=users["alice"], person=person)
    person.refresh_from_db()
    assert not person.is_archived


def test_it_adds_an_earlier_or_later_title_and_keeps_the_latest_current(users, orgs):
    import datetime

    from phoihop.orgs.services import person_create, person_title_add

    person = person_create(actor=users["alice"], full_name="Lý Văn Tâm", organization=orgs["district"], rank="Thiếu tá", position="Trợ lý", since=datetime.date(2022, 1, 1))
    person_title_add(actor=users["alice"], person=person, position="Nhân viên", since=datetime.date(2019, 1, 1))
    person.refresh_from_db()
    assert person.position == "Trợ lý"
    person_title_add(actor=users["alice"], person=person, rank="Trung tá", position="Chỉ huy phó", since=datetime.date(2024, 1, 1))
    person.refresh_from_db()
    assert (person.rank, person.position) == ("Trung tá", "Chỉ huy phó")
    assert person.titles.count() == 3
    with pytest.raises(PermissionDenied):
        person_title_add(actor=users["coop_officer"], person=person, position="Trưởng ban")
    with pytest.raises(ValidationError):
        person_title_add(actor=users["alice"], person=person, position="  ")
