"""A panel: a section of one app's page that a higher app serves from its own URL.

The page holds a placeholder (``partials/panel.html``) that HTMX fills on load; the page's app
need not import the panel's app, and the panel keeps its own access rule and query count. A
browser without JavaScript follows the placeholder's plain link to the panel's URL, which then
answers with a page of its own: the panel under a link back to the page it belongs to.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers


def panel_response(
    request: HttpRequest,
    template: str,
    context: dict[str, Any],
    *,
    title: str,
    back_url: str,
    back_label: str,
) -> HttpResponse:
    """The panel alone for HTMX; for a plain request, a page holding the panel."""
    if getattr(request, "htmx", False):
        response = render(request, template, context)
    else:
        page = {
            **context,
            "panel_template": template,
            "panel_title": title,
            "panel_back_url": back_url,
            "panel_back_label": back_label,
        }
        response = render(request, "partials/panel_page.html", page)
    # One URL, two answers: a cache must not hand the panel alone to a plain request.
    patch_vary_headers(response, ("HX-Request",))
    return response
