"""Chart data for static/dashboards/charts.js, and the links from figures to their records.

A chart is a dict handed to ``json_script``: ``kind`` (bar), ``labels``, ``datasets`` (label,
data, and ``links``: one URL per bar, opened on click), and options (``horizontal``, ``stacked``,
``percent``, ``title``). Every word in it is already translated.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlencode

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from phoihop.dashboards.selectors import HUNDRED, MonthlySeries
from phoihop.plans.selectors import IndicatorProgress


def link(name: str, *args: Any, **query: Any) -> str:
    """The URL of a page with GET filters; empty when the page does not exist (yet)."""
    try:
        base = reverse(name, args=args)
    except NoReverseMatch:
        return ""
    params = {k: v for k, v in query.items() if v not in (None, "")}
    return f"{base}?{urlencode(params)}" if params else base


def url_maker(name: str) -> Callable[[int], str]:
    """``pk -> URL`` of a page taking one key, reversed once (rows of a long table)."""
    marker = 987654321
    base = reverse(name, args=[marker])
    head, tail = base.rsplit(str(marker), 1)
    return lambda pk: f"{head}{pk}{tail}"


def activities_link(**query: Any) -> str:
    return link("activities:list", status="approved", **query)


def monthly_chart(monthly: MonthlySeries, **query: Any) -> dict[str, Any]:
    """Stacked bars: approved activities per month, one colour per content area."""
    months = [_("T%(month)s") % {"month": m} for m in range(1, 13)]
    datasets = []
    for series in monthly.series:
        area = series.area_id
        # One link per bar, twelve per content area: the month is the only part that changes.
        before = activities_link(area=area or "", year=monthly.year, month=0)
        after = urlencode(
            {
                k: v
                for k, v in {"agreement": query.get("agreement") or series.agreement_id, "party": query.get("party", "")}.items()
                if v not in (None, "")
            }
        )
        head = before.removesuffix("month=0")
        datasets.append(
            {
                "label": series.label,
                "data": series.counts,
                "links": [f"{head}month={m}" + (f"&{after}" if after else "") for m in range(1, 13)],
            }
        )
    return {
        "kind": "bar",
        "stacked": True,
        "labels": months,
        "datasets": datasets,
        "yTitle": _("Số hoạt động"),
        "integer": True,
    }


def attainment_chart(progress: Sequence[IndicatorProgress]) -> dict[str, Any]:
    """Horizontal bars: each indicator's attainment in percent (capped at the axis, not the label)."""
    labels, full, data, raw, links = [], [], [], [], []
    for p in progress:
        task = p.indicator.task if p.indicator.task_id else None
        name = f"{task.number}. {p.indicator.name}" if task else p.indicator.name
        full.append(name)
        labels.append(name if len(name) <= 34 else name[:33] + "…")
        percent = p.percent if p.percent is not None else 0
        data.append(float(min(percent, HUNDRED * 2)))
        raw.append(float(percent))
        links.append(link("plans:task_detail", task.pk) if task else "")
    return {
        "kind": "bar",
        "horizontal": True,
        "percent": True,
        "labels": labels,
        "fullLabels": full,
        "datasets": [{"label": _("Tỷ lệ đạt chỉ tiêu (%)"), "data": data, "raw": raw, "links": links, "byValue": True}],
    }


def area_chart(areas: Sequence[Any], *, agreement_id: int, year: int) -> dict[str, Any]:
    """Per content area: tasks done, overdue and the rest, stacked."""
    labels, done, overdue, other = [], [], [], []
    done_links, overdue_links, other_links = [], [], []
    for row in areas:
        labels.append(_("Nội dung %(n)s") % {"n": row.area.number} if row.area else _("Khác"))
        done.append(row.done)
        overdue.append(row.overdue)
        other.append(row.tasks - row.done - row.overdue)
        area = row.area.pk if row.area else ""
        common = {"agreement": agreement_id, "area": area, "year": year}
        done_links.append(link("dashboards:tasks", state="done", **common))
        overdue_links.append(link("dashboards:tasks", state="overdue", **common))
        other_links.append(link("dashboards:tasks", state="pending", **common))
    return {
        "kind": "bar",
        "stacked": True,
        "integer": True,
        "labels": labels,
        "yTitle": _("Số nhiệm vụ"),
        "datasets": [
            {"label": _("Hoàn thành"), "data": done, "links": done_links, "color": "success"},
            {"label": _("Quá hạn"), "data": overdue, "links": overdue_links, "color": "danger"},
            {"label": _("Đang, chưa thực hiện"), "data": other, "links": other_links, "color": "muted"},
        ],
    }


def subordinates_chart(rows: Sequence[Any]) -> dict[str, Any]:
    """Per subordinate body, in the table's order: overdue tasks and tasks due this month."""
    names = [r.organization.short_name or r.organization.name for r in rows]
    tasks = link("dashboards:tasks")
    return {
        "kind": "bar",
        "horizontal": True,
        "stacked": True,
        "integer": True,
        "labels": [n if len(n) <= 34 else n[:33] + "…" for n in names],
        "fullLabels": names,
        "datasets": [
            {
                "label": _("Nhiệm vụ quá hạn"),
                "data": [r.overdue for r in rows],
                "links": [f"{tasks}?org={r.organization.pk}&state=overdue" for r in rows],
                "color": "danger",
            },
            {
                "label": _("Nhiệm vụ đến hạn trong tháng"),
                "data": [r.due_this_month for r in rows],
                "links": [f"{tasks}?org={r.organization.pk}&state=due_month" for r in rows],
                "color": "warning",
            },
        ],
    }
