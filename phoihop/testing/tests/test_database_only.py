"""make test's PostgreSQL run keeps only the tests that use the database (phoihop/conftest.py)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from phoihop.conftest import pytest_collection_modifyitems


def item(name: str, fixtures: list[str], marker: str | None = None) -> Any:
    return SimpleNamespace(
        name=name,
        fixturenames=fixtures,
        get_closest_marker=lambda wanted: object() if wanted == marker else None,
    )


def collected() -> list[Any]:
    return [
        item("text", ["request", "monkeypatch"]),
        item("page", ["client", "db", "django_db_setup"]),
        item("marked", ["request"], marker="django_db"),
        item("browser", ["live_server", "transactional_db", "django_db_setup"]),
        item("world", ["demo_world", "django_db_setup"]),
    ]


@pytest.mark.parametrize(
    ("setting", "kept"),
    [
        ("database", ["page", "marked", "browser", "world"]),
        ("", ["text", "page", "marked", "browser", "world"]),
    ],
)
def test_it_keeps_the_database_tests_only_when_asked(
    monkeypatch: Any, setting: str, kept: list[str]
) -> None:
    monkeypatch.setenv("PHOIHOP_TESTS", setting)
    deselected: list[Any] = []
    config = SimpleNamespace(
        hook=SimpleNamespace(pytest_deselected=lambda items: deselected.extend(items))
    )
    items = collected()
    pytest_collection_modifyitems(config, items)
    assert [i.name for i in items] == kept
    assert [i.name for i in deselected] == (["text"] if setting else [])
