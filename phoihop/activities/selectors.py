"""Reads of activities: access-scoped lists, a leader's approvals inbox, and agreement totals.

A joint activity is credited to each co-organiser in per-organisation totals and counted once
in the agreement's totals.
"""

from __future__ import annotations

import calendar
import datetime
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Count, Max, Min, Prefetch, Q, QuerySet, prefetch_related_objects
from django.utils.translation import gettext as _

from phoihop.activities import access
from phoihop.activities.models import Activity, IndicatorValue
from phoihop.agreements import access as agreement_access
from phoihop.agreements.models import Agreement
from phoihop.attachments.selectors import attachments_of
from phoihop.core import history
from phoihop.core.paging import KeyedRows
from phoihop.core.selectors import filter_by_query
from phoihop.orgs import access as org_access
from phoihop.orgs.models import Organization
from phoihop.plans import access as plan_access
from phoihop.plans.models import Indicator
from phoihop.vn.numbers import format_number

if TYPE_CHECKING:
    from phoihop.agreements.models import ContentArea
    from phoihop.attachments.models import Attachment
    from phoihop.core.access import AnyUser
    from phoihop.core.history import Entry
    from phoihop.plans.models import Task

PAGE_SIZE = 25
# The list says "more than 1,000" rather than counting a whole province's activities.
COUNT_CAP = 1000


def _with_related(qs: QuerySet[Activity]) -> QuerySet[Activity]:
    return qs.select_related(
        "task__plan__agreement", "task__content_area", "submitted_by", "approved_by"
    ).prefetch_related(
        "organizations",
        Prefetch("values", queryset=IndicatorValue.objects.select_related("indicator")),
    )


def activity_list(*, user: AnyUser, filters: Mapping[str, object]) -> QuerySet[Activity]:
    """Activities the user may see, filtered by agreement, plan, task, party, content area,
    period (year, year and month, or from/to dates) and status; newest first. ``filters`` are
    the list form's (ActivityFilterForm.filters): keys as ids, the year and month as numbers."""
    qs = access.visible_activities(user)
    qs = qs.filter(archived_at__isnull=False) if filters.get("archived") else qs.active()
    agreement, plan, task = filters.get("agreement"), filters.get("plan"), filters.get("task")
    if isinstance(agreement, int) and agreement:
        qs = qs.filter(agreement_id=agreement)
    if isinstance(plan, int) and plan:
        qs = qs.filter(task__plan_id=plan)
    if isinstance(task, int) and task:
        qs = qs.filter(task_id=task)
    organization = filters.get("organization")
    if isinstance(organization, int) and organization:
        through = Activity.organizations.through.objects.filter(organization_id=organization)
        qs = qs.filter(pk__in=through.values("activity_id"))
    content_area = filters.get("content_area")
    if isinstance(content_area, int) and content_area:
        qs = qs.filter(task__content_area_id=content_area)
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    year, month = filters.get("year"), filters.get("month")
    if isinstance(year, int) and year and isinstance(month, int) and month:
        first = datetime.date(year, month, 1)
        last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
        qs = qs.filter(start_date__lte=last, end_date__gte=first)
    elif isinstance(year, int) and year:
        # Date bounds rather than a year function, so the end-date index serves the range.
        qs = qs.filter(start_date__lte=datetime.date(year, 12, 31), end_date__gte=datetime.date(year, 1, 1))
    if filters.get("date_from"):
        qs = qs.filter(end_date__gte=filters["date_from"])
    if filters.get("date_to"):
        qs = qs.filter(start_date__lte=filters["date_to"])
    query = filters.get("q")
    if isinstance(query, str) and query:
        qs = filter_by_query(qs, query)
    return _with_related(qs).order_by("-end_date", "-id")


@dataclass
class KeysetPage:
    """One page of a list ordered by (end date, id) descending, reached by a cursor instead of a
    page number, so no page costs more than its rows and no row is lost or repeated between
    pages when several share an end date."""

    object_list: list[Activity]
    count: int
    count_capped: bool
    next_cursor: str | None
    previous_cursor: str | None

    @property
    def has_other_pages(self) -> bool:
        return bool(self.next_cursor or self.previous_cursor)


def cursor_of(activity: Activity) -> str:
    return f"{activity.end_date.isoformat()}.{activity.pk}"


def parse_cursor(text: str | None) -> tuple[datetime.date, int] | None:
    """``2024-03-05.123`` -> (date, id); None for anything else."""
    day, _, pk = (text or "").partition(".")
    try:
        parsed = (datetime.date.fromisoformat(day), int(pk))
    except ValueError:
        return None
    return parsed if 0 < parsed[1] < 2**63 else None


def _rows(keys: QuerySet[Activity], order: tuple[str, str], limit: int) -> list[Activity]:
    """The first ``limit`` rows of ``keys`` in ``order``, loaded with their related records.

    The keys are chosen by a subquery without joins, so the planner picks the index that suits
    the user (one agreement's range, or the whole list's order) instead of joining first."""
    chosen = keys.order_by(*order).values("pk")[:limit]
    return list(_with_related(Activity.objects.filter(pk__in=chosen)).order_by(*order))


def keyset_page(
    qs: QuerySet[Activity], *, after: str | None = None, before: str | None = None, size: int = PAGE_SIZE
) -> KeysetPage:
    """The page of ``qs`` (ordered newest first) after or before a cursor: three queries (the
    rows, their organisations and values) plus one count bounded by ``COUNT_CAP``."""
    count = qs.order_by()[: COUNT_CAP + 1].count()
    capped = count > COUNT_CAP
    older, newer = parse_cursor(after), parse_cursor(before)
    if newer is not None and older is None:
        day, pk = newer
        # ``end_date >= day`` lets the index start at the cursor; the OR settles ties by id.
        rows = _rows(qs.filter(Q(end_date__gt=day) | Q(end_date=day, pk__gt=pk), end_date__gte=day), ("end_date", "id"), size + 1)
        if rows:
            more_newer = len(rows) > size
            rows = rows[:size][::-1]
            return KeysetPage(
                rows,
                min(count, COUNT_CAP),
                capped,
                next_cursor=cursor_of(rows[-1]),
                previous_cursor=cursor_of(rows[0]) if more_newer else None,
            )
        # Nothing newer than the cursor (the first rows were removed): show the first page.
    elif older is not None:
        day, pk = older
        qs = qs.filter(Q(end_date__lt=day) | Q(end_date=day, pk__lt=pk), end_date__lte=day)
    rows = _rows(qs, ("-end_date", "-id"), size + 1)
    more_older = len(rows) > size
    rows = rows[:size]
    return KeysetPage(
        rows,
        min(count, COUNT_CAP),
        capped,
        next_cursor=cursor_of(rows[-1]) if rows and more_older else None,
        previous_cursor=cursor_of(rows[0]) if rows and older is not None else None,
    )


def year_options() -> list[int]:
    """The years the activity filter offers: those of the annual plans, newest first. Two index
    lookups (lowest and highest plan year), whatever the number of activities."""
    from phoihop.plans.models import AnnualPlan

    bounds = AnnualPlan.objects.aggregate(first=Min("year"), last=Max("year"))
    if bounds["first"] is None:
        return []
    return list(range(bounds["last"], bounds["first"] - 1, -1))


def content_area_options(*, user: AnyUser, agreement_id: int | None) -> list[ContentArea]:
    """The content areas the activity list offers: those of the chosen agreement, if the user
    sees it (one query; none without a chosen agreement)."""
    from phoihop.agreements.models import ContentArea

    if not agreement_id:
        return []
    return list(
        ContentArea.objects.filter(
            agreement_id=agreement_id, agreement_id__in=agreement_access.visible_agreements(user).values("pk")
        ).order_by("number")
    )


def approvals_inbox(*, user: AnyUser) -> KeyedRows[Activity]:
    """Submissions waiting for this user: organised by an organisation they lead, oldest first."""
    orgs = org_access.approver_org_ids(user)
    if not orgs:
        return KeyedRows(Activity.objects.none(), order=("submitted_at", "id"), load=_with_related)
    through = Activity.organizations.through.objects.filter(organization_id__in=orgs)
    return KeyedRows(
        access.visible_activities(user)
        .active()
        .filter(status=Activity.Status.SUBMITTED, pk__in=through.values("activity_id")),
        order=("submitted_at", "id"),
        load=_with_related,
    )


@dataclass(frozen=True)
class ActivityPage:
    activity: Activity
    values: list[IndicatorValue]
    photos: list[Attachment]
    documents: list[Attachment]
    can_edit: bool
    can_review: bool
    can_reopen: bool
    history: list[Entry]


def activity_detail(*, user: AnyUser, pk: int) -> ActivityPage:
    activity = access.get_activity_for_user(user, pk)
    values = list(activity.values.select_related("indicator"))
    files = attachments_of(activity)
    return ActivityPage(
        activity=activity,
        values=values,
        photos=[f for f in files if f.is_image],
        documents=[f for f in files if not f.is_image],
        can_edit=access.can_write_activity(user, activity) and activity.is_editable,
        can_review=access.can_approve_activity(user, activity)
        and activity.status == Activity.Status.SUBMITTED,
        can_reopen=access.can_write_activity(user, activity)
        and activity.status == Activity.Status.APPROVED,
        history=activity_history(activity),
    )


# The task page shows the latest activities; the rest are in the activity list filtered by task.
TASK_ACTIVITY_LIMIT = 20


@dataclass(frozen=True)
class TaskActivities:
    task: Task
    activities: list[Activity]  # the latest TASK_ACTIVITY_LIMIT
    activity_count: int
    more_activities: bool
    approved_count: int
    can_record: bool
    plan_open: bool


def task_panel(*, user: AnyUser, pk: int) -> TaskActivities:
    """The task page's "Hoạt động" panel: the latest activities of task ``pk`` the user sees,
    how many there are, and whether the user may record one."""
    task = plan_access.get_task_for_user(user, pk)
    visible = access.visible_activities(user).filter(task=task).active()
    counts = visible.order_by().aggregate(
        total=Count("id"), approved=Count("id", filter=Q(status=Activity.Status.APPROVED))
    )
    activities = list(
        visible.prefetch_related(
            "organizations",
            Prefetch("values", queryset=IndicatorValue.objects.select_related("indicator")),
        ).order_by("-end_date", "-id")[:TASK_ACTIVITY_LIMIT]
    )
    parties = {p.organization_id for p in task.plan.agreement.parties.all()}
    s = org_access.scope(user)
    return TaskActivities(
        task=task,
        activities=activities,
        activity_count=counts["total"],
        more_activities=counts["total"] > len(activities),
        approved_count=counts["approved"],
        can_record=any(s.can_write_for(org) for org in parties),
        plan_open=task.plan.is_open,
    )


def activity_record(*, user: AnyUser, pk: int) -> Activity:
    """The activity ``user`` may see (404 otherwise), with its organisers and its indicator
    values (each with its indicator) loaded."""
    activity = access.get_activity_for_user(user, pk)
    prefetch_related_objects(
        [activity], Prefetch("values", queryset=IndicatorValue.objects.select_related("indicator"))
    )
    return activity


def activity_history(activity: Activity) -> list[history.Entry]:
    values = IndicatorValue.history.filter(activity_id=activity.pk)
    # A value is named by its indicator ("Chỉ tiêu “12 buổi tuyên truyền”: 1,5"), not shown bare.
    indicators = dict(
        Indicator.objects.filter(pk__in=values.values("indicator_id")).values_list("pk", "name")
    )

    return history.merged(
        history.entries(Activity.history.filter(id=activity.pk), Activity, lambda r: r.title),
        history.entries(
            values,
            IndicatorValue,
            lambda r: _("Chỉ tiêu “%(name)s”: %(value)s") % {
                "name": indicators.get(r.indicator_id, "—"), "value": format_number(r.value),
            },
        ),
    )


@dataclass
class OrganizationTotals:
    organization: Organization
    activities: int = 0
    participants: int = 0
    values: dict[int, Decimal] = field(default_factory=dict)


@dataclass
class AgreementTotals:
    activities: int = 0
    participants: int = 0
    values: dict[int, Decimal] = field(default_factory=dict)
    by_organization: list[OrganizationTotals] = field(default_factory=list)


def agreement_totals(*, agreement: Agreement, year: int | None = None) -> AgreementTotals:
    """Approved work under the agreement (one plan year, or all): the number of activities, the
    people who took part and the sum of each summed indicator's values. A joint activity counts once
    here and is credited in full to each co-organiser in ``by_organization``.
    Four queries, whatever the number of activities."""
    qs = Activity.objects.filter(
        agreement_id=agreement.pk, status=Activity.Status.APPROVED, archived_at__isnull=True
    ).order_by()
    if year is not None:
        qs = qs.filter(task__plan__year=year)
    people = dict(qs.values_list("pk", "participants"))
    values: dict[int, dict[int, Decimal]] = defaultdict(dict)
    # Only values that add up make totals; "latest" and "percent" indicators are read per task.
    for activity_id, indicator_id, value in IndicatorValue.objects.filter(
        activity_id__in=list(people), indicator__aggregation=Indicator.Aggregation.SUM
    ).values_list("activity_id", "indicator_id", "value"):
        values[activity_id][indicator_id] = value
    totals = AgreementTotals(activities=len(people), participants=sum(n or 0 for n in people.values()))
    for per_activity in values.values():
        for indicator_id, value in per_activity.items():
            totals.values[indicator_id] = totals.values.get(indicator_id, Decimal(0)) + value
    credited: dict[int, OrganizationTotals] = {}
    links = Activity.organizations.through.objects.filter(activity_id__in=list(people)).select_related(
        "organization"
    )
    for link in links:
        org_totals = credited.setdefault(link.organization_id, OrganizationTotals(link.organization))
        org_totals.activities += 1
        org_totals.participants += people[link.activity_id] or 0
        for indicator_id, value in values.get(link.activity_id, {}).items():
            org_totals.values[indicator_id] = org_totals.values.get(indicator_id, Decimal(0)) + value
    parties = [p.organization_id for p in agreement.parties.all()]
    order = {org: i for i, org in enumerate(parties)}
    totals.by_organization = sorted(credited.values(), key=lambda t: order.get(t.organization.pk, len(order)))
    return totals

