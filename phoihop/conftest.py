"""Shared fixtures: a small organisation tree, users of every role, and one agreement.

The tree:
    city_command (Bộ Tư lệnh)            <- superior body
      district_command (Ban CHQS Quận 4)  <- lead party of `agreement`
        ward_command (Ban CHQS Phường)    <- subordinate body
    district_board (Ban Tuyên giáo Quận ủy Quận 4)  <- co-operating party
    unrelated (Hội Nông dân xã khác)       <- no part in anything

Users: alice (officer of the lead party), bob (viewer of the lead party), leader (leader of
the lead party), coop_officer (officer of the co-operating party), superior (viewer of the
superior body), subordinate (officer of the subordinate body), charlie (officer of an
unrelated organisation), staff (system administrator).

They are made with the builders of phoihop/testing/builders.py (``make_org``, ``make_user``,
``make_agreement``, ``make_plan``, ``make_task``, ``make_indicator``, ``make_activity``), which a
test uses for whatever else it needs.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterator
from typing import Any

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop

pytest_plugins = ["phoihop.testing.browser"]

# What opens the test database: the tests that ask for none of it answer the same on any database.
DATABASE_FIXTURES = {"db", "transactional_db", "live_server", "django_db_setup"}


def pytest_collection_modifyitems(config: Any, items: list[Any]) -> None:
    """With ``PHOIHOP_TESTS=database`` (make test's PostgreSQL run) only the tests that use the
    database run: the others (Vietnamese text, document layout, form bounds: about 360) have
    just run in the SQLite run beside it, and running them twice proves nothing."""
    if os.environ.get("PHOIHOP_TESTS", "") != "database":
        return
    kept: list[Any] = []
    left: list[Any] = []
    for item in items:
        uses_database = item.get_closest_marker("django_db") or DATABASE_FIXTURES & set(item.fixturenames)
        (kept if uses_database else left).append(item)
    if left:
        config.hook.pytest_deselected(items=left)
        items[:] = kept


def pytest_unconfigure(config: Any) -> None:
    """Removes this run's own upload folder (settings_test makes one per process)."""
    import shutil
    import tempfile
    from pathlib import Path

    from django.conf import settings

    media = Path(settings.MEDIA_ROOT)
    if settings.configured and media.name.startswith("phoihop-test-media-") and media.parent == Path(tempfile.gettempdir()):
        shutil.rmtree(media, ignore_errors=True)


@pytest.fixture
def orgs(db: Any) -> dict[str, Any]:
    from phoihop.orgs.models import Organization as O
    from phoihop.testing.builders import make_org

    city = make_org("Bộ Tư lệnh Thành phố Hồ Chí Minh", short_name="Bộ Tư lệnh TP", symbol="BTL", kind=O.Kind.MILITARY, level=O.Level.PROVINCE, province_code=79)
    district = make_org("Ban Chỉ huy Quân sự Quận 4", short_name="Ban CHQS Quận 4", symbol="BCHQS", kind=O.Kind.MILITARY, level=O.Level.DISTRICT, parent=city, locality_text="Quận 4, TP Hồ Chí Minh", valid_to=datetime.date(2025, 6, 30))
    ward = make_org("Ban Chỉ huy Quân sự Phường 1 Quận 4", kind=O.Kind.MILITARY, level=O.Level.COMMUNE, parent=district, locality_text="Phường 1, Quận 4")
    board = make_org("Ban Tuyên giáo Quận ủy Quận 4", short_name="BTG Quận ủy Quận 4", symbol="BTGQU", kind=O.Kind.PARTY_BOARD, level=O.Level.DISTRICT, locality_text="Quận 4, TP Hồ Chí Minh")
    unrelated = make_org("Hội Nông dân xã Khánh Hội", kind=O.Kind.FARMERS, level=O.Level.COMMUNE, province_code=37, commune_code=14599)
    return {"city": city, "district": district, "ward": ward, "board": board, "unrelated": unrelated}


@pytest.fixture
def users(orgs: dict[str, Any]) -> dict[str, Any]:
    from phoihop.orgs.models import Membership as M
    from phoihop.testing.builders import make_user

    def make(username: str, org: str | None, role: str | None, **extra: Any) -> Any:
        return make_user(username, org=orgs[org] if org else None, role=role, first_name=username, **extra)

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


@pytest.fixture
def agreement(orgs: dict[str, Any], users: dict[str, Any]) -> Any:
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
            PartyInput(organization=orgs["district"], role=Party.Role.LEAD, signatory_name="Nguyễn Văn An", signatory_rank="Thượng tá", signatory_position="Chỉ huy trưởng"),
            PartyInput(organization=orgs["board"], role=Party.Role.COOPERATING, signatory_name="Trần Thị Bình", signatory_position="Trưởng ban"),
        ],
        areas=[
            ContentAreaInput(number=1, title="Định hướng tư tưởng, tuyên truyền về quốc phòng", responsible=[orgs["district"], orgs["board"]]),
            ContentAreaInput(number=2, title="Đấu tranh phản bác quan điểm sai trái", responsible=[orgs["board"]]),
        ],
    )


@pytest.fixture
def loaded_demo(db: Any) -> Iterator[Any]:
    """The demo as loaded on 01/03/2026, for a test that reads it: loaded by the first such test
    of the run, written back row for row for the others (phoihop/testing/demo.py)."""
    from phoihop.testing.demo import DEMO_DAY, demo_loaded

    with demo_loaded(DEMO_DAY) as result:
        yield result


@pytest.fixture
def login(client: Any) -> Any:
    def do(user: Any) -> Any:
        client.force_login(user)
        return client

    return do
