"""The figures on the dashboards, computed for many organisations at once.

Rules behind the figures (``today`` is always passed in, so a test fixes the date):
- an organisation's agreements are those it is a party to; "in force" is the agreement's status;
  an agreement ends on 31/12 of the last year of its period, and "ending soon" means in force and
  ending within ``ENDING_WINDOW`` days from today (time to prepare the renewal);
- an organisation's tasks are the tasks it leads or supports in annual plans in force; a task's
  status is derived by plans.selectors (not started, in progress, done, overdue, cancelled);
  "due this month" counts the tasks due in today's calendar month still under way (not started or
  in progress: a task past its due date is counted once, as overdue); "overdue" counts the tasks
  whose derived status is overdue;
- reports owed (due within days, not yet sent), missing (past the deadline, not sent) and late
  (sent after the deadline) come from the report exchange (exchange.selectors.owed_reports), under
  the agreements in force, over their whole validity;
- "waiting for approval" counts activities submitted by the organisation, waiting for its leader;
- upcoming conferences are events from today on, within ``EVENT_WINDOW`` days, hosted by the
  organisation, attended by it, or held under one of its agreements;
- indicator attainment is achieved / target of each indicator (plans.selectors.indicator_progress),
  and an organisation's average attainment caps each indicator at 100%.

Only what the reader may see counts. Every function here costs a fixed number of queries, whatever
the number of organisations, agreements, tasks or activities.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import ExtractMonth
from django.utils.translation import gettext as _

from phoihop.activities import access as activity_access
from phoihop.activities.models import Activity
from phoihop.agreements import access as agreement_access
from phoihop.agreements.models import Agreement, ContentArea, Party
from phoihop.dashboards.models import ActivityFigure, ReportSlot, TaskFigure
from phoihop.events.models import Event
from phoihop.orgs.models import Organization
from phoihop.plans.models import AnnualPlan, Indicator, Task
from phoihop.plans.selectors import IndicatorProgress, TaskStatus, indicator_progress

if TYPE_CHECKING:
    from phoihop.core.access import AnyUser
    from phoihop.exchange.models import Recommendation
    from phoihop.exchange.selectors import PartyTimeliness

ENDING_WINDOW = 90
EVENT_WINDOW = 60
HUNDRED = Decimal(100)
# Rows listed on one organisation's page; the counts cover everything.
AGREEMENT_LIMIT = 10
EVENT_LIMIT = 10
INDICATOR_LIMIT = 30

# Extra states the task list understands besides the derived statuses.
DUE_THIS_MONTH = "due_month"
OPEN = "open"  # not done, not cancelled
PENDING = "pending"  # not started or in progress (open, not overdue)
LIVE = "live"  # not cancelled: what the dashboards count as the plan's tasks
TASK_STATES = (DUE_THIS_MONTH, OPEN, PENDING, LIVE, *TaskStatus.values)


def agreement_end(agreement: Agreement) -> datetime.date | None:
    """The last day an agreement runs: 31/12 of the last year of its period."""
    return datetime.date(agreement.period_end, 12, 31) if agreement.period_end else None


def month_bounds(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    first = today.replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    return first, following - datetime.timedelta(days=1)


def average_attainment(progress: Iterable[IndicatorProgress]) -> Decimal | None:
    """The mean of the indicators' percentages, each capped at 100%; None without a target."""
    percents = [min(p.percent, HUNDRED) for p in progress if p.percent is not None]
    if not percents:
        return None
    return (sum(percents, Decimal(0)) / len(percents)).quantize(Decimal("0.1"), ROUND_HALF_UP)


# --- tasks ------------------------------------------------------------------------------------


@dataclass
class TaskLine:
    task: Task
    status: str

    @property
    def status_label(self) -> str:
        return str(TaskStatus(self.status).label)


def figure_status(figure: TaskFigure, today: datetime.date) -> str:
    """A task's status (plans.selectors) from its summary row and the date."""
    if figure.state == TaskFigure.State.CANCELLED:
        return TaskStatus.CANCELLED
    if figure.state == TaskFigure.State.DONE:
        return TaskStatus.DONE
    if figure.due is not None and figure.due < today:
        return TaskStatus.OVERDUE
    return TaskStatus.IN_PROGRESS if figure.started else TaskStatus.NOT_STARTED


def state_filter(state: str, today: datetime.date) -> Q:
    """The task states the task list understands, as a filter on summary rows."""
    open_ = Q(state=TaskFigure.State.OPEN)
    late = Q(due__lt=today)
    on_time = Q(due__isnull=True) | Q(due__gte=today)
    if state == DUE_THIS_MONTH:
        return open_ & Q(due__gte=today, due__lte=month_bounds(today)[1])
    return {
        TaskStatus.OVERDUE: open_ & late,
        OPEN: open_,
        PENDING: open_ & on_time,
        LIVE: ~Q(state=TaskFigure.State.CANCELLED),
        TaskStatus.DONE: Q(state=TaskFigure.State.DONE),
        TaskStatus.CANCELLED: Q(state=TaskFigure.State.CANCELLED),
        TaskStatus.IN_PROGRESS: open_ & on_time & Q(started=True),
        TaskStatus.NOT_STARTED: open_ & on_time & Q(started=False),
    }.get(state, Q())


def task_figures(
    *,
    today: datetime.date,
    organization_id: int | None = None,
    agreement_id: int | None = None,
    area_id: int | None = None,
    year: int | None = None,
    lead_only: bool = False,
    state: str = "",
) -> QuerySet[TaskFigure]:
    """Summary rows of active tasks, one per task, in due-date order. Without ``year`` only
    plans in force count; with it, that year's plans whatever their status. With
    ``organization_id``, the tasks it leads or supports (``lead_only``: leads). Not scoped to a
    reader: callers pass an organisation or agreement the reader may see, or use ``task_page``."""
    if organization_id is not None:
        qs = TaskFigure.objects.filter(organization_id=organization_id)
        if lead_only:
            qs = qs.filter(lead=True)
    else:
        qs = TaskFigure.objects.filter(lead=True)
    qs = qs.filter(year=year) if year is not None else qs.filter(in_force=True)
    if agreement_id is not None:
        qs = qs.filter(agreement_id=agreement_id)
    if area_id is not None:
        qs = qs.filter(content_area_id=area_id)
    return qs.filter(state_filter(state, today)).order_by("due", "agreement_id", "task__number", "task_id")


def task_lines_of(figures: QuerySet[TaskFigure], today: datetime.date) -> list[TaskLine]:
    """Lines to show from a (sliced) queryset of rows, the tasks loaded with what the rows print
    (one query)."""
    rows = list(figures.select_related("task__plan__agreement", "task__lead_organization", "task__content_area"))
    return [TaskLine(f.task, figure_status(f, today)) for f in rows]


def task_lines(
    *,
    user: AnyUser,
    today: datetime.date,
    organization_ids: Sequence[int] | None = None,
    agreement_id: int | None = None,
    area_id: int | None = None,
    year: int | None = None,
    lead_only: bool = False,
    state: str = "",
) -> QuerySet[TaskFigure]:
    """The task list behind a figure, scoped to what the user may see (a queryset to paginate)."""
    org_id = organization_ids[0] if organization_ids else None
    qs = task_figures(
        today=today, organization_id=org_id, agreement_id=agreement_id, area_id=area_id, year=year,
        lead_only=lead_only, state=state,
    )
    if agreement_id is None:
        qs = qs.filter(agreement_id__in=agreement_access.visible_agreements(user).values("pk"))
    return qs


# --- organisations ----------------------------------------------------------------------------


@dataclass
class OrganizationFigures:
    organization: Organization
    in_force: int = 0
    ending_soon: int = 0
    due_this_month: int = 0
    overdue: int = 0
    reports_due: int = 0
    reports_missing: int = 0
    reports_late: int = 0
    approvals: int = 0
    activities: int = 0
    attainment: Decimal | None = None
    # Bounded lists for one organisation's page (``organization_detail``).
    agreements: list[Agreement] = field(default_factory=list)
    ending_ids: set[int] = field(default_factory=set)
    overdue_lines: list[TaskLine] = field(default_factory=list)
    due_lines: list[TaskLine] = field(default_factory=list)
    missing_list: list[ReportSlot] = field(default_factory=list)
    due_list: list[ReportSlot] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    event_count: int = 0
    indicators: list[IndicatorProgress] = field(default_factory=list)
    indicator_count: int = 0
    url: str = ""  # its dashboard, set by the page that lists it

    def sort_value(self, column: str) -> int | Decimal:
        values: dict[str, int | Decimal] = {
            "in_force": self.in_force,
            "ending": self.ending_soon,
            "due_month": self.due_this_month,
            "overdue": self.overdue,
            "reports": self.reports_missing,
            "approvals": self.approvals,
            "activities": self.activities,
            "attainment": self.attainment if self.attainment is not None else Decimal(-1),
        }
        return values[column]


SORT_COLUMNS = ("name", "in_force", "ending", "due_month", "overdue", "reports", "approvals", "activities", "attainment")


def ending_years(today: datetime.date) -> list[int]:
    """The last years of period whose agreements end within ``ENDING_WINDOW`` days."""
    horizon = today + datetime.timedelta(days=ENDING_WINDOW)
    return [y for y in range(today.year, horizon.year + 1) if today <= datetime.date(y, 12, 31) <= horizon]


def _in_force_parties(ids: Sequence[int]) -> QuerySet[Party]:
    return Party.objects.filter(
        organization_id__in=list(ids),
        agreement__status=Agreement.Status.IN_FORCE,
        agreement__archived_at__isnull=True,
    )


def organization_figures(
    *, organizations: Sequence[Organization], today: datetime.date, year: int, user: AnyUser | None = None
) -> dict[int, OrganizationFigures]:
    """The dashboard counts of each organisation, read from the summary rows: four queries
    whatever the number of organisations and records. ``year`` picks the plan year of the
    attainment and the calendar year of the approved activities. The reader must be allowed to
    see these organisations' dashboards (their agreements are then visible to them)."""
    ids = [o.pk for o in organizations]
    result = {o.pk: OrganizationFigures(o) for o in organizations}
    for org_id, in_force, ending in (
        _in_force_parties(ids)
        .values("organization_id")
        .annotate(
            n=Count("agreement_id", distinct=True),
            ending=Count("agreement_id", distinct=True, filter=Q(agreement__period_end__in=ending_years(today))),
        )
        .values_list("organization_id", "n", "ending")
        .order_by()
    ):
        result[org_id].in_force, result[org_id].ending_soon = in_force, ending

    tasks = TaskFigure.objects.filter(organization_id__in=ids).values("organization_id").annotate(
        overdue=Count("id", filter=Q(in_force=True) & state_filter(TaskStatus.OVERDUE, today)),
        due_month=Count("id", filter=Q(in_force=True) & state_filter(DUE_THIS_MONTH, today)),
        tenths=Sum("percent_tenths", filter=Q(year=year)),
        counted=Sum("percent_count", filter=Q(year=year)),
    )
    for row in tasks.values_list("organization_id", "overdue", "due_month", "tenths", "counted").order_by():
        org_id, overdue, due_month, tenths, counted = row
        figures = result[org_id]
        figures.overdue, figures.due_this_month = overdue, due_month
        if counted:
            figures.attainment = (Decimal(tenths) / 10 / counted).quantize(Decimal("0.1"), ROUND_HALF_UP)

    states = report_slot_states(today)
    for org_id, due, missing, late in (
        ReportSlot.objects.filter(organization_id__in=ids)
        .values("organization_id")
        .annotate(
            due=Count("id", filter=states["due"]),
            missing=Count("id", filter=states["missing"]),
            late=Count("id", filter=states["late"]),
        )
        .values_list("organization_id", "due", "missing", "late")
        .order_by()
    ):
        figures = result[org_id]
        figures.reports_due, figures.reports_missing, figures.reports_late = due, missing, late

    for org_id, approved, submitted in (
        ActivityFigure.objects.filter(organization_id__in=ids)
        .values("organization_id")
        .annotate(approved=Sum("approved", filter=Q(year=year)), submitted=Sum("submitted"))
        .values_list("organization_id", "approved", "submitted")
        .order_by()
    ):
        result[org_id].activities, result[org_id].approvals = approved or 0, submitted or 0
    return result


def report_slot_states(today: datetime.date) -> dict[str, Q]:
    """The report exchange's states of an owed report (exchange.selectors.state_of) as filters."""
    from phoihop.exchange.selectors import DUE_SOON_DAYS

    unsent = Q(sent_on__isnull=True)
    return {
        "due": unsent & Q(due_date__gte=today, due_date__lte=today + datetime.timedelta(days=DUE_SOON_DAYS)),
        "missing": unsent & Q(due_date__lt=today),
        "late": Q(sent_on__isnull=False, sent_on__gt=F("due_date")),
    }


def report_slots(*, organization_id: int, state: str, today: datetime.date) -> QuerySet[ReportSlot]:
    """The reports an organisation owes in a state (due, missing, late), in the exchange's order."""
    return (
        ReportSlot.objects.filter(organization_id=organization_id)
        .filter(report_slot_states(today)[state])
        .select_related("agreement")
        .only(*ReportSlot.LIST_FIELDS)
        .order_by("agreement_id", "order", "id")
    )


def organization_detail(
    *, user: AnyUser, organization: Organization, today: datetime.date, year: int, limit: int
) -> OrganizationFigures:
    """One organisation's page: its counts and the first ``limit`` records behind each. A fixed
    number of queries whatever the number of records."""
    org_id = organization.pk
    figures = organization_figures(organizations=[organization], today=today, year=year)[org_id]
    figures.agreements = list(
        Agreement.objects.filter(pk__in=_in_force_parties([org_id]).values("agreement_id"))
        .only("id", "title", "number_symbol", "period_start", "period_end", "kind", "status")
        .order_by("period_end", "title", "id")[:AGREEMENT_LIMIT]
    )
    ending = set(ending_years(today))
    figures.ending_ids = {a.pk for a in figures.agreements if a.period_end in ending}
    figures.overdue_lines = task_lines_of(
        task_figures(today=today, organization_id=org_id, state=TaskStatus.OVERDUE)[:limit], today
    )
    figures.due_lines = task_lines_of(
        task_figures(today=today, organization_id=org_id, state=DUE_THIS_MONTH)[:limit], today
    )
    figures.missing_list = _with_state(list(report_slots(organization_id=org_id, state="missing", today=today)[:limit]), "missing")
    figures.due_list = _with_state(list(report_slots(organization_id=org_id, state="due", today=today)[:limit]), "due")
    # Hosted, attended, or held under one of its agreements: three indexed look-ups, no join.
    # Each of them is visible to whoever may see the organisation's dashboard.
    events = (
        Event.objects.active()
        .filter(date__gte=today, date__lte=today + datetime.timedelta(days=EVENT_WINDOW))
        .filter(
            Q(host_id=org_id)
            | Q(pk__in=Event.organizations.through.objects.filter(organization_id=org_id).values("event_id"))
            | Q(
                pk__in=Event.agreements.through.objects.filter(
                    agreement__in=Party.objects.filter(
                        organization_id=org_id, agreement__archived_at__isnull=True
                    ).values("agreement_id")
                ).values("event_id")
            )
        )
    )
    figures.event_count = events.count()
    figures.events = list(events.only("id", "date", "title", "kind", "place").order_by("date", "id")[:EVENT_LIMIT])
    # Indicator attainment of the year's tasks it leads or supports: the average over all of
    # them (from the summary rows), the first ones charted.
    year_tasks = TaskFigure.objects.filter(organization_id=org_id, year=year).values("task_id")
    indicators = Indicator.objects.active().filter(task_id__in=year_tasks)
    figures.indicator_count = indicators.count()
    shown: list[Indicator] = list(
        indicators.select_related("task").order_by("task__plan__agreement_id", "task__number", "order", "id")[
            :INDICATOR_LIMIT
        ]
    )
    progress = indicator_progress(shown)
    figures.indicators = [progress[i.pk] for i in shown]
    return figures


def _with_state(slots: list[ReportSlot], state: str) -> list[ReportSlot]:
    for slot in slots:
        slot.state = state
    return slots


def sort_figures(rows: list[OrganizationFigures], sort: str) -> list[OrganizationFigures]:
    """Rows ordered by a column (``-column`` for descending), names in Vietnamese order."""
    from phoihop.vn.collation import vi_sorted

    descending = sort.startswith("-")
    column = sort.lstrip("-")
    by_name = vi_sorted(rows, key=lambda r: r.organization.name)
    if column not in SORT_COLUMNS or column == "name":
        return list(reversed(by_name)) if descending else by_name
    return sorted(by_name, key=lambda r: r.sort_value(column), reverse=descending)


def subordinates(organization: Organization) -> list[Organization]:
    return list(Organization.objects.active().filter(parent=organization))


def plan_years(*, user: AnyUser, organization_ids: Sequence[int] | None = None, agreement_id: int | None = None) -> list[int]:
    """The years of the plans of some organisations' agreements (or of one agreement), newest
    first. The caller has checked that the user may see those organisations or that agreement."""
    plans = AnnualPlan.objects.active()
    if agreement_id is not None:
        plans = plans.filter(agreement_id=agreement_id)
    if organization_ids is not None:
        parties = Party.objects.filter(organization_id__in=list(organization_ids)).values("agreement_id")
        plans = plans.filter(agreement_id__in=parties)
    return list(plans.values_list("year", flat=True).distinct().order_by("-year"))


def default_year(years: list[int], today: datetime.date) -> int:
    """This year when it has a plan, else the latest year that has one (or this year)."""
    if today.year in years or not years:
        return today.year
    past = [y for y in years if y < today.year]
    return past[0] if past else years[-1]


# --- charts -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AreaSeries:
    """One content area's approved activities per month (None: tasks with no content area)."""

    area_id: int | None
    agreement_id: int
    label: str
    counts: list[int]


@dataclass
class MonthlySeries:
    """Approved activities per month of a year, one series per content area."""

    year: int
    series: list[AreaSeries] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(sum(s.counts) for s in self.series)


def monthly_activities(
    *, user: AnyUser, year: int, organization_id: int | None = None, agreement_id: int | None = None
) -> MonthlySeries:
    """Approved activities started in the year, by month started and content area. Two
    queries, counted in the database: a row per content area and month."""
    qs = activity_access.visible_activities(user).active().filter(
        status=Activity.Status.APPROVED, start_date__year=year
    )
    if organization_id is not None:
        qs = qs.filter(
            pk__in=Activity.organizations.through.objects.filter(organization_id=organization_id).values(
                "activity_id"
            )
        )
    if agreement_id is not None:
        qs = qs.filter(task__plan__agreement_id=agreement_id)
    rows = (
        qs.annotate(month=ExtractMonth("start_date"))
        .values_list("task__content_area_id", "task__plan__agreement_id", "month")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts: dict[int | None, list[int]] = {}
    area_agreement: dict[int | None, int] = {}
    agreements = set()
    for area_id, agreement, month, n in rows:
        counts.setdefault(area_id, [0] * 12)[month - 1] += n
        area_agreement[area_id] = agreement
        agreements.add(agreement)
    areas = {
        a.pk: a
        for a in ContentArea.objects.filter(pk__in=[a for a in counts if a is not None])
        .select_related("agreement")
        .only("id", "number", "title", "agreement__id", "agreement__number_symbol")
    }
    result = MonthlySeries(year)

    def order(area_id: int | None) -> tuple[bool, int, int]:
        area = areas.get(area_id) if area_id is not None else None
        return (area is None, area.agreement_id if area else 0, area.number if area else 0)

    for area_id in sorted(counts, key=order):
        area = areas.get(area_id) if area_id is not None else None
        if area is None:
            label = _("Chưa gắn nội dung phối hợp")
        else:
            label = f"{area.number}. {area.title}"
            if len(label) > 48:
                label = label[:47] + "…"
            if len(agreements) > 1 and area.agreement.number_symbol:
                label = f"{area.agreement.number_symbol} — {label}"
        result.series.append(
            AreaSeries(area_id=area_id, agreement_id=area_agreement[area_id], label=label, counts=counts[area_id])
        )
    return result


# --- agreements -------------------------------------------------------------------------------


@dataclass
class AreaProgress:
    area: ContentArea | None
    tasks: int = 0
    done: int = 0
    overdue: int = 0
    activities: int = 0
    indicators: list[IndicatorProgress] = field(default_factory=list)

    @property
    def attainment(self) -> Decimal | None:
        return average_attainment(self.indicators)

    @property
    def done_percent(self) -> Decimal | None:
        if not self.tasks:
            return None
        return (Decimal(self.done) * HUNDRED / self.tasks).quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass
class PartyProgress:
    party: Party
    tasks: int = 0
    done: int = 0
    overdue: int = 0
    activities: int = 0
    participants: int = 0
    timeliness: PartyTimeliness | None = None


@dataclass(frozen=True)
class AgreementDashboard:
    areas: list[AreaProgress]
    parties: list[PartyProgress]
    targets: list[IndicatorProgress]
    attainment: Decimal | None
    tasks: int
    done: int
    overdue: int
    activities: int
    participants: int
    timeliness: list[PartyTimeliness]
    recommendations: list[Recommendation]
    recommendation_count: int
    monthly: MonthlySeries
    end: datetime.date | None


def agreement_dashboard(*, user: AnyUser, agreement: Agreement, year: int, today: datetime.date) -> AgreementDashboard:
    """Progress of one agreement in one plan year: by content area and by party, target against
    achieved, reporting timeliness and open inspection recommendations. A fixed number of queries."""
    from phoihop.activities.selectors import agreement_totals

    areas = list(agreement.content_areas.order_by("number", "id"))
    parties = list(agreement.parties.select_related("organization").order_by("order", "id"))
    by_area: dict[int | None, AreaProgress] = {a.pk: AreaProgress(a) for a in areas}
    by_party = {p.organization_id: PartyProgress(p) for p in parties}
    year_tasks = task_figures(today=today, agreement_id=agreement.pk, year=year)
    totals_row = AreaProgress(None)  # the whole year's task counts
    for area_id, lead_id, live, done, overdue in (
        year_tasks.values("content_area_id", "organization_id")
        .annotate(
            live=Count("id", filter=state_filter(LIVE, today)),
            done=Count("id", filter=state_filter(TaskStatus.DONE, today)),
            overdue=Count("id", filter=state_filter(TaskStatus.OVERDUE, today)),
        )
        .values_list("content_area_id", "organization_id", "live", "done", "overdue")
        .order_by()
    ):
        if area_id not in by_area:
            by_area[area_id] = AreaProgress(None)
        counted: list[AreaProgress | PartyProgress] = [by_area[area_id], totals_row]
        if lead_id in by_party:
            counted.append(by_party[lead_id])
        for row in counted:
            row.tasks += live
            row.done += done
            row.overdue += overdue

    # Target against achieved: the year's task indicators and the areas' own indicators.
    # Both sides of the OR as literal ids, so each is an index scan: with the tasks as a subquery
    # the database reads every indicator of the province to test the OR row by row.
    task_ids = list(year_tasks.values_list("task_id", flat=True))
    indicators: list[Indicator] = list(
        Indicator.objects.active()
        .filter(Q(task_id__in=task_ids) | Q(content_area_id__in=[a.pk for a in areas]))
        .select_related("task")
        .order_by("content_area_id", "order", "id")
    )
    progress = indicator_progress(indicators)
    area_by_pk = {a.pk: a for a in areas}
    target_rows = []
    for ind in indicators:
        if ind.task_id is not None:
            assert ind.task is not None
            area_id = ind.task.content_area_id
        else:
            assert ind.content_area_id is not None  # constraint indicator_has_one_owner
            ind.content_area = area_by_pk.get(ind.content_area_id)
            area_id = ind.content_area_id
        by_area.setdefault(area_id, AreaProgress(None)).indicators.append(progress[ind.pk])
        target_rows.append(progress[ind.pk])

    activity_areas = (
        activity_access.visible_activities(user)
        .active()
        .filter(task__plan__agreement=agreement, task__plan__year=year, status=Activity.Status.APPROVED)
        .values_list("task__content_area_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    for area_id, n in activity_areas:
        by_area.setdefault(area_id, AreaProgress(None)).activities += n

    totals = agreement_totals(agreement=agreement, year=year)
    for org_totals in totals.by_organization:
        party_row = by_party.get(org_totals.organization.pk)
        if party_row is not None:
            party_row.activities = org_totals.activities
            party_row.participants = org_totals.participants

    from phoihop.exchange.selectors import open_recommendations, timeliness

    punctuality = timeliness(agreement=agreement, year=year, today=today)
    for entry in punctuality:
        party_row = by_party.get(entry.organization.pk)
        if party_row is not None:
            party_row.timeliness = entry

    recommendations = open_recommendations(agreement_ids=[agreement.pk])
    rows = [by_area[a.pk] for a in areas] + ([by_area[None]] if None in by_area else [])
    return AgreementDashboard(
        areas=rows,
        parties=list(by_party.values()),
        targets=target_rows,
        attainment=average_attainment(target_rows),
        tasks=totals_row.tasks,
        done=totals_row.done,
        overdue=totals_row.overdue,
        activities=totals.activities,
        participants=totals.participants,
        timeliness=punctuality,
        recommendations=list(recommendations[:10]),
        recommendation_count=recommendations.count(),
        monthly=monthly_activities(user=user, year=year, agreement_id=agreement.pk),
        end=agreement_end(agreement),
    )
