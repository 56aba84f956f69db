"""The root fixtures (orgs, users, agreement) taken from a layered world
(``layered_world`` in testing/base_world.py): a conftest (or test module) that defines a
``layered`` fixture imports them, so that its tests' tree, users and agreement are the world's."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(name="orgs")
def world_orgs(layered: dict[str, Any]) -> dict[str, Any]:
    return layered["orgs"]  # type: ignore[no-any-return]


@pytest.fixture(name="users")
def world_users(layered: dict[str, Any]) -> dict[str, Any]:
    return layered["users"]  # type: ignore[no-any-return]


@pytest.fixture(name="agreement")
def world_agreement(layered: dict[str, Any]) -> Any:
    return layered["agreement"]
