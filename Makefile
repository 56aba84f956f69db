# phoihop — two commands on a fresh machine with Python 3.11:
#   make run    the demo on http://127.0.0.1:8000 (SQLite in ./data)
#   make test   every test: SQLite with the browser tests, and PostgreSQL beside it
# Dependencies come from the lock files (requirements*.txt), installed with pip into .venv.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.ONESHELL:
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check
PYTEST := $(PY) -m pytest -p no:cacheprovider
# The PostgreSQL run; pytest-django creates and drops the test_<name> database itself.
PG_URL ?= postgres://postgres@127.0.0.1:5432/phoihop
CHROMIUM := /usr/bin/chromium
RUFF := ruff==0.17.6
IMPORT_LINTER := import-linter==2.17

# Exits 1 with the driver's one-line reason when the server of the URL in argv[1] does not answer.
define PG_REACHABLE
import sys, dj_database_url, psycopg
c = dj_database_url.parse(sys.argv[1])
try:
    psycopg.connect(host=c["HOST"], port=c["PORT"] or 5432, user=c["USER"],
                    password=c["PASSWORD"] or None, dbname="postgres", connect_timeout=5).close()
except psycopg.Error as exc:
    sys.exit(str(exc).strip().splitlines()[0])
endef
export PG_REACHABLE

# Drops and creates again the database of the URL in argv[1] (the benchmark's own database).
define PG_RECREATE
import sys, dj_database_url, psycopg
c = dj_database_url.parse(sys.argv[1])
with psycopg.connect(host=c["HOST"], port=c["PORT"] or 5432, user=c["USER"], password=c["PASSWORD"] or None,
                     dbname="postgres", autocommit=True, connect_timeout=5) as conn:
    conn.execute(f'DROP DATABASE IF EXISTS "{c["NAME"]}" WITH (FORCE)')
    conn.execute(f'CREATE DATABASE "{c["NAME"]}"')
endef
export PG_RECREATE

.PHONY: help run test lint typecheck check-deploy messages system-packages bench faults

help:
	@echo "make run           install, migrate, load the demo data and serve http://127.0.0.1:8000"
	echo "make test          run every test (SQLite + browser, and PostgreSQL beside it) and the deploy check"
	echo "                     keeps the test databases for the next run; FRESH=1 (or CI=true) makes them afresh"
	echo "make lint          ruff check, and the import layers (import-linter)"
	echo "make typecheck     mypy with the Django plugin"
	echo "make check-deploy  Django's deployment checks with production-like settings"
	echo "make bench         time every page and download on a generated province (made once, then reused)"
	echo "                     DB=sqlite|postgres (sqlite), PROVINCES=N (1; 34 for the nation), SEED=S (1),"
	echo "                     UNITS=N (communes per province, for a quick run), ROUNDS=N (10 timed requests),"
	echo "                     BENCH_ARGS='--only dashboard --roles leader' (more manage.py bench options)"
	echo "make faults        kill app workers mid-write and check nothing is lost or doubled"
	echo "                     TRIALS=N (10), FAULTS_DB=postgres://… (its database is made afresh); needs Redis"

# The virtual environment, made with python3.11 (or python3 when that is 3.11).
$(PY):
	@if command -v python3.11 >/dev/null 2>&1; then py=python3.11
	elif command -v python3 >/dev/null 2>&1 && python3 -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then py=python3
	else echo "phoihop needs Python 3.11 (python3.11, or python3 at version 3.11)." >&2; exit 1; fi
	echo "==> Creating $(VENV) with $$($$py --version)"
	$$py -m venv $(VENV) || { rm -rf $(VENV); echo "Could not create $(VENV): on Debian or Ubuntu, install python3.11-venv." >&2; exit 1; }

$(VENV)/.run-deps: requirements.txt pyproject.toml | $(PY)
	@echo "==> Installing requirements.txt"
	$(PIP) install -q -r requirements.txt
	$(PIP) install -q --no-deps -e .
	touch $@

$(VENV)/.test-deps: requirements-test.txt $(VENV)/.run-deps
	@echo "==> Installing requirements-test.txt"
	$(PIP) install -q -r requirements-test.txt
	touch $@

# The compiled catalogue is committed; this only refreshes it when gettext is installed.
messages: $(VENV)/.run-deps
	@if ! find phoihop -name '*.po' -print -quit | grep -q .; then exit 0; fi
	if ! command -v msgfmt >/dev/null 2>&1; then
	  echo "note: msgfmt (gettext) not found, translations not compiled; the interface stays in Vietnamese." >&2; exit 0
	fi
	DEBUG=true $(PY) manage.py compilemessages --ignore=.venv --ignore=data --ignore=node_modules -v 0

run: $(VENV)/.run-deps messages
	@export DEBUG=true
	mkdir -p "$${DATA_DIR:-data}"
	echo "==> Migrating the database"
	$(PY) manage.py migrate --noinput
	echo "==> Loading the demo data"
	$(PY) manage.py load_demo
	echo "==> Starting the background worker (reminders, e-mail)"
	$(PY) manage.py run_worker & worker=$$!
	trap 'kill $$worker 2>/dev/null || true' EXIT
	echo "==> phoihop is serving on http://127.0.0.1:8000 (Ctrl+C to stop)"
	$(PY) manage.py runserver 127.0.0.1:8000

# Static types: mypy with the Django plugin (configured in pyproject.toml).
typecheck: $(VENV)/.test-deps
	@$(VENV)/bin/mypy phoihop

lint: $(VENV)/.run-deps
	@$(PIP) install -q "$(RUFF)" "$(IMPORT_LINTER)"
	$(VENV)/bin/ruff check .
	PYTHONPATH=. $(VENV)/bin/lint-imports  # the layers of docs/architecture.md (pyproject.toml)

check-deploy: $(VENV)/.run-deps
	@secret=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')
	env -u DATABASE_URL DEBUG=false SECRET_KEY="$$secret" ALLOWED_HOSTS=example.org \
	  $(PY) manage.py check --deploy --fail-level WARNING

# Debian's packages the tests drive: chromium for the browser tests (never Playwright's own
# browser downloads), LibreOffice's writer to turn generated Word files into PDF, and the
# PostgreSQL client whose pg_dump/pg_restore the backup round trip uses.
SYSTEM_PACKAGES := chromium:$(CHROMIUM) libreoffice-writer-nogui:/usr/bin/soffice postgresql-client:/usr/bin/pg_dump
system-packages:
	@missing=""
	for entry in $(SYSTEM_PACKAGES); do [ -x "$${entry#*:}" ] || missing="$$missing $${entry%%:*}"; done
	if [ -z "$$missing" ]; then exit 0; fi
	if [ "$$(id -u)" = 0 ]; then sudo=""
	elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo=sudo
	else echo "warning:$$missing missing and installing needs root; the tests that need them will not run." >&2; exit 0; fi
	if ! command -v apt-get >/dev/null 2>&1; then
	  echo "warning:$$missing missing and there is no apt-get; install them by hand." >&2; exit 0
	fi
	echo "==> Installing$$missing for the tests"
	$$sudo apt-get update -qq
	$$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null

# Every run is attempted, then the summary says which failed. With CI=true nothing may be
# skipped for a missing server or browser: those count as failures.
# A local run keeps its test databases for the next one (pytest-django's --reuse-db: the SQLite
# one in data/test/, PostgreSQL's test_<name>; only migrations not yet applied run). CI=true or
# FRESH=1 makes them afresh, as after editing a migration already applied.
FRESH ?=
test: $(VENV)/.test-deps system-packages messages
	@started=$$SECONDS; failed=0; summary=()
	case "$${CI:-}" in 1|true|TRUE|True|yes) ci=1 ;; *) ci=0 ;; esac
	if [ "$$ci" = 1 ] || [ -n "$(FRESH)" ]; then db_args=(--create-db); sqlite_db="$${TEST_SQLITE_NAME:-}"
	else db_args=(--reuse-db); mkdir -p data/test; sqlite_db=data/test/sqlite.sqlite3; fi
	mkdir -p test-artifacts
	note() { summary+=("$$(printf '  %-24s %s' "$$1" "$$2")"); }
	tests() { # label, log file, command...
	  local label=$$1 log=$$2 rc; shift 2
	  set +e; "$$@" 2>&1 | tee "$$log"; rc=$${PIPESTATUS[0]}; set -e
	  local last; last=$$(tail -n 1 "$$log" | sed -E 's/^=+ //; s/ =+$$//')
	  if [ "$$rc" = 0 ]; then note "$$label" "ok      $$last"
	  elif [ "$$rc" = 5 ]; then note "$$label" "FAILED  no tests ran"; failed=1
	  else note "$$label" "FAILED  $$last"; failed=1; fi
	}

	# The deployment check, lint and mypy run beside the two suites, into their log: one after the
	# other before the suites, they kept the second core idle for as long as mypy took.
	: > test-artifacts/checks.log; : > test-artifacts/checks.status
	checks() {
	  local entry label target result
	  for entry in "deploy check:check-deploy" "lint:lint" "type check:typecheck"; do
	    label=$${entry%%:*}; target=$${entry#*:}
	    echo "==> $$label" >> test-artifacts/checks.log
	    if $(MAKE) --no-print-directory "$$target" >> test-artifacts/checks.log 2>&1; then result=ok; else result=FAILED; fi
	    echo "$$label:$$result" >> test-artifacts/checks.status
	  done
	}
	echo "==> Deployment check, lint and type check, in the background into test-artifacts/checks.log"
	checks & checks_pid=$$!

	# The two suites run side by side (one per core): PostgreSQL in the background into its log,
	# SQLite with the browser tests in the foreground; the PostgreSQL log is shown when it ends.
	# Not pytest-xdist, measured on a two-core machine: two workers for the PostgreSQL run
	# starved the SQLite run (14 min 30 s in all against 13 min 55 s without), and two for each
	# suite gained nothing either (20 min 26 s, on a host that was slowing down; the next run, one
	# process a suite, took 18 min 19 s).
	pg=$$(sed -E 's#//([^:/@]*):[^@/]*@#//\1:***@#' <<< "$(PG_URL)")  # shown without its password
	pg_pid=""
	if $(PY) -c "$$PG_REACHABLE" "$(PG_URL)"; then
	  echo "==> Test suite on PostgreSQL ($$pg), in the background into test-artifacts/postgresql.log"
	  # Only the tests that use the database: the others have the SQLite run (phoihop/conftest.py).
	  env DATABASE_URL="$(PG_URL)" PHOIHOP_TESTS=database $(PYTEST) -m "not browser" "$${db_args[@]}" > test-artifacts/postgresql.log 2>&1 &
	  pg_pid=$$!
	elif [ "$$ci" = 1 ]; then
	  echo "error: PostgreSQL is not reachable at $$pg; with CI=true the PostgreSQL run is required." >&2
	  note "PostgreSQL" "FAILED  server not reachable at $$pg"; failed=1
	else
	  echo "warning: PostgreSQL is not reachable at $$pg; skipping the PostgreSQL run." >&2
	  note "PostgreSQL" "SKIPPED server not reachable at $$pg"
	fi

	echo "==> Test suite on SQLite, with the browser tests"
	tests "SQLite + browser" test-artifacts/sqlite.log env -u DATABASE_URL TEST_SQLITE_NAME="$$sqlite_db" $(PYTEST) "$${db_args[@]}"

	if [ -n "$$pg_pid" ]; then
	  set +e; wait "$$pg_pid"; rc=$$?; set -e
	  echo "==> Test suite on PostgreSQL ($$pg)"
	  cat test-artifacts/postgresql.log
	  last=$$(tail -n 1 test-artifacts/postgresql.log | sed -E 's/^=+ //; s/ =+$$//')
	  if [ "$$rc" = 0 ]; then note "PostgreSQL" "ok      $$last"
	  elif [ "$$rc" = 5 ]; then note "PostgreSQL" "FAILED  no tests ran"; failed=1
	  else note "PostgreSQL" "FAILED  $$last"; failed=1; fi
	fi

	set +e; wait "$$checks_pid"; set -e
	echo "==> Deployment check, lint and type check"
	cat test-artifacts/checks.log
	suites=("$${summary[@]}"); summary=()
	for check in "deploy check" "lint" "type check"; do
	  if grep -qx "$$check:ok" test-artifacts/checks.status; then note "$$check" "ok"
	  else note "$$check" "FAILED"; failed=1; fi
	done
	summary+=("$${suites[@]}")

	echo
	echo "==> Summary ($$((SECONDS - started)) s)"
	printf '%s\n' "$${summary[@]}"
	if [ "$$failed" = 1 ]; then echo "FAILED (logs and screenshots in test-artifacts/)"; exit 1; fi
	echo "All passed."

# The benchmark. Each dataset lives in its own database, named after its settings: a SQLite file
# in data/scale/ or a PostgreSQL database phoihop_scale_<N>p_s<seed>[_u<units>] on BENCH_PG. It is
# generated when missing or unfinished, reused otherwise; the table is printed and the figures
# are written as JSON to data/scale/. Production settings (DEBUG off), cold caches.
DB ?= sqlite
PROVINCES ?= 1
SEED ?= 1
UNITS ?=
ROUNDS ?= 10
BENCH_ARGS ?=
BENCH_PG ?= postgres://postgres@127.0.0.1:5432
bench: $(VENV)/.run-deps
	@export DEBUG=false PHOIHOP_INSECURE_DEV_KEY=true
	dataset=(--provinces "$(PROVINCES)" --seed "$(SEED)" $(if $(UNITS),--units "$(UNITS)"))
	case "$(DB)" in
	  sqlite)
	    mkdir -p data/scale
	    file="data/scale/province-$(PROVINCES)-seed$(SEED)$(if $(UNITS),-units$(UNITS)).sqlite3"
	    export DATABASE_URL="sqlite:///$$file"
	    reset() { rm -f "$$file" "$$file-wal" "$$file-shm"; } ;;
	  postgres)
	    export DATABASE_URL="$(BENCH_PG)/phoihop_scale_$(PROVINCES)p_s$(SEED)$(if $(UNITS),_u$(UNITS))"
	    if ! $(PY) -c "$$PG_REACHABLE" "$$DATABASE_URL"; then echo "PostgreSQL is not reachable at $(BENCH_PG)" >&2; exit 1; fi
	    reset() { $(PY) -c "$$PG_RECREATE" "$$DATABASE_URL"; } ;;
	  *) echo "DB must be sqlite or postgres, not $(DB)" >&2; exit 1 ;;
	esac
	db=$$(sed -E 's#//([^:/@]*):[^@/]*@#//\1:***@#' <<< "$$DATABASE_URL")  # shown without its password
	# One run per dataset at a time: a second one would find it unfinished and start it again.
	mkdir -p data/scale
	exec 9>"data/scale/$$(basename "$$DATABASE_URL").lock"
	if command -v flock >/dev/null && ! flock -n 9; then echo "Another make bench is using $$db; wait for it." >&2; exit 1; fi
	if $(PY) manage.py bench --dataset-ready "$${dataset[@]}" 2>/dev/null; then
	  echo "==> Reusing the dataset in $$db"
	else
	  echo "==> Generating the dataset into a new database $$db"
	  reset
	  $(PY) manage.py migrate --noinput -v 0
	  $(PY) manage.py generate_scale "$${dataset[@]}" --force
	fi
	$(PY) manage.py migrate --noinput -v 0
	echo "==> Benchmark ($(ROUNDS) timed requests per page)"
	$(PY) manage.py bench --rounds "$(ROUNDS)" $(BENCH_ARGS)

# The fault script: the production topology (gunicorn workers on PostgreSQL, the RQ worker on
# Redis) under writes, with workers killed by SIGKILL; then every record is checked whole.
TRIALS ?= 10
FAULTS_DB ?= postgres://postgres@127.0.0.1:5432/phoihop_faults
faults: $(VENV)/.run-deps
	@$(PY) -m phoihop.testing.faults --trials $(TRIALS) --database-url $(FAULTS_DB)
