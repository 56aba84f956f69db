from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from phoihop.core.access import rule
from phoihop.core.views_util import context_of
from phoihop.portal import selectors
from phoihop.portal.selectors import home_overview
from phoihop.portal.worklist import past_events, work_list


@rule("authenticated")
def home(request: HttpRequest) -> HttpResponse:
    context = context_of(home_overview(user=request.user)) | {
        "worklist": work_list(user=request.user),
        "recent_events": past_events(user=request.user),  # the coming ones are in the work list
    }
    return render(request, "portal/home.html", context)


@rule("authenticated")
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:200]
    results = selectors.search(user=request.user, query=query)
    return render(request, "portal/search.html", {"results": results, "search_query": query})
