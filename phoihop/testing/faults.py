"""The fault script: the production topology under writes, with workers killed mid-request.

    python -m phoihop.testing.faults --trials 10 --database-url postgres://postgres@127.0.0.1:5432/phoihop_faults

runs gunicorn (three workers) and the RQ worker on PostgreSQL and Redis with DEBUG off (see
``phoihop.testing.topology``) on a database it creates afresh (every row in it is lost). Each
trial makes a new agreement with two annual plans and two reviews ready to sign, then sends at
once, over HTTP as the users' browsers would:

- activities submitted for approval with one to three photos each;
- two requests for a number for each plan, at the same moment;
- two sign-offs of each review, at the same moment (each takes a number from the same series);

and while they run kills gunicorn workers (and sometimes the RQ worker) with SIGKILL at random
moments. Requests that got no answer are sent again, as a user would (the same form, so the
same idempotency key). Then it checks:

- every activity is there once, submitted, with every photo it was sent with (none half-saved,
  none doubled by the retry), and every activity the server said it saved is there;
- the register of numbers (``documents.selectors.series_integrity``): no number twice, none
  skipped, none belonging to no document, no document with two numbers;
- every signed review has its number and its register entry; no draft holds a number;
- every file in MEDIA_ROOT belongs to a row, and every row's file is there, once the upload
  sweep (``manage.py sweep_uploads``) has removed what killed writes left (their count is
  printed).

It prints each trial and its outcome and exits 1 on any violation.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import http.client
import io
import os
import random
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from phoihop.testing.topology import Http, Response, Topology, pbkdf2_password, redis_database

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/phoihop_faults"
PASSWORD = "Thử-lỗi-2025-mật-khẩu"
ACTIVITIES_PER_TRIAL = 6
# Any of these means the request died with its worker: no answer, or the proxy's 502.
LOST = (OSError, http.client.HTTPException)


# -- the data each trial writes to ------------------------------------------------------------


@dataclass
class World:
    lead: Any
    coop: Any
    officer: Any
    leader: Any
    agreement: Any = None
    plans: list[Any] = field(default_factory=list)
    task: Any = None
    reviews: list[Any] = field(default_factory=list)


def make_people(tag: str) -> World:
    """Two organisations, an officer and a leader of the lead one (with a password production checks)."""
    from django.contrib.auth import get_user_model

    from phoihop.orgs.models import Membership
    from phoihop.orgs.models import Organization as O

    lead = O.objects.create(
        name=f"Ban Chỉ huy Quân sự thử lỗi {tag}", short_name=f"Ban CHQS {tag}", symbol="BCHQS",
        kind=O.Kind.MILITARY, level=O.Level.DISTRICT, province_code=79,
    )
    coop = O.objects.create(
        name=f"Ban Tuyên giáo thử lỗi {tag}", short_name=f"BTG {tag}", symbol="BTGQU",
        kind=O.Kind.PARTY_BOARD, level=O.Level.DISTRICT,
    )
    users = get_user_model().objects
    officer = users.create_user(username=f"faults-officer-{tag}", first_name="An", last_name="Nguyễn Văn")
    leader = users.create_user(username=f"faults-leader-{tag}", first_name="Bình", last_name="Trần Văn")
    users.filter(pk__in=[officer.pk, leader.pk]).update(password=pbkdf2_password(PASSWORD))
    Membership.objects.create(user=officer, organization=lead, role=Membership.Role.OFFICER)
    Membership.objects.create(user=leader, organization=lead, role=Membership.Role.LEADER)
    return World(lead=lead, coop=coop, officer=officer, leader=leader)


def make_trial_records(world: World, tag: str, trial: int) -> None:
    """A new agreement with plans for 2025 and 2026 and two reviews whose text is written."""
    from phoihop.agreements.models import Party
    from phoihop.agreements.services import ContentAreaInput, PartyInput, agreement_create
    from phoihop.plans.services import plan_create
    from phoihop.reviews.services import review_create, review_update

    coop = world.coop
    world.agreement = agreement_create(
        actor=world.officer,
        fields={
            "kind": "program", "number_symbol": f"{trial:02d}/CTr-BCHQS",
            "title": f"Chương trình phối hợp thử lỗi {tag} số {trial}", "status": "in_force",
            "period_start": 2022, "period_end": 2030, "signed_on": datetime.date(2022, 9, 15),
        },
        parties=[
            PartyInput(organization=world.lead, role=Party.Role.LEAD, signatory_name="Nguyễn Văn An",
                       signatory_position="Chỉ huy trưởng"),
            PartyInput(organization=coop, role=Party.Role.COOPERATING, signatory_name="Trần Thị Bình",
                       signatory_position="Trưởng ban"),
        ],
        content_areas=[ContentAreaInput(number=1, title="Tuyên truyền quốc phòng", responsible=[world.lead, coop])],
    )
    world.plans = [plan_create(actor=world.officer, agreement=world.agreement, year=y) for y in (2025, 2026)]
    world.task = world.plans[0].tasks.get(number=1)
    sections = {"situation": "Tình hình chung", "results": "Kết quả đạt được", "strengths": "Ưu điểm",
                "shortcomings": "Hạn chế", "causes": "Nguyên nhân", "lessons": "Bài học kinh nghiệm",
                "directions": "Phương hướng", "proposals": "Đề xuất, kiến nghị"}
    world.reviews = []
    for kind, start, end in (("interim", (2025, 1, 1), (2025, 12, 31)), ("final", (2022, 1, 1), (2025, 12, 31))):
        review = review_create(actor=world.officer, agreement=world.agreement, kind=kind,
                               period_start=datetime.date(*start), period_end=datetime.date(*end))
        world.reviews.append(review_update(actor=world.officer, review=review, fields=sections))


# -- the requests ----------------------------------------------------------------------------


def jpeg(seed: int) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 30), ((seed * 53) % 256, (seed * 97) % 256, (seed * 31) % 256)).save(out, "JPEG")
    return out.getvalue()


@dataclass
class Op:
    """One write a user makes, and what the server answered to each attempt."""

    kind: str  # activity, number, sign_off
    target: int  # the plan or review, or the activity's number in the trial
    title: str = ""
    photos: int = 0
    answers: list[str] = field(default_factory=list)  # "302", "200", "500", "lost: ...", "gone"
    body: tuple[str, list[tuple[str, str]], dict[str, list[tuple[str, bytes]]]] | None = None

    @property
    def saved(self) -> bool:
        """The server said it was done (a redirect) on some attempt."""
        return "302" in self.answers

    @property
    def lost(self) -> bool:
        last = self.answers[-1] if self.answers else "lost"
        return last.startswith("lost") or last.startswith("5")


def _answer(call: Callable[[], Response]) -> tuple[str, Response | None]:
    try:
        response = call()
    except LOST as exc:
        return f"lost: {type(exc).__name__}", None
    return str(response.status), response


def _get(web: Http, path: str, tries: int = 5) -> Response | None:
    """A page the user opens before writing; reopened when its worker died under it."""
    for _ in range(tries):
        with contextlib.suppress(*LOST):
            page = web.get(path)
            if page.status < 500:
                return page
        time.sleep(0.3)
    return None


def send_activity(web: Http, world: World, op: Op, start: threading.Barrier) -> None:
    page = _get(web, f"/hoat-dong/tao-moi/?task={world.task.pk}")
    _wait(start)
    if page is None or page.status != 200:
        op.answers.append("lost: form page")
        return
    form = page.form("tao-moi")
    files = {"photos": [(f"anh-{i + 1}.jpg", jpeg(op.target * 10 + i)) for i in range(op.photos)]}
    values = form.values(title=op.title, start_date="15/03/2025", participants="30", action="submit")
    op.body = (form.action, values, files)
    answer, _ = _answer(lambda: web.post(form.action, values, files))
    op.answers.append(answer)


def resend_activity(web: Http, op: Op) -> None:
    """The browser's "send again": the same form, the same idempotency key."""
    assert op.body is not None
    action, values, files = op.body
    answer, _ = _answer(lambda: web.post(action, values, files))
    op.answers.append(answer)


def request_number(web: Http, world: World, op: Op, start: threading.Barrier) -> None:
    page = _get(web, f"/van-ban-mau/van-ban/{world.agreement.pk}/")
    form = None
    if page is not None and page.status == 200:
        with contextlib.suppress(LookupError):
            form = page.form(f"/ke-hoach/{op.target}/cap-so/")
    _wait(start)
    if form is None:
        op.answers.append("gone" if page is not None else "lost: documents page")
        return
    answer, _ = _answer(lambda: web.submit(form))
    op.answers.append(answer)


def sign_off(web: Http, world: World, op: Op, start: threading.Barrier) -> None:
    page = _get(web, f"/so-tong-ket/{op.target}/")
    form = None
    if page is not None and page.status == 200:
        with contextlib.suppress(LookupError):
            form = page.form("ky-duyet")
    _wait(start)
    if form is None:
        op.answers.append("gone" if page is not None else "lost: review page")
        return
    answer, _ = _answer(lambda: web.submit(form))
    op.answers.append(answer)


def _wait(barrier: threading.Barrier) -> None:
    with contextlib.suppress(threading.BrokenBarrierError):
        barrier.wait(timeout=30)


# -- the checks ------------------------------------------------------------------------------


def check(world: World, ops: list[Op], media_root: Path) -> list[str]:
    from django.contrib.contenttypes.models import ContentType

    from phoihop.activities.models import Activity
    from phoihop.attachments.models import Attachment
    from phoihop.documents.models import IssuedNumber
    from phoihop.reviews.models import Review

    problems: list[str] = []
    activity_type = ContentType.objects.get_for_model(Activity)
    for op in (o for o in ops if o.kind == "activity"):
        rows = list(Activity._base_manager.filter(title=op.title, agreement=world.agreement))
        if len(rows) > 1:
            problems.append(f"activity “{op.title}” saved {len(rows)} times (ids {[r.pk for r in rows]})")
        if not rows and op.saved:
            problems.append(f"activity “{op.title}” was answered as saved but is not in the database")
        for row in rows:
            photos = Attachment.objects.filter(content_type=activity_type, object_id=row.pk).count()
            if photos != op.photos:
                problems.append(f"activity {row.pk} “{op.title}” has {photos} of its {op.photos} photos")
            if row.status != Activity.Status.SUBMITTED:
                problems.append(f"activity {row.pk} “{op.title}” is {row.status}, not submitted")

    problems.extend(register_problems([world.lead.pk]))
    plan_type = ContentType.objects.get_for_model(world.plans[0])
    for op in (o for o in ops if o.kind == "number" and o.saved):
        if not IssuedNumber.objects.filter(content_type=plan_type, object_id=op.target).exists():
            problems.append(f"plan {op.target} was answered as numbered but has no number")

    review_type = ContentType.objects.get_for_model(Review)
    for review in Review.objects.filter(pk__in=[r.pk for r in world.reviews]):
        entries = list(IssuedNumber.objects.filter(content_type=review_type, object_id=review.pk))
        if review.status == Review.Status.SIGNED_OFF:
            if not review.number_symbol or review.signed_off_by_id is None:
                problems.append(f"review {review.pk} is signed without its number or signer")
            if [e.symbol for e in entries] != [review.number_symbol]:
                problems.append(
                    f"review {review.pk} is signed as {review.number_symbol!r}, the register has "
                    f"{[e.symbol for e in entries]}"
                )
        elif entries:
            problems.append(f"draft review {review.pk} holds the number(s) {[e.symbol for e in entries]}")
        elif any(o.saved for o in ops if o.kind == "sign_off" and o.target == review.pk):
            problems.append(f"review {review.pk} was answered as signed but is a draft")

    activity_ids = Activity._base_manager.filter(agreement=world.agreement).values_list("pk", flat=True)
    attachments = Attachment.objects.filter(content_type=activity_type, object_id__in=list(activity_ids))
    problems.extend(file_problems(media_root, attachments))
    return problems


def register_problems(issuer_ids: list[int]) -> list[str]:
    """The register's faults, by the documents app's own check when it has one."""
    try:
        from phoihop.documents.selectors import series_integrity
    except ImportError:
        return _register_problems_here(issuer_ids)
    return [
        f"number register: {p.kind} in series {p.series} of issuer {p.issuer_id}: {list(p.numbers)}"
        + (f" ({p.detail})" if p.detail else "")
        for p in series_integrity(issuer_ids=issuer_ids)
    ]


def _register_problems_here(issuer_ids: list[int]) -> list[str]:
    from collections import defaultdict

    from phoihop.documents.models import IssuedNumber

    problems = []
    series: dict[tuple[int, str], list[int]] = defaultdict(list)
    per_document: dict[tuple[int | None, int | None], list[str]] = defaultdict(list)
    for e in IssuedNumber.objects.filter(issuer_id__in=issuer_ids):
        series[(e.issuer_id, e.series)].append(e.number)
        if e.object_id is None:
            problems.append(f"number register: {e.symbol} belongs to no document")
        else:
            per_document[(e.content_type_id, e.object_id)].append(e.symbol)
    for (issuer, name), numbers in series.items():
        if sorted(numbers) != list(range(1, len(numbers) + 1)):
            problems.append(f"number register: series {name} of issuer {issuer} is {sorted(numbers)}")
    problems.extend(
        f"number register: one document has {symbols}" for symbols in per_document.values() if len(symbols) > 1
    )
    return problems


def file_problems(media_root: Path, rows: Any) -> list[str]:
    """Files in MEDIA_ROOT that no row names, and attachment ``rows`` whose file is not there."""
    from django.apps import apps
    from django.db import models

    named: set[str] = set()
    for model in apps.get_models():
        for f in model._meta.get_fields():
            if isinstance(f, models.FileField):
                named.update(n for n in model._base_manager.exclude(**{f.name: ""}).values_list(f.name, flat=True) if n)
    on_disk = {
        str(p.relative_to(media_root)) for p in media_root.rglob("*") if p.is_file()
    } if media_root.is_dir() else set()
    # Thumbnails are a cache made from a photo (named by its checksum), not an upload.
    from phoihop.attachments.models import Attachment

    sums = set(Attachment.objects.values_list("sha256", flat=True))
    named.update(n for n in on_disk if n.startswith("thumbnails/") and n.split("/")[-1].split("-")[0] in sums)
    problems = [f"orphan file {name} in MEDIA_ROOT (no row names it)" for name in sorted(on_disk - named)]
    for name in rows.values_list("file", flat=True):
        if name and name not in on_disk:
            problems.append(f"attachment row names {name}, which is not in MEDIA_ROOT")
    return problems


def sweep_uploads(media_root: Path) -> list[str]:
    """The deployment's own repair (``manage.py sweep_uploads``), now that no write is in flight:
    files a killed process wrote before its transaction committed; the names removed."""
    try:
        from phoihop.attachments.uploads import orphan_uploads_remove
    except ImportError:
        return []
    from django.test import override_settings

    with override_settings(MEDIA_ROOT=str(media_root)):
        return orphan_uploads_remove(older_than=datetime.timedelta(0))


# -- a trial ---------------------------------------------------------------------------------


def wait_healthy(top: Topology, timeout: float = 60) -> None:
    """Until gunicorn has all its workers again and answers."""
    deadline = time.monotonic() + timeout
    answered = 0
    while time.monotonic() < deadline:
        if len(top.worker_pids()) >= top.workers:
            with contextlib.suppress(*LOST):
                if top.client().get("/tai-khoan/dang-nhap/").status == 200:
                    answered += 1
                    if answered >= top.workers:
                        return
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not come back within {timeout:.0f} s: {top.log_tail('gunicorn.log')}")


def kill_at_random(top: Topology, rng: random.Random, stop: threading.Event, log: list[str], t0: float) -> None:
    """One to three SIGKILLs to gunicorn workers while the writes run; sometimes the RQ worker."""
    for n in range(rng.randint(1, 3)):
        delay = rng.uniform(0.05, 0.9)
        if n == 0:
            time.sleep(delay)  # at least one kill a trial, however fast the writes were
        elif stop.wait(delay):
            return
        pids = top.worker_pids()
        if pids:
            pid = rng.choice(pids)
            top.kill_web_worker(pid)
            log.append(f"SIGKILL web worker {pid} at +{time.monotonic() - t0:.2f} s")
    if rng.random() < 0.3 and not stop.is_set():
        top.kill_task_worker()
        log.append(f"SIGKILL task worker at +{time.monotonic() - t0:.2f} s")


def run_trial(top: Topology, tag: str, trial: int, rng: random.Random) -> tuple[list[str], list[str]]:
    """One trial, with organisations, users and a number series of its own; returns (what
    happened, violations)."""
    world = make_people(f"{tag}-{trial}")
    make_trial_records(world, tag, trial)
    wait_healthy(top)
    officer, leader = top.client(), top.client()
    officer.login(world.officer.username, PASSWORD)
    leader.login(world.leader.username, PASSWORD)

    ops = [
        Op("activity", i, title=f"Hoạt động thử lỗi {tag} lần {trial} số {i}", photos=rng.randint(1, 3))
        for i in range(1, ACTIVITIES_PER_TRIAL + 1)
    ]
    ops += [Op("number", plan.pk) for plan in world.plans for _ in range(2)]
    ops += [Op("sign_off", review.pk) for review in world.reviews for _ in range(2)]
    rng.shuffle(ops)
    start = threading.Barrier(len(ops) + 1)
    stop = threading.Event()
    events: list[str] = []

    def run(op: Op) -> None:
        if op.kind == "activity":
            send_activity(officer, world, op, start)
        elif op.kind == "number":
            request_number(officer, world, op, start)
        else:
            sign_off(leader, world, op, start)

    with ThreadPoolExecutor(max_workers=len(ops) + 1) as pool:
        futures = [pool.submit(run, op) for op in ops]
        _wait(start)
        t0 = time.monotonic()
        killer = pool.submit(kill_at_random, top, rng, stop, events, t0)
        for future in futures:
            future.result()
        stop.set()
        killer.result()

    lost = [op for op in ops if op.lost]
    if lost:
        wait_healthy(top)
        retry = threading.Barrier(1)
        for op in lost:  # the user tries again once the page answers
            if op.kind == "activity" and op.body is not None:
                resend_activity(officer, op)
            elif op.kind == "activity":
                send_activity(officer, world, op, retry)
            elif op.kind == "number":
                request_number(officer, world, op, retry)
            else:
                sign_off(leader, world, op, retry)
    swept = sweep_uploads(top.media_root)
    if swept:
        events.append(f"{len(swept)} file(s) left by killed writes, removed by the upload sweep")
    answers: dict[str, int] = {}
    for op in ops:
        for a in op.answers:
            key = "lost" if a.startswith("lost") else a
            answers[key] = answers.get(key, 0) + 1
    events.append(
        f"{len(ops)} writes ({ACTIVITIES_PER_TRIAL} activities with {sum(o.photos for o in ops)} photos, "
        f"{len(world.plans) * 2} number requests, {len(world.reviews) * 2} sign-offs), "
        f"answers {dict(sorted(answers.items()))}, {len(lost)} sent again"
    )
    return events, check(world, ops, top.media_root)


def run_trials(
    top: Topology, trials: int, *, seed: int | None = None, out: Callable[[str], None] = print
) -> list[str]:
    """``trials`` trials on a running topology; prints each and returns every violation."""
    seed = random.SystemRandom().randrange(1 << 30) if seed is None else seed
    rng = random.Random(seed)  # noqa: S311 - repeatable trials, not secrets
    tag = f"{seed:x}"[-6:]
    out(f"faults: {trials} trials, seed {seed}, {top.workers} gunicorn workers at {top.base_url}")
    violations: list[str] = []
    reported: set[str] = set()  # a file left by an earlier trial is reported once
    for trial in range(1, trials + 1):
        events, found = run_trial(top, tag, trial, rng)
        problems = [p for p in found if p not in reported]
        reported.update(problems)
        out(f"trial {trial}/{trials}: " + "; ".join(events))
        for problem in problems:
            out(f"  VIOLATION: {problem}")
        out(f"trial {trial}/{trials}: {'OK' if not problems else f'{len(problems)} violation(s)'}")
        violations.extend(f"trial {trial}: {p}" for p in problems)
    out(f"faults: {trials} trials, {len(violations)} violation(s): {'FAILED' if violations else 'OK'}")
    return violations


# -- the command -----------------------------------------------------------------------------


def _recreate_database(url: str) -> None:
    import dj_database_url
    import psycopg

    c = dj_database_url.parse(url)
    with psycopg.connect(
        host=c["HOST"] or "127.0.0.1", port=c["PORT"] or 5432, user=c["USER"], password=c["PASSWORD"] or None,
        dbname="postgres", autocommit=True, connect_timeout=5,
    ) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{c["NAME"]}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{c["NAME"]}"')


@contextlib.contextmanager
def _django(database_url: str, media_root: Path) -> Iterator[None]:
    os.environ["DJANGO_SETTINGS_MODULE"] = "phoihop.settings"
    os.environ["DATABASE_URL"] = database_url
    os.environ["MEDIA_ROOT"] = str(media_root)
    os.environ.setdefault("PHOIHOP_INSECURE_DEV_KEY", "true")  # this process only reads and seeds
    import django

    django.setup()
    yield


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m phoihop.testing.faults", description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=10, help="number of trials (default 10)")
    parser.add_argument("--database-url", default=os.getenv("FAULTS_DATABASE_URL", DEFAULT_DATABASE_URL),
                        help=f"PostgreSQL database to create afresh (default {DEFAULT_DATABASE_URL})")
    parser.add_argument("--redis-url", default=os.getenv("REDIS_URL", "redis://127.0.0.1:6379/0"),
                        help="Redis server (a free database 1-15 of it is used)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (default 3)")
    parser.add_argument("--seed", type=int, help="random seed, to repeat a run")
    parser.add_argument("--reuse-database", action="store_true",
                        help="keep the database's rows and only migrate it (each run adds its own records)")
    args = parser.parse_args(argv)
    if not args.database_url.startswith(("postgres://", "postgresql://")):
        parser.error("--database-url must be a PostgreSQL URL")

    media_root = Path(tempfile.mkdtemp(prefix="phoihop-faults-media-"))
    log_dir = Path(tempfile.mkdtemp(prefix="phoihop-faults-logs-"))
    if not args.reuse_database:
        print(f"faults: creating {args.database_url} afresh and migrating it")
        _recreate_database(args.database_url)
    with _django(args.database_url, media_root):
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        with redis_database(args.redis_url) as redis_url, Topology(
            args.database_url, redis_url=redis_url, media_root=media_root, workers=args.workers, log_dir=log_dir
        ) as top:
            violations = run_trials(top, args.trials, seed=args.seed)
    if violations:
        print(f"faults: uploads kept in {media_root}")
    else:
        shutil.rmtree(media_root, ignore_errors=True)
    print(f"faults: server logs in {log_dir}; database {args.database_url} kept for inspection")
    return 1 if violations else 0


if __name__ == "__main__":
    sys.exit(main())
