"""The loaded application is kept out of the garbage collector's full passes."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

from django.template import engines
from django.urls import get_resolver

from phoihop.core.memory import compile_templates, freeze_loaded


def test_it_freezes_what_is_loaded_and_still_collects_what_comes_after() -> None:
    try:
        frozen = freeze_loaded()
        assert frozen > 1000  # Django, the apps, the URL patterns
        # The URL patterns loaded before are out of the collector's generations (the frozen count
        # itself moves by a few as frozen temporaries are freed, so it is not compared).
        resolver = get_resolver()
        assert gc.is_tracked(resolver) and all(o is not resolver for o in gc.get_objects())

        class Cycle:
            other: object = None

        a, b = Cycle(), Cycle()
        a.other, b.other = b, a
        del a, b
        assert gc.collect() >= 2  # a cycle made afterwards is still found
    finally:
        gc.unfreeze()


def test_it_compiles_every_template_of_phoihop_and_none_of_the_libraries() -> None:
    package = Path(__file__).resolve().parents[2]
    on_disk = {
        p.relative_to(_templates_dir(p)).as_posix()
        for p in package.rglob("*.html")
        if "templates" in p.parts
    }
    names = compile_templates()
    assert set(names) == on_disk
    assert "admin/base.html" not in names
    cached = _cached_loader()
    # A page's template is served from the cache now: no file is read nor parsed on a request.
    assert any(key.startswith("reviews/detail.html") for key in cached.get_template_cache)
    assert any(key.startswith("base.html") for key in cached.get_template_cache)


def test_it_loads_each_apps_own_tables_before_freezing() -> None:
    from phoihop.orgs import localities

    localities.communes.cache_clear()
    try:
        freeze_loaded()
        assert localities.communes.cache_info().currsize == 1
    finally:
        gc.unfreeze()


def _templates_dir(path: Path) -> Path:
    return next(p for p in path.parents if p.name == "templates")


def _cached_loader() -> Any:
    backend: Any = engines["django"]
    pending = list(backend.engine.template_loaders)
    while pending:
        loader = pending.pop(0)
        if hasattr(loader, "get_template_cache"):
            return loader
        pending.extend(getattr(loader, "loaders", []))
    raise AssertionError("no cached template loader")
