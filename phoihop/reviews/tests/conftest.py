"""Fixtures for review tests: a 2024 plan with a hand-countable record, and a review of it,
kept (phoihop/testing/kept.py): built by the first test that asks, written back for the others."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from phoihop.orgs.models import Membership
from phoihop.plans.tests.helpers import D, approve, indicator, record
from phoihop.testing.builders import make_user

# The root fixtures taken from the world below.
from phoihop.testing.world_fixtures import world_agreement, world_orgs, world_users  # noqa: F401

D24 = datetime.date(2024, 1, 1), datetime.date(2024, 12, 31)


def make_board_leader(orgs: dict[str, Any]) -> Any:
    return make_user("board_leader", org=orgs["board"], role=Membership.Role.LEADER)


def build_record_2024(world: dict[str, Any]) -> dict[str, Any]:
    """Plan 2024, task 1 (content area 1, led by the district command) with 10 sessions to hold,
    task 2 (content area 2, led by the board) with 4 articles; a 2025 plan with one more activity.

    Approved: A1 joint district+board (100 people, 4 sessions), A2 district (50 people,
    3 sessions), A4 board (30 people, 4 articles). Not counted: A3 submitted (70 people,
    5 sessions), A5 returned (999 people, 1 article), A6 approved but in 2025 (500 people)."""
    from phoihop.activities.services import activity_return, activity_submit
    from phoihop.plans.services import plan_create

    agreement, users, orgs = world["agreement"], world["users"], world["orgs"]
    board_leader = world["board_leader"] = make_board_leader(orgs)
    alice, leader, coop = users["alice"], users["leader"], users["coop_officer"]
    district, board = orgs["district"], orgs["board"]
    plan = plan_create(actor=alice, agreement=agreement, year=2024)
    t1, t2 = plan.tasks.get(number=1), plan.tasks.get(number=2)
    sessions = indicator(alice, t1, "Buổi tuyên truyền", "10")
    articles = indicator(alice, t2, "Tin bài", "4", unit="article")
    a1 = record(alice, t1, [district, board], day=datetime.date(2024, 3, 1), participants=100, values={sessions: D("4")})
    approve(alice, leader, a1)
    a2 = record(alice, t1, [district], day=datetime.date(2024, 5, 1), participants=50, values={sessions: D("3")})
    approve(alice, leader, a2)
    a3 = record(alice, t1, [district], day=datetime.date(2024, 6, 1), participants=70, values={sessions: D("5")})
    activity_submit(actor=alice, activity=a3)
    a4 = record(coop, t2, [board], day=datetime.date(2024, 7, 1), participants=30, values={articles: D("4")})
    approve(coop, board_leader, a4)
    a5 = record(coop, t2, [board], day=datetime.date(2024, 8, 1), participants=999, values={articles: D("1")})
    activity_submit(actor=coop, activity=a5)
    activity_return(actor=board_leader, activity=a5, note="Bổ sung ảnh")
    plan25 = plan_create(actor=alice, agreement=agreement, year=2025)
    a6 = record(alice, plan25.tasks.get(number=1), [district], day=datetime.date(2025, 3, 1), participants=500)
    approve(alice, leader, a6)
    return {"plan": plan, "t1": t1, "t2": t2, "sessions": sessions, "articles": articles}


def build_review(world: dict[str, Any]) -> Any:
    from phoihop.reviews.services import review_create

    return review_create(
        actor=world["users"]["alice"], agreement=world["agreement"], kind="interim",
        period_start=D24[0], period_end=D24[1],
    )


# The record, then its review: a test gets the highest it asks for, built by the first test of
# the process that asks for it and written back for the others; the root fixtures (orgs, users,
# agreement) come from it (testing/base_world.py).
LAYERS = {"record_2024": build_record_2024, "review": build_review}


@pytest.fixture
def layered(request: pytest.FixtureRequest, db: Any) -> dict[str, Any]:
    from phoihop.testing.base_world import layered_world

    return layered_world(request, "the reviews' world", LAYERS)


@pytest.fixture
def board_leader(layered: dict[str, Any]) -> Any:
    """The board's leader: the record's approver where the test has the record, else made now."""
    if "board_leader" not in layered:
        layered["board_leader"] = make_board_leader(layered["orgs"])
    return layered["board_leader"]


@pytest.fixture
def record_2024(layered: dict[str, Any]) -> dict[str, Any]:
    return layered["record_2024"]  # type: ignore[no-any-return]


@pytest.fixture
def review(layered: dict[str, Any]) -> Any:
    return layered["review"]
