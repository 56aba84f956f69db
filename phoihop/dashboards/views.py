from __future__ import annotations

import datetime
from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.agreements import access as agreement_access
from phoihop.core.access import rule
from phoihop.core.views_util import int_or_none
from phoihop.dashboards import charts, selectors
from phoihop.dashboards.access import (
    can_view_organization_dashboard,
    dashboard_organizations,
    dashboard_roots,
    get_dashboard_organization_for_user,
)
from phoihop.dashboards.charts import link
from phoihop.orgs import access as org_access
from phoihop.orgs.models import Organization
from phoihop.plans.selectors import TaskStatus

PAGE_SIZE = 25
LIST_LIMIT = 5


def _today() -> datetime.date:
    return timezone.localdate()


def _year(request: HttpRequest, years: list[int], today: datetime.date) -> int:
    asked = int_or_none(request.GET.get("year"))
    if asked is not None and (asked in years or asked == today.year):
        return asked
    return selectors.default_year(years, today)


def _organization_page(
    request: HttpRequest, org: Organization, *, choices: list[Organization] | None = None
) -> HttpResponse:
    today = _today()
    years = selectors.plan_years(user=request.user, organization_ids=[org.pk])
    year = _year(request, years, today)
    figures = selectors.organization_detail(user=request.user, organization=org, today=today, year=year, limit=LIST_LIMIT)
    monthly = selectors.monthly_activities(user=request.user, year=year, organization_id=org.pk)
    approves = org.pk in org_access.approver_org_ids(request.user)
    children = selectors.subordinates(org)
    context: dict[str, Any] = {
        "org": org,
        "f": figures,
        "today": today,
        "year": year,
        "years": sorted(set(years) | {today.year}, reverse=True),
        "choices": choices or [],
        "children": children,
        "parent_visible": org.parent_id is not None
        and can_view_organization_dashboard(request.user, org.parent_id),
        "limit": LIST_LIMIT,
        "monthly": monthly,
        "monthly_chart": charts.monthly_chart(monthly, party=org.pk),
        "attainment_chart": charts.attainment_chart(figures.indicators),
        "ending_window": selectors.ENDING_WINDOW,
        "event_window": selectors.EVENT_WINDOW,
        "links": {
            "in_force": link("agreements:list", party=org.pk, status="in_force"),
            "due_month": link("dashboards:tasks", org=org.pk, state=selectors.DUE_THIS_MONTH),
            "overdue": link("dashboards:tasks", org=org.pk, state="overdue"),
            "approvals": link("activities:inbox")
            if approves
            else link("activities:list", party=org.pk, status="submitted"),
            "activities": charts.activities_link(party=org.pk, year=year),
            "events": link("events:list"),
            "subordinates": link("dashboards:subordinates", org.pk) if children else "",
            "reports": link("exchange:report_list", organization=org.pk),
        },
        "nav": "dashboards",
    }
    return render(request, "dashboards/organization.html", context)


@rule("authenticated")
def home(request: HttpRequest) -> HttpResponse:
    """The dashboard of the user's organisation; with several, ``?org=`` chooses one."""
    mine = dashboard_organizations(request.user)
    asked = int_or_none(request.GET.get("org"))
    if asked is not None:
        org = get_dashboard_organization_for_user(request.user, asked)
        return _organization_page(request, org, choices=mine)
    if mine:
        return _organization_page(request, mine[0], choices=mine)
    # System administrators belong to no organisation: they pick a top-level body.
    roots = dashboard_roots(request.user)
    return render(request, "dashboards/choose.html", {"roots": roots, "nav": "dashboards"})


@rule("object")
def organization(request: HttpRequest, pk: int) -> HttpResponse:
    org = get_dashboard_organization_for_user(request.user, pk)
    return _organization_page(request, org, choices=dashboard_organizations(request.user))


@rule("object")
def agreement(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = agreement_access.get_agreement_for_user(request.user, pk)
    today = _today()
    years = selectors.plan_years(user=request.user, agreement_id=agreement.pk)
    year = _year(request, years, today)
    data = selectors.agreement_dashboard(user=request.user, agreement=agreement, year=year, today=today)
    context: dict[str, Any] = {
        "agreement": agreement,
        "today": today,
        "year": year,
        "years": sorted(set(years) | {today.year}, reverse=True),
        "d": data,
        "monthly_chart": charts.monthly_chart(data.monthly, agreement=agreement.pk),
        "attainment_chart": charts.attainment_chart(data.targets),
        "area_chart": charts.area_chart(data.areas, agreement_id=agreement.pk, year=year),
        "links": {
            "tasks": link("dashboards:tasks", agreement=agreement.pk, year=year, state=selectors.LIVE),
            "done": link("dashboards:tasks", agreement=agreement.pk, year=year, state="done"),
            "overdue": link("dashboards:tasks", agreement=agreement.pk, year=year, state="overdue"),
            "activities": charts.activities_link(agreement=agreement.pk, year=year),
            "reports": link("exchange:schedule", agreement.pk, year=year),
            "inspections": link("exchange:inspection_list", agreement=agreement.pk),
        },
        "nav": "dashboards",
    }
    return render(request, "dashboards/agreement.html", context)


@rule("object")
def subordinates(request: HttpRequest, pk: int) -> HttpResponse:
    """The subordinate bodies' figures side by side, sortable by column, each row drilling down."""
    org = get_dashboard_organization_for_user(request.user, pk)
    today = _today()
    children = selectors.subordinates(org)
    years = selectors.plan_years(user=request.user, organization_ids=[c.pk for c in children])
    year = _year(request, years, today)
    figures = selectors.organization_figures(organizations=children, today=today, year=year)
    sort = request.GET.get("sort", "name")
    if sort.lstrip("-") not in selectors.SORT_COLUMNS:
        sort = "name"
    rows = selectors.sort_figures(list(figures.values()), sort)
    # One reversal per page, not one per row and column: a province body has a hundred rows.
    org_url = charts.url_maker("dashboards:organization")
    for row in rows:
        row.url = org_url(row.organization.pk)
    columns = [
        ("name", _("Cơ quan, đơn vị")),
        ("in_force", _("Văn bản đang hiệu lực")),
        ("ending", _("Sắp hết hạn (90 ngày)")),
        ("due_month", _("Nhiệm vụ đến hạn tháng này")),
        ("overdue", _("Nhiệm vụ quá hạn")),
        ("reports", _("Báo cáo quá hạn chưa gửi")),
        ("approvals", _("Chờ duyệt")),
        ("activities", _("Hoạt động đã duyệt trong năm")),
        ("attainment", _("Đạt chỉ tiêu (bình quân)")),
    ]
    headers = []
    for key, label in columns:
        # Numbers read best largest first; names A–Z.
        first = key if key == "name" else f"-{key}"
        current = sort.lstrip("-") == key
        next_sort = (key if sort.startswith("-") else f"-{key}") if current else first
        headers.append({"key": key, "label": label, "sort": next_sort, "current": current, "descending": sort.startswith("-")})
    context = {
        "org": org,
        "rows": rows,
        "chart": charts.subordinates_chart(rows),
        "urls": {
            "agreements": link("agreements:list"),
            "tasks": link("dashboards:tasks"),
            "activities": link("activities:list"),
        },
        "late_anywhere": any(r.overdue or r.due_this_month for r in rows),
        "headers": headers,
        "sort": sort,
        "year": year,
        "years": sorted(set(years) | {today.year}, reverse=True),
        "today": today,
        "nav": "dashboards",
    }
    return render(request, "dashboards/subordinates.html", context)


@rule("authenticated")
def tasks(request: HttpRequest) -> HttpResponse:
    """The tasks behind a figure: filtered by organisation, agreement, content area, year and state."""
    g = request.GET
    today = _today()
    org_id = int_or_none(g.get("org"))
    # Any organisation may filter the list: the tasks themselves are scoped to the reader.
    org = Organization.objects.filter(pk=org_id).first() if org_id is not None else None
    agreement_id = int_or_none(g.get("agreement"))
    agreement = agreement_access.visible_agreements(request.user).filter(pk=agreement_id).first() if agreement_id else None
    state = g.get("state", "")
    state = state if state in selectors.TASK_STATES else ""
    area_id = int_or_none(g.get("area"))
    year = int_or_none(g.get("year"))
    lead_only = bool(org) and g.get("lead") == "1"
    filters = {
        "org": org.pk if org else None,
        "agreement": agreement.pk if agreement else None,
        "area": area_id,
        "year": year,
        "state": state,
        "lead": lead_only,
    }
    page = None
    shown: list[selectors.TaskLine] = []
    if org or agreement or year:
        lines = selectors.task_lines(
            user=request.user,
            today=today,
            organization_ids=[org.pk] if org else None,
            agreement_id=agreement.pk if agreement else None,
            area_id=area_id,
            year=year,
            lead_only=lead_only,
            state=state,
        )
        page = Paginator(lines, PAGE_SIZE).get_page(g.get("page"))
        assert isinstance(page.object_list, QuerySet)  # a page of the lines' queryset
        shown = selectors.task_lines_of(page.object_list, today)
    states = [
        ("", _("Tất cả")),
        (selectors.DUE_THIS_MONTH, _("Đến hạn trong tháng")),
        ("overdue", _("Quá hạn")),
        (selectors.OPEN, _("Chưa hoàn thành")),
        ("done", _("Hoàn thành")),
    ]
    context = {
        "page": page,
        "lines": shown,
        "filters": filters,
        "org": org,
        "agreement": agreement,
        "states": states,
        "state_label": {
            **{value: str(label) for value, label in TaskStatus.choices},
            **dict(states),
            selectors.PENDING: _("Đang, chưa thực hiện"),
            selectors.LIVE: _("Không kể nhiệm vụ đã hủy"),
        }.get(state, "") if state else "",
        "today": today,
        "month": today,
        "scoped": bool(org or agreement or filters["year"]),
        "nav": "dashboards",
    }
    return render(request, "dashboards/tasks.html", context)
