"""Renewing an agreement for the next period, and the review flag."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from phoihop.agreements.models import Agreement, Party
from phoihop.agreements.services import (
    PartyInput,
    agreement_flag_review,
    agreement_review_clear,
    agreement_update,
    renewal_due,
    renewed_title,
)
from phoihop.orgs.models import Organization, Succession
from phoihop.orgs.selectors import current_successors
from phoihop.orgs.services import succession_record
from phoihop.plans.models import AnnualPlan
from phoihop.workflows.services import agreement_renew

pytestmark = pytest.mark.django_db

Org = Organization


@pytest.fixture
def chain(orgs: dict[str, Any], users: dict[str, Any]) -> dict[str, Organization]:
    """The board merged in February 2025, and the merged board dissolved into the city's board
    on 1 July 2025: two steps."""
    merged = Org.objects.create(name="Ban Tuyên giáo và Dân vận Quận ủy Quận 4", kind=Org.Kind.PARTY_BOARD, level=Org.Level.DISTRICT)
    final = Org.objects.create(name="Ban Tuyên giáo và Dân vận Thành ủy", kind=Org.Kind.PARTY_BOARD, level=Org.Level.PROVINCE, province_code=79)
    succession_record(actor=users["staff"], kind=Succession.Kind.MERGE, effective_date=datetime.date(2025, 2, 3), predecessors=[orgs["board"]], successors=[merged])
    succession_record(actor=users["staff"], kind=Succession.Kind.DISSOLVE, effective_date=datetime.date(2025, 7, 1), predecessors=[merged], successors=[final])
    return {"merged": merged, "final": final}


def test_it_follows_successions_to_the_body_of_today(orgs: dict[str, Any], chain: dict[str, Organization], users: dict[str, Any]) -> None:
    assert current_successors(orgs["board"]) == [chain["final"]]
    assert current_successors(orgs["district"]) == [orgs["district"]]
    succession_record(actor=users["staff"], kind=Succession.Kind.DISSOLVE, effective_date=datetime.date(2025, 7, 1), predecessors=[orgs["unrelated"]])
    assert current_successors(orgs["unrelated"]) == []


def test_it_writes_the_new_period_into_the_title() -> None:
    assert renewed_title("Chương trình phối hợp giai đoạn 2022-2025", 2026, 2030) == "Chương trình phối hợp giai đoạn 2026-2030"
    assert renewed_title("Quy chế phối hợp", 2026, 2030) == "Quy chế phối hợp giai đoạn 2026-2030"


@pytest.mark.parametrize(
    ("status", "end", "today", "due"),
    [
        ("in_force", 2025, datetime.date(2026, 1, 10), True),  # ended
        ("in_force", 2026, datetime.date(2026, 7, 5), True),  # last year: ends within 180 days
        ("in_force", 2027, datetime.date(2026, 7, 5), False),
        ("in_force", 2026, datetime.date(2026, 6, 1), True),  # the last year has come
        ("expired", 2024, datetime.date(2026, 1, 10), True),
        ("draft", 2024, datetime.date(2026, 1, 10), False),
        ("superseded", 2024, datetime.date(2026, 1, 10), False),
        ("terminated", 2024, datetime.date(2026, 1, 10), False),
    ],
)
def test_it_offers_renewal_near_and_after_the_end(agreement: Agreement, status: str, end: int, today: datetime.date, due: bool) -> None:
    agreement.status, agreement.period_end = status, end
    assert renewal_due(agreement, today=today) is due


def test_it_drafts_the_renewal_with_the_successor_bodies(agreement: Agreement, orgs: dict[str, Any], users: dict[str, Any], chain: dict[str, Organization]) -> None:
    agreement.legal_bases = "Nghị quyết 03-NQ/TU ngày 23/3/2021"
    agreement.save()
    renewal = agreement_renew(actor=users["alice"], agreement=agreement, period_start=2026, period_end=2030)
    new = renewal.agreement
    assert new.status == Agreement.Status.DRAFT and new.renews == agreement
    assert new.title == "Chương trình phối hợp công tác tuyên giáo và quốc phòng giai đoạn 2026-2030"
    assert (new.period_start, new.period_end, new.number_symbol, new.signed_on) == (2026, 2030, "", None)
    assert new.legal_bases == "Nghị quyết 03-NQ/TU ngày 23/3/2021"
    parties = {p.organization: p for p in new.parties.all()}
    assert set(parties) == {orgs["district"], chain["final"]}
    assert parties[orgs["district"]].role == Party.Role.LEAD
    assert parties[chain["final"]].name_as_signed == chain["final"].name
    assert parties[chain["final"]].signatory_name == ""  # a new signing
    areas = list(new.content_areas.order_by("number"))
    assert [a.title for a in areas] == [a.title for a in agreement.content_areas.order_by("number")]
    assert set(areas[0].responsible.all()) == {orgs["district"], chain["final"]}
    assert list(areas[1].responsible.all()) == [chain["final"]]
    assert renewal.replaced == [(orgs["board"], [chain["final"]])]
    assert new.needs_review and chain["final"].name in new.review_note
    # The old agreement is as it was signed.
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.IN_FORCE
    assert {p.organization for p in agreement.parties.all()} == {orgs["district"], orgs["board"]}


def test_it_drops_a_party_dissolved_without_successor(agreement: Agreement, orgs: dict[str, Any], users: dict[str, Any]) -> None:
    agreement_update(
        actor=users["alice"], agreement=agreement,
        fields={"kind": "program", "title": agreement.title, "status": "in_force", "period_start": 2022, "period_end": 2025},
        parties=[PartyInput(orgs["district"], "lead"), PartyInput(orgs["board"], "cooperating"), PartyInput(orgs["unrelated"], "cooperating")],
        content_areas=[],
    )
    succession_record(actor=users["staff"], kind=Succession.Kind.DISSOLVE, effective_date=datetime.date(2025, 7, 1), predecessors=[orgs["unrelated"]])
    renewal = agreement_renew(actor=users["alice"], agreement=agreement, period_start=2026, period_end=2029)
    assert renewal.dropped == [orgs["unrelated"]]
    assert {p.organization for p in renewal.agreement.parties.all()} == {orgs["district"], orgs["board"]}
    assert orgs["unrelated"].name in renewal.agreement.review_note


def test_it_carries_over_only_unfinished_tasks_of_the_last_plan(agreement: Agreement, orgs: dict[str, Any], users: dict[str, Any], chain: dict[str, Organization]) -> None:
    from phoihop.plans.services import plan_create, task_cancel, task_complete, task_create

    plan_create(actor=users["alice"], agreement=agreement, year=2024)
    last = plan_create(actor=users["alice"], agreement=agreement, year=2025)
    t1, t2 = last.tasks.get(number=1), last.tasks.get(number=2)
    t3 = task_create(actor=users["alice"], plan=last, fields={"title": "Tọa đàm", "lead_organization": orgs["district"]})
    task_complete(actor=users["alice"], task=t1, on=datetime.date(2025, 6, 1))
    task_cancel(actor=users["alice"], task=t3)
    renewal = agreement_renew(actor=users["alice"], agreement=agreement, period_start=2026, period_end=2030)
    plans = list(AnnualPlan.objects.filter(agreement=renewal.agreement))
    assert [p.year for p in plans] == [2026]
    tasks = list(plans[0].tasks.all())
    assert len(tasks) == 1 and renewal.carried_tasks == 1
    task = tasks[0]
    assert task.carried_over_from == t2 and task.title == t2.title
    assert task.lead_organization == chain["final"]
    assert task.content_area is not None
    assert task.content_area.agreement == renewal.agreement and task.content_area.number == 2
    assert (task.start, task.due) == (datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))


def test_it_supersedes_the_old_agreement_when_the_new_one_is_signed_not_before(agreement: Agreement, orgs: dict[str, Any], users: dict[str, Any]) -> None:
    new = agreement_renew(actor=users["alice"], agreement=agreement, period_start=2026, period_end=2030).agreement
    fields = {"kind": "program", "title": new.title, "period_start": 2026, "period_end": 2030, "renews": agreement}
    parties = [PartyInput(orgs["district"], "lead"), PartyInput(orgs["board"], "cooperating")]
    agreement_update(actor=users["alice"], agreement=new, fields={**fields, "status": "draft"}, parties=parties, content_areas=[])
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.IN_FORCE
    agreement_update(
        actor=users["alice"], agreement=new,
        fields={**fields, "status": "in_force", "signed_on": datetime.date(2026, 1, 15), "number_symbol": "01/CTr-BCHQS-BTGQU"},
        parties=parties, content_areas=[],
    )
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.SUPERSEDED
    assert agreement.history.latest("history_id").status == Agreement.Status.SUPERSEDED


def test_it_renews_once(agreement: Agreement, users: dict[str, Any]) -> None:
    agreement_renew(actor=users["alice"], agreement=agreement, period_start=2026, period_end=2030)
    with pytest.raises(ValidationError):
        agreement_renew(actor=users["alice"], agreement=agreement, period_start=2026, period_end=2030)


def test_it_refuses_a_new_period_that_overlaps_the_old(agreement: Agreement, users: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as exc:
        agreement_renew(actor=users["alice"], agreement=agreement, period_start=2025, period_end=2030)
    assert "period_start" in exc.value.error_dict


@pytest.mark.parametrize("username", ["bob", "coop_officer", "superior", "charlie"])
def test_only_editors_renew(agreement: Agreement, users: dict[str, Any], username: str) -> None:
    with pytest.raises(PermissionDenied):
        agreement_renew(actor=users[username], agreement=agreement, period_start=2026, period_end=2030)
    assert not Agreement.objects.filter(renews=agreement).exists()


def test_an_editor_renews_from_the_agreement_page(login: Any, users: dict[str, Any], agreement: Agreement, chain: dict[str, Organization]) -> None:
    client = login(users["alice"])
    detail = client.get(agreement.get_absolute_url()).content.decode()
    url = reverse("agreements:renewal_create", args=[agreement.pk])
    assert url in detail and "Gia hạn cho giai đoạn tiếp theo" in detail
    page = client.get(url).content.decode()
    assert 'value="2026"' in page and 'value="2029"' in page  # the next period, as long as the old
    assert chain["final"].name in page
    response = client.post(url, {"period_start": "2026", "period_end": "2030"})
    new = Agreement.objects.get(renews=agreement)
    assert response.status_code == 302 and response["Location"] == new.get_absolute_url()
    new_page = client.get(new.get_absolute_url()).content.decode()
    assert "Gia hạn từ:" in new_page and agreement.get_absolute_url() in new_page
    assert "Cần rà soát văn bản" in new_page
    old_page = client.get(agreement.get_absolute_url()).content.decode()
    assert "Văn bản gia hạn (dự thảo):" in old_page and new.get_absolute_url() in old_page
    assert url not in old_page  # renewed once


def test_the_renewal_page_shows_errors(login: Any, users: dict[str, Any], agreement: Agreement) -> None:
    client = login(users["alice"])
    response = client.post(reverse("agreements:renewal_create", args=[agreement.pk]), {"period_start": "2027", "period_end": "2026"})
    assert response.status_code == 200
    assert "Năm kết thúc phải bằng hoặc sau năm bắt đầu." in response.content.decode()
    assert not Agreement.objects.filter(renews=agreement).exists()


def test_renewal_is_not_offered_before_its_time(login: Any, users: dict[str, Any], agreement: Agreement) -> None:
    agreement.period_end = datetime.date.today().year + 3
    agreement.save()
    client = login(users["alice"])
    url = reverse("agreements:renewal_create", args=[agreement.pk])
    assert url not in client.get(agreement.get_absolute_url()).content.decode()
    assert client.get(url)["Location"] == agreement.get_absolute_url()


@pytest.mark.parametrize(("username", "status"), [("bob", 403), ("coop_officer", 403), ("superior", 403), ("charlie", 404), ("subordinate", 404)])
def test_the_renewal_page_answers_others(login: Any, users: dict[str, Any], agreement: Agreement, username: str, status: int) -> None:
    client = login(users[username])
    url = reverse("agreements:renewal_create", args=[agreement.pk])
    assert client.get(url).status_code == status
    assert client.post(url, {"period_start": "2026", "period_end": "2030"}).status_code == status
    assert "Gia hạn cho giai đoạn tiếp theo" not in client.get(agreement.get_absolute_url()).content.decode()


# --- review flag ------------------------------------------------------------------------------


def test_an_editor_clears_the_review_flag(login: Any, users: dict[str, Any], agreement: Agreement) -> None:
    agreement_flag_review(agreement=agreement, note="Ban Tuyên giáo Quận ủy Quận 4 đã giải thể.")
    url = reverse("agreements:review_flag_delete", args=[agreement.pk])
    bob = login(users["bob"])
    page = bob.get(agreement.get_absolute_url()).content.decode()
    assert "Ban Tuyên giáo Quận ủy Quận 4 đã giải thể." in page and url not in page
    assert bob.post(url).status_code == 403
    alice = login(users["alice"])
    assert url in alice.get(agreement.get_absolute_url()).content.decode()
    assert alice.get(url).status_code == 405
    assert alice.post(url).status_code == 302
    agreement.refresh_from_db()
    assert not agreement.needs_review and agreement.review_note == ""
    assert agreement.history.filter(review_note__contains="đã giải thể").exists()


def test_flags_add_up_and_only_editors_clear(agreement: Agreement, users: dict[str, Any]) -> None:
    agreement_flag_review(agreement=agreement, note="Thứ nhất.")
    agreement_flag_review(agreement=agreement, note="Thứ hai.")
    agreement_flag_review(agreement=agreement, note="Thứ hai.")
    assert agreement.review_note == "Thứ nhất.\nThứ hai."
    with pytest.raises(PermissionDenied):
        agreement_review_clear(actor=users["coop_officer"], agreement=agreement)


def test_only_the_successor_of_the_lead_party_drafts_the_renewal(login: Any, users: dict[str, Any], orgs: dict[str, Any], agreement: Agreement) -> None:
    succession_record(actor=users["staff"], kind=Succession.Kind.DISSOLVE, effective_date=datetime.date(2025, 7, 1), predecessors=[orgs["district"]], successors=[orgs["city"]])
    client = login(users["alice"])
    url = reverse("agreements:renewal_create", args=[agreement.pk])
    page = client.get(url).content.decode()
    assert "Bên chủ trì của văn bản mới là Bộ Tư lệnh Thành phố Hồ Chí Minh" in page
    response = client.post(url, {"period_start": "2026", "period_end": "2029"})
    assert response.status_code == 200 and not Agreement.objects.filter(renews=agreement).exists()
    new = agreement_renew(actor=users["staff"], agreement=agreement, period_start=2026, period_end=2029).agreement
    assert new.parties.get(role=Party.Role.LEAD).organization == orgs["city"]
    # alice no longer sees the renewal (her body is not a party): its title is not shown to her.
    page = client.get(url).content.decode()
    assert "Văn bản này đã có văn bản gia hạn." in page and new.get_absolute_url() not in page
