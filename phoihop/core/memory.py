"""The process's memory as the garbage collector sees it.

A web worker loads Django, the apps and their modules once and keeps them until it exits: about
170,000 objects that Python's full collections walk every time one runs, 0.1 s of CPU in the
middle of whichever request set it off (the single slow requests of the benchmark). Frozen after
start-up (``gc.freeze``), they are left out of every later collection; what requests allocate is
collected as before.

What a worker would otherwise load in its first requests and then keep (phoihop's templates,
compiled into the cached loader; an app's own tables, such as the list of communes) is loaded
before the freeze: left to the first requests, it stayed in the collector's generations and every
full pass walked it again (a pass took 25 ms early in the benchmark's run and 75 ms by its end).
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.template.backends.django import DjangoTemplates


def freeze_loaded() -> int:
    """Load what the worker keeps (the URL patterns, phoihop's templates, each app's ``warm_up``),
    collect once, then keep everything alive now out of later collections. Returns how many
    objects were frozen."""
    from django.apps import apps
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - loading the URL patterns is the point
    compile_templates()
    for config in apps.get_app_configs():
        warm_up = getattr(config, "warm_up", None)
        if callable(warm_up):
            warm_up()
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()


def compile_templates() -> list[str]:
    """Every template under phoihop's own template folders, compiled into the cached loader of
    each Django template engine. Returns the names compiled."""
    from django.template import engines
    from django.template.backends.django import DjangoTemplates

    package = Path(__file__).resolve().parent.parent
    names: list[str] = []
    for backend in engines.all():
        if not isinstance(backend, DjangoTemplates):
            continue
        for folder in _template_dirs(backend):
            if not folder.is_relative_to(package):
                continue  # Django's admin and the libraries' own: not pages phoihop serves
            for path in sorted(folder.rglob("*.html")):
                name = path.relative_to(folder).as_posix()
                backend.get_template(name)
                names.append(name)
    return names


def _template_dirs(backend: DjangoTemplates) -> list[Path]:
    """The folders the engine's loaders read. Its own settings do not say (django-template-partials
    turns APP_DIRS into explicit loaders), so the loaders are asked, unwrapping the cached and
    partials loaders that wrap others."""
    from django.template.loaders.base import Loader

    found: list[Path] = []
    pending: list[Loader] = list(backend.engine.template_loaders)
    while pending:
        loader = pending.pop(0)
        pending.extend(getattr(loader, "loaders", []))
        get_dirs = getattr(loader, "get_dirs", None)
        if get_dirs is not None and not getattr(loader, "loaders", None):
            found.extend(Path(d).resolve() for d in get_dirs())
    return list(dict.fromkeys(found))
