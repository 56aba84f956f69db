"""Time every main page and download as an officer, a province leader and a system administrator.

Prints a table (p50 / p95 server time, queries, size, ratio to the floor view, target) and writes
the same figures as JSON. It reports figures; it exits 0 whatever the results (see the summary).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from phoihop.scale import bench


class Command(BaseCommand):
    help = "Benchmark every main page and download (see phoihop/scale/bench.py for the method)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--rounds", type=int, default=bench.DEFAULT_ROUNDS, help="timed requests per page")
        parser.add_argument("--only", default="", help="only the pages whose name contains this text (several: separated by commas)")
        parser.add_argument(
            "--roles", default=",".join(bench.ROLES), help="comma-separated: officer,leader,admin"
        )
        parser.add_argument("--json", default="", help="where to write the JSON (default data/scale/bench-…)")
        parser.add_argument("--officer", default=bench.DEFAULT_USERS["officer"], help="username of the officer")
        parser.add_argument("--leader", default=bench.DEFAULT_USERS["leader"], help="username of the leader")
        parser.add_argument("--admin", default=bench.DEFAULT_USERS["admin"], help="username of the system administrator")
        parser.add_argument("--orgadmin", default="", help="username of an organisation admin (default: found by query)")
        parser.add_argument("--scale", choices=["province", "national"], help="which targets (default: from the dataset)")
        parser.add_argument("--sql", action="store_true", help="keep each page's SQL (warm-up request) in the JSON")
        parser.add_argument(
            "--dataset-ready",
            action="store_true",
            help="only check: exit 0 when this database holds a finished dataset made with "
            "--provinces/--seed/--units, 1 otherwise",
        )
        parser.add_argument("--provinces", type=int, default=1)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--units", type=int, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["dataset_ready"]:
            try:
                ready = bench.dataset_ready(provinces=options["provinces"], seed=options["seed"], units=options["units"])
            except Exception as exc:  # an empty or unmigrated database: not ready
                self.stderr.write(f"no dataset: {type(exc).__name__}")
                ready = False
            sys.exit(0 if ready else 1)

        if options["rounds"] < 1:
            raise CommandError("--rounds must be at least 1")
        usernames = {role: options[role] for role in bench.ROLES}
        if options["orgadmin"]:
            usernames[bench.ORGADMIN] = options["orgadmin"]
        roles = [r.strip() for r in options["roles"].split(",") if r.strip()]
        unknown = set(roles) - set(bench.ROLES)
        if unknown:
            raise CommandError(f"unknown roles: {', '.join(sorted(unknown))}")
        try:
            # The records measured are the officer's busiest, so the officer is always looked up.
            wanted = {*roles, bench.ORGADMIN, "officer"}
            users = bench.bench_users(usernames={role: usernames[role] for role in usernames if role in wanted})
        except LookupError as exc:
            raise CommandError(f"{exc}; generate a dataset first (make bench does) or name the users") from exc

        def progress(row: bench.Row) -> None:
            timing = f"p50 {bench._ms(row.p50_ms)} / p95 {bench._ms(row.p95_ms)} ms, {row.queries} q"
            self.stderr.write(f"  {row.role:8} {row.page:42} {timing if row.n else ''} {row.result} {row.note}".rstrip())

        self.stderr.write("Measuring (progress on stderr, the table on stdout at the end)…")
        result = bench.run(
            users=users,
            roles=roles,
            rounds=options["rounds"],
            only=options["only"],
            keep_sql=options["sql"],
            scale=options["scale"],
            progress=progress,
        )
        path = Path(options["json"]) if options["json"] else bench.default_json_path(result.meta)
        bench.write_json(result, path)
        out = [*bench.header_lines(result.meta), "", *bench.table_lines(result.rows), "", *bench.footer_lines(result)]
        out.append(f"JSON: {path}")
        self.stdout.write("\n".join(out))
