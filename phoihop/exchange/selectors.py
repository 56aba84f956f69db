"""Reads of the information exchange: which reports each party owes and their timeliness, report
and inspection lists, and the draft text a report starts from.

``owed_reports``, ``timeliness``, ``open_recommendations`` and ``inspection_summary`` are the
public API other apps (dashboards, reminders, reviews) build on.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from phoihop.activities.models import Activity, IndicatorValue
from phoihop.agreements import access as agreement_access
from phoihop.agreements.models import Agreement, Party
from phoihop.exchange import access as exchange_access
from phoihop.exchange.models import (
    FollowUp,
    Inspection,
    PeriodicReport,
    Recommendation,
    ReportingSchedule,
    ReportRead,
    Rhythm,
)
from phoihop.exchange.periods import Period, periods_overlapping
from phoihop.orgs.models import Organization
from phoihop.plans.models import Indicator
from phoihop.vn.dates import format_short
from phoihop.vn.numbers import format_number

if TYPE_CHECKING:
    from phoihop.core.access import AnyUser
    from phoihop.core.history import Entry

DUE_SOON_DAYS = 7
HORIZON_DAYS = 31


class State:
    NOT_DUE = "not_due"
    DUE = "due"
    ON_TIME = "on_time"
    LATE = "late"
    MISSING = "missing"


STATE_LABELS = {
    State.NOT_DUE: gettext_noop("Chưa đến hạn"),
    State.DUE: gettext_noop("Sắp đến hạn"),
    State.ON_TIME: gettext_noop("Đúng hạn"),
    State.LATE: gettext_noop("Gửi muộn"),
    State.MISSING: gettext_noop("Chưa gửi, quá hạn"),
}


@dataclass(frozen=True)
class OwedReport:
    agreement: Agreement
    organization: Organization
    period_label: str
    period_start: datetime.date
    period_end: datetime.date
    due_date: datetime.date
    report: PeriodicReport | None
    state: str

    @property
    def state_label(self) -> str:
        return _(STATE_LABELS[self.state])

    @property
    def is_ad_hoc(self) -> bool:
        return self.report is not None and self.report.rhythm == Rhythm.AD_HOC


@dataclass(frozen=True)
class PartyTimeliness:
    organization: Organization
    owed: int
    on_time: int
    late: int
    missing: int
    rate: Decimal | None


def agreement_validity(agreement: Agreement) -> tuple[datetime.date | None, datetime.date | None]:
    """The days the agreement binds its parties: from signing (or 1 January of its first year)
    to 31 December of its last year; an open end is None."""
    starts = []
    if agreement.signed_on:
        starts.append(agreement.signed_on)
    if agreement.period_start:
        starts.append(datetime.date(agreement.period_start, 1, 1))
    start = max(starts) if starts else None
    end = datetime.date(agreement.period_end, 12, 31) if agreement.period_end else None
    return start, end


def state_of(report: PeriodicReport | None, due_date: datetime.date, today: datetime.date) -> str:
    if report is not None and report.is_submitted and report.submitted_at is not None:
        sent = timezone.localdate(report.submitted_at)
        return State.ON_TIME if sent <= due_date else State.LATE
    if today > due_date:
        return State.MISSING
    if (due_date - today).days <= DUE_SOON_DAYS:
        return State.DUE
    return State.NOT_DUE


def _owing_orgs(agreement: Agreement) -> list[Organization]:
    schedule = getattr(agreement, "reporting_schedule", None)
    named = {o.pk for o in schedule.reporters.all()} if schedule is not None else set()
    return [p.organization for p in agreement.parties.all() if not named or p.organization_id in named]


def _org_active_in(org: Organization, period: Period) -> bool:
    """An organisation owes nothing for a period that began after it ended or ended before it began."""
    if org.valid_to and period.start > org.valid_to:
        return False
    return not (org.valid_from and period.end < org.valid_from)


# Columns the owed-reports computation reads: never a report's body, nor an agreement's long
# texts (legal bases, purpose, search text), whatever the number of rows.
REPORT_SLOT_FIELDS = (
    "id", "agreement_id", "organization_id", "rhythm", "period_start", "period_end", "period_label",
    "due_date", "title", "status", "submitted_at", "archived_at",
)
AGREEMENT_SLOT_FIELDS = (
    "id", "kind", "number_symbol", "title", "status", "period_start", "period_end", "signed_on", "archived_at",
)


def _owes(agreement: Agreement) -> bool:
    """Draft and archived agreements owe nothing."""
    return agreement.archived_at is None and agreement.status != Agreement.Status.DRAFT


def _schedule_agreements(agreement_ids: Iterable[int] | None, *, idle_too: bool = False) -> list[Agreement]:
    """The agreements that may owe reports (with ``idle_too``, drafts and archived ones too), with
    schedule, reporters and parties' organisations (three queries)."""
    agreements_qs = Agreement.objects.all() if idle_too else Agreement.objects.active().exclude(status=Agreement.Status.DRAFT)
    if agreement_ids is not None:
        agreements_qs = agreements_qs.filter(pk__in=list(agreement_ids))
    return list(
        agreements_qs.select_related("reporting_schedule")
        .only(*AGREEMENT_SLOT_FIELDS, *(f"reporting_schedule__{f}" for f in ("id", "agreement_id", "rhythm", "due_days")))
        .prefetch_related(
            Prefetch("parties", queryset=Party.objects.select_related("organization").order_by("order", "id")),
            Prefetch("reporting_schedule__reporters"),
        )
        .order_by("pk")
    )


def _slot_range(
    agreement: Agreement, start: datetime.date | None, end: datetime.date | None, today: datetime.date
) -> tuple[datetime.date, datetime.date] | None:
    valid_from, valid_to = agreement_validity(agreement)
    if valid_from is None:
        return None
    lo = max(valid_from, start) if start else valid_from
    hi = min(d for d in (valid_to, end or today + datetime.timedelta(days=HORIZON_DAYS)) if d is not None)
    return lo, hi


def _iter_owed(
    agreements: list[Agreement],
    reports: Iterable[PeriodicReport],
    *,
    today: datetime.date,
    org_filter: set[int] | None,
    start: datetime.date | None,
    end: datetime.date | None,
) -> Iterator[OwedReport]:
    by_slot: dict[tuple[int, int, datetime.date, datetime.date], PeriodicReport] = {}
    ad_hoc: dict[int, list[PeriodicReport]] = defaultdict(list)
    for report in reports:
        if report.rhythm == Rhythm.AD_HOC:
            ad_hoc[report.agreement_id].append(report)
        else:
            by_slot[(report.agreement_id, report.organization_id, report.period_start, report.period_end)] = report
    for agreement in agreements:
        if not _owes(agreement):
            continue
        bounds = _slot_range(agreement, start, end, today)
        if bounds is None:
            continue
        lo, hi = bounds
        orgs = [o for o in _owing_orgs(agreement) if org_filter is None or o.pk in org_filter]
        schedule: ReportingSchedule | None = getattr(agreement, "reporting_schedule", None)
        if schedule is not None and orgs:
            due_after = datetime.timedelta(days=schedule.due_days)
            periods = list(periods_overlapping(schedule.rhythm, lo, hi))
            for org in orgs:
                for period in periods:
                    if not _org_active_in(org, period):
                        continue
                    due = period.end + due_after
                    found = by_slot.get((agreement.pk, org.pk, period.start, period.end))
                    label = found.period_label if found else period.label
                    yield OwedReport(agreement, org, label, period.start, period.end, due, found, state_of(found, due, today))
        names = {p.organization_id: p.organization for p in agreement.parties.all()}
        for report in ad_hoc.get(agreement.pk, []):
            if report.period_end < lo or report.period_start > hi or report.organization_id not in names:
                continue
            yield OwedReport(
                agreement, names[report.organization_id], report.period_label, report.period_start,
                report.period_end, report.due_date, report, state_of(report, report.due_date, today),
            )


def _slot_reports(
    agreements: list[Agreement],
    *,
    org_filter: set[int] | None,
    start: datetime.date | None,
    end: datetime.date | None,
) -> QuerySet[PeriodicReport]:
    """The reports that can fill a slot overlapping [start, end]: one query, no bodies."""
    qs = PeriodicReport.objects.active().filter(agreement_id__in=[a.pk for a in agreements])
    if org_filter is not None:
        qs = qs.filter(organization_id__in=org_filter)
    if start is not None:
        qs = qs.filter(period_end__gte=start)
    if end is not None:
        qs = qs.filter(period_start__lte=end)
    return qs.only(*REPORT_SLOT_FIELDS).order_by("period_start", "id")


def owed_reports(
    *,
    today: datetime.date,
    agreement_ids: Iterable[int] | None = None,
    organization_ids: Iterable[int] | None = None,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
) -> list[OwedReport]:
    """Every report a party owes under the agreements' reporting schedules, one per party and
    calendar period overlapping [start, end] (default: the agreement's validity up to today + 31
    days), with the report written for it if any and its state; then the ad hoc reports written
    in that range. Draft agreements owe nothing. Four queries, whatever the number of rows; the
    reports read are those overlapping [start, end], without their bodies.

    The rows grow with ``agreement_ids`` × periods: pass the agreements a page is about (one
    agreement, the user's own organisations' agreements), never a whole province's, and a
    window."""
    org_filter = set(organization_ids) if organization_ids is not None else None
    agreements = _schedule_agreements(agreement_ids)
    if not agreements:
        return []
    # An agreement's own validity bounds its slots anyway; the window bounds the reports read.
    reports = _slot_reports(agreements, org_filter=org_filter, start=start, end=end)
    return list(_iter_owed(agreements, reports, today=today, org_filter=org_filter, start=start, end=end))


def _rate(on_time: int, owed: int) -> Decimal | None:
    if not owed:
        return None
    return (Decimal(on_time) * 100 / Decimal(owed)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def timeliness_many(
    *, agreement_ids: Iterable[int], years: Iterable[int], today: datetime.date
) -> dict[tuple[int, int], list[PartyTimeliness]]:
    """Reporting timeliness of many agreements over many years at once, for reviews and
    dashboards: ``{(agreement_id, year): [PartyTimeliness per reporting party]}``.

    For each agreement and year, per reporting party: the reports of periods ending in that year
    whose due date has passed or that were sent (``owed``), how many were sent on time, late or
    are missing, and the on-time rate in percent (None when nothing was owed yet). The parties
    listed are those owing a slot that overlaps the year (or, when none does, every party the
    schedule names), in the parties' order. Exactly what ``timeliness`` gives one pair.

    Four queries whatever the number of agreements and years (agreements with their schedules,
    their parties, the named reporters, then the reports of the years' range without their
    bodies); the work in Python grows with agreements × parties × periods of the years, so keep
    the agreements to those a review or a page covers. Draft and archived agreements owe nothing
    (their parties are listed with zeros); unknown ids get no entry. ``today`` decides what is
    already due (a review passes its end date)."""
    ids = sorted(set(agreement_ids))
    wanted = sorted(set(years))
    if not ids or not wanted:
        return {}
    agreements = _schedule_agreements(ids, idle_too=True)
    start, end = datetime.date(wanted[0], 1, 1), datetime.date(wanted[-1], 12, 31)
    reports = _slot_reports([a for a in agreements if _owes(a)], org_filter=None, start=start, end=end)
    slots = _iter_owed(agreements, reports, today=today, org_filter=None, start=start, end=end)
    return _tally(agreements, slots, wanted)


def _tally(
    agreements: list[Agreement], slots: Iterable[OwedReport], years: list[int]
) -> dict[tuple[int, int], list[PartyTimeliness]]:
    """Count the slots into timeliness rows per (agreement, year); ``years`` sorted."""
    counts: dict[tuple[int, int, int], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    seen: dict[tuple[int, int], dict[int, Organization]] = defaultdict(dict)
    year_set = set(years)
    for slot in slots:
        org = slot.organization
        for year in range(max(slot.period_start.year, years[0]), min(slot.period_end.year, years[-1]) + 1):
            if year in year_set:
                seen[(slot.agreement.pk, year)].setdefault(org.pk, org)
        if slot.period_end.year in year_set:
            counts[(slot.agreement.pk, slot.period_end.year, org.pk)][slot.state] += 1
    result: dict[tuple[int, int], list[PartyTimeliness]] = {}
    for agreement in agreements:
        owing = None
        for year in years:
            orgs = seen.get((agreement.pk, year))
            if not orgs:
                owing = owing if owing is not None else {o.pk: o for o in _owing_orgs(agreement)}
                orgs = owing
            rows = []
            for org_id, org in orgs.items():
                c = counts.get((agreement.pk, year, org_id), {})
                on_time, late, missing = c.get(State.ON_TIME, 0), c.get(State.LATE, 0), c.get(State.MISSING, 0)
                owed = on_time + late + missing
                rows.append(PartyTimeliness(org, owed, on_time, late, missing, _rate(on_time, owed)))
            result[(agreement.pk, year)] = rows
    return result


def timeliness(*, agreement: Agreement, year: int, today: datetime.date) -> list[PartyTimeliness]:
    """Per reporting party, the reports of periods ending in ``year`` whose due date has passed
    or that were sent: how many on time, late, missing, and the on-time rate in percent. One
    pair of ``timeliness_many``: for several agreements or years call that instead."""
    return timeliness_many(agreement_ids=[agreement.pk], years=[year], today=today).get((agreement.pk, year), [])


@dataclass
class Matrix:
    periods: list[Period]
    rows: list[tuple[Organization, list[OwedReport | None]]]
    ad_hoc: list[OwedReport]
    timeliness: list[PartyTimeliness] = field(default_factory=list)


def report_matrix(*, agreement: Agreement, year: int, today: datetime.date) -> Matrix:
    """Parties × periods of ``year`` for the schedule page, with each party's timeliness that
    year (as ``timeliness`` gives it). Four queries; rows bounded by parties × periods."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    agreements = _schedule_agreements([agreement.pk], idle_too=True)
    owing = [a for a in agreements if _owes(a)]
    reports = _slot_reports(owing, org_filter=None, start=start, end=end)
    slots = list(_iter_owed(owing, reports, today=today, org_filter=None, start=start, end=end))
    regular = [s for s in slots if not s.is_ad_hoc]
    starts = sorted({(s.period_start, s.period_end, s.period_label) for s in regular}, key=lambda p: p[0])
    periods: list[Period] = []
    seen: set[tuple[datetime.date, datetime.date]] = set()
    for s, e, label in starts:
        if (s, e) not in seen:
            seen.add((s, e))
            periods.append(Period(s, e, label))
    cells: dict[tuple[int, datetime.date], OwedReport] = {(x.organization.pk, x.period_start): x for x in regular}
    orgs: dict[int, Organization] = {}
    for x in regular:
        orgs.setdefault(x.organization.pk, x.organization)
    rows = [(org, [cells.get((org.pk, p.start)) for p in periods]) for org in orgs.values()]
    punctuality = _tally(agreements, slots, [year]).get((agreement.pk, year), [])
    return Matrix(periods, rows, [s for s in slots if s.is_ad_hoc], punctuality)


def years_of(agreement: Agreement, today: datetime.date) -> list[int]:
    start, end = agreement_validity(agreement)
    if start is None:
        return [today.year]
    last = min(end.year if end else today.year, max(today.year, start.year))
    return list(range(start.year, last + 1))


def find_slot(
    *, agreement: Agreement, organization_id: int, period_start: datetime.date, today: datetime.date
) -> OwedReport | None:
    """The owed slot of a party starting on ``period_start`` (the link from the matrix)."""
    for slot in owed_reports(
        today=today, agreement_ids=[agreement.pk], organization_ids=[organization_id],
        start=period_start, end=period_start,
    ):
        if slot.period_start == period_start and not slot.is_ad_hoc:
            return slot
    return None


# --- the draft a report starts from -----------------------------------------------------------


def period_activities(
    *, agreement: Agreement, organization: Organization, start: datetime.date, end: datetime.date
) -> list[Activity]:
    """The party's approved activities under the agreement that ended within the period."""
    through = Activity.organizations.through.objects.filter(organization_id=organization.pk)
    return list(
        Activity.objects.active()
        .filter(
            task__plan__agreement=agreement,
            status=Activity.Status.APPROVED,
            end_date__gte=start,
            end_date__lte=end,
            pk__in=through.values("activity_id"),
        )
        .select_related("task")
        .prefetch_related(Prefetch("values", queryset=IndicatorValue.objects.select_related("indicator")))
        .order_by("start_date", "id")
    )


def _value(value: Decimal, indicator: Indicator) -> str:
    return f"{format_number(value)} {indicator.get_unit_display()}"


def prefill_body(
    *, agreement: Agreement, organization: Organization, start: datetime.date, end: datetime.date
) -> str:
    """The text a party's report starts from: its approved activities of the period, each with
    its indicator values, the period totals of summed indicators, and headings to complete."""
    activities = period_activities(agreement=agreement, organization=organization, start=start, end=end)
    lines = [_("I. KẾT QUẢ THỰC HIỆN"), ""]
    if not activities:
        lines.append(_("(Trong kỳ chưa có hoạt động nào được duyệt.)"))
    totals: dict[int, tuple[Indicator, Decimal]] = {}
    for n, a in enumerate(activities, 1):
        when = format_short(a.start_date)
        if a.end_date != a.start_date:
            when = f"{when} – {format_short(a.end_date)}"
        lines.append(f"{n}. {a.title} ({when}{', ' + a.place if a.place else ''}).")
        if a.description:
            lines.append(f"   {a.description.strip()}")
        if a.participants:
            lines.append("   " + _("Số người tham gia: %(n)s.") % {"n": format_number(a.participants)})
        for v in a.values.all():
            lines.append(f"   - {v.indicator.name}: {_value(v.value, v.indicator)}")
            if v.indicator.aggregation == Indicator.Aggregation.SUM:
                prev = totals.get(v.indicator_id, (v.indicator, Decimal(0)))[1]
                totals[v.indicator_id] = (v.indicator, prev + v.value)
    if totals:
        lines += ["", _("II. KẾT QUẢ THEO CHỈ TIÊU TRONG KỲ"), ""]
        for indicator, total in totals.values():
            lines.append(f"- {indicator.name}: {_value(total, indicator)}")
    lines += [
        "",
        _("III. TỒN TẠI, HẠN CHẾ"),
        "",
        _("IV. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI"),
        "",
        _("V. ĐỀ XUẤT, KIẾN NGHỊ"),
        "",
    ]
    return "\n".join(lines)


# --- report pages -----------------------------------------------------------------------------


def report_list(*, user: AnyUser, filters: Mapping[str, object]) -> QuerySet[PeriodicReport]:
    """The reports the user sees, filtered as the list form gives them (ids, the year as a
    number); newest period first."""
    qs = exchange_access.visible_reports(user)
    qs = qs.filter(archived_at__isnull=False) if filters.get("archived") else qs.active()
    agreement, organization = filters.get("agreement"), filters.get("organization")
    if isinstance(agreement, int) and agreement:
        qs = qs.filter(agreement_id=agreement)
    if isinstance(organization, int) and organization:
        qs = qs.filter(organization_id=organization)
    year = filters.get("year")
    if isinstance(year, int) and year:
        qs = qs.filter(period_end__year=year)
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    # Counts by subquery, not by join and GROUP BY, so the paginator's COUNT(*) leaves them out.
    reads = ReportRead.objects.filter(report=OuterRef("pk")).order_by().values("report").annotate(n=Count("pk")).values("n")
    reports: QuerySet[PeriodicReport] = (
        qs.select_related("agreement", "organization", "submitted_by")
        .defer("body")
        .annotate(read_count=Coalesce(Subquery(reads), 0))
        .order_by("-period_end", "agreement_id", "organization_id", "-id")
    )
    return reports


def report_reads(report: PeriodicReport) -> list[ReportRead]:
    return list(report.reads.select_related("user", "organization"))


def report_history(report: PeriodicReport) -> list[Entry]:
    from phoihop.core import history

    return history.entries(PeriodicReport.history.filter(id=report.pk), PeriodicReport, lambda r: r.title)


# --- inspections ------------------------------------------------------------------------------


def inspection_list(*, user: AnyUser, filters: Mapping[str, object]) -> QuerySet[Inspection]:
    qs = exchange_access.visible_inspections(user)
    qs = qs.filter(archived_at__isnull=False) if filters.get("archived") else qs.active()
    agreement = filters.get("agreement")
    if isinstance(agreement, int) and agreement:
        qs = qs.filter(agreement_id=agreement)
    year = filters.get("year")
    if isinstance(year, int) and year:
        qs = qs.filter(date__year=year)
    recommendations = Recommendation.objects.filter(inspection=OuterRef("pk")).order_by().values("inspection")
    inspections: QuerySet[Inspection] = (
        qs.select_related("agreement")
        .prefetch_related("inspecting", "inspected")
        .annotate(
            recommendation_count=Coalesce(Subquery(recommendations.annotate(n=Count("pk")).values("n")), 0),
            open_count=Coalesce(
                Subquery(
                    recommendations.exclude(status=Recommendation.Status.CLOSED).annotate(n=Count("pk")).values("n")
                ),
                0,
            ),
        )
        .order_by("-date", "-id")
    )
    return inspections


def inspection_recommendations(inspection: Inspection) -> list[Recommendation]:
    return list(
        inspection.recommendations.select_related("responsible", "closed_by").prefetch_related(
            Prefetch("follow_ups", queryset=FollowUp.objects.select_related("by"))
        )
    )


def inspection_history(inspection: Inspection) -> list[Entry]:
    """Changes of the inspection and of its recommendations, newest first."""
    from phoihop.core import history

    return history.merged(
        history.entries(Inspection.history.filter(id=inspection.pk), Inspection, lambda r: r.title),
        history.entries(
            Recommendation.history.filter(inspection_id=inspection.pk), Recommendation, lambda r: r.text[:80]
        ),
    )


def open_recommendations(
    *, agreement_ids: Iterable[int] | None = None, organization_ids: Iterable[int] | None = None
) -> QuerySet[Recommendation]:
    """Recommendations not yet closed, of inspections that are not archived; soonest due first."""
    qs = Recommendation.objects.exclude(status=Recommendation.Status.CLOSED).filter(
        inspection__archived_at__isnull=True
    )
    if agreement_ids is not None:
        qs = qs.filter(inspection__agreement_id__in=list(agreement_ids))
    if organization_ids is not None:
        qs = qs.filter(responsible_id__in=list(organization_ids))
    return qs.select_related("inspection__agreement", "responsible").order_by("due_date", "id")


def inspection_summary(*, agreement: Agreement, start: datetime.date, end: datetime.date) -> dict[str, int]:
    """For reviews: inspections held in [start, end] and the fate of their recommendations."""
    inspections = Inspection.objects.active().filter(agreement=agreement, date__gte=start, date__lte=end)
    recs = Recommendation.objects.filter(inspection__in=inspections).aggregate(
        total=Count("pk"), closed=Count("pk", filter=Q(status=Recommendation.Status.CLOSED))
    )
    return {
        "inspections": inspections.count(),
        "recommendations": recs["total"],
        "closed": recs["closed"],
        "open": recs["total"] - recs["closed"],
    }


def visible_agreement_choices(user: AnyUser) -> QuerySet[Agreement]:
    from phoihop.core.db import vi

    return agreement_access.visible_agreements(user).active().order_by(vi("title"))
