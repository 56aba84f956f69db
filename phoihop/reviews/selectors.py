"""Reads of reviews: the figures a review compiles for its period, and the lists.

How the figures are compiled (for every agreement the review covers, and every plan year the
period touches):
- planned tasks are the active, not cancelled tasks of those plans; a task is done when
  plans.selectors says so on the period's last day;
- activities count only when approved and not archived (activities.selectors.agreement_totals):
  a joint activity counts once in the agreement's totals and by content area, and is credited in
  full to each co-organiser in the results by party;
- each indicator shows its target, what approved values achieved and the percentage
  (plans.selectors.indicator_progress);
- reporting timeliness and inspections come from the exchange app when it is there.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.accounts.access import reviews as review_access
from phoihop.core import history
from phoihop.orgs.models import Organization
from phoihop.plans.models import Indicator, Task
from phoihop.reviews.models import Commendation, Contribution, Movement, Review

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
    timeliness: list[Any] | None = None
    inspections: dict[str, Any] | None = None
    commendations: list[Commendation] = field(default_factory=list)

    @property
    def tasks_percent(self) -> Decimal | None:
        if not self.tasks_planned:
            return None
        return (Decimal(self.tasks_done) * 100 / self.tasks_planned).quantize(Decimal("0.1"))


def review_years(review: Review) -> list[int]:
    return list(range(review.period_start.year, review.period_end.year + 1))


def covered_agreements(review: Review) -> list[Any]:
    """The main agreement first, then the others signed together, each once."""
    found = [review.agreement]
    for a in sorted(review.agreements.all(), key=lambda a: a.pk):
        if a.pk != review.agreement_id:
            found.append(a)
    return found


def _exchange_figures(
    agreements: list[Any], years: list[int], start: datetime.date, end: datetime.date, today: datetime.date
) -> tuple[list[Any] | None, dict[str, Any] | None]:
    try:
        from phoihop.exchange import selectors as exchange
    except ImportError:
        return None, None
    timeliness_fn = getattr(exchange, "timeliness", None)
    inspections_fn = getattr(exchange, "inspection_summary", None)
    timeliness: list[Any] | None = None
    inspections: dict[str, Any] | None = None
    if timeliness_fn is not None:
        timeliness = []
        for agreement in agreements:
            for year in years:
                for row in timeliness_fn(agreement=agreement, year=year, today=min(today, end)):
                    timeliness.append(row)
    if inspections_fn is not None:
        inspections = {}
        for agreement in agreements:
            for key, value in inspections_fn(agreement=agreement, start=start, end=end).items():
                if isinstance(value, int | Decimal):
                    inspections[key] = inspections.get(key, 0) + value
    return timeliness, inspections


def review_figures(review: Review, *, today: datetime.date | None = None) -> Figures:
    """The figures of ``review`` for its period. The number of queries grows with the number of
    agreements and years covered, never with tasks, activities or parties."""
    from phoihop.activities.models import Activity
    from phoihop.activities.selectors import agreement_totals
    from phoihop.plans.selectors import indicator_progress, task_statuses

    years = review_years(review)
    agreements = covered_agreements(review)
    figures = Figures(years=years)
    agreement_ids = [a.pk for a in agreements]

    tasks = list(
        Task.objects.active()
        .filter(plan__agreement_id__in=agreement_ids, plan__year__in=years, plan__archived_at__isnull=True)
        .exclude(cancelled=True)
        .select_related("content_area", "plan")
        .order_by("plan__agreement_id", "plan__year", "number", "id")
    )
    statuses = task_statuses(tasks, today=review.period_end)
    done = {pk for pk, status in statuses.items() if status == "done"}
    indicators = list(
        Indicator.objects.active().filter(task__in=[t.pk for t in tasks]).order_by("task_id", "order", "id")
    )
    progress = indicator_progress(indicators)

    # Content areas: every area of the covered agreements, then a row for tasks outside them.
    from phoihop.agreements.models import ContentArea

    areas: dict[Any, AreaFigures] = {}
    for area in ContentArea.objects.filter(agreement_id__in=agreement_ids).order_by("agreement_id", "number", "id"):
        areas[area.pk] = AreaFigures(area.number, area.title, area.agreement_id)
    task_area: dict[int, Any] = {}
    for t in tasks:
        key = t.content_area_id if t.content_area_id in areas else ("other", t.plan.agreement_id)
        if key not in areas:
            areas[key] = AreaFigures(None, _("Nhiệm vụ khác"), t.plan.agreement_id)
        task_area[t.pk] = key
        row = areas[key]
        row.tasks_planned += 1
        row.tasks_done += t.pk in done
    for ind in indicators:
        p = progress[ind.pk]
        figure = IndicatorFigure(ind.name, ind.get_unit_display(), p.target, p.achieved, p.percent)
        areas[task_area[ind.task_id]].indicators.append(figure)
        figures.indicators.append(figure)

    # Activities by content area: approved, counted once (as agreement_totals counts them).
    approved = Activity.objects.filter(
        task__plan__agreement_id__in=agreement_ids,
        task__plan__year__in=years,
        status=Activity.Status.APPROVED,
        archived_at__isnull=True,
    ).values_list("task__content_area_id", "task__plan__agreement_id", "participants")
    for area_id, agreement_id, participants in approved:
        key = area_id if area_id in areas else ("other", agreement_id)
        if key not in areas:
            areas[key] = AreaFigures(None, _("Nhiệm vụ khác"), agreement_id)
        row = areas[key]
        row.activities += 1
        row.participants += participants or 0

    # Totals and parties, from the activities selector (a joint activity credited to each).
    parties: dict[int, PartyFigures] = {}
    for agreement in agreements:
        for p in agreement.parties.all():
            if p.organization_id not in parties:
                parties[p.organization_id] = PartyFigures(p.organization, p.role)
    names = {i.pk: (i.name, i.get_unit_display()) for i in indicators}
    credited: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for agreement in agreements:
        for year in years:
            totals = agreement_totals(agreement=agreement, year=year)
            figures.activities += totals.activities
            figures.participants += totals.participants
            for org_totals in totals.by_organization:
                org = org_totals.organization
                party = parties.setdefault(org.pk, PartyFigures(org, ""))
                party.activities += org_totals.activities
                party.participants += org_totals.participants
                for indicator_id, value in org_totals.values.items():
                    credited[org.pk][indicator_id] = credited[org.pk].get(indicator_id, Decimal(0)) + value
    for t in tasks:
        lead = parties.get(t.lead_organization_id)
        if lead is not None:
            lead.tasks_led += 1
            lead.tasks_done += t.pk in done
    for org_id, party in parties.items():
        party.values = [
            (names[i][0], names[i][1], v) for i, v in sorted(credited.get(org_id, {}).items()) if i in names
        ]
    figures.parties = list(parties.values())
    figures.areas = [a for a in areas.values() if a.tasks_planned or a.activities]
    figures.tasks_planned = len(tasks)
    figures.tasks_done = len(done)
    figures.timeliness, figures.inspections = _exchange_figures(
        agreements, years, review.period_start, review.period_end, today or timezone.localdate()
    )
    figures.commendations = list(review_commendations(review))
    return figures


# --- pages ------------------------------------------------------------------------------------


def review_list(*, user: Any, filters: dict[str, Any]) -> QuerySet[Review]:
    """The visible reviews, not archived ones; with ``filters["archived"]``, the archived ones."""
    qs = review_access.visible_reviews(user)
    qs = qs.filter(archived_at__isnull=False) if filters.get("archived") else qs.active()
    if filters.get("agreement"):
        qs = qs.filter(agreement_id=filters["agreement"])
    if filters.get("kind"):
        qs = qs.filter(kind=filters["kind"])
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("year"):
        year = int(filters["year"])
        qs = qs.filter(period_start__year__lte=year, period_end__year__gte=year)
    return qs.select_related("agreement", "event").order_by("-period_end", "-id")


def paginate(qs: Any, page: Any) -> Page:
    return Paginator(qs, PAGE_SIZE).get_page(page)


def review_commendations(review: Review) -> QuerySet[Commendation]:
    return (
        review.commendations.active()
        .select_related("organization", "movement")
        .order_by("awardee_kind", "id")
    )


def review_detail(*, user: Any, pk: int, today: datetime.date | None = None) -> dict[str, Any]:
    """The review page. An archived review shows its text, contributions and proposals, but no
    figures, documents or writing until it is restored."""
    review = review_access.get_review_for_user(user, pk)
    contributions = list(
        review.contributions.select_related("organization", "author").order_by("id")
    )
    archived = review.is_archived
    figures = None if archived else review_figures(review, today=today)
    mine = review_access.contribution_org_ids(user, review)
    written = {c.organization_id for c in contributions}
    open_ = not review.is_locked and not archived
    can_edit = review_access.can_edit_review(user, review)
    return {
        "review": review,
        "agreement": review.agreement,
        "agreements": covered_agreements(review),
        "figures": figures,
        "commendations": figures.commendations if figures is not None else list(review_commendations(review)),
        "contributions": contributions,
        "missing_contributions": [
            p.organization for p in (figures.parties if figures is not None else []) if p.role and p.organization.pk not in written
        ],
        "can_edit": can_edit and open_,
        "can_sign_off": review_access.can_sign_off_review(user, review) and open_,
        "ready_to_sign": all(getattr(review, n).strip() for n in ("situation", "results", "directions")),
        "can_contribute": bool(mine) and open_,
        "can_decide": can_edit and not archived,
        "can_withdraw": review_access.can_propose_commendation(user, review) and open_,
        "can_archive": review_access.can_archive_review(user, review) and open_,
        "can_restore": review_access.can_archive_review(user, review) and archived,
        "history": review_history(review),
    }


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


def movement_list(*, user: Any, archived: bool = False) -> QuerySet[Movement]:
    """The visible movements, not archived ones (those offered in forms); or the archived ones."""
    qs = review_access.visible_movements(user)
    qs = qs.filter(archived_at__isnull=False) if archived else qs.active()
    return qs.select_related("organizer").order_by("name", "id")


def commendation_list(*, user: Any, filters: dict[str, Any]) -> QuerySet[Commendation]:
    """The visible commendations, leaving out withdrawn proposals and those of archived reviews;
    with ``filters["archived"]``, only those."""
    qs = review_access.visible_commendations(user)
    if filters.get("archived"):
        qs = qs.filter(Q(archived_at__isnull=False) | Q(review__archived_at__isnull=False))
    else:
        qs = qs.filter(Q(review__isnull=True) | Q(review__archived_at__isnull=True), archived_at__isnull=True)
    if filters.get("movement"):
        qs = qs.filter(movement_id=filters["movement"])
    if filters.get("organization"):
        qs = qs.filter(organization_id=filters["organization"])
    if filters.get("year"):
        qs = qs.filter(year=int(filters["year"]))
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    return qs.select_related("organization", "movement", "review__agreement").order_by("-year", "organization__name", "id")


def movement_detail(*, user: Any, pk: int) -> dict[str, Any]:
    movement = review_access.get_movement_for_user(user, pk)
    can_edit = review_access.can_edit_movement(user, movement)
    return {
        "movement": movement,
        "commendations": list(commendation_list(user=user, filters={"movement": movement.pk})),
        "can_edit": can_edit and not movement.is_archived,
        "can_archive": can_edit and not movement.is_archived,
        "can_restore": can_edit and movement.is_archived,
        "history": history.merged(
            history.entries(Movement.history.filter(id=movement.pk), Movement, lambda m: m.name)
        ),
    }


def contribution_prefetch() -> Prefetch:
    return Prefetch("contributions", queryset=Contribution.objects.select_related("organization"))


def agreement_reviews(*, user: Any, agreement: Any) -> dict[str, Any]:
    """For the agreement page's "Sơ kết, tổng kết" card (reviews/agreement_card.html): the
    reviews of this agreement the user sees, and whether they may start one. One query."""
    return {
        "agreement_reviews": list(
            review_access.visible_reviews(user).active().filter(agreement=agreement).order_by("-period_end", "-id")
        ),
        "can_create_review": review_access.can_create_review(user, agreement),
    }
