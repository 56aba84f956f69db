"""The process's memory as the garbage collector sees it.

A web worker loads Django, the apps and their modules once and keeps them until it exits: about
170,000 objects that Python's full collections walk every time one runs, 0.1 s of CPU in the
middle of whichever request set it off (the single slow requests of the benchmark). Frozen after
start-up (``gc.freeze``), they are left out of every later collection; what requests allocate is
collected as before.
"""

from __future__ import annotations

import gc


def freeze_loaded() -> int:
    """Collect once, then keep everything alive now out of later collections (the URLs are
    resolved first so that their patterns are frozen too). Returns how many objects were frozen."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - loading the URL patterns is the point
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()
