"""The API's routes, mounted at /api/v1/ under the namespace ``api``.

Each operation's view is declared with the rule ``api``: it answers for itself, signed in by
token or session, and says 401 (JSON) rather than sending anyone to the sign-in page. It runs in
Vietnamese whatever the session's language: the errors give both languages explicitly."""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path, re_path
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt

from phoihop.api import views
from phoihop.api.errors import ApiError, error_response
from phoihop.api.main import api
from phoihop.core.access import rule


def _in_vietnamese(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @functools.wraps(view)
    def answer(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        with translation.override("vi"):
            return view(request, *args, **kwargs)

    return answer


def _operations() -> list[URLPattern]:
    patterns, _app, _namespace = api.urls
    found = []
    for p in patterns:
        if not isinstance(p, URLPattern) or p.name in (None, "api-root"):
            continue
        found.append(path(str(p.pattern), rule("api")(_in_vietnamese(p.callback)), name=p.name))
    return found


@rule("api")
@csrf_exempt  # nothing is written; a POST gets its JSON 404 rather than the CSRF page
def unknown(request: HttpRequest, rest: str) -> HttpResponse:
    """Any other address under the API (a key that is not a number, say): 404 in JSON too."""
    with translation.override("vi"):
        return error_response(ApiError("not_found"))


app_name = "api"
urlpatterns = [
    path("docs", views.docs, name="docs"),
    *_operations(),
    re_path(r"^(?P<rest>.*)$", unknown),
]
