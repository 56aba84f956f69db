"""The builders make what the services would, and a shared world starts every test as built."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

import pytest

from phoihop.orgs.models import Organization
from phoihop.testing.builders import (
    make_activity,
    make_agreement,
    make_org,
    make_plan,
    make_task,
    make_user,
)
from phoihop.testing.worlds import shared_world


def test_it_makes_the_first_party_the_lead_and_gives_it_the_areas(
    orgs: dict[str, Any], users: dict[str, Any]
) -> None:
    agreement = make_agreement(
        actor=users["alice"],
        parties=[orgs["district"], orgs["board"]],
        areas=["Tuyên truyền", "Dân vận khéo"],
    )
    roles = {p.organization: p.role for p in agreement.parties.select_related("organization")}
    assert roles == {orgs["district"]: "lead", orgs["board"]: "cooperating"}
    areas = list(agreement.content_areas.order_by("number"))
    assert [(a.number, a.title) for a in areas] == [(1, "Tuyên truyền"), (2, "Dân vận khéo")]
    assert all(list(a.responsible.all()) == [orgs["district"]] for a in areas)
    assert agreement.history.count() == 1  # made through the service, with its history


def test_it_makes_a_member_with_the_role_given(orgs: dict[str, Any]) -> None:
    user = make_user("can-bo-moi", org=orgs["board"], role="leader")
    assert user.check_password("matkhau-123")
    assert list(user.memberships.values_list("organization", "role")) == [
        (orgs["board"].pk, "leader")
    ]


def test_it_takes_an_activity_to_the_status_asked_for(
    orgs: dict[str, Any], users: dict[str, Any], agreement: Any
) -> None:
    plan = make_plan(actor=users["alice"], agreement=agreement, year=2024, status="in_force")
    task = make_task(
        actor=users["alice"], plan=plan, title="Hội thi", due=datetime.date(2024, 6, 30)
    )
    assert (plan.status, task.lead_organization, task.number) == ("in_force", orgs["district"], 3)
    made = {
        status: make_activity(
            actor=users["alice"],
            task=task,
            orgs=[orgs["district"]],
            status=status,
            approver=users["leader"],
        )
        for status in ("draft", "submitted", "approved", "returned")
    }
    assert {status: a.status for status, a in made.items()} == {s: s for s in made}
    assert made["approved"].approved_by == users["leader"]
    assert made["returned"].reviewer_note == "Bổ sung ảnh"
    with pytest.raises(ValueError, match="approver"):
        make_activity(actor=users["alice"], task=task, orgs=[orgs["district"]], status="approved")


@pytest.fixture(scope="module")
def registry_world(django_db_setup: Any, django_db_blocker: Any) -> Iterator[int]:
    with shared_world(django_db_blocker):
        yield make_org("Hội Cựu chiến binh phường 1").pk


# Whichever runs second finds the name the world gave, not the one the other test wrote.
@pytest.mark.parametrize("new_name", ["Hội Cựu chiến binh phường 2", "Hội Cựu chiến binh phường 3"])
def test_it_starts_each_test_from_the_world_as_built(
    registry_world: int, db: Any, new_name: str
) -> None:
    assert Organization.objects.get(pk=registry_world).name == "Hội Cựu chiến binh phường 1"
    Organization.objects.filter(pk=registry_world).update(name=new_name)
    assert Organization.objects.get(pk=registry_world).name == new_name
