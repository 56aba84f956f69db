"""Exporting what is held about an official, and anonymising one who has left."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from django.urls import reverse

from phoihop.audit.models import AuditEvent
from phoihop.orgs.models import Person, PersonTitle

A = AuditEvent.Action
FROM = {"REMOTE_ADDR": "198.51.100.4"}


@pytest.fixture
def signatory(agreement: Any, orgs: dict[str, Any]) -> Person:
    from phoihop.events.models import Attendee, Event

    person = agreement.parties.get(role="lead").signatory
    PersonTitle.objects.get_or_create(person=person, rank="Trung tá", position="Phó Chỉ huy trưởng", valid_from=datetime.date(2019, 1, 1))
    event = Event.objects.create(kind="signing", title="Hội nghị ký kết", date=datetime.date(2022, 9, 15), host=orgs["district"])
    Attendee.objects.create(event=event, person=person, full_name=person.full_name, rank="Thượng tá")
    person.rank = "Thượng tá"
    person.save()
    return person


def test_export_contains_everything_held(client: Any, users: dict[str, Any], signatory: Person, agreement: Any) -> None:
    client.force_login(users["staff"])
    response = client.get(reverse("audit:person_export", args=[signatory.pk]), **FROM)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content.decode())
    assert data["person"]["full_name"] == "Nguyễn Văn An"
    assert data["person"]["rank"] == "Thượng tá"
    assert {t["position"] for t in data["titles"]} >= {"Phó Chỉ huy trưởng"}
    parties = data["related"]["agreements.party.signatory"]
    assert [p["signatory_name"] for p in parties] == ["Nguyễn Văn An"]
    assert parties[0]["agreement_id"] == agreement.pk
    assert [a["full_name"] for a in data["related"]["events.attendee.person"]] == ["Nguyễn Văn An"]
    assert len(data["history"]["person"]) >= 2  # created, then the rank set
    assert data["history"]["agreements.party.signatory"]
    event = AuditEvent.objects.get(action=A.PERSONAL_DATA_EXPORT)
    assert event.actor == users["staff"] and event.ip_address == "198.51.100.4"
    assert event.object_id == str(signatory.pk)


def test_the_anonymise_page_lists_the_names_as_signed_and_as_recorded(
    client: Any, users: dict[str, Any], signatory: Person, agreement: Any, orgs: dict[str, Any]
) -> None:
    client.force_login(users["staff"])
    page = client.get(reverse("audit:person_anonymise", args=[signatory.pk])).content.decode()
    kept = page[page.index("Tên như đã ký, được giữ nguyên") :]
    assert f"Nguyễn Văn An · {agreement.title}" in kept  # the party, from agreements
    assert "Nguyễn Văn An · Hội nghị ký kết" in kept  # the attendance list, from events
    assert "Cán bộ này chưa ký văn bản nào." not in kept
    newcomer = Person.objects.create(full_name="Đỗ Thị Lan", organization=orgs["district"])
    page = client.get(reverse("audit:person_anonymise", args=[newcomer.pk])).content.decode()
    assert "Cán bộ này chưa ký văn bản nào." in page


def test_anonymise_keeps_the_names_as_signed(client: Any, users: dict[str, Any], signatory: Person, agreement: Any) -> None:
    from phoihop.events.models import Attendee

    client.force_login(users["staff"])
    url = reverse("audit:person_anonymise", args=[signatory.pk])
    page = client.get(url).content.decode()
    assert "Nguyễn Văn An" in page and "Ẩn danh" in page
    # Without the confirmation nothing happens.
    client.post(url, {}, **FROM)
    signatory.refresh_from_db()
    assert signatory.full_name == "Nguyễn Văn An"
    assert not AuditEvent.objects.filter(action=A.PERSON_ANONYMISE).exists()

    response = client.post(url, {"confirm": "on"}, **FROM)
    assert response.status_code == 302
    signatory.refresh_from_db()
    label = f"Cán bộ đã ẩn danh #{signatory.pk}"
    assert signatory.full_name == label and signatory.rank == "" and signatory.position == ""
    assert signatory.is_archived
    assert set(Person.history.filter(id=signatory.pk).values_list("full_name", flat=True)) == {label}
    assert set(PersonTitle.objects.filter(person=signatory).values_list("rank", flat=True)) == {""}
    assert "nguyen van an" not in signatory.search_text
    # The signed document and the attendance list keep the name as signed.
    party = agreement.parties.get(role="lead")
    assert party.signatory_name == "Nguyễn Văn An" and party.signatory_rank == "Thượng tá"
    assert Attendee.objects.get(person=signatory).full_name == "Nguyễn Văn An"
    body = client.get(reverse("agreements:detail", args=[agreement.pk])).content.decode()
    assert "Nguyễn Văn An" in body
    event = AuditEvent.objects.get(action=A.PERSON_ANONYMISE)
    assert event.actor == users["staff"] and event.ip_address == "198.51.100.4"
    # A second time is refused: the page says it is done.
    assert "đã được ẩn danh" in client.get(url).content.decode()
    client.post(url, {"confirm": "on"})
    assert AuditEvent.objects.filter(action=A.PERSON_ANONYMISE).count() == 1


@pytest.mark.parametrize("username", ["alice", "leader", "superior", "charlie"])
def test_only_system_administrators_handle_personal_data(client: Any, users: dict[str, Any], signatory: Person, username: str) -> None:
    client.force_login(users[username])
    assert client.get(reverse("audit:person_export", args=[signatory.pk])).status_code == 403
    assert client.post(reverse("audit:person_anonymise", args=[signatory.pk]), {"confirm": "on"}).status_code == 403
    signatory.refresh_from_db()
    assert signatory.full_name == "Nguyễn Văn An"
    assert not AuditEvent.objects.filter(action__in=[A.PERSONAL_DATA_EXPORT, A.PERSON_ANONYMISE]).exists()


def test_a_missing_person_is_404(client: Any, users: dict[str, Any]) -> None:
    client.force_login(users["staff"])
    assert client.get(reverse("audit:person_export", args=[987654])).status_code == 404
