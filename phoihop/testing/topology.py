"""The production topology on one machine, for the tests and the fault script.

gunicorn with several workers and the RQ worker, on a PostgreSQL database and Redis, with DEBUG
off and the production settings (``phoihop.settings``). Requests go as the reverse proxy would
send them: over plain HTTP on the loopback with ``X-Forwarded-Proto: https``.

    with redis_database() as redis_url, Topology(database_url, redis_url=redis_url) as top:
        web = top.client()
        web.login("alice", "password")
        page = web.get("/hoat-dong/")
"""

from __future__ import annotations

import atexit
import contextlib
import http.client
import mimetypes
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit

BASE_DIR = Path(__file__).resolve().parents[2]
REDIS_URL = "redis://127.0.0.1:6379/0"
REDIS_BACKEND = "phoihop.redis_tasks.RedisTaskBackend"
# The key a test run sets in the Redis database it uses, so that parallel runs take others.
CLAIM_KEY = "phoihop:test-run"


def in_ci() -> bool:
    return os.getenv("CI", "").strip().lower() in ("1", "true", "yes")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def redis_unreachable(url: str) -> str | None:
    """Why the Redis server of ``url`` does not answer, or None when it does."""
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=3).ping()
    except redis.RedisError as exc:
        return f"Redis at {url} does not answer: {exc}"
    return None


@contextlib.contextmanager
def redis_database(url: str | None = None) -> Iterator[str]:
    """A Redis database (1–15) of this run's own, emptied before and after.

    Runs on the same server at the same time (the SQLite and the PostgreSQL suites) each claim
    a different one with a key that expires, so one run's worker never takes another's jobs."""
    import redis

    base = url or os.getenv("REDIS_URL") or REDIS_URL
    parts = urlsplit(base)
    token = f"{os.getpid()}-{uuid.uuid4().hex}"
    for db in range(1, 16):
        claimed: str = parts._replace(path=f"/{db}").geturl()
        conn = redis.Redis.from_url(claimed, socket_connect_timeout=3)
        if conn.set(CLAIM_KEY, token, nx=True, ex=1800):
            break
    else:
        raise RuntimeError(f"every Redis database 1-15 of {base} is claimed by another run")
    try:
        for key in conn.scan_iter("rq:*"):
            conn.delete(key)
        yield claimed
    finally:
        conn.flushdb()
        conn.close()


def _production_env(database_url: str, redis_url: str, media_root: Path, static_root: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "phoihop.settings",
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": database_url,
            "DATABASE_CONN_MAX_AGE": "60",
            "MEDIA_ROOT": str(media_root),
            "STATIC_ROOT": str(static_root),
            "TASKS_BACKEND": REDIS_BACKEND,
            "REDIS_URL": redis_url,
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.pop("PHOIHOP_INSECURE_DEV_KEY", None)
    return env


_STATIC_CACHE: dict[str, Path] = {}


def collected_static(env: dict[str, str]) -> Path:
    """Static files collected once per process (the manifest storage needs them)."""
    if "dir" not in _STATIC_CACHE:
        root = Path(tempfile.mkdtemp(prefix="phoihop-static-"))
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
            cwd=BASE_DIR, env={**env, "STATIC_ROOT": str(root)}, check=True, timeout=300,
        )
        _STATIC_CACHE["dir"] = root
        atexit.register(shutil.rmtree, root, ignore_errors=True)
    return _STATIC_CACHE["dir"]


class Topology:
    """gunicorn (``workers`` processes) and one RQ worker on ``database_url`` and ``redis_url``."""

    def __init__(
        self,
        database_url: str,
        *,
        redis_url: str,
        media_root: Path | None = None,
        workers: int = 3,
        log_dir: Path | None = None,
    ) -> None:
        self.database_url = database_url
        self.redis_url = redis_url
        self.workers = workers
        self._own_media = media_root is None
        self.media_root = media_root or Path(tempfile.mkdtemp(prefix="phoihop-media-"))
        self.log_dir = log_dir or Path(tempfile.mkdtemp(prefix="phoihop-topology-"))
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.env = _production_env(database_url, redis_url, self.media_root, Path("/nonexistent"))
        self.gunicorn: subprocess.Popen[bytes] | None = None
        self.worker: subprocess.Popen[bytes] | None = None

    # -- processes -----------------------------------------------------------------------------
    def start(self) -> Topology:
        self.env["STATIC_ROOT"] = str(collected_static(self.env))
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self.gunicorn = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            [
                sys.executable, "-m", "gunicorn", "phoihop.wsgi:application",
                "--bind", f"127.0.0.1:{self.port}", "--workers", str(self.workers),
                "--timeout", "60", "--graceful-timeout", "5", "--access-logfile", "-",
            ],
            cwd=BASE_DIR, env=self.env, stdout=open(self.log_dir / "gunicorn.log", "ab"),  # noqa: SIM115
            stderr=subprocess.STDOUT, start_new_session=True,
        )
        self.start_worker()
        deadline = time.monotonic() + 60
        while True:
            if self.gunicorn.poll() is not None:
                raise RuntimeError(f"gunicorn stopped at start: {self.log_tail('gunicorn.log')}")
            try:
                if self.client().get("/tai-khoan/dang-nhap/").status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not answer within 60 s: {self.log_tail('gunicorn.log')}")
            time.sleep(0.3)
        while len(self.worker_pids()) < self.workers and time.monotonic() < deadline:
            time.sleep(0.2)
        return self

    def start_worker(self) -> None:
        self.worker = subprocess.Popen(  # noqa: S603
            [
                sys.executable, "manage.py", "rqworker", "--job-class", "django_tasks_rq.Job",
                "--with-scheduler", "default",
            ],
            cwd=BASE_DIR, env=self.env, stdout=open(self.log_dir / "rqworker.log", "ab"),  # noqa: SIM115
            stderr=subprocess.STDOUT, start_new_session=True,
        )

    def worker_pids(self) -> list[int]:
        """The gunicorn worker processes now running (children of the master)."""
        if self.gunicorn is None:
            return []
        path = Path(f"/proc/{self.gunicorn.pid}/task/{self.gunicorn.pid}/children")
        try:
            return [int(pid) for pid in path.read_text().split()]
        except OSError:
            return []

    def kill_web_worker(self, pid: int) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)

    def kill_task_worker(self) -> None:
        """SIGKILL the RQ worker (and the job process it forked), then start a new one."""
        if self.worker is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.worker.pid, signal.SIGKILL)
            self.worker.wait(timeout=10)
        self.start_worker()

    def log_tail(self, name: str, chars: int = 3000) -> str:
        try:
            return (self.log_dir / name).read_text(errors="replace")[-chars:]
        except OSError:
            return ""

    def stop(self) -> None:
        for proc in (self.gunicorn, self.worker):
            if proc is not None and proc.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGTERM)
        for proc in (self.gunicorn, self.worker):
            if proc is None:
                continue
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)
        self.gunicorn = self.worker = None
        if self._own_media:
            shutil.rmtree(self.media_root, ignore_errors=True)

    def __enter__(self) -> Topology:
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def client(self) -> Http:
        return Http(self.base_url)


# -- a small HTTP client, as a browser behind the proxy -----------------------------------------


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes
    url: str

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    def forms(self) -> list[Form]:
        parser = _FormParser(self.url)
        parser.feed(self.text)
        return parser.forms

    def form(self, action_contains: str = "", *, method: str = "post") -> Form:
        for form in self.forms():
            if form.method == method and action_contains in form.action:
                return form
        raise LookupError(f"no {method} form with {action_contains!r} in its action on {self.url}")


@dataclass
class Form:
    action: str
    method: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    file_fields: list[str] = field(default_factory=list)
    submit_values: dict[str, list[str]] = field(default_factory=dict)

    def values(self, **overrides: str | Sequence[str]) -> list[tuple[str, str]]:
        """The form as a browser would send it, with ``overrides`` replacing whole fields."""
        out = [(k, v) for k, v in self.fields if k not in overrides]
        for key, value in overrides.items():
            out.extend((key, v) for v in ([value] if isinstance(value, str) else value))
        return out


class _FormParser(HTMLParser):
    def __init__(self, url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.url = url
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: str | None = None
        self._select_first: str | None = None
        self._select_chosen = False
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._form = Form(action=urljoin(self.url, a.get("action") or self.url), method=(a.get("method") or "get").lower())
            self.forms.append(self._form)
            return
        form = self._form
        if form is None or "disabled" in a:
            return
        name = a.get("name", "")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind == "file":
                form.file_fields.append(name)
            elif kind in ("submit", "button", "image"):
                form.submit_values.setdefault(name, []).append(a.get("value", ""))
            elif kind in ("checkbox", "radio"):
                if "checked" in a:
                    form.fields.append((name, a.get("value", "on")))
            else:
                form.fields.append((name, a.get("value", "")))
        elif tag == "button" and name:
            form.submit_values.setdefault(name, []).append(a.get("value", ""))
        elif tag == "select" and name:
            self._select, self._select_first, self._select_chosen = name, None, False
        elif tag == "option" and self._select:
            value = a.get("value", "")
            if self._select_first is None:
                self._select_first = value
            if "selected" in a:
                form.fields.append((self._select, value))
                self._select_chosen = True
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select and self._form is not None:
            if not self._select_chosen and self._select_first is not None:
                self._form.fields.append((self._select, self._select_first))
            self._select = None
        elif tag == "textarea" and self._textarea and self._form is not None:
            self._form.fields.append((self._textarea, "".join(self._text).removeprefix("\n")))
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self._text.append(data)


FileUpload = tuple[str, bytes]  # (file name, content)


class Http:
    """Cookies, CSRF and forms over http.client, sending what the TLS proxy would add."""

    def __init__(self, base_url: str, timeout: float = 60) -> None:
        parts = urlsplit(base_url)
        self.host = parts.hostname or "127.0.0.1"
        self.port = parts.port or 80
        self.origin = f"https://{self.host}:{self.port}"
        self.timeout = timeout
        self.cookies: dict[str, str] = {}

    def request(
        self, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None
    ) -> Response:
        if path.startswith(("http://", "https://")):
            parts = urlsplit(path)
            path = parts.path + (f"?{parts.query}" if parts.query else "")
        conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            all_headers = {
                "Host": f"{self.host}:{self.port}",
                "X-Forwarded-Proto": "https",
                "User-Agent": "phoihop-topology",
                **(headers or {}),
            }
            if self.cookies:
                all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
            if method != "GET":
                all_headers.setdefault("Origin", self.origin)
                all_headers.setdefault("Referer", f"{self.origin}{path}")
            conn.request(method, path, body=body, headers=all_headers)
            raw = conn.getresponse()
            data = raw.read()
            for name, value in raw.getheaders():
                if name.lower() == "set-cookie":
                    key, _, rest = value.partition("=")
                    cookie_value = rest.split(";", 1)[0]
                    if "max-age=0" in value.lower() or "01 jan 1970" in value.lower():
                        self.cookies.pop(key.strip(), None)
                    else:
                        self.cookies[key.strip()] = cookie_value
            return Response(raw.status, {k.lower(): v for k, v in raw.getheaders()}, data, f"{self.origin}{path}")
        finally:
            conn.close()

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def post(
        self,
        path: str,
        fields: Sequence[tuple[str, str]],
        files: Mapping[str, Sequence[FileUpload]] | None = None,
    ) -> Response:
        if files:
            boundary = uuid.uuid4().hex
            chunks: list[bytes] = []
            for key, value in fields:
                chunks.append(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
                )
            for key, uploads in files.items():
                for name, content in uploads:
                    ctype = mimetypes.guess_type(name)[0] or "application/octet-stream"
                    chunks.append(
                        f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"; filename="{name}"\r\n'
                        f"Content-Type: {ctype}\r\n\r\n".encode()
                        + content
                        + b"\r\n"
                    )
            chunks.append(f"--{boundary}--\r\n".encode())
            return self.request(
                "POST", path, b"".join(chunks), {"Content-Type": f"multipart/form-data; boundary={boundary}"}
            )
        return self.request(
            "POST", path, urlencode(list(fields)).encode(), {"Content-Type": "application/x-www-form-urlencoded"}
        )

    def submit(
        self, form: Form, files: Mapping[str, Sequence[FileUpload]] | None = None, **overrides: str | Sequence[str]
    ) -> Response:
        return self.post(form.action, form.values(**overrides), files)

    def login(self, username: str, password: str) -> Response:
        page = self.get("/tai-khoan/dang-nhap/")
        form = page.form("dang-nhap")
        answer = self.submit(form, username=username, password=password)
        if answer.status != 302:
            raise AssertionError(f"sign-in of {username} answered {answer.status}, not a redirect")
        return answer


def pbkdf2_password(raw: str) -> str:
    """A password hash the production settings check (the test settings hash with MD5)."""
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    hasher = PBKDF2PasswordHasher()
    return hasher.encode(raw, hasher.salt())


def database_url_of(settings_db: dict[str, Any]) -> str:
    """The URL of the database Django is connected to (the test database during a test)."""
    from urllib.parse import quote

    user = quote(settings_db.get("USER") or "")
    password = quote(settings_db.get("PASSWORD") or "")
    auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = settings_db.get("HOST") or "127.0.0.1"
    port = settings_db.get("PORT") or 5432
    return f"postgres://{auth}{host}:{port}/{settings_db['NAME']}"
