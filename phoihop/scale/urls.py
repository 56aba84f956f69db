"""The benchmark's URLconf: the project's own URLs plus two floor views.

The benchmark runs with ROOT_URLCONF pointing here, so every page is resolved exactly as in the
real application; the floor views exist only in this module, never in ``phoihop.urls``.
"""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from phoihop.core.access import rule
from phoihop.urls import urlpatterns as project_urlpatterns

FLOOR_PATH = "_bench/floor/"
FLOOR_BASE_PATH = "_bench/floor-base/"

# Queries already run when the floor view starts: read by the benchmark while it captures them.
probe: dict[str, int] = {}


@rule("authenticated")
def floor(request: HttpRequest) -> HttpResponse:
    """A tiny template through the whole middleware stack and the context processors."""
    probe["queries_at_view"] = len(connection.queries_log)
    return render(request, "scale/floor.html")


@rule("authenticated")
def floor_base(request: HttpRequest) -> HttpResponse:
    """A page extending base.html with no content: the site chrome every page pays for."""
    return render(request, "scale/floor_base.html")


urlpatterns = [
    *project_urlpatterns,
    path(FLOOR_PATH, floor, name="bench_floor"),
    path(FLOOR_BASE_PATH, floor_base, name="bench_floor_base"),
]
