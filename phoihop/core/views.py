from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from phoihop.core import selectors
from phoihop.core.access import rule
from phoihop.core.selectors import home_overview
from phoihop.core.worklist import past_events, work_list


@rule("authenticated")
def home(request: HttpRequest) -> HttpResponse:
    context = home_overview(user=request.user)
    context["worklist"] = work_list(user=request.user)
    context["recent_events"] = past_events(user=request.user)  # the coming ones are in the work list
    return render(request, "core/home.html", context)


@rule("authenticated")
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:200]
    results = selectors.search(user=request.user, query=query)
    return render(request, "core/search.html", {"results": results, "search_query": query})
