"""Reads of reviews: the figures a review compiles for its period, and the lists.

How the figures are compiled (for every agreement the review covers, and every plan year the
period touches), each part by one grouped query over all of them at once:
- planned tasks are the active, not cancelled tasks of those plans; a task is done when
  completed or when every indicator reached its target (plans.selectors.task_done, judged in the
  database: a wide review's indicators and values are loaded only for the agreement shown);
- activities count only when approved and not archived: a joint activity counts once in the
  totals and by content area, and is credited in full to each co-organiser in the results by
  party (as activities.selectors.agreement_totals counts them);
- each indicator shows its target, what approved values achieved and the percentage
  (plans.selectors.indicator_progress);
- reporting timeliness (per agreement, year and party, as exchange.selectors.timeliness) and
  inspections come from the exchange app.
A signed-off review keeps the figures it was signed with (``Review.figures``).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, TypedDict

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Max, Min, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.core import history
from phoihop.core.db import vi
from phoihop.core.paging import KeyedRows
from phoihop.orgs.models import Organization
from phoihop.plans.models import Indicator, Task
from phoihop.reviews import access as review_access
from phoihop.reviews.models import (
    SECTION_NAMES,
    SECTIONS,
    Commendation,
    Contribution,
    Movement,
    Review,
    ReviewDocument,
)

if TYPE_CHECKING:
    from phoihop.agreements.models import Agreement
    from phoihop.core.access import AnyUser
    from phoihop.core.history import Entry
    from phoihop.exchange.selectors import OwedReport, PartyTimeliness

PAGE_SIZE = 20


@dataclass
class IndicatorFigure:
    name: str
    unit: str
    target: Decimal
    achieved: Decimal | None
    percent: Decimal | None


@dataclass
class AreaFigures:
    number: int | None
    title: str
    agreement_id: int
    tasks_planned: int = 0
    tasks_done: int = 0
    activities: int = 0
    participants: int = 0
    indicators: list[IndicatorFigure] = field(default_factory=list)


@dataclass
class PartyFigures:
    organization: Organization
    role: str
    tasks_led: int = 0
    tasks_done: int = 0
    activities: int = 0
    participants: int = 0
    # summed indicators credited to this party: (name, unit label, value)
    values: list[tuple[str, str, Decimal]] = field(default_factory=list)


@dataclass
class Figures:
    years: list[int]
    tasks_planned: int = 0
    tasks_done: int = 0
    activities: int = 0
    participants: int = 0
    areas: list[AreaFigures] = field(default_factory=list)
    parties: list[PartyFigures] = field(default_factory=list)
    indicators: list[IndicatorFigure] = field(default_factory=list)
    # Each reporting party's timeliness per agreement and year: compiled, or as frozen at sign-off.
    timeliness: list[PartyTimeliness] | list[FrozenTimeliness] | None = None
    inspections: dict[str, int] | None = None
    commendations: list[Commendation] = field(default_factory=list)
    # A review wider than PAGE_AGREEMENTS shows its tables one agreement at a time: ``detail`` is
    # that agreement's id and ``by_agreement`` a summary row per covered agreement.
    detail: int | None = None
    by_agreement: list[AgreementFigures] = field(default_factory=list)

    @property
    def tasks_percent(self) -> Decimal | None:
        if not self.tasks_planned:
            return None
        return (Decimal(self.tasks_done) * 100 / self.tasks_planned).quantize(Decimal("0.1"))


@dataclass
class AgreementFigures:
    agreement: Agreement
    tasks_planned: int = 0
    tasks_done: int = 0
    activities: int = 0
    participants: int = 0


# The review page details a review of more agreements than this one agreement at a time (with a
# summary row for each): the tables of a province-wide review are too long to read or to serve.
PAGE_AGREEMENTS = 5


def covered_count(review: Review) -> int:
    """How many agreements the review covers (the main one and those reviewed with it). One query."""
    return (
        Review.agreements.through.objects.filter(review_id=review.pk).exclude(agreement_id=review.agreement_id).count()
        + 1
    )


def review_document_for_user(*, user: AnyUser, pk: int) -> ReviewDocument:
    """A document made in the background, for whoever sees its review (not once archived);
    404 otherwise, for a missing one alike."""
    from django.http import Http404

    job = (
        ReviewDocument.objects.filter(pk=pk, review__in=review_access.visible_reviews(user), review__archived_at__isnull=True)
        .select_related("review__agreement")
        .defer("content")
        .first()
    )
    if job is None:
        raise Http404
    return job


def review_years(review: Review) -> list[int]:
    return list(range(review.period_start.year, review.period_end.year + 1))


def covered_agreements(review: Review) -> list[Agreement]:
    """The main agreement first, then the others signed together, each once; with their parties
    and the parties' organisations. No query for a review as ``get_review_for_user`` gives it
    (they are prefetched), two otherwise."""
    from phoihop.agreements.models import Agreement, Party

    if _prefetched(review, "agreements") and _prefetched(review.agreement, "parties"):
        by_pk = {a.pk: a for a in review.agreements.all()}
        by_pk[review.agreement_id] = review.agreement
        return [review.agreement, *(by_pk[pk] for pk in sorted(by_pk) if pk != review.agreement_id)]
    # One id list (a UNION) the index answers: "pk = main OR pk IN (covered)" made PostgreSQL read
    # a nation's whole agreement table.
    covered = Review.agreements.through.objects.filter(review_id=review.pk).order_by().values("agreement_id")
    main = Review.objects.filter(pk=review.pk).order_by().values("agreement_id")
    found = list(
        Agreement.objects.filter(pk__in=covered.union(main))
        .prefetch_related(Prefetch("parties", queryset=Party.objects.select_related("organization")))
        .order_by("pk")
    )
    found.sort(key=lambda a: (a.pk != review.agreement_id, a.pk))
    if found and found[0].pk == review.agreement_id:
        review.agreement = found[0]  # the same instance, its parties prefetched
    return found


def _prefetched(instance: object, name: str) -> bool:
    return name in getattr(instance, "_prefetched_objects_cache", {})


def _timeliness(
    agreements: list[Agreement], years: list[int], today: datetime.date
) -> list[PartyTimeliness] | None:
    """Per agreement and year (in that order), each reporting party's timeliness, exactly as
    exchange.selectors.timeliness gives it, from one call to owed_reports over the whole period."""
    try:
        from phoihop.exchange import selectors as exchange
        from phoihop.exchange.models import ReportingSchedule
    except ImportError:
        return None
    slots = exchange.owed_reports(
        today=today,
        agreement_ids=[a.pk for a in agreements],
        start=datetime.date(years[0], 1, 1),
        end=datetime.date(years[-1], 12, 31),
    )
    by_agreement: dict[int, list[OwedReport]] = defaultdict(list)
    for slot in slots:
        by_agreement[slot.agreement.pk].append(slot)
    named: dict[int, set[int]] = defaultdict(set)
    for agreement_id, org_id in ReportingSchedule.reporters.through.objects.filter(
        reportingschedule__agreement_id__in=[a.pk for a in agreements]
    ).values_list("reportingschedule__agreement_id", "organization_id"):
        named[agreement_id].add(org_id)
    rows: list[PartyTimeliness] = []
    for agreement in agreements:
        valid_from, valid_to = exchange.agreement_validity(agreement)
        for year in years:
            first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
            counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
            orgs: dict[int, Organization] = {}
            if valid_from is not None:
                lo = max(valid_from, first)
                hi = min(valid_to, last) if valid_to is not None else last
                for slot in by_agreement.get(agreement.pk, []):
                    # The slots owed_reports gives for this one year: calendar periods overlapping
                    # [lo, hi] (none when the agreement binds nobody that year), ad hoc reports
                    # overlapping it.
                    if not slot.is_ad_hoc and hi < lo:
                        continue
                    if slot.period_end < lo or slot.period_start > hi:
                        continue
                    orgs.setdefault(slot.organization.pk, slot.organization)
                    if slot.period_end.year == year:
                        counts[slot.organization.pk][slot.state] += 1
            if not orgs:
                chosen = named.get(agreement.pk, set())
                orgs = {
                    p.organization.pk: p.organization
                    for p in agreement.parties.all()
                    if not chosen or p.organization_id in chosen
                }
            for org_id, org in orgs.items():
                c = counts[org_id]
                owed = c[exchange.State.ON_TIME] + c[exchange.State.LATE] + c[exchange.State.MISSING]
                rows.append(
                    exchange.PartyTimeliness(
                        org, owed, c[exchange.State.ON_TIME], c[exchange.State.LATE], c[exchange.State.MISSING],
                        _rate(c[exchange.State.ON_TIME], owed),
                    )
                )
    return rows


def _rate(on_time: int, owed: int) -> Decimal | None:
    if not owed:
        return None
    return (Decimal(on_time) * 100 / Decimal(owed)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def _inspections(agreement_ids: list[int], start: datetime.date, end: datetime.date) -> dict[str, int] | None:
    """Inspections held in [start, end] under the agreements and the fate of their
    recommendations (as exchange.selectors.inspection_summary, summed): one query."""
    try:
        from phoihop.exchange.models import Inspection, Recommendation
    except ImportError:
        return None
    closed = Recommendation.Status.CLOSED
    found = (
        Inspection.objects.active()
        .filter(agreement_id__in=agreement_ids, date__gte=start, date__lte=end)
        .aggregate(
            n_inspections=Count("pk", distinct=True),
            n_recommendations=Count("recommendations"),
            n_closed=Count("recommendations", filter=Q(recommendations__status=closed)),
        )
    )
    return {
        "inspections": found["n_inspections"],
        "recommendations": found["n_recommendations"],
        "closed": found["n_closed"],
        "open": found["n_recommendations"] - found["n_closed"],
    }


def _exchange_figures(
    agreements: list[Agreement], years: list[int], start: datetime.date, end: datetime.date, today: datetime.date
) -> tuple[list[PartyTimeliness] | None, dict[str, int] | None]:
    return _timeliness(agreements, years, min(today, end)), _inspections([a.pk for a in agreements], start, end)


def review_figures(
    review: Review,
    *,
    today: datetime.date | None = None,
    detail: int | None = None,
    with_commendations: bool = True,
    agreements: list[Agreement] | None = None,
) -> Figures:
    """The figures of ``review`` for its period. A signed-off review answers with the figures
    frozen at sign-off. Otherwise they are compiled by grouped queries over every covered
    agreement and year at once: the number of queries is the same for one agreement and one
    year as for many, and never grows with tasks, activities or parties. Without
    ``with_commendations`` the commendations are left for the caller to page through."""
    if review.is_locked and review.figures:
        figures = figures_from_data(review.figures)
        if detail is not None:
            _detail_frozen(figures, detail)
    else:
        figures = compute_figures(review, today=today, detail=detail, agreements=agreements)
    if with_commendations:
        figures.commendations = list(review_commendations(review))
    return figures


def compute_figures(
    review: Review, *, today: datetime.date | None = None, detail: int | None = None, agreements: list[Agreement] | None = None
) -> Figures:
    """The figures of ``review`` compiled from the record now (without commendations).

    With ``detail`` (one covered agreement's id), the totals and the summary per agreement still
    cover every agreement, but the tables by content area, by party and of reporting are that
    agreement's only."""
    from phoihop.activities.models import Activity, IndicatorValue
    from phoihop.agreements.models import ContentArea
    from phoihop.plans.selectors import indicator_progress, task_done

    years = review_years(review)
    # The covered agreements as covered_agreements(review) gives them (the page has them already).
    agreements = covered_agreements(review) if agreements is None else agreements
    figures = Figures(years=years, detail=detail)
    agreement_ids = [a.pk for a in agreements]
    shown = [detail] if detail is not None else agreement_ids
    summary = {a.pk: AgreementFigures(a) for a in agreements}

    # Done is judged by the database (plans.selectors.task_done: completed, or every indicator
    # reached); indicators and their values are loaded only for the tasks whose tables are shown.
    task_rows = (
        Task.objects.active()
        .filter(plan__agreement_id__in=agreement_ids, plan__year__in=years, plan__archived_at__isnull=True)
        .exclude(cancelled=True)
        .annotate(done=task_done())
        .order_by("plan__agreement_id", "plan__year", "number", "id")
        .values_list("pk", "content_area_id", "lead_organization_id", "plan__agreement_id", "done", named=True)
    )
    tasks = list(task_rows)  # named rows: listed apart, or the type checker loses their type
    done = {t.pk for t in tasks if t.done}
    indicators = list(
        Indicator.objects.active()
        .filter(task__in=[t.pk for t in tasks if t.plan__agreement_id in shown])
        .only("id", "task_id", "name", "unit", "target", "aggregation")
        .order_by("task_id", "order", "id")
    )
    progress = indicator_progress(indicators)
    # The unit's label as get_unit_display gives it, looked up once (that is slow per call).
    unit_labels = {value: str(label) for value, label in Indicator._meta.get_field("unit").flatchoices}

    def unit_label(ind: Indicator) -> str:
        return unit_labels.get(ind.unit, ind.unit)

    # Content areas: every area of the covered agreements, then a row for tasks outside them.
    # Keyed by content area, or ("other", agreement id) for an agreement's tasks outside them.
    areas: dict[int | tuple[str, int], AreaFigures] = {}
    for area in ContentArea.objects.filter(agreement_id__in=shown).order_by("agreement_id", "number", "id"):
        areas[area.pk] = AreaFigures(area.number, area.title, area.agreement_id)
    task_area: dict[int, int | tuple[str, int]] = {}
    for t in tasks:
        summary[t.plan__agreement_id].tasks_planned += 1
        summary[t.plan__agreement_id].tasks_done += t.pk in done
        if t.plan__agreement_id not in shown:
            continue
        key = t.content_area_id if t.content_area_id in areas else ("other", t.plan__agreement_id)
        if key not in areas:
            areas[key] = AreaFigures(None, _("Nhiệm vụ khác"), t.plan__agreement_id)
        task_area[t.pk] = key
        row = areas[key]
        row.tasks_planned += 1
        row.tasks_done += t.pk in done
    for ind in indicators:
        p = progress[ind.pk]
        figure = IndicatorFigure(ind.name, unit_label(ind), p.target, p.achieved, p.percent)
        if ind.task_id in task_area:
            areas[task_area[ind.task_id]].indicators.append(figure)
            figures.indicators.append(figure)

    # Approved work counts, once per activity in the totals and by content area.
    approved = Activity.objects.filter(
        task__plan__agreement_id__in=agreement_ids,
        task__plan__year__in=years,
        status=Activity.Status.APPROVED,
        archived_at__isnull=True,
    )
    by_area = (
        approved.order_by()
        .values("task__content_area_id", "task__plan__agreement_id")
        .annotate(n=Count("pk"), people=Coalesce(Sum("participants"), 0))
        .order_by("task__plan__agreement_id", "task__content_area_id")
    )
    for row_data in by_area:
        area_id, agreement_id = row_data["task__content_area_id"], row_data["task__plan__agreement_id"]
        figures.activities += row_data["n"]
        figures.participants += row_data["people"]
        summary[agreement_id].activities += row_data["n"]
        summary[agreement_id].participants += row_data["people"]
        if agreement_id not in shown:
            continue
        key = area_id if area_id in areas else ("other", agreement_id)
        if key not in areas:
            areas[key] = AreaFigures(None, _("Nhiệm vụ khác"), agreement_id)
        row = areas[key]
        row.activities += row_data["n"]
        row.participants += row_data["people"]

    # Parties: those of each agreement in order, then units credited outside them (first credited
    # first). A joint activity is credited in full to each co-organiser.
    parties: dict[int, PartyFigures] = {}
    for agreement in agreements:
        if agreement.pk not in shown:
            continue
        for party in agreement.parties.all():
            if party.organization_id not in parties:
                parties[party.organization_id] = PartyFigures(party.organization, party.role)
    approved_shown = approved if detail is None else approved.filter(task__plan__agreement_id=detail)
    links = Activity.organizations.through.objects.filter(activity__in=approved_shown)
    position = {pk: i for i, pk in enumerate(agreement_ids)}
    first_seen: dict[int, tuple[int, int, int]] = {}
    credited_rows = (
        links.order_by()
        .values("organization_id", "activity__task__plan__agreement_id", "activity__task__plan__year")
        .annotate(n=Count("pk"), people=Coalesce(Sum("activity__participants"), 0), first=Min("pk"))
    )
    per_org: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for row_data in credited_rows:
        org_id = row_data["organization_id"]
        per_org[org_id][0] += row_data["n"]
        per_org[org_id][1] += row_data["people"]
        seen = (position[row_data["activity__task__plan__agreement_id"]], row_data["activity__task__plan__year"],
                row_data["first"])
        first_seen[org_id] = min(first_seen.get(org_id, seen), seen)
    outsiders = {
        o.pk: o
        for o in Organization.objects.filter(pk__in=links.values("organization_id")).exclude(pk__in=list(parties))
    }
    for org_id in sorted((o for o in per_org if o not in parties), key=lambda o: first_seen[o]):
        if org_id in outsiders:
            parties[org_id] = PartyFigures(outsiders[org_id], "")
    for org_id, (n, people) in per_org.items():
        if org_id in parties:
            parties[org_id].activities += n
            parties[org_id].participants += people
    names = {i.pk: (i.name, unit_label(i)) for i in indicators}
    summed = [i.pk for i in indicators if i.aggregation == Indicator.Aggregation.SUM]
    credited: dict[int, dict[int, Decimal]] = defaultdict(dict)
    values = (
        IndicatorValue.objects.filter(activity__in=approved_shown, indicator_id__in=summed)
        .annotate(organization_id=F("activity__organizations__id"))
        .order_by()
        .values("organization_id", "indicator_id")
        .annotate(total=Sum("value"))
    )
    # Sums come back as the database adds them (SQLite in floating point): written to the
    # value's own decimal places, as Python's sum of the stored values gives them.
    places = Decimal(1).scaleb(-(IndicatorValue._meta.get_field("value").decimal_places or 0))
    for row_data in values:
        if row_data["organization_id"] is not None:
            total = Decimal(row_data["total"]).quantize(places)
            credited[row_data["organization_id"]][row_data["indicator_id"]] = total
    for t in tasks:
        lead = parties.get(t.lead_organization_id) if t.plan__agreement_id in shown else None
        if lead is not None:
            lead.tasks_led += 1
            lead.tasks_done += t.pk in done
    for org_id, party_figures in parties.items():
        party_figures.values = [
            (names[i][0], names[i][1], v) for i, v in sorted(credited.get(org_id, {}).items()) if i in names
        ]
    figures.parties = list(parties.values())
    figures.areas = [a for a in areas.values() if a.tasks_planned or a.activities]
    figures.tasks_planned = len(tasks)
    figures.tasks_done = len(done)
    figures.timeliness, figures.inspections = _exchange_figures(
        [a for a in agreements if a.pk in shown], years, review.period_start, review.period_end,
        today or timezone.localdate(),
    )
    if detail is not None:
        figures.by_agreement = list(summary.values())
    return figures


def _detail_frozen(figures: Figures, detail: int) -> None:
    """Frozen figures shown one agreement at a time: the summary per agreement from the areas
    (every task and activity is in exactly one area row), the area table of ``detail``."""
    from phoihop.agreements.models import Agreement

    ids = list(dict.fromkeys(a.agreement_id for a in figures.areas))
    by_pk = Agreement.objects.in_bulk(ids)
    summary = {pk: AgreementFigures(by_pk[pk]) for pk in ids if pk in by_pk}
    for area in figures.areas:
        row = summary.get(area.agreement_id)
        if row is not None:
            row.tasks_planned += area.tasks_planned
            row.tasks_done += area.tasks_done
            row.activities += area.activities
            row.participants += area.participants
    figures.detail = detail
    figures.by_agreement = list(summary.values())
    figures.areas = [a for a in figures.areas if a.agreement_id == detail]


def page_detail_agreement(agreements: list[Agreement], chosen: str | int | None) -> int | None:
    """The agreement whose tables a wide review's page shows: the one asked for when the review
    covers it, else the main one; None when the review is narrow enough to show whole."""
    if len(agreements) <= PAGE_AGREEMENTS:
        return None
    ids = [a.pk for a in agreements]
    asked: int | None
    try:
        asked = int(chosen) if chosen is not None else None
    except ValueError:
        asked = None
    return asked if asked in ids else ids[0]


# --- frozen figures ---------------------------------------------------------------------------

FIGURES_VERSION = 1


# The figures frozen on a review at sign-off (Review.figures, JSON): amounts as strings, so
# that decimals come back exactly.
class FrozenIndicator(TypedDict):
    name: str
    unit: str
    target: str
    achieved: str | None
    percent: str | None


class FrozenArea(TypedDict):
    number: int | None
    title: str
    agreement_id: int
    tasks_planned: int
    tasks_done: int
    activities: int
    participants: int
    indicators: list[FrozenIndicator]


class FrozenParty(TypedDict):
    organization_id: int
    organization_name: str
    role: str
    tasks_led: int
    tasks_done: int
    activities: int
    participants: int
    values: list[list[str]]  # [name, unit label, value]


class FrozenTimelinessData(TypedDict):
    organization_id: int
    organization_name: str
    owed: int
    on_time: int
    late: int
    missing: int
    rate: str | None


class FrozenFigures(TypedDict):
    version: int
    years: list[int]
    tasks_planned: int
    tasks_done: int
    activities: int
    participants: int
    areas: list[FrozenArea]
    parties: list[FrozenParty]
    indicators: list[FrozenIndicator]
    timeliness: list[FrozenTimelinessData] | None
    inspections: dict[str, int] | None


def _dec(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _undec(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _indicator_data(i: IndicatorFigure) -> FrozenIndicator:
    return {"name": i.name, "unit": str(i.unit), "target": str(i.target), "achieved": _dec(i.achieved),
            "percent": _dec(i.percent)}


def _indicator_from(d: FrozenIndicator) -> IndicatorFigure:
    return IndicatorFigure(d["name"], d["unit"], Decimal(d["target"]), _undec(d["achieved"]), _undec(d["percent"]))


def _org_from(d: FrozenParty | FrozenTimelinessData) -> Organization:
    # The name as it was at sign-off; enough for the report's tables and links.
    return Organization(pk=d["organization_id"], name=d["organization_name"])


def figures_data(figures: Figures) -> FrozenFigures:
    """``figures`` as JSON-ready data, to freeze on a review at sign-off (commendations are not
    part of it: their decisions come later)."""
    return {
        "version": FIGURES_VERSION,
        "years": list(figures.years),
        "tasks_planned": figures.tasks_planned,
        "tasks_done": figures.tasks_done,
        "activities": figures.activities,
        "participants": figures.participants,
        "areas": [
            {"number": a.number, "title": str(a.title), "agreement_id": a.agreement_id,
             "tasks_planned": a.tasks_planned, "tasks_done": a.tasks_done, "activities": a.activities,
             "participants": a.participants, "indicators": [_indicator_data(i) for i in a.indicators]}
            for a in figures.areas
        ],
        "parties": [
            {"organization_id": p.organization.pk, "organization_name": p.organization.name, "role": p.role,
             "tasks_led": p.tasks_led, "tasks_done": p.tasks_done, "activities": p.activities,
             "participants": p.participants, "values": [[n, str(u), str(v)] for n, u, v in p.values]}
            for p in figures.parties
        ],
        "indicators": [_indicator_data(i) for i in figures.indicators],
        "timeliness": None if figures.timeliness is None else [
            {"organization_id": t.organization.pk, "organization_name": t.organization.name, "owed": t.owed,
             "on_time": t.on_time, "late": t.late, "missing": t.missing, "rate": _dec(t.rate)}
            for t in figures.timeliness
        ],
        "inspections": None if figures.inspections is None else {k: int(v) for k, v in figures.inspections.items()},
    }


@dataclass
class FrozenTimeliness:
    organization: Organization
    owed: int
    on_time: int
    late: int
    missing: int
    rate: Decimal | None


def figures_from_data(data: FrozenFigures) -> Figures:
    """The figures frozen by ``figures_data``; commendations are left for the caller to read."""
    figures = Figures(
        years=list(data["years"]), tasks_planned=data["tasks_planned"], tasks_done=data["tasks_done"],
        activities=data["activities"], participants=data["participants"],
    )
    figures.areas = [
        AreaFigures(a["number"], a["title"], a["agreement_id"], a["tasks_planned"], a["tasks_done"], a["activities"],
                    a["participants"], [_indicator_from(i) for i in a["indicators"]])
        for a in data["areas"]
    ]
    figures.parties = [
        PartyFigures(_org_from(p), p["role"], p["tasks_led"], p["tasks_done"], p["activities"], p["participants"],
                     [(n, u, Decimal(v)) for n, u, v in p["values"]])
        for p in data["parties"]
    ]
    figures.indicators = [_indicator_from(i) for i in data["indicators"]]
    if data["timeliness"] is not None:
        figures.timeliness = [
            FrozenTimeliness(_org_from(t), t["owed"], t["on_time"], t["late"], t["missing"], _undec(t["rate"]))
            for t in data["timeliness"]
        ]
    figures.inspections = data["inspections"]
    return figures


# --- pages ------------------------------------------------------------------------------------


def review_list(*, user: AnyUser, filters: Mapping[str, object]) -> QuerySet[Review]:
    """The visible reviews, not archived ones; with ``filters["archived"]``, the archived ones.
    ``filters`` are the list form's: ids, the year as a number."""
    qs = review_access.visible_reviews(user)
    qs = qs.filter(archived_at__isnull=False) if filters.get("archived") else qs.active()
    agreement = filters.get("agreement")
    if isinstance(agreement, int) and agreement:
        qs = qs.filter(agreement_id=agreement)
    if filters.get("kind"):
        qs = qs.filter(kind=filters["kind"])
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    year = filters.get("year")
    if isinstance(year, int) and year:
        qs = qs.filter(period_start__year__lte=year, period_end__year__gte=year)
    return qs.select_related("agreement", "event").order_by("-period_end", "-id")


def paginate(rows: KeyedRows[Commendation], page: str | int | None) -> Page[Commendation]:
    return Paginator(rows, PAGE_SIZE).get_page(page)


def review_commendations(review: Review) -> QuerySet[Commendation]:
    return (
        review.commendations.active()
        .select_related("organization", "movement")
        .order_by("awardee_kind", "id")
    )


# Every narrative section prints under its own heading in the report: none may be left unwritten
# at sign-off (an empty one would print as "…").
REQUIRED_SECTIONS = SECTION_NAMES


@dataclass
class SignOffChecklist:
    """What a report still lacks before sign-off. Unwritten sections refuse the sign-off; the
    parties that sent no contribution and the proposals still awaiting a decision are listed so
    the leader signs knowingly (a proposal is decided by the awarding authority, after)."""

    missing_sections: list[str]
    pending_contributions: list[Organization]
    undecided_proposals: list[Commendation]

    @property
    def ready(self) -> bool:
        return not self.missing_sections

    @property
    def complete(self) -> bool:
        return self.ready and not self.pending_contributions and not self.undecided_proposals


def sign_off_checklist(
    review: Review, *, contributions: list[Contribution] | None = None,
    commendations: list[Commendation] | None = None,
) -> SignOffChecklist:
    """Three queries at most: the parties, the contributions, the proposals (fewer when the
    caller passes what it has already read)."""
    labels = dict(SECTIONS)
    missing = [str(labels[n]) for n in REQUIRED_SECTIONS if not (getattr(review, n) or "").strip()]
    if contributions is None:
        contributions = list(review.contributions.all())
    written = {c.organization_id for c in contributions}
    # The parties are read whatever is written, so the page's query count does not depend on it.
    parties = Organization.objects.filter(pk__in=review_access.party_org_ids(review)).order_by("name", "id")
    pending = [o for o in parties if o.pk not in written]
    if commendations is None:
        commendations = list(review_commendations(review))
    undecided = [c for c in commendations if c.status == Commendation.Status.PROPOSED]
    return SignOffChecklist(missing, pending, undecided)


@dataclass(frozen=True)
class ReviewPage:
    review: Review
    agreement: Agreement
    agreements: list[Agreement]
    detail_agreement: Agreement | None  # the one whose tables a wide review shows
    figures: Figures | None  # none while archived
    commendations: list[Commendation]
    contributions: list[Contribution]
    missing_contributions: list[Organization]
    can_edit: bool
    can_sign_off: bool
    checklist: SignOffChecklist | None
    can_contribute: bool
    can_decide: bool
    can_withdraw: bool
    can_archive: bool
    can_restore: bool
    history: list[Entry]


def review_detail(
    *, user: AnyUser, pk: int, today: datetime.date | None = None, agreement: str | int | None = None
) -> ReviewPage:
    """The review page. An archived review shows its text, contributions and proposals, but no
    figures, documents or writing until it is restored. A review of many agreements shows its
    tables for one of them (``agreement``, else the main one) and a summary row for each."""
    review = review_access.get_review_for_user(user, pk)
    contributions = list(
        review.contributions.select_related("organization", "author").order_by("id")
    )
    archived = review.is_archived
    agreements = covered_agreements(review)
    detail = page_detail_agreement(agreements, agreement)
    figures = None if archived else review_figures(review, today=today, detail=detail, agreements=agreements)
    mine = review_access.contribution_org_ids(user, review)
    written = {c.organization_id for c in contributions}
    open_ = not review.is_locked and not archived
    can_edit = review_access.can_edit_review(user, review)
    commendations = list(figures.commendations) if figures is not None else list(review_commendations(review))
    return ReviewPage(
        review=review,
        agreement=review.agreement,
        agreements=agreements,
        detail_agreement=next((a for a in agreements if a.pk == detail), None),
        figures=figures,
        commendations=commendations,
        contributions=contributions,
        missing_contributions=list(
            {
                p.organization_id: p.organization
                for a in agreements
                for p in a.parties.all()
                if p.organization_id not in written
            }.values()
        ) if figures is not None else [],
        can_edit=can_edit and open_,
        can_sign_off=review_access.can_sign_off_review(user, review) and open_,
        checklist=(
            sign_off_checklist(review, contributions=contributions, commendations=commendations) if open_ else None
        ),
        can_contribute=bool(mine) and open_,
        can_decide=can_edit and not archived,
        can_withdraw=review_access.can_propose_commendation(user, review) and open_,
        can_archive=review_access.can_archive_review(user, review) and open_,
        can_restore=review_access.can_archive_review(user, review) and archived,
        history=review_history(review),
    )


def review_history(review: Review) -> list[history.Entry]:
    return history.merged(
        history.entries(Review.history.filter(id=review.pk), Review, lambda r: str(r.get_kind_display())),
        history.entries(
            Contribution.history.filter(review_id=review.pk), Contribution, lambda r: r.title or "—"
        ),
        history.entries(
            Commendation.history.filter(review_id=review.pk),
            Commendation,
            lambda r: r.person_name or str(r.get_form_display()),
        ),
    )


def movement_list(*, user: AnyUser, archived: bool = False) -> QuerySet[Movement]:
    """The visible movements, not archived ones (those offered in forms); or the archived ones."""
    qs = review_access.visible_movements(user)
    qs = qs.filter(archived_at__isnull=False) if archived else qs.active()
    return qs.select_related("organizer").order_by(vi("name"), "id")


def commendation_list(*, user: AnyUser, filters: Mapping[str, object]) -> QuerySet[Commendation]:
    """The visible commendations, leaving out withdrawn proposals and those of archived reviews;
    with ``filters["archived"]``, only those."""
    qs = review_access.visible_commendations(user)
    if filters.get("archived"):
        qs = qs.filter(Q(archived_at__isnull=False) | Q(review__archived_at__isnull=False))
    else:
        # Those of the few archived reviews left out by their ids, not by joining every row's review.
        qs = qs.filter(archived_at__isnull=True).exclude(review__in=Review.objects.filter(archived_at__isnull=False))
    movement, organization = filters.get("movement"), filters.get("organization")
    if isinstance(movement, int) and movement:
        qs = qs.filter(movement_id=movement)
    if isinstance(organization, int) and organization:
        qs = qs.filter(organization_id=organization)
    year = filters.get("year")
    if isinstance(year, int) and year:
        qs = qs.filter(year=year)
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    return _with_awardee(qs).order_by(*COMMENDATION_ORDER)


# The organisation's filing name is kept on the row (``awardee_sort``) so that an index serves
# this order (PostgreSQL, migration 0006) and a page is read without sorting every row.
COMMENDATION_ORDER = ("-year", vi("awardee_sort"), vi("person_name"), "id")


def _with_awardee(qs: QuerySet[Commendation]) -> QuerySet[Commendation]:
    return qs.select_related("organization", "movement", "review__agreement")


def commendation_rows(qs: QuerySet[Commendation]) -> KeyedRows[Commendation]:
    """``commendation_list`` for a paginator: each page's twenty chosen before the reviews and
    agreements are joined (joined first, a province's 1,700 rows were hashed with them: 40 ms)."""
    return KeyedRows(qs.select_related(None), order=COMMENDATION_ORDER, load=_with_awardee)


def commendation_years() -> list[int]:
    """The years the commendation list can be filtered by, newest first: every year from the
    first commendation recorded to the last (or this one). One aggregate over the year column,
    not a DISTINCT over what the user sees, which read their whole visible list again."""
    found = Commendation.objects.aggregate(first=Min("year"), last=Max("year"))
    first = found["first"]
    if first is None:
        return []
    last = max(found["last"], timezone.localdate().year)
    return list(range(last, first - 1, -1))


@dataclass(frozen=True)
class MovementPage:
    movement: Movement
    page: Page[Commendation]
    commendations: list[Commendation]  # the page's
    can_edit: bool
    can_archive: bool
    can_restore: bool
    history: list[Entry]


def movement_detail(*, user: AnyUser, pk: int, page: str | int | None = None) -> MovementPage:
    """The movement and one page of its commendations (a province-wide movement has hundreds)."""
    movement = review_access.get_movement_for_user(user, pk)
    can_edit = review_access.can_edit_movement(user, movement)
    commendations = paginate(commendation_rows(commendation_list(user=user, filters={"movement": movement.pk})), page)
    return MovementPage(
        movement=movement,
        page=commendations,
        commendations=list(commendations.object_list),
        can_edit=can_edit and not movement.is_archived,
        can_archive=can_edit and not movement.is_archived,
        can_restore=can_edit and movement.is_archived,
        history=history.merged(
            history.entries(Movement.history.filter(id=movement.pk), Movement, lambda m: m.name)
        ),
    )


def contribution_prefetch() -> Prefetch[str, QuerySet[Contribution], str]:
    return Prefetch("contributions", queryset=Contribution.objects.select_related("organization"))


@dataclass(frozen=True)
class AgreementReviews:
    agreement_reviews: list[Review]
    can_create_review: bool


def agreement_reviews(*, user: AnyUser, agreement: Agreement) -> AgreementReviews:
    """For the agreement page's "Sơ kết, tổng kết" panel (reviews/agreement_card.html): the
    reviews of this agreement the user sees, and whether they may start one. One query."""
    return AgreementReviews(
        agreement_reviews=list(
            review_access.visible_reviews(user).active().filter(agreement=agreement).order_by("-period_end", "-id")
        ),
        can_create_review=review_access.can_create_review(user, agreement),
    )
