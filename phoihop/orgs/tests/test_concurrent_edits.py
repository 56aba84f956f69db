"""Two people editing the same organisation or official: the later save is refused, not lost."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from phoihop.orgs.models import Organization, Person
from phoihop.orgs.services import person_create
from phoihop.testing.edits import check_concurrent_edit

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _org_data(org: Organization, **overrides: Any) -> dict[str, Any]:
    data = {
        "name": org.name, "short_name": org.short_name, "symbol": org.symbol, "kind": org.kind,
        "level": org.level, "parent": str(org.parent_id or ""), "province_code": "", "commune_code": "",
        "locality_text": org.locality_text, "valid_from": "", "valid_to": "", "notes": org.notes,
    }
    return data | overrides


def test_it_refuses_the_second_of_two_organisation_edits(users: dict[str, Any], orgs: dict[str, Any], django_user_model: Any) -> None:
    board = orgs["board"]
    other_staff = django_user_model.objects.create_user(username="staff2", password="matkhau-123", is_staff=True)

    def first_kept() -> None:
        assert Organization.objects.get(pk=board.pk).name == "Ban Tuyên giáo và Dân vận Quận ủy Quận 4"

    check_concurrent_edit(
        _client(users["staff"]),
        _client(other_staff),
        reverse("orgs:edit", args=[board.pk]),
        first_data=_org_data(board, name="Ban Tuyên giáo và Dân vận Quận ủy Quận 4"),
        second_data=_org_data(board, notes="Ghi chú người thứ hai gõ"),
        first_kept=first_kept,
        second_typed="Ghi chú người thứ hai gõ",
        changed_shown="«Ban Tuyên giáo và Dân vận Quận ủy Quận 4»",
    )
    saved = Organization.objects.get(pk=board.pk)
    assert saved.notes == "Ghi chú người thứ hai gõ" and saved.version == 3


def test_it_refuses_the_second_of_two_person_edits(users: dict[str, Any], orgs: dict[str, Any]) -> None:
    person = person_create(actor=users["alice"], full_name="Lê Văn Cường", organization=orgs["district"], position="Trợ lý")
    data = {"full_name": "Lê Văn Cường", "organization": str(orgs["district"].pk), "rank": "", "position": "Trợ lý", "since": ""}

    def first_kept() -> None:
        assert Person.objects.get(pk=person.pk).position == "Chỉ huy trưởng"

    check_concurrent_edit(
        _client(users["leader"]),
        _client(users["alice"]),
        reverse("orgs:person_edit", args=[person.pk]),
        first_data=data | {"position": "Chỉ huy trưởng"},
        second_data=data | {"rank": "Đại úy"},
        first_kept=first_kept,
        second_typed="Đại úy",
        changed_shown="Chức vụ: «Chỉ huy trưởng»",
    )
    assert Person.objects.get(pk=person.pk).rank == "Đại úy"
