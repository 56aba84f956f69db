"""The loaded application is kept out of the garbage collector's full passes."""

from __future__ import annotations

import gc

from django.urls import get_resolver

from phoihop.core.memory import freeze_loaded


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
