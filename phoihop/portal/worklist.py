"""The home page's work list: what is the signed-in user's to do, section by section.

Each section is a count made in the database and its first few rows, so the page costs the same
for an officer of a commune as for the leader of a province's body: a constant number of queries
(pinned in portal/tests/test_home.py), whatever the number of activities, tasks or reports. The
sections are read for the organisations the user writes for (officer and above); approvals for
those they lead. A viewer, who is handed nothing, sees the events only.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Count, QuerySet, Window
from django.urls import reverse
from django.utils import timezone

from phoihop.activities.models import Activity
from phoihop.activities.selectors import approvals_inbox
from phoihop.agreements import access as agreement_access
from phoihop.agreements.models import Agreement, Party
from phoihop.events import access as event_access
from phoihop.exchange.selectors import State, open_recommendations, owed_reports
from phoihop.orgs import access as org_access
from phoihop.orgs.models import Organization
from phoihop.plans.models import AnnualPlan, Task
from phoihop.reviews.models import Contribution, Review

if TYPE_CHECKING:
    from phoihop.core.access import AnyUser

ROWS = 5  # rows shown per section; the count and the link lead to the rest
DUE_SOON_DAYS = 14  # a task due within two weeks is on the list
EVENT_DAYS = 30  # events of the coming month
REPORT_LOOKBACK_DAYS = 366  # reports still unsent a year after their period are shown as owed


@dataclass
class Section:
    """One kind of work: how many, the first rows, and where the whole list is."""

    key: str
    count: int
    rows: list[Any] = field(default_factory=list)
    url: str = ""
    extra: dict[str, int] = field(default_factory=dict)

    @property
    def more(self) -> int:
        return max(self.count - len(self.rows), 0)


@dataclass
class WorkList:
    sections: dict[str, Section]
    writes: bool  # the user writes for an organisation (officer and above)

    @property
    def owed(self) -> int:
        """How many things wait for the user (events are not owed)."""
        return sum(s.count for k, s in self.sections.items() if k != "events")

    def __getitem__(self, key: str) -> Section:
        # A KeyError (not None) for anything else, so templates go on to read the attributes.
        return self.sections[key]


def _first_rows(qs: QuerySet[Any]) -> tuple[list[Any], int]:
    """The first rows of a section and how many there are in all, in one query: the count rides
    on each row as a window over the whole filtered set (which a COUNT would read anyway), so a
    section costs one round trip and one compilation instead of two."""
    rows = list(qs.annotate(section_total=Window(Count("pk")))[:ROWS])
    return rows, (rows[0].section_total if rows else 0)


def _first_org(org_ids: set[int]) -> int | None:
    return min(org_ids) if org_ids else None


def _approvals(user: AnyUser) -> Section | None:
    if not org_access.approver_org_ids(user):
        return None
    inbox = approvals_inbox(user=user)
    count = inbox.count()
    # The menu's count on the same page, asked once: cached on the request's user object.
    user._phoihop_approvals_waiting = count  # type: ignore[union-attr]
    return Section("approvals", count, list(inbox[:ROWS]), reverse("activities:inbox"))


def _returned(user: AnyUser, org_ids: set[int]) -> Section:
    """Records of the user's own organisations sent back to be corrected.

    Read from the organisations' side (the organiser links of a few organisations) and not
    through the whole visibility rule: the part of it for unsent records ("one of the organisers
    is in the user's tree") holds by construction here, and the part every record needs (its
    agreement is one the user sees) is kept."""
    through = Activity.organizations.through.objects.filter(
        organization_id__in=org_ids, activity__status=Activity.Status.RETURNED
    )
    qs = Activity.objects.active().filter(
        pk__in=through.values("activity_id"),
        status=Activity.Status.RETURNED,
        agreement_id__in=agreement_access.visible_agreement_ids(user),
    )
    rows, count = _first_rows(qs.select_related("returned_by").order_by("-returned_at", "-id"))
    url = reverse("activities:list") + f"?status={Activity.Status.RETURNED}"
    if len(org_ids) == 1:
        url += f"&party={_first_org(org_ids)}"
    return Section("returned", count, rows, url)


def _tasks(org_ids: set[int], today: datetime.date) -> Section:
    """Open tasks of in-force plans that the user's organisations lead or support, overdue or
    due within two weeks; overdue first.

    Read as the union of two index-driven halves (the tasks the organisations lead, and those
    they support) rather than one OR across both: PostgreSQL cannot serve that OR with an index
    and walked every task due before the horizon instead (a province's 17,000 rows, 15 ms).
    """
    open_tasks = Task.objects.filter(
        plan__status=AnnualPlan.Status.IN_FORCE,
        plan__archived_at__isnull=True,
        plan__agreement__archived_at__isnull=True,
        cancelled=False,
        completed_on__isnull=True,
        due__isnull=False,
        due__lte=today + datetime.timedelta(days=DUE_SOON_DAYS),
    ).order_by()
    supported = Task.supporting_organizations.through.objects.filter(organization_id__in=org_ids)
    keys = (
        open_tasks.filter(lead_organization_id__in=org_ids)
        .values_list("pk", "due")
        .union(open_tasks.filter(pk__in=supported.values("task_id")).values_list("pk", "due"))
    )
    # the organisations' open tasks of this year's plans (filtered on due)
    found = sorted((due, pk) for pk, due in keys if due is not None)
    overdue = sum(due < today for due, _pk in found)
    first = [pk for _due, pk in found[:ROWS]]
    by_pk = Task.objects.select_related("plan__agreement", "lead_organization").in_bulk(first)
    rows = [by_pk[pk] for pk in first if pk in by_pk]
    for task in rows:
        # read by the home page's template
        task.is_overdue = task.due is not None and task.due < today  # type: ignore[attr-defined]
    org = _first_org(org_ids)
    url = reverse("dashboards:tasks") + f"?org={org}&state=overdue" if overdue else (
        reverse("dashboards:tasks") + f"?org={org}&state=due_month"
    )
    return Section("tasks", len(found), rows, url, {"overdue": overdue})


def _reports(user: AnyUser, org_ids: set[int], today: datetime.date) -> Section:
    """Reports the user's organisations owe and have not sent: late, or due within a week, or
    for a period already over. Read for the agreements those organisations are parties of
    (a few dozen), in five queries."""
    agreement_ids = set(
        Party.objects.filter(organization_id__in=org_ids, agreement__archived_at__isnull=True)
        .exclude(agreement__status=Agreement.Status.DRAFT)
        .values_list("agreement_id", flat=True)
    )
    owed = owed_reports(
        today=today,
        agreement_ids=agreement_ids,
        organization_ids=org_ids,
        start=today - datetime.timedelta(days=REPORT_LOOKBACK_DAYS),
        end=today,
    )
    unsent = [
        o for o in owed
        if (o.report is None or not o.report.is_submitted)
        and (o.state in (State.MISSING, State.DUE) or o.period_end < today)
    ]
    unsent.sort(key=lambda o: (o.due_date, o.agreement.pk, o.organization.pk))
    rows = [OwedRow(o, _owed_url(o), o.state == State.MISSING) for o in unsent[:ROWS]]
    late = sum(o.state == State.MISSING for o in unsent)
    return Section("reports", len(unsent), rows, reverse("exchange:report_list") + "?status=draft", {"late": late})


@dataclass
class OwedRow:
    owed: Any  # exchange.selectors.OwedReport
    url: str
    is_late: bool


def _owed_url(owed: Any) -> str:
    """The owed slot's report: its draft, or a new one for that party and period."""
    if owed.report is not None:
        return str(owed.report.get_absolute_url())
    return reverse("exchange:report_create", args=[owed.agreement.pk]) + (
        f"?org={owed.organization.pk}&start={owed.period_start.isoformat()}"
    )


def _recommendations(user: AnyUser, org_ids: set[int]) -> Section:
    qs = open_recommendations(organization_ids=org_ids).filter(
        inspection__agreement_id__in=agreement_access.visible_agreements(user).values("pk")
    )
    rows, count = _first_rows(qs)
    return Section("recommendations", count, rows, reverse("exchange:inspection_list"))


def _contributions(user: AnyUser, org_ids: set[int]) -> Section:
    """Draft reviews of agreements the user's organisations are a co-operating party of, with no
    contribution from them yet."""
    parties = Party.objects.filter(organization_id__in=org_ids)
    leads = parties.filter(role=Party.Role.LEAD).values("agreement_id")
    written = Contribution.objects.filter(organization_id__in=org_ids).values("review_id")
    qs = (
        Review.objects.active()
        .filter(status=Review.Status.DRAFT, agreement_id__in=parties.values("agreement_id"))
        .exclude(agreement_id__in=leads)
        .exclude(pk__in=written)
    )
    rows, count = _first_rows(qs.select_related("agreement").order_by("-period_end", "-id"))
    return Section("contributions", count, rows, reverse("reviews:list") + "?status=draft")


def _events(user: AnyUser, today: datetime.date) -> Section:
    qs = event_access.visible_events(user).active().filter(
        date__gte=today, date__lte=today + datetime.timedelta(days=EVENT_DAYS)
    )
    rows, count = _first_rows(qs.select_related("host").order_by("date", "id"))
    return Section("events", count, rows, reverse("notifications:agenda"))


def _subordinates(user: AnyUser, today: datetime.date) -> Section | None:
    """For the leader of a body with bodies below it: the subordinates' overdue tasks (one
    count on the tree's path index), leading to the subordinates' dashboard."""
    s = org_access.scope(user)
    led = sorted(org_access.approver_org_ids(user))
    if not led:
        return None
    parent = Organization.objects.filter(pk__in=led, children__isnull=False).order_by("pk").first()
    if parent is None:
        return None
    # Bodies still in being: a body ceased in a reorganisation has handed its work on.
    below = (
        s.orgs_below([parent.pk])
        .exclude(pk__in=list(s.roles))
        .filter(archived_at__isnull=True)
        .exclude(valid_to__lt=today)
        .values("pk")
    )
    overdue = Task.objects.active().filter(
        lead_organization_id__in=below,
        plan__agreement__status=Agreement.Status.IN_FORCE,
        plan__status=AnnualPlan.Status.IN_FORCE,
        plan__archived_at__isnull=True,
        cancelled=False,
        completed_on__isnull=True,
        due__lt=today,
    ).count()
    return Section(
        "subordinates", overdue, [parent], reverse("dashboards:subordinates", args=[parent.pk]), {"overdue": overdue}
    )


def work_list(*, user: AnyUser, today: datetime.date | None = None) -> WorkList:
    """The user's work, in the order the home page shows it."""
    today = today or timezone.localdate()
    org_ids = org_access.scope(user).writer_org_ids
    sections: dict[str, Section] = {}
    approvals = _approvals(user)
    if approvals is not None:
        sections["approvals"] = approvals
    subordinates = _subordinates(user, today)
    if subordinates is not None:
        sections["subordinates"] = subordinates
    if org_ids:
        sections["returned"] = _returned(user, org_ids)
        sections["tasks"] = _tasks(org_ids, today)
        sections["reports"] = _reports(user, org_ids, today)
        sections["recommendations"] = _recommendations(user, org_ids)
        sections["contributions"] = _contributions(user, org_ids)
    sections["events"] = _events(user, today)
    return WorkList(sections=sections, writes=bool(org_ids))


def approvals_waiting(*, user: AnyUser) -> int:
    """How many submissions wait for this user's approval (the count on the menu)."""
    if not org_access.approver_org_ids(user):
        return 0
    cached = getattr(user, "_phoihop_approvals_waiting", None)  # the home page counted them
    if cached is None:
        cached = user._phoihop_approvals_waiting = approvals_inbox(user=user).count()  # type: ignore[union-attr]
    return int(cached)


def past_events(*, user: AnyUser, today: datetime.date | None = None, limit: int = ROWS) -> list[Any]:
    """The last conferences held, for the overview under the work list (the coming ones are in
    the work list itself). Read through the reach rows joined at once, not the pages' OR: an
    officer who sees seven events of a nation's 49,000 had the date index walked back through
    38,000 of them to find the last five (20 ms; a province leader's are found either way)."""
    today = today or timezone.localdate()
    qs = event_access.visible_events_whole(user).active().filter(date__lt=today)
    return list(qs.select_related("host").order_by("-date", "-id")[:limit])
