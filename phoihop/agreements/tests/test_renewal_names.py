"""A renewal draft is titled with the bodies that carry the parties on today, and a reader who
may not renew is told who may."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse

from phoihop.agreements.models import Agreement
from phoihop.agreements.services import renewed_title
from phoihop.workflows.services import agreement_renew

pytestmark = pytest.mark.django_db

OLD_TITLE = (
    "Chương trình phối hợp giữa Ban Chỉ huy Quân sự Quận 4 và Ban Tuyên giáo Quận ủy Quận 4 "
    "giai đoạn 2022-2025"
)


def test_it_names_the_successor_in_place_of_a_ceased_party() -> None:
    title = renewed_title(
        OLD_TITLE, 2026, 2029,
        successors=[(["Ban Chỉ huy Quân sự Quận 4", "Ban CHQS Quận 4"], ["Ban Chỉ huy Quân sự phường Xóm Chiếu"])],
    )
    assert title == (
        "Chương trình phối hợp giữa Ban Chỉ huy Quân sự phường Xóm Chiếu và Ban Tuyên giáo Quận ủy "
        "Quận 4 giai đoạn 2026-2029"
    )


def test_it_names_a_body_two_ceased_parties_merged_into_once() -> None:
    merged = "Ban Tuyên giáo và Dân vận Thành ủy"
    title = renewed_title(
        "Chương trình phối hợp giữa Ban Tuyên giáo Quận ủy Quận 4 và Ban Dân vận Quận ủy Quận 4 giai đoạn 2022-2025",
        2026, 2029,
        successors=[(["Ban Tuyên giáo Quận ủy Quận 4"], [merged]), (["Ban Dân vận Quận ủy Quận 4"], [merged])],
    )
    assert title == f"Chương trình phối hợp giữa {merged} giai đoạn 2026-2029"


def test_it_drafts_the_renewal_with_the_successors_names(
    users: dict[str, Any], orgs: dict[str, Any], agreement: Any
) -> None:
    from phoihop.orgs.models import Organization
    from phoihop.orgs.services import succession_record

    Agreement.objects.filter(pk=agreement.pk).update(title=OLD_TITLE)
    agreement.refresh_from_db()
    ward = Organization.objects.create(
        name="Ban Chỉ huy Quân sự phường Xóm Chiếu", kind=Organization.Kind.MILITARY,
        level=Organization.Level.COMMUNE, valid_from=datetime.date(2025, 7, 1),
    )
    succession_record(
        actor=users["staff"], kind="rename", effective_date=datetime.date(2025, 7, 1),
        predecessors=[orgs["district"]], successors=[ward],
    )
    renewal = agreement_renew(actor=users["staff"], agreement=agreement, period_start=2026, period_end=2029)
    assert renewal.agreement.title == (
        "Chương trình phối hợp giữa Ban Chỉ huy Quân sự phường Xóm Chiếu và Ban Tuyên giáo Quận ủy "
        "Quận 4 giai đoạn 2026-2029"
    )
    assert "Quân sự Quận 4" not in renewal.agreement.title


def test_a_reader_who_may_not_renew_is_told_who_may(
    login: Any, users: dict[str, Any], agreement: Any
) -> None:
    users["alice"].last_name, users["alice"].first_name = "Trần", "Minh Khoa"
    users["alice"].save(update_fields=["last_name", "first_name"])
    body = login(users["bob"]).get(agreement.get_absolute_url()).content.decode()
    assert "Gia hạn cho giai đoạn tiếp theo</a>" not in body
    assert "Người lập được văn bản gia hạn:" in body
    contacts = body[body.index("data-renewal-contacts"):]
    contacts = contacts[: contacts.index("</ul>")]
    assert "Trần Minh Khoa" in contacts
    assert "bob" not in contacts and "superior" not in contacts  # viewers may not renew


def test_an_officer_who_may_renew_is_not_sent_to_someone_else(
    login: Any, users: dict[str, Any], agreement: Any
) -> None:
    body = login(users["alice"]).get(agreement.get_absolute_url()).content.decode()
    assert reverse("agreements:renewal_create", args=[agreement.pk]) in body
    assert "data-renewal-contacts" not in body


def test_the_officers_of_the_body_that_carries_on_a_ceased_lead_renew_it(
    client: Any, login: Any, users: dict[str, Any], orgs: dict[str, Any], agreement: Any, django_user_model: Any
) -> None:
    from phoihop.orgs.models import Membership
    from phoihop.orgs.services import succession_record

    succession_record(
        actor=users["staff"], kind="absorb", effective_date=datetime.date(2025, 7, 1),
        predecessors=[orgs["district"]], successors=[orgs["city"]],
    )
    officer = django_user_model.objects.create_user(
        username="btl.canbo", password="matkhau-123", last_name="Lê Văn", first_name="Hùng"
    )
    Membership.objects.create(user=officer, organization=orgs["city"], role=Membership.Role.OFFICER)

    body = login(users["superior"]).get(agreement.get_absolute_url()).content.decode()
    contacts = body[body.index("data-renewal-contacts"):]
    assert "Lê Văn Hùng" in contacts[: contacts.index("</ul>")]

    client.force_login(officer)
    url = reverse("agreements:renewal_create", args=[agreement.pk])
    assert url in client.get(agreement.get_absolute_url()).content.decode()
    response = client.post(url, {"period_start": "2026", "period_end": "2029"})
    new = Agreement.objects.get(renews=agreement)
    assert response.status_code == 302 and response["Location"] == new.get_absolute_url()
    assert new.parties.get(role="lead").organization == orgs["city"]


def test_an_officer_of_an_unrelated_body_may_not_renew(login: Any, users: dict[str, Any], agreement: Any) -> None:
    url = reverse("agreements:renewal_create", args=[agreement.pk])
    assert login(users["coop_officer"]).get(url).status_code == 403
