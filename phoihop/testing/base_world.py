"""The fixture world of phoihop/conftest.py as plain functions (the tree, the users, the
agreement it describes), for a fixture that builds it itself: a kept world
(phoihop/testing/kept.py) starts from it."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from typing import Any


def base_orgs() -> dict[str, Any]:
    from phoihop.orgs.models import Organization as O
    from phoihop.testing.builders import make_org

    city = make_org(
        "Bộ Tư lệnh Thành phố Hồ Chí Minh",
        short_name="Bộ Tư lệnh TP",
        symbol="BTL",
        kind=O.Kind.MILITARY,
        level=O.Level.PROVINCE,
        province_code=79,
    )
    district = make_org(
        "Ban Chỉ huy Quân sự Quận 4",
        short_name="Ban CHQS Quận 4",
        symbol="BCHQS",
        kind=O.Kind.MILITARY,
        level=O.Level.DISTRICT,
        parent=city,
        locality_text="Quận 4, TP Hồ Chí Minh",
        valid_to=datetime.date(2025, 6, 30),
    )
    ward = make_org(
        "Ban Chỉ huy Quân sự Phường 1 Quận 4",
        kind=O.Kind.MILITARY,
        level=O.Level.COMMUNE,
        parent=district,
        locality_text="Phường 1, Quận 4",
    )
    board = make_org(
        "Ban Tuyên giáo Quận ủy Quận 4",
        short_name="BTG Quận ủy Quận 4",
        symbol="BTGQU",
        kind=O.Kind.PARTY_BOARD,
        level=O.Level.DISTRICT,
        locality_text="Quận 4, TP Hồ Chí Minh",
    )
    unrelated = make_org(
        "Hội Nông dân xã Khánh Hội",
        kind=O.Kind.FARMERS,
        level=O.Level.COMMUNE,
        province_code=37,
        commune_code=14599,
    )
    return {
        "city": city,
        "district": district,
        "ward": ward,
        "board": board,
        "unrelated": unrelated,
    }


def base_users(orgs: dict[str, Any]) -> dict[str, Any]:
    from phoihop.orgs.models import Membership as M
    from phoihop.testing.builders import make_user

    def make(username: str, org: str | None, role: str | None, **extra: Any) -> Any:
        return make_user(
            username, org=orgs[org] if org else None, role=role, first_name=username, **extra
        )

    return {
        "alice": make("alice", "district", M.Role.OFFICER),
        "bob": make("bob", "district", M.Role.VIEWER),
        "leader": make("leader", "district", M.Role.LEADER),
        "coop_officer": make("coop_officer", "board", M.Role.OFFICER),
        "superior": make("superior", "city", M.Role.VIEWER),
        "subordinate": make("subordinate", "ward", M.Role.OFFICER),
        "charlie": make("charlie", "unrelated", M.Role.OFFICER),
        "staff": make("staff", None, None, is_staff=True),
    }


def base_agreement(orgs: dict[str, Any], users: dict[str, Any]) -> Any:
    from phoihop.agreements.models import Party
    from phoihop.agreements.services import ContentAreaInput, PartyInput
    from phoihop.testing.builders import make_agreement

    return make_agreement(
        actor=users["alice"],
        kind="program",
        number_symbol="03/CTr-BCHQS-BTGQU",
        title="Chương trình phối hợp công tác tuyên giáo và quốc phòng",
        status="in_force",
        period_start=2022,
        period_end=2025,
        signed_on=datetime.date(2022, 9, 15),
        parties=[
            PartyInput(
                organization=orgs["district"],
                role=Party.Role.LEAD,
                signatory_name="Nguyễn Văn An",
                signatory_rank="Thượng tá",
                signatory_position="Chỉ huy trưởng",
            ),
            PartyInput(
                organization=orgs["board"],
                role=Party.Role.COOPERATING,
                signatory_name="Trần Thị Bình",
                signatory_position="Trưởng ban",
            ),
        ],
        areas=[
            ContentAreaInput(
                number=1,
                title="Định hướng tư tưởng, tuyên truyền về quốc phòng",
                responsible=[orgs["district"], orgs["board"]],
            ),
            ContentAreaInput(
                number=2, title="Đấu tranh phản bác quan điểm sai trái", responsible=[orgs["board"]]
            ),
        ],
    )


def layered_world(
    request: Any, name: str, layers: Mapping[str, Callable[[dict[str, Any]], Any]]
) -> dict[str, Any]:
    """The base world, and the layers of ``layers`` up to the highest the test asks for by its
    fixture names, each built on the base and the layers before it (it may add other records
    to the world under names of their own). Kept (phoihop/testing/kept.py) under ``name`` when
    a layer is asked for and the test runs in a transaction rolled back; otherwise built here:
    the base alone is as quick to build as to write back, and a test on ``transactional_db``
    commits its world.

    Without a layer, only what the test asks for is built: the tree, the users if it asks for
    them, the agreement if it asks for it (as the root fixtures would)."""
    from django.db import connection

    from phoihop.testing.kept import kept

    asked = [layer for layer in layers if layer in request.fixturenames]
    upto = list(layers)[: list(layers).index(asked[-1]) + 1] if asked else []

    def build() -> dict[str, Any]:
        world: dict[str, Any] = {"orgs": base_orgs()}
        if upto or {"users", "agreement"} & set(request.fixturenames):
            world["users"] = base_users(world["orgs"])
        if upto or "agreement" in request.fixturenames:
            world["agreement"] = base_agreement(world["orgs"], world["users"])
        for layer in upto:
            world[layer] = layers[layer](world)
        return world

    if not upto or not connection.in_atomic_block:
        return build()
    return kept(f"{name} up to {upto[-1]}", build)
