"""The benchmark behind ``make bench``: every main page and download, timed in-process.

Each page is asked for through ``django.test.Client`` (signed in with ``force_login``) through
the whole middleware stack, with ROOT_URLCONF pointing at ``phoihop.scale.urls``: the project's
URLs plus a floor view (a tiny template) and a page extending ``base.html`` with no content.
Each page's time is shown beside the floor measured in the same run, for the same user.

Method, per page and user:
- one warm-up request, inside ``CaptureQueriesContext``: its query count, size and status;
- then N timed requests (``time.perf_counter`` around ``client.get`` and reading the body);
  a page whose warm-up took over a second is timed ``SLOW_ROUNDS`` times, over 20 s once (the
  run stays bounded; the row shows n);
- Django's caches are cleared before every request, so every figure is a cold-cache figure;
- p50 is the median, p95 the nearest-rank 95th percentile (with 10 requests, the slowest).

The records are picked by queries: the busiest agreement the officer sees, its plan with most
tasks, the widest review the leader sees, ... so the same pages are measured on any dataset.
A page that answers anything else than 2xx (304 for a conditional request) is an ERROR row.
"""

from __future__ import annotations

import datetime
import gc
import json
import math
import os
import platform
import resource
import shutil
import statistics
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import django
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.db import connection
from django.db.models import Count
from django.http import HttpResponseBase
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

if TYPE_CHECKING:
    from django.contrib.auth.models import User

ROLES = ("officer", "leader", "admin")
ORGADMIN = "orgadmin"  # an organisation's administrator: only for the audit log
DEFAULT_USERS = {"officer": "bench_officer", "leader": "bench_leader", "admin": "bench_admin"}
BENCH_URLCONF = "phoihop.scale.urls"
DEFAULT_ROUNDS = 10
SLOW_ROUNDS = 5
SLOW_WARMUP_MS = 1000.0
# Over this, one timed request only: the figure is far off any target and the run stays bounded.
VERY_SLOW_WARMUP_MS = 20000.0
SEARCH_WORDS = "phối hợp"
ORG_WORDS = "quân sự"

# Targets (issue 10). Pages: p95 100 ms at one province, 150 ms nationally. A document about one
# agreement (or plan, or review): 1 s. A province-wide document: 3 s, or a background job.
PAGE_MS = {"province": 100.0, "national": 150.0}
DOCUMENT_MS = 1000.0
WIDE_DOCUMENT_MS = 3000.0
FEED_MS = 100.0
OVERHEAD_QUERIES = 3  # queries before a view runs: the session, the user, the access scope

PASS, FAIL, ERROR, JOB, MISSING, REFERENCE = "PASS", "FAIL", "ERROR", "job", "MISSING", "—"


@dataclass(frozen=True)
class Target:
    kind: str  # page | document | wide-document | feed | floor
    ms: float | None


@dataclass
class Case:
    page: str
    role: str
    url: str
    target: Target
    download: bool = False
    anonymous: bool = False  # the calendar feed: a calendar program without a session
    conditional: bool = False  # asked again with the first answer's ETag / Last-Modified


@dataclass
class Row:
    page: str
    role: str
    url: str = ""
    n: int = 0
    p50_ms: float | None = None
    p95_ms: float | None = None
    mean_ms: float | None = None
    min_ms: float | None = None
    max_ms: float | None = None
    warmup_ms: float | None = None
    queries: int | None = None
    bytes: int | None = None
    status: int | None = None
    content_type: str = ""
    ratio_to_floor: float | None = None
    target_kind: str = ""
    target_ms: float | None = None
    result: str = ""
    note: str = ""
    # Each timed request (ms), and what the slowest one spent its time on (see ``Timer``).
    times_ms: list[float] = field(default_factory=list)
    slowest: dict[str, float] = field(default_factory=dict)
    sql: list[str] = field(default_factory=list)  # with --sql: the warm-up request's statements
    before_view_sql: list[str] = field(default_factory=list)  # floor view: run before the view


@dataclass
class Records:
    """The records the pages are opened on, picked by queries (None: the dataset has none)."""

    officer_org: Any = None
    leader_org: Any = None
    agreement: Any = None
    plan: Any = None
    task: Any = None
    activity: Any = None
    event: Any = None
    report: Any = None
    inspection: Any = None
    review: Any = None  # of the busiest agreement
    wide_review: Any = None  # the review covering most agreements
    commendation_review: Any = None  # the review with most commendations proposed
    movement: Any = None
    year: int = 0


@dataclass
class Result:
    meta: dict[str, Any]
    rows: list[Row]

    def summary(self) -> dict[str, int]:
        counts = {PASS: 0, FAIL: 0, ERROR: 0, JOB: 0, MISSING: 0}
        for row in self.rows:
            if row.result in counts:
                counts[row.result] += 1
        return counts


# --- users and records -----------------------------------------------------------------------


def bench_users(*, usernames: dict[str, str]) -> dict[str, Any]:
    """The users named for each role; the organisation admin is found by query when not named."""
    User = get_user_model()
    users: dict[str, Any] = {}
    for role, username in usernames.items():
        user = User.objects.filter(username=username).first()
        if user is None:
            raise LookupError(f"no user {username!r} for the role {role}")
        users[role] = user
    if ORGADMIN not in users:
        from phoihop.orgs.models import Membership

        admins = Membership.objects.filter(role=Membership.Role.ADMIN, user__is_active=True)
        leader = users.get("leader")
        candidates = list(admins.order_by("pk")[:200])
        membership = candidates[0] if candidates else None
        if leader is not None:
            # Preferably an administrator of a body in the leader's province.
            from phoihop.dashboards.access import can_view_organization_dashboard

            inside = [m for m in candidates if can_view_organization_dashboard(leader, m.organization_id)]
            membership = inside[0] if inside else membership
        if membership is not None:
            users[ORGADMIN] = membership.user
    return users


def _first_org(user: User) -> Any:
    from phoihop.orgs.models import Membership

    membership = (
        Membership.objects.filter(user=user, organization__archived_at__isnull=True)
        .select_related("organization")
        .order_by("organization__level", "pk")
        .first()
    )
    return membership.organization if membership else None


def pick_records(*, users: dict[str, Any], today: datetime.date | None = None) -> Records:
    """The busiest records the officer sees (the leader and the administrator see them too), and
    the widest review the leader sees."""
    from phoihop.activities.models import Activity
    from phoihop.agreements import access as agreement_access
    from phoihop.events import access as event_access
    from phoihop.exchange import access as exchange_access
    from phoihop.plans.models import AnnualPlan, Task
    from phoihop.reviews import access as review_access

    officer = users["officer"]
    leader = users.get("leader", officer)
    today = today or timezone.localdate()
    r = Records(officer_org=_first_org(officer), leader_org=_first_org(leader), year=today.year)

    agreements = agreement_access.visible_agreements(officer)
    busiest = (
        agreements.annotate(n=Count("annual_plans__tasks")).order_by("-n", "pk").values_list("pk", flat=True).first()
    )
    r.agreement = agreements.filter(pk=busiest).first() if busiest else None
    # The plan with most tasks the officer sees, of this year or before when there is one.
    plans = AnnualPlan.objects.filter(agreement__in=agreements).annotate(n=Count("tasks")).order_by("-n", "-year", "pk")
    r.plan = plans.filter(year__lte=today.year).first() or plans.first()
    if r.plan is not None:
        r.year = r.plan.year
    if r.agreement is not None:
        # The plan with most tasks may be a coming year's: the task and activity are the busiest
        # of the whole agreement.
        r.task = (
            Task.objects.filter(plan__agreement=r.agreement)
            .annotate(n=Count("activities"))
            .order_by("-n", "pk")
            .first()
        )
        r.activity = (
            Activity.objects.filter(task__plan__agreement=r.agreement, status=Activity.Status.APPROVED)
            .order_by("-end_date", "-pk")
            .first()
        )
    r.event = event_access.visible_events(officer).annotate(n=Count("attendees")).order_by("-n", "pk").first()
    r.report = (
        exchange_access.visible_reports(officer).exclude(status="draft").order_by("-pk").first()
        if r.agreement
        else None
    )
    r.inspection = (
        exchange_access.visible_inspections(officer).annotate(n=Count("recommendations")).order_by("-n", "pk").first()
    )
    reviews = review_access.visible_reviews(officer)
    single = reviews.annotate(k=Count("agreements")).filter(k__lte=1).values_list("pk", flat=True)
    r.review = (
        reviews.filter(pk__in=list(single[:100000]))
        .annotate(n=Count("agreement__annual_plans__tasks"))
        .order_by("-n", "pk")
        .first()
    )
    r.wide_review = (
        review_access.visible_reviews(leader).annotate(k=Count("agreements")).order_by("-k", "pk").first()
    )
    r.commendation_review = (
        reviews.annotate(n=Count("commendations")).filter(n__gt=0).order_by("-n", "pk").first() or r.review
    )
    r.movement = (
        review_access.visible_movements(officer).annotate(n=Count("commendations")).order_by("-n", "pk").first()
    )
    return r


def _visible(role_user: Any, record: Any, getter: Callable[[Any, int], Any]) -> bool:
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    try:
        getter(role_user, record.pk)
    except (Http404, PermissionDenied):
        return False
    return True


# --- cases -----------------------------------------------------------------------------------


def _url(name: str, *args: Any, query: str = "") -> str:
    return reverse(name, args=args, urlconf=BENCH_URLCONF) + (f"?{quote(query, safe='=&')}" if query else "")


@dataclass(frozen=True)
class Targets:
    page: Target
    doc: Target = Target("document", DOCUMENT_MS)
    wide: Target = Target("wide-document", WIDE_DOCUMENT_MS)
    feed: Target = Target("feed", FEED_MS)
    floor: Target = Target("floor", None)


def _pk(record: Any) -> int:
    return record.pk if record is not None else 0


def build_cases(
    *, users: dict[str, Any], records: Records, roles: list[str], scale: str
) -> list[Case | Row]:
    """Every case to measure, in order: per role, the floors first. A page whose record the
    dataset lacks is a MISSING row, never left out silently."""
    t = Targets(page=Target("page", PAGE_MS[scale]))
    out: list[Case | Row] = []
    for role in roles:
        out.extend(_role_cases(role=role, user=users[role], r=records, t=t))
    if ORGADMIN in users:
        role = ORGADMIN
        out.append(Case(page="FLOOR tiny view", role=role, url=_url("bench_floor"), target=t.floor))
        out.append(Case(page="audit log (org admin)", role=role, url=_url("audit:log"), target=t.page))
        out.append(
            Case(page="audit log .csv (org admin)", role=role, url=_url("audit:log_export"), target=t.wide, download=True)
        )
    else:
        out.append(Row(page="audit log (org admin)", role=ORGADMIN, result=MISSING, note="no organisation admin"))
    # The floor once more at the end: how much the machine's load moved during the run.
    if roles:
        out.append(Case(page="FLOOR tiny view (end of run)", role=roles[0], url=_url("bench_floor"), target=t.floor))
    return out


def _role_cases(*, role: str, user: User, r: Records, t: Targets) -> list[Case | Row]:
    from phoihop.notifications.services import feed_token_for
    from phoihop.reviews import access as review_access

    out: list[Case | Row] = []

    def add(label: str, target: Target, name: str, *args: Any, query: str = "", need: Any = True, **kw: Any) -> None:
        if need is None or need is False:
            out.append(Row(page=label, role=role, result=MISSING, note="no such record in the dataset"))
        else:
            out.append(Case(page=label, role=role, url=_url(name, *args, query=query), target=target, **kw))

    page, doc, wide = t.page, t.doc, t.wide
    unit = r.officer_org if role == "officer" else r.leader_org
    agreement = _pk(r.agreement)
    add("FLOOR tiny view", t.floor, "bench_floor")
    add("FLOOR base.html page", t.floor, "bench_floor_base")
    add("home", page, "core:home")
    add("search", page, "core:search", query=f"q={SEARCH_WORDS}")
    add("org list", page, "orgs:list")
    add("org tree", page, "orgs:tree")
    add("org tree, one level (province body)", page, "orgs:tree_children", query=f"parent={_pk(r.leader_org)}", need=r.leader_org)
    add("org autocomplete", page, "orgs:autocomplete", query=f"q={ORG_WORDS}")
    add("org detail (own body)", page, "orgs:detail", _pk(unit), need=unit)
    add("people list", page, "orgs:person_list")
    add("agreement list", page, "agreements:list")
    add("agreement list filtered+sorted", page, "agreements:list", query=f"status=in_force&year={r.year}&sort=title")
    add("agreement autocomplete", page, "agreements:autocomplete", query=f"q={SEARCH_WORDS}")
    add("agreement detail", page, "agreements:detail", agreement, need=r.agreement)
    # The agreement page's panels, each from its own app (measured as the page a plain request gets).
    add("agreement plans panel", page, "plans:agreement_panel", agreement, need=r.agreement)
    add("agreement events panel", page, "events:agreement_panel", agreement, need=r.agreement)
    add("agreement reviews panel", page, "reviews:agreement_panel", agreement, need=r.agreement)
    add("agreement documents page", page, "documents:agreement", agreement, need=r.agreement)
    add("plan page", page, "plans:detail", _pk(r.plan), need=r.plan)
    add("task page", page, "plans:task_detail", _pk(r.task), need=r.task)
    add("task activities panel", page, "activities:task_panel", _pk(r.task), need=r.task)
    add("activity detail", page, "activities:detail", _pk(r.activity), need=r.activity)
    add("activity list", page, "activities:list")
    add(
        "activity list filtered", page, "activities:list",
        query=f"agreement={agreement}&year={r.year}&status=approved", need=r.agreement,
    )
    add("approvals inbox", page, "activities:inbox")
    add("dashboard home", page, "dashboards:home")
    add("dashboard unit", page, "dashboards:organization", _pk(unit), need=unit)
    add("dashboard agreement", page, "dashboards:agreement", agreement, need=r.agreement)
    add("dashboard subordinates", page, "dashboards:subordinates", _pk(unit), need=unit)
    add("dashboard tasks", page, "dashboards:tasks")
    add("event list", page, "events:list")
    add("event detail", page, "events:detail", _pk(r.event), need=r.event)
    add("exchange schedule", page, "exchange:schedule", agreement, need=r.agreement)
    add("report list", page, "exchange:report_list")
    add("report detail", page, "exchange:report_detail", _pk(r.report), need=r.report)
    add("inspection list", page, "exchange:inspection_list")
    add("inspection detail", page, "exchange:inspection_detail", _pk(r.inspection), need=r.inspection)
    add("review list", page, "reviews:list")
    add("review detail (busiest agr.)", page, "reviews:detail", _pk(r.review), need=r.review)
    # The widest review is the leader's; the officer opens it only where it is theirs too.
    wide_shown = r.wide_review is None or _visible(user, r.wide_review, review_access.get_review_for_user)
    wide_label = f"widest, {r.wide_review.agreements.count()} agr." if r.wide_review else "widest"
    if wide_shown:
        add(f"review detail ({wide_label})", page, "reviews:detail", _pk(r.wide_review), need=r.wide_review)
    add("commendation list", page, "reviews:commendation_list")
    add("movement list", page, "reviews:movement_list")
    add("movement detail", page, "reviews:movement_detail", _pk(r.movement), need=r.movement)
    add("calendar month", page, "notifications:calendar")
    add("calendar agenda", page, "notifications:agenda")
    add("calendar feed settings", page, "notifications:feed_settings")
    token = feed_token_for(user).token
    add("iCalendar feed", t.feed, "notifications:feed", token, anonymous=True)
    add("iCalendar feed, conditional (304)", t.feed, "notifications:feed", token, anonymous=True, conditional=True)
    add("notifications", page, "notifications:list")
    add("account", page, "accounts:account")
    if role == "admin":
        add("audit log (system admin)", page, "audit:log")
        add("audit log .csv (system admin)", wide, "audit:log_export", download=True)
    add("agreement .docx", doc, "documents:agreement_docx", agreement, need=r.agreement, download=True)
    add("agreement .xlsx", doc, "documents:agreement_xlsx", agreement, need=r.agreement, download=True)
    add("plan .docx", doc, "documents:plan_docx", _pk(r.plan), need=r.plan, download=True)
    add("plan .xlsx", doc, "documents:plan_xlsx", _pk(r.plan), need=r.plan, download=True)
    add("review .docx (busiest agr.)", doc, "reviews:download_docx", _pk(r.review), need=r.review, download=True)
    add("review .xlsx (busiest agr.)", doc, "reviews:download_xlsx", _pk(r.review), need=r.review, download=True)
    if wide_shown:
        add(f"review .docx ({wide_label})", wide, "reviews:download_docx", _pk(r.wide_review), need=r.wide_review, download=True)
        add(f"review .xlsx ({wide_label})", wide, "reviews:download_xlsx", _pk(r.wide_review), need=r.wide_review, download=True)
    cr = r.commendation_review
    add("commendations .docx", doc, "reviews:commendations_docx", _pk(cr), need=cr, download=True)
    add("commendations .xlsx", doc, "reviews:commendations_xlsx", _pk(cr), need=cr, download=True)
    return out


# --- measuring -------------------------------------------------------------------------------


def clear_caches() -> None:
    for cache in caches.all():
        cache.clear()


def _read(response: HttpResponseBase) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)  # type: ignore[attr-defined]
    return response.content  # type: ignore[attr-defined,no-any-return]


class Timer:
    """One timed request and where its time went, to tell a page's own cost from the machine's:
    wall time; CPU time of this process; time in the database (statements, as the client waits
    for them); time in Python's garbage collector (all generations, and how many full
    collections); and how often the kernel took the CPU away (involuntary context switches).
    A slow request with little CPU and database time and many switches waited for a core."""

    def __init__(self) -> None:
        self.gc_ms = 0.0
        self.gc_full = 0
        self.db_ms = 0.0
        self._gc_started = 0.0

    def _on_gc(self, phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            self._gc_started = time.perf_counter()
        else:
            self.gc_ms += (time.perf_counter() - self._gc_started) * 1000
            self.gc_full += info.get("generation") == 2

    def _on_query(self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.db_ms += (time.perf_counter() - started) * 1000

    @contextmanager
    def timing(self) -> Iterator[None]:
        usage, cpu = resource.getrusage(resource.RUSAGE_SELF), time.process_time()
        gc.callbacks.append(self._on_gc)
        started = time.perf_counter()
        try:
            with connection.execute_wrapper(self._on_query):
                yield
        finally:
            self.wall_ms = (time.perf_counter() - started) * 1000
            gc.callbacks.remove(self._on_gc)
            self.cpu_ms = (time.process_time() - cpu) * 1000
            after = resource.getrusage(resource.RUSAGE_SELF)
            self.switches = after.ru_nivcsw - usage.ru_nivcsw

    def breakdown(self) -> dict[str, float]:
        return {
            "wall_ms": round(self.wall_ms, 1), "cpu_ms": round(self.cpu_ms, 1), "db_ms": round(self.db_ms, 1),
            "gc_ms": round(self.gc_ms, 1), "gc_full": self.gc_full, "involuntary_switches": self.switches,
        }


def slow_cause(b: dict[str, float], *, vendor: str = "postgresql") -> str:
    """What a slow request's breakdown points to, in a few words. Time neither on this
    process's CPU nor waiting for PostgreSQL (SQLite works inside the process, on its CPU) is
    time the process was ready to run and had no core: the machine's load, not the page."""
    off_cpu = b["wall_ms"] - b["cpu_ms"] - (b["db_ms"] if vendor == "postgresql" else 0)
    if off_cpu >= 0.4 * b["wall_ms"] and b["involuntary_switches"] > 0:
        return "waited for a core"
    if b["gc_ms"] >= 0.3 * b["wall_ms"]:
        return "garbage collection"
    if vendor == "postgresql" and b["db_ms"] >= 0.5 * b["wall_ms"]:
        return "database"
    return "own work"


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile: the smallest value with at least q of the values at or below it."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def _validators(response: HttpResponseBase) -> dict[str, str]:
    headers = {}
    if response.has_header("ETag"):
        headers["HTTP_IF_NONE_MATCH"] = response["ETag"]
    if response.has_header("Last-Modified"):
        headers["HTTP_IF_MODIFIED_SINCE"] = response["Last-Modified"]
    return headers


def _is_job(case: Case, response: HttpResponseBase) -> bool:
    """A download answered by starting a background job: 202, a redirect, or an HTML page."""
    if not case.download:
        return False
    if response.status_code == 202 or 300 <= response.status_code < 400:
        return True
    return response.status_code == 200 and response.get("Content-Type", "").startswith("text/html")


def _status_ok(case: Case, response: HttpResponseBase) -> bool:
    if _is_job(case, response):
        return True
    if case.conditional:
        return response.status_code in (200, 304)
    return 200 <= response.status_code < 300


def measure(
    case: Case, *, client: Client, rounds: int, keep_sql: bool = False, floor_p50: float | None = None
) -> Row:
    row = Row(page=case.page, role=case.role, url=case.url, target_kind=case.target.kind, target_ms=case.target.ms)
    headers: dict[str, str] = {}
    try:
        if case.conditional:
            clear_caches()
            headers = _validators(client.get(case.url, secure=True))
        clear_caches()
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            response = client.get(case.url, secure=True, **headers)  # type: ignore[arg-type]
            body = _read(response)
            row.warmup_ms = (time.perf_counter() - started) * 1000
        row.queries = len(ctx.captured_queries)
        if keep_sql:
            row.sql = [q["sql"][:500] for q in ctx.captured_queries]
        if case.page.startswith("FLOOR tiny view"):
            from phoihop.scale.urls import probe

            before = probe.pop("queries_at_view", ctx.initial_queries) - ctx.initial_queries
            row.note = f"{before} queries before the view"
            row.before_view_sql = [q["sql"][:500] for q in ctx.captured_queries[:before]]
        row.status, row.bytes = response.status_code, len(body)
        row.content_type = response.get("Content-Type", "")
        if not _status_ok(case, response):
            row.result, row.note = ERROR, f"HTTP {response.status_code}"
            if 300 <= response.status_code < 400:
                row.note += f" to {response.get('Location', '')}"
            return row
        job = _is_job(case, response)
        row.n = rounds if row.warmup_ms < SLOW_WARMUP_MS else min(rounds, SLOW_ROUNDS)
        if row.warmup_ms >= VERY_SLOW_WARMUP_MS:
            row.n = 1
        times: list[float] = []
        for _ in range(row.n):
            clear_caches()
            timer = Timer()
            with timer.timing():
                response = client.get(case.url, secure=True, **headers)  # type: ignore[arg-type]
                _read(response)
            times.append(timer.wall_ms)
            if timer.wall_ms >= max(times):
                row.slowest = timer.breakdown()
            if response.status_code != row.status:
                row.result, row.note = ERROR, f"HTTP {response.status_code} after {row.status}"
                return row
    except Exception as exc:  # a page that raises is a result to report, not a reason to stop
        row.result, row.note = ERROR, f"{type(exc).__name__}: {exc}"[:160]
        return row
    if times:
        row.times_ms = [round(t, 1) for t in times]
        row.p50_ms, row.p95_ms = statistics.median(times), percentile(times, 0.95)
        row.mean_ms, row.min_ms, row.max_ms = statistics.fmean(times), min(times), max(times)
    if floor_p50 and row.p50_ms is not None:
        row.ratio_to_floor = row.p50_ms / floor_p50
    if case.target.ms is None:
        row.result = REFERENCE
    elif job:
        row.result, row.note = JOB, f"answered {row.status} {row.content_type.split(';')[0]}: a background job"
    elif case.conditional and row.status != 304:
        row.result, row.note = FAIL, "no 304: the feed sends no ETag / Last-Modified it honours"
    else:
        assert row.p95_ms is not None and row.p50_ms is not None
        row.result = PASS if row.p95_ms <= case.target.ms else FAIL
        # Over by its slowest request alone (the median is within the target): say what that was.
        if row.result == FAIL and row.p50_ms <= case.target.ms and row.slowest and row.slowest["wall_ms"] > 2 * row.p50_ms:
            row.note = f"slowest {row.slowest['wall_ms']:.0f} ms: {slow_cause(row.slowest, vendor=connection.vendor)}"
    return row


def _chosen(page: str, only: str) -> bool:
    """Whether ``page`` is one of ``--only``: texts separated by commas, any found in its name."""
    return any(part.strip().lower() in page.lower() for part in only.split(",") if part.strip())


@contextmanager
def bench_settings() -> Iterator[dict[str, Any]]:
    """ROOT_URLCONF with the floor views; the test client's host allowed; static files served by
    name when no manifest was collected (production settings expect one)."""
    from django.contrib.staticfiles.storage import staticfiles_storage

    overrides: dict[str, Any] = {
        "ROOT_URLCONF": BENCH_URLCONF,
        "ALLOWED_HOSTS": [*settings.ALLOWED_HOSTS, "testserver"],
    }
    notes: dict[str, Any] = {}
    read_manifest = getattr(staticfiles_storage, "read_manifest", None)
    if read_manifest is not None and read_manifest() is None:
        storages = dict(settings.STORAGES)
        storages["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
        overrides["STORAGES"] = storages
        notes["static_files"] = "no collected manifest: static URLs by name"
    with override_settings(**overrides):
        yield notes


def run(
    *,
    users: dict[str, Any],
    roles: list[str] | None = None,
    rounds: int = DEFAULT_ROUNDS,
    only: str = "",
    keep_sql: bool = False,
    scale: str | None = None,
    progress: Callable[[Row], None] | None = None,
) -> Result:
    roles = [r for r in (roles or list(ROLES)) if r in users]
    dataset = dataset_info()
    scale = scale or ("national" if (dataset.get("provinces") or 1) > 1 else "province")
    meta = environment_info()
    meta.update({"dataset": dataset, "scale": scale, "rounds": rounds, "slow_rounds": SLOW_ROUNDS,
                 "roles": roles, "only": only, "load_before": list(os.getloadavg())})
    meta["started_at"] = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
    meta["users"] = {role: _describe_user(user) for role, user in users.items()}
    rows: list[Row] = []
    with bench_settings() as notes:
        meta.update(notes)
        records = pick_records(users=users)
        meta["records"] = _describe_records(records)
        cases = build_cases(users=users, records=records, roles=roles, scale=scale)
        clients: dict[str, Client] = {}
        for role, user in users.items():
            clients[role] = Client()
            clients[role].force_login(user)
            # A test client loads its middleware (WhiteNoise's index of the static files
            # included) on its first request; a worker has it loaded when it starts.
            clients[role].get(_url("bench_floor"))
        # As a worker does once loaded (phoihop.wsgi): the loaded application is left out of the
        # garbage collector's full passes, which would otherwise land in a timed request.
        from phoihop.core.memory import freeze_loaded

        meta["frozen_objects"] = freeze_loaded()
        floors: dict[str, float] = {}
        for case in cases:
            if only and not case.page.startswith("FLOOR") and not _chosen(case.page, only):
                continue
            if isinstance(case, Row):
                row = case
            else:
                client = Client() if case.anonymous else clients[case.role]
                row = measure(case, client=client, rounds=rounds, keep_sql=keep_sql, floor_p50=floors.get(case.role))
                if case.page == "FLOOR tiny view" and row.p50_ms:
                    floors[case.role] = row.p50_ms
                    row.ratio_to_floor = 1.0
                    if "overhead_before_view" not in meta:
                        meta["overhead_before_view"] = {
                            "role": case.role, "queries": len(row.before_view_sql), "sql": row.before_view_sql
                        }
            rows.append(row)
            if progress is not None:
                progress(row)
    meta["load_after"] = list(os.getloadavg())
    meta["finished_at"] = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
    return Result(meta=meta, rows=rows)


# --- context: machine, database, dataset, code ---------------------------------------------------


def _describe_user(user: User) -> dict[str, Any]:
    org = _first_org(user)
    return {"username": user.username, "staff": bool(user.is_staff), "organization": org.name if org else ""}


def _describe_records(r: Records) -> dict[str, Any]:
    out: dict[str, Any] = {"year": r.year}
    for name in ("agreement", "plan", "task", "activity", "event", "report", "inspection", "review",
                 "wide_review", "commendation_review", "movement", "officer_org", "leader_org"):
        record = getattr(r, name)
        out[name] = record.pk if record is not None else None
    if r.plan is not None:
        out["plan_tasks"] = r.plan.tasks.count()
    if r.wide_review is not None:
        out["wide_review_agreements"] = r.wide_review.agreements.count()
    return out


def git_commit() -> str:
    git = shutil.which("git")
    if git is None:
        return "unknown"
    try:
        head = subprocess.run(  # noqa: S603 - fixed arguments, git found on PATH
            [git, "rev-parse", "--short=12", "HEAD"], cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=10
        ).stdout.strip()
        dirty = subprocess.run(  # noqa: S603
            [git, "status", "--porcelain", "--untracked-files=no"],
            cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=30,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return f"{head}{' (with uncommitted changes)' if dirty else ''}" if head else "unknown"


def environment_info() -> dict[str, Any]:
    vendor = connection.vendor
    if vendor == "postgresql":
        number = int(connection.pg_version)  # type: ignore[attr-defined]
        version = f"{number // 10000}.{number % 10000}"
        database = str(connection.settings_dict["NAME"])
    else:
        import sqlite3

        version = sqlite3.sqlite_version
        database = Path(str(connection.settings_dict["NAME"])).name
    return {
        "vendor": vendor,
        "vendor_version": version,
        "database": database,
        "git_commit": git_commit(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "debug": settings.DEBUG,
        "cpus": os.cpu_count(),
        "cache": "Django's caches cleared before every request (cold-cache figures)",
        "connection": "one database connection kept open through the run",
    }


def dataset_info() -> dict[str, Any]:
    """The generated dataset's record (ScaleDataset), else the demo; and the main tables' sizes."""
    from phoihop.activities.models import Activity
    from phoihop.agreements.models import Agreement
    from phoihop.exchange.models import PeriodicReport
    from phoihop.orgs.models import Organization
    from phoihop.plans.models import Task

    info: dict[str, Any] = {"generated": False}
    try:
        from phoihop.scale.models import ScaleDataset

        dataset = ScaleDataset.objects.filter(completed=True).order_by("-created_at", "-pk").first()
    except Exception:  # no model yet, or its table is not migrated in this database
        dataset = None
    if dataset is not None:
        info.update(
            generated=True,
            provinces=dataset.provinces,
            units=dataset.units,
            seed=dataset.seed,
            created_at=dataset.created_at.isoformat(timespec="seconds"),
            reference_date=dataset.reference_date.isoformat(),
            duration_s=dataset.duration_s,
            counts=dataset.counts,
        )
    info["rows"] = {
        "organizations": Organization.objects.count(),
        "agreements": Agreement.objects.count(),
        "tasks": Task.objects.count(),
        "activities": Activity.objects.count(),
        "periodic_reports": PeriodicReport.objects.count(),
    }
    return info


def dataset_ready(*, provinces: int, seed: int, units: int | None) -> bool:
    """Whether this database holds a finished dataset generated with these settings."""
    info = dataset_info()
    if not info["generated"]:
        return False
    return bool(info["provinces"] == provinces and info["seed"] == seed and (units is None or info["units"] == units))


# --- output ----------------------------------------------------------------------------------

COLUMNS = ("page", "role", "n", "p50 ms", "p95 ms", "queries", "KB", "× floor", "target", "result")


def _ms(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


def _target(row: Row) -> str:
    if row.target_ms is None:
        return "—"
    text = f"≤ {row.target_ms:.0f} ms"
    return f"{text} or job" if row.target_kind == "wide-document" else text


def table_lines(rows: list[Row]) -> list[str]:
    cells = [COLUMNS]
    for row in rows:
        cells.append((
            row.page,
            row.role,
            str(row.n) if row.n else "—",
            _ms(row.p50_ms),
            _ms(row.p95_ms),
            "—" if row.queries is None else str(row.queries),
            "—" if row.bytes is None else f"{row.bytes / 1024:.0f}",
            "—" if row.ratio_to_floor is None else f"{row.ratio_to_floor:.1f}",
            _target(row),
            f"{row.result} {row.note}".strip() if row.result in (ERROR, MISSING, JOB, FAIL) and row.note else row.result,
        ))
    widths = [max(len(c[i]) for c in cells) for i in range(len(COLUMNS))]
    right = {2, 3, 4, 5, 6, 7}
    lines = []
    for index, c in enumerate(cells):
        parts = [c[i].rjust(widths[i]) if i in right else c[i].ljust(widths[i]) for i in range(len(c) - 1)]
        lines.append("  ".join([*parts, c[-1]]).rstrip())
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    return lines


def header_lines(meta: dict[str, Any]) -> list[str]:
    d = meta["dataset"]
    rows = ", ".join(f"{v:,} {k.replace('_', ' ')}" for k, v in d["rows"].items())
    if d["generated"]:
        source = f"generated: {d['provinces']} province(s), seed {d['seed']}" + (f", units {d['units']}" if d.get("units") else "")
    else:
        source = "not generated by generate_scale (demo or other data)"
    lines = [
        f"phoihop benchmark — {meta['started_at']}, code {meta['git_commit']}",
        f"database: {meta['vendor']} {meta['vendor_version']} ({meta['database']}); Python {meta['python']}, "
        f"Django {meta['django']}, DEBUG {'on' if meta['debug'] else 'off'}, {meta['cpus']} CPUs",
        f"dataset: {source}; {rows}",
        f"targets at {meta['scale']} scale; {meta['rounds']} timed request(s) per page ({meta['slow_rounds']} when the "
        f"warm-up took over {SLOW_WARMUP_MS / 1000:.0f} s); {meta['cache']}",
        "users: " + "; ".join(f"{role} {u['username']}" + (f" ({u['organization']})" if u["organization"] else "")
                              for role, u in meta["users"].items()),
        f"machine load (1/5/15 min) before: {' '.join(f'{v:.2f}' for v in meta['load_before'])}",
    ]
    if meta.get("static_files"):
        lines.append(f"static files: {meta['static_files']}")
    return lines


def footer_lines(result: Result) -> list[str]:
    meta = result.meta
    lines = [f"machine load (1/5/15 min) after:  {' '.join(f'{v:.2f}' for v in meta['load_after'])}"]
    overhead = meta.get("overhead_before_view")
    if overhead:
        verdict = PASS if overhead["queries"] <= OVERHEAD_QUERIES else FAIL
        lines.append(
            f"request overhead before the view: {overhead['queries']} queries (floor view, {overhead['role']}; "
            f"target ≤ {OVERHEAD_QUERIES}): {verdict}"
        )
        lines.extend(f"  {sql[:120]}" for sql in overhead["sql"])
    s = result.summary()
    lines.append(
        f"summary: {s[PASS]} PASS, {s[FAIL]} FAIL, {s[ERROR]} ERROR, {s[JOB]} job, {s[MISSING]} MISSING "
        f"({len(result.rows)} rows)"
    )
    # A page over only by one request that waited for a core says more about the machine.
    waited = [r for r in result.rows if r.result == FAIL and r.note.endswith("waited for a core")]
    if waited:
        lines.append(
            f"  of the FAIL rows, {len(waited)} are over only by a single request that waited for a core "
            f"(the machine's load): {', '.join(f'{r.role} {r.page}' for r in waited)}"
        )
    return lines


def default_json_path(meta: dict[str, Any]) -> Path:
    provinces = meta["dataset"].get("provinces") if meta["dataset"]["generated"] else 0
    stamp = meta["started_at"].replace(":", "").replace("-", "").replace("+0000", "Z")
    return Path(settings.DATA_DIR) / "scale" / f"bench-{meta['vendor']}-{provinces}p-{stamp}.json"


def write_json(result: Result, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {"meta": result.meta, "summary": result.summary(), "rows": [asdict(row) for row in result.rows]}
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=1, default=str), encoding="utf-8")

