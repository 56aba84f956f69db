"""The scale data generator: realistic provinces written in bulk, for the benchmark.

``generate_scale(provinces=N, units=K, seed=S)`` builds, per province (in the fixed order of the
official list of 34), an organisation tree rooted at the provincial Party committee (its boards,
the military command, police, people's committee, Fatherland Front and mass organisations;
every commune's Party committee, military command, police, Front, veterans', women's and youth
unions; the district bodies that ended on 01/07/2025 with their successions), then users with
memberships, agreements with 2–6 parties and 3–8 content areas over several periods, annual plans
with tasks and indicators, activities (about 90 % approved, a fifth of them joint), indicator
values, periodic reports (some late, some never sent), inspections with recommendations, reviews
(one province-wide over the 24 programs of the province boards), commendations, notifications and
audit rows. A whole province has about 800 organisations, 2,500 agreements, 25,000 tasks,
150,000 activities and 10,000 periodic reports; ``units`` keeps only the first K communes of each
province for quick runs.

The same seed and reference date give the same rows: every choice comes from
``random.Random`` seeded per (seed, province, phase), and every date is fixed relative to the
reference date (``REFERENCE_DATE`` unless given), never the clock.

Users the benchmark signs in as (password ``BENCH_PASSWORD``, the same for every generated user):

- ``bench_officer``: officer of the first commune's military command in the first province, a
  party to a dozen agreements with plans, activities and reports;
- ``bench_leader``: leader of the first province's Party committee, the root of its tree, who
  therefore sees the whole province;
- ``bench_admin``: system administrator (staff and superuser).

Rows are written with ``bulk_create`` (no change history, no services): derived data is rebuilt
afterwards by ``phoihop.scale.derived.rebuild_derived``. Generation is meant for a dedicated,
freshly migrated database.
"""

from __future__ import annotations

import datetime
import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction

from phoihop.orgs.localities import provinces as official_provinces
from phoihop.scale.generator.province import ProvinceBuilder
from phoihop.scale.generator.writer import Progress, Stream, Writer

__all__ = [
    "BENCH_PASSWORD",
    "BENCH_USERNAMES",
    "REFERENCE_DATE",
    "GenerationResult",
    "dataset_digest",
    "generate_scale",
]

BENCH_PASSWORD = "bench-password-2026"
BENCH_USERNAMES = {"officer": "bench_officer", "leader": "bench_leader", "admin": "bench_admin"}
# "Today" of the generated world: plans in force, reports due and calendar items fall around it.
REFERENCE_DATE = datetime.date(2026, 12, 1)
# A fixed salt keeps the password hash, like every other column, the same from run to run.
_SALT = "phoihopscale2026"


@dataclass
class GenerationResult:
    counts: dict[str, int] = field(default_factory=dict)
    duration_s: float = 0.0
    bench: dict[str, int] = field(default_factory=dict)


def province_codes(count: int) -> list[int]:
    """The first ``count`` provinces of the official list, in its (Vietnamese) order."""
    codes = list(official_provinces())
    if not 1 <= count <= len(codes):
        raise ValueError(f"provinces must be between 1 and {len(codes)}")
    return codes[:count]


PHASES: tuple[tuple[str, str], ...] = (
    ("organisations", "orgs"),
    ("users", "users"),
    ("agreements", "agreements"),
    ("plans", "plans"),
    ("activities", "activities"),
    ("reports", "reports"),
    ("inspections", "inspections"),
    ("reviews", "reviews"),
    ("notices", "notices"),
)


def _phase_total(builder: ProvinceBuilder, name: str) -> int:
    """How many steps a phase advances by (what its progress line counts)."""
    communes = len(builder.communes)
    return {
        "orgs": communes + 2,
        "users": len(builder.orgs) or 1,
        "agreements": communes + 2,
        "plans": len(builder.agreements),
        "activities": len(builder.tasks),
        "reports": len(builder.agreements),
        "inspections": len(builder.agreements),
        "reviews": max(0, len(builder.agreements) - 24),
        "notices": 3,
    }[name]


def generate_scale(
    *,
    provinces: int,
    units: int | None = None,
    seed: int = 1,
    today: datetime.date = REFERENCE_DATE,
    stream: Stream | None = None,
    batch_size: int = 5000,
    after_province: Callable[[int], None] | None = None,
    rebuild: bool = True,
) -> GenerationResult:
    """Write ``provinces`` provinces of data (``units`` communes each, default all), one
    transaction per province and phase, then rebuild derived data (unless ``rebuild`` is false:
    then the caller must, before the data is used)."""
    from phoihop.scale.derived import rebuild_derived

    started = time.monotonic()
    progress = Progress(stream)
    fallback = datetime.datetime(today.year, today.month, today.day, 8, tzinfo=datetime.UTC)
    writer = Writer(progress=progress, batch_size=batch_size, fallback=fallback)
    password_hash = make_password(BENCH_PASSWORD, salt=_SALT)
    result = GenerationResult()
    codes = province_codes(provinces)
    for index, code in enumerate(codes):
        builder = ProvinceBuilder(
            writer=writer, seed=seed, index=index, province_code=code, units=units, today=today,
            password_hash=password_hash,
        )
        progress.note(f"province {index + 1}/{len(codes)}: {builder.province} ({len(builder.communes)} communes)")
        for label, name in PHASES:
            progress.start(label, _phase_total(builder, name))
            with transaction.atomic():
                getattr(builder, f"phase_{name}")()
                writer.flush()
            progress.finish()
        if index == 0:
            result.bench = dict(builder.bench)
        if after_province is not None:
            after_province(index)
        del builder  # what a province keeps is dropped before the next one
    writer.reset_sequences()
    # Statistics first: without them SQLite plans the rebuild's joins from the wrong side.
    progress.note(f"rows written in {time.monotonic() - started:.1f} s; updating planner statistics")
    _analyze()
    if rebuild:
        progress.note(f"rebuilding derived data (at {time.monotonic() - started:.1f} s)")
        rebuild_derived(
            progress=lambda label: progress.note(f"derived: {label} (at {time.monotonic() - started:.1f} s)")
        )
        progress.note(f"vacuuming and updating planner statistics (at {time.monotonic() - started:.1f} s)")
        _analyze(vacuum=True)
    result.counts = dict(sorted(writer.counts.items()))
    result.duration_s = round(time.monotonic() - started, 1)
    progress.note(f"done in {result.duration_s:.1f} s, {sum(result.counts.values()):,} rows")
    return result


def _analyze(*, vacuum: bool = False) -> None:
    """Planner statistics; with ``vacuum`` on PostgreSQL, also the visibility map that lets a
    covering index answer alone, as autovacuum leaves a database that has been running a while
    (freshly written, every index-only read would visit the table too)."""
    with connection.cursor() as cursor:
        if vacuum and connection.vendor == "postgresql" and not connection.in_atomic_block:
            cursor.execute("VACUUM (ANALYZE)")
        else:
            cursor.execute("ANALYZE")


# Columns that identify the generated world; clocks (updated_at, auto_now_add) are left out.
DIGEST_COLUMNS: tuple[tuple[str, str], ...] = (
    ("orgs.Organization", "id,name,kind,level,parent_id,commune_code,valid_from,valid_to"),
    ("orgs.Succession", "id,kind,effective_date"),
    ("orgs.Person", "id,full_name,organization_id,position"),
    ("auth.User", "id,username,password,is_staff"),
    ("orgs.Membership", "id,user_id,organization_id,role"),
    ("agreements.Agreement", "id,kind,number_symbol,title,period_start,period_end,signed_on,status,renews_id"),
    ("agreements.Party", "id,agreement_id,organization_id,role,signatory_name"),
    ("agreements.ContentArea", "id,agreement_id,number,title"),
    ("plans.AnnualPlan", "id,agreement_id,year,status"),
    ("plans.Task", "id,plan_id,number,lead_organization_id,start,due,completed_on,cancelled"),
    ("plans.Indicator", "id,task_id,content_area_id,target,aggregation"),
    ("activities.Activity", "id,task_id,title,start_date,end_date,status,participants,approved_at"),
    ("activities.IndicatorValue", "id,activity_id,indicator_id,value"),
    ("exchange.PeriodicReport", "id,agreement_id,organization_id,period_start,status,submitted_at"),
    ("exchange.Inspection", "id,agreement_id,date,title"),
    ("exchange.Recommendation", "id,inspection_id,status,due_date"),
    ("reviews.Review", "id,kind,agreement_id,period_start,period_end,status"),
    ("reviews.Commendation", "id,organization_id,form,status,year"),
    ("notifications.Notification", "id,user_id,kind,key,read_at"),
    ("audit.AuditEvent", "id,at,action,actor_id,object_id"),
)


def dataset_digest() -> dict[str, str]:
    """A SHA-256 per table over its identifying columns in key order: equal digests, equal data."""
    from django.apps import apps

    digests: dict[str, str] = {}
    for label, columns in DIGEST_COLUMNS:
        model: Any = apps.get_model(label)
        names = columns.split(",")
        h = hashlib.sha256()
        for row in model._base_manager.order_by("pk").values_list(*names).iterator(chunk_size=5000):
            h.update(repr(row).encode())
        digests[label] = h.hexdigest()
    return digests
