"""The API's documentation page: Swagger UI from the project's own static files (no CDN) on
the schema at /api/v1/openapi.json."""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from phoihop.core.access import rule


@rule("authenticated")
@require_GET
def docs(request: HttpRequest) -> HttpResponse:
    """Swagger UI on the schema; "Try it out" uses the signed-in session and its CSRF token."""
    settings = {"url": reverse("api:openapi"), "deepLinking": True, "layout": "BaseLayout"}
    return render(request, "api/docs.html", {"swagger_settings": json.dumps(settings)})
