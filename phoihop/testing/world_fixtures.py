"""The root fixtures (orgs, users, agreement) taken from a layered world
(``layered_world`` in testing/base_world.py): a conftest that defines a ``world`` fixture
imports them, so that its tests' tree, users and agreement are the world's."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(name="orgs")
def world_orgs(world: dict[str, Any]) -> dict[str, Any]:
    return world["orgs"]  # type: ignore[no-any-return]


@pytest.fixture(name="users")
def world_users(world: dict[str, Any]) -> dict[str, Any]:
    return world["users"]  # type: ignore[no-any-return]


@pytest.fixture(name="agreement")
def world_agreement(world: dict[str, Any]) -> Any:
    return world["agreement"]
