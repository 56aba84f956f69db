"""Passing a reorganised body's open work to its successor, and leaving its history as it was."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from phoihop.agreements.models import Agreement, Party
from phoihop.orgs.models import Membership, Organization, Succession
from phoihop.orgs.services import succession_record
from phoihop.plans.models import Task
from phoihop.testing.builders import make_activity, make_org, make_plan, make_task, make_user
from phoihop.testing.queries import assert_queries
from phoihop.workflows.selectors import succession_open_work
from phoihop.workflows.services import TRANSFER_REASON, succession_transfer

pytestmark = pytest.mark.django_db

REFORM = datetime.date(2025, 7, 1)


@pytest.fixture
def successor(orgs: dict[str, Any]) -> Organization:
    return make_org(
        "Ban Tuyên giáo và Dân vận Thành ủy", short_name="BTGDV Thành ủy", symbol="BTGDVTU",
        kind=Organization.Kind.PARTY_BOARD, level=Organization.Level.PROVINCE, province_code=79,
    )


@pytest.fixture
def board_leader(orgs: dict[str, Any]) -> Any:
    return make_user("board_leader", org=orgs["board"], role=Membership.Role.LEADER)


@pytest.fixture
def world(agreement: Agreement, orgs: dict[str, Any], users: dict[str, Any], board_leader: Any, successor: Organization) -> dict[str, Any]:
    """The 2024 plan: task 1 led by the district and supported by the board, task 2 led by the
    board with an approved activity, task 3 led by the board and done; then the board is
    dissolved into the successor."""
    from phoihop.plans.services import task_complete

    plan = make_plan(actor=users["alice"], agreement=agreement, year=2024)
    t1, t2 = plan.tasks.get(number=1), plan.tasks.get(number=2)
    t3 = make_task(actor=users["alice"], plan=plan, title="Tọa đàm kỷ niệm Ngày Quốc phòng toàn dân", lead=orgs["board"])
    task_complete(actor=users["alice"], task=t3, on=datetime.date(2024, 12, 22))
    activity = make_activity(
        actor=users["coop_officer"], task=t2, orgs=[orgs["board"]], title="Hội nghị báo cáo viên",
        day=datetime.date(2024, 5, 10), status="approved", approver=board_leader,
    )
    succession = succession_record(
        actor=users["staff"], kind=Succession.Kind.DISSOLVE, effective_date=REFORM,
        predecessors=[orgs["board"]], successors=[successor], decision_number="31-HD/BTCTW",
    )
    return {"plan": plan, "t1": t1, "t2": t2, "t3": t3, "activity": activity, "succession": succession}


def test_it_lists_open_work_but_not_done_tasks(world: dict[str, Any], agreement: Agreement) -> None:
    work = succession_open_work(succession=world["succession"])
    assert {t.pk for t in work.tasks} == {world["t1"].pk, world["t2"].pk}
    assert [a.pk for a in work.agreements] == [agreement.pk]


def test_it_moves_exactly_the_ticked_work_and_leaves_history_as_it_was(
    world: dict[str, Any], agreement: Agreement, orgs: dict[str, Any], users: dict[str, Any], successor: Organization
) -> None:
    party_versions = Party.history.count()
    result = succession_transfer(
        actor=users["staff"], succession=world["succession"],
        task_ids=[world["t2"].pk], agreement_ids=[agreement.pk],
    )
    assert (result.tasks, result.agreements, result.successor) == (1, 1, successor)

    party = agreement.parties.get(role=Party.Role.COOPERATING)
    assert party.organization == successor
    assert party.name_as_signed == "Ban Tuyên giáo Quận ủy Quận 4"  # the document keeps the old name
    assert party.signatory_name == "Trần Thị Bình"
    assert Party.history.count() == party_versions + 1
    assert Party.history.filter(id=party.pk).latest("history_id").history_change_reason == TRANSFER_REASON

    area2 = agreement.content_areas.get(number=2)
    assert list(area2.responsible.all()) == [successor]

    t1, t2, t3 = (Task.objects.get(pk=world[k].pk) for k in ("t1", "t2", "t3"))
    assert t2.lead_organization == successor
    assert t2.history.latest("history_id").history_change_reason == TRANSFER_REASON
    assert list(t1.supporting_organizations.all()) == [orgs["board"]]  # not ticked: stays
    assert t3.lead_organization == orgs["board"]  # done: history
    assert list(world["activity"].organizations.all()) == [orgs["board"]]  # past activity

    agreement.refresh_from_db()
    assert agreement.needs_review
    assert "31-HD/BTCTW" in agreement.review_note and successor.name in agreement.review_note


def test_it_moves_a_supporting_role(world: dict[str, Any], agreement: Agreement, orgs: dict[str, Any], users: dict[str, Any], successor: Organization) -> None:
    succession_transfer(
        actor=users["staff"], succession=world["succession"],
        task_ids=[world["t1"].pk], agreement_ids=[agreement.pk],
    )
    t1 = Task.objects.get(pk=world["t1"].pk)
    assert t1.lead_organization == orgs["district"]
    assert list(t1.supporting_organizations.all()) == [successor]


def test_it_refuses_a_task_whose_agreement_role_stays_behind(world: dict[str, Any], users: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as exc:
        succession_transfer(actor=users["staff"], succession=world["succession"], task_ids=[world["t2"].pk])
    assert "chưa là bên tham gia" in " ".join(exc.value.messages)
    assert Task.objects.get(pk=world["t2"].pk).lead_organization.name == "Ban Tuyên giáo Quận ủy Quận 4"


def test_it_refuses_work_that_is_not_open(world: dict[str, Any], agreement: Agreement, users: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        succession_transfer(
            actor=users["staff"], succession=world["succession"],
            task_ids=[world["t3"].pk], agreement_ids=[agreement.pk],
        )


def test_it_is_for_staff_only(world: dict[str, Any], agreement: Agreement, users: dict[str, Any]) -> None:
    for name in ("alice", "leader", "coop_officer"):
        with pytest.raises(PermissionDenied):
            succession_transfer(actor=users[name], succession=world["succession"], agreement_ids=[agreement.pk])
    assert not Agreement.objects.get(pk=agreement.pk).needs_review


def test_it_moves_draft_reports_and_leaves_submitted_ones(world: dict[str, Any], agreement: Agreement, orgs: dict[str, Any], users: dict[str, Any], successor: Organization) -> None:
    from phoihop.exchange.models import PeriodicReport as Report

    def report(status: str, month: int) -> Any:
        start = datetime.date(2025, month, 1)
        return Report.objects.create(
            agreement=agreement, organization=orgs["board"], rhythm="quarterly", period_start=start,
            period_end=start + datetime.timedelta(days=89), period_label=f"Quý {month // 3 + 1}/2025",
            due_date=start + datetime.timedelta(days=99), title=f"Báo cáo quý {month}", status=status,
        )

    sent, draft = report("submitted", 1), report("draft", 4)
    work = succession_open_work(succession=world["succession"])
    assert [r.pk for r in work.reports] == [draft.pk]
    succession_transfer(
        actor=users["staff"], succession=world["succession"], agreement_ids=[agreement.pk], report_ids=[draft.pk]
    )
    sent.refresh_from_db()
    draft.refresh_from_db()
    assert sent.organization == orgs["board"]
    assert draft.organization == successor


def test_it_keeps_a_body_that_absorbs_others(orgs: dict[str, Any], users: dict[str, Any], agreement: Agreement) -> None:
    succession = succession_record(
        actor=users["staff"], kind=Succession.Kind.ABSORB, effective_date=REFORM,
        predecessors=[orgs["district"], orgs["board"]], successors=[orgs["district"]],
    )
    work = succession_open_work(succession=succession)
    assert work.movers == [orgs["board"]]
    succession_transfer(actor=users["staff"], succession=succession, agreement_ids=[agreement.pk])
    # The district was already a party: the board's row stays as signed.
    assert set(agreement.parties.values_list("organization_id", flat=True)) == {orgs["district"].pk, orgs["board"].pk}
    assert Agreement.objects.get(pk=agreement.pk).needs_review


def test_it_asks_which_successor_after_a_split(orgs: dict[str, Any], users: dict[str, Any], agreement: Agreement, successor: Organization) -> None:
    other = make_org("Đảng ủy phường Khánh Hội", kind=Organization.Kind.PARTY_COMMITTEE, level=Organization.Level.COMMUNE)
    succession = succession_record(
        actor=users["staff"], kind=Succession.Kind.SPLIT, effective_date=REFORM,
        predecessors=[orgs["board"]], successors=[successor, other],
    )
    with pytest.raises(ValidationError):
        succession_transfer(actor=users["staff"], succession=succession, agreement_ids=[agreement.pk])
    succession_transfer(actor=users["staff"], succession=succession, agreement_ids=[agreement.pk], successor=other)
    assert agreement.parties.filter(organization=other).exists()


# --- pages ------------------------------------------------------------------------------------


def test_recording_a_succession_leads_to_the_transfer_page(login: Any, users: dict[str, Any], orgs: dict[str, Any], agreement: Agreement, successor: Organization) -> None:
    client = login(users["staff"])
    response = client.post(reverse("orgs:succession_create"), {
        "kind": "dissolve", "effective_date": "01/07/2025",
        "predecessors": [orgs["board"].pk], "successors": [successor.pk],
    })
    succession = Succession.objects.get(predecessors=orgs["board"])
    assert response["Location"] == reverse("orgs:succession_transfer", args=[succession.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Chuyển công việc đang dở sang đơn vị kế thừa" in page
    assert agreement.title in page


def test_the_page_moves_what_is_ticked(login: Any, users: dict[str, Any], world: dict[str, Any], agreement: Agreement, successor: Organization) -> None:
    client = login(users["staff"])
    url = reverse("orgs:succession_transfer", args=[world["succession"].pk])
    page = client.get(url).content.decode()
    assert f'value="{world["t2"].pk}" id="task-{world["t2"].pk}" checked' in page
    assert world["t3"].title not in page  # done tasks are not offered
    response = client.post(url, {"successor": successor.pk, "agreements": [agreement.pk], "tasks": [world["t2"].pk]})
    assert response.status_code == 302 and response["Location"] == successor.get_absolute_url()
    assert Task.objects.get(pk=world["t2"].pk).lead_organization == successor
    detail = client.get(agreement.get_absolute_url()).content.decode()
    assert "Cần rà soát văn bản" in detail
    assert "Ban Tuyên giáo Quận ủy Quận 4" in detail  # name as signed, with "Nay: …"


def test_the_page_shows_the_service_refusal(login: Any, users: dict[str, Any], world: dict[str, Any], successor: Organization) -> None:
    client = login(users["staff"])
    url = reverse("orgs:succession_transfer", args=[world["succession"].pk])
    response = client.post(url, {"successor": successor.pk, "tasks": [world["t2"].pk]})
    assert response.status_code == 200
    assert "chưa là bên tham gia" in response.content.decode()


@pytest.mark.parametrize("username", ["alice", "leader", "coop_officer", "superior", "charlie"])
def test_only_staff_reach_the_page(login: Any, users: dict[str, Any], world: dict[str, Any], username: str, agreement: Agreement) -> None:
    client = login(users[username])
    url = reverse("orgs:succession_transfer", args=[world["succession"].pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"agreements": [agreement.pk]}).status_code == 403
    assert not Agreement.objects.get(pk=agreement.pk).needs_review


def test_it_answers_404_for_an_unknown_succession(login: Any, users: dict[str, Any]) -> None:
    assert login(users["staff"]).get(reverse("orgs:succession_transfer", args=[987654])).status_code == 404


def test_the_page_keeps_its_query_count_flat(login: Any, users: dict[str, Any], world: dict[str, Any], orgs: dict[str, Any]) -> None:
    client = login(users["staff"])
    url = reverse("orgs:succession_transfer", args=[world["succession"].pk])
    client.get(url)
    with assert_queries(16):
        client.get(url)
    for i in range(8):
        make_task(actor=users["alice"], plan=world["plan"], title=f"Nhiệm vụ {i}", lead=orgs["board"], supporting=[orgs["district"]])
    with assert_queries(16):
        page = client.get(url).content.decode()
    assert "Nhiệm vụ 7" in page
