"""The loaded application is kept out of the garbage collector's full passes."""

from __future__ import annotations

import gc

from phoihop.core.memory import freeze_loaded


def test_it_freezes_what_is_loaded_and_still_collects_what_comes_after() -> None:
    try:
        frozen = freeze_loaded()
        assert frozen > 1000  # Django, the apps, the URL patterns
        assert gc.get_freeze_count() == frozen

        class Cycle:
            other: object = None

        a, b = Cycle(), Cycle()
        a.other, b.other = b, a
        del a, b
        assert gc.collect() >= 2  # a cycle made afterwards is still found
    finally:
        gc.unfreeze()
