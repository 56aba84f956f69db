"""Health answers for load balancers: short plain text, no sign-in, nothing else revealed."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from phoihop.core.access import rule
from phoihop.ops.selectors import logger, readiness_problems


def _plain(text: str, status: int = 200) -> HttpResponse:
    return HttpResponse(text + "\n", content_type="text/plain; charset=utf-8", status=status)


@rule("public")
@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """The process answers (no database: a busy database must not get app servers killed)."""
    return _plain("ok")


@rule("public")
@never_cache
@require_safe
def readyz(request: HttpRequest) -> HttpResponse:
    """The database answers, every migration is applied and the job queue moves."""
    problems = readiness_problems()
    if problems:
        logger.warning("not ready: %s", "; ".join(problems))
        return _plain("not ready", status=503)
    return _plain("ok")
