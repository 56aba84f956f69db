"""Backup and restore: one archive holding the database, the uploaded files and a manifest.

The archive is a gzip-compressed tar file:

- ``database/phoihop.sqlite3`` (a copy made with SQLite's online backup API) or
  ``database/phoihop.pgdump`` (``pg_dump`` in its custom format);
- ``media/<path>``: every file under MEDIA_ROOT;
- ``manifest.json`` (last): the SHA-256 and size of every other member, and what the archive
  was made from (version, database vendor, applied migrations, rows per table, time).

A restore checks every checksum before it writes anything, and writes only into an empty
database and an empty media folder: it never merges into or overwrites live data.
"""

from __future__ import annotations

import datetime
import hashlib
import importlib.metadata
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess  # noqa: S404 - pg_dump and pg_restore, with argument lists, never a shell
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Protocol, TypedDict

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone
from django.utils.translation import gettext as _

ARCHIVE_FORMAT = 1
MANIFEST = "manifest.json"
DATABASE_MEMBERS = {
    "sqlite": "database/phoihop.sqlite3",
    "postgresql": "database/phoihop.pgdump",
}
MEDIA_PREFIX = "media/"
# Tables that `migrate` fills by itself: a database with rows only there is still empty.
MIGRATE_SEEDED = frozenset({"django_migrations", "django_content_type", "auth_permission"})
CHUNK = 1024 * 1024


class FileEntry(TypedDict):
    sha256: str
    size: int


class DatabaseFacts(TypedDict, total=False):
    vendor: str
    sqlite_version: str
    server_major: int
    pg_dump_major: int


class SnapshotFacts(TypedDict):
    counts: dict[str, int]
    migrations: list[list[str]]  # [app, name], in the order they were applied


class Manifest(TypedDict):
    """What ``manifest.json`` holds."""

    format: int
    application: str
    version: str
    created_at: str
    database: DatabaseFacts
    migrations: list[list[str]]
    counts: dict[str, int]
    files: dict[str, FileEntry]


class _Cursor(Protocol):
    """A database cursor, SQLite's own or Django's, as far as the snapshot facts read it."""

    def execute(self, sql: str, /) -> object: ...
    def fetchone(self) -> tuple[int] | None: ...
    def fetchall(self) -> list[tuple[str, str]]: ...


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


@dataclass
class BackupResult:
    path: Path
    size: int
    files: int
    counts: dict[str, int]


@dataclass
class RestoreResult:
    files: int
    counts: dict[str, int]
    unapplied_migrations: list[str] = field(default_factory=list)


# --- Backup -----------------------------------------------------------------------------------


def default_backup_path(*, now: datetime.datetime | None = None) -> Path:
    stamp = (now or timezone.now()).astimezone(datetime.UTC).strftime("%Y%m%d-%H%M%S")
    return Path(settings.DATA_DIR) / "backups" / f"phoihop-{stamp}.tar.gz"


def backup_create(
    *, output: Path, using: str = DEFAULT_DB_ALIAS, media_root: Path | None = None
) -> BackupResult:
    """Write one archive of the database and the uploaded files to ``output``.

    The archive is written under a temporary name in the same folder and renamed when it is
    complete, so a crash or a full disk never leaves a partial archive under the final name.
    """
    connection = connections[using]
    if connection.vendor not in DATABASE_MEMBERS:
        raise BackupError(
            _("Chỉ sao lưu được cơ sở dữ liệu SQLite hoặc PostgreSQL, không phải %(vendor)s.")
            % {"vendor": connection.vendor}
        )
    media = Path(media_root if media_root is not None else settings.MEDIA_ROOT)
    output = Path(output)
    if output.exists():
        raise BackupError(
            _("Đã có tệp %(path)s; hãy chọn tên khác (bản sao lưu cũ không bị ghi đè).")
            % {"path": output}
        )
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=output.parent, prefix=".phoihop-backup-") as work:
        member = DATABASE_MEMBERS[connection.vendor]
        if connection.vendor == "sqlite":
            dump, database, facts = _dump_sqlite(connection, Path(work))
        else:
            dump, database, facts = _dump_postgresql(connection, Path(work))
        counts, migrations = facts["counts"], facts["migrations"]
        fd, partial = tempfile.mkstemp(dir=output.parent, prefix=f".{output.name}.", suffix=".partial")
        try:
            with os.fdopen(fd, "wb") as raw:
                with tarfile.open(fileobj=raw, mode="w:gz") as tar:
                    files = {member: _add_file(tar, member, dump)}
                    for relative, path in _media_files(media):
                        files[MEDIA_PREFIX + relative] = _add_file(tar, MEDIA_PREFIX + relative, path)
                    manifest: Manifest = {
                        "format": ARCHIVE_FORMAT,
                        "application": "phoihop",
                        "version": _app_version(),
                        "created_at": timezone.now().isoformat(),
                        "database": database,
                        "migrations": migrations,
                        "counts": counts,
                        "files": files,
                    }
                    data = json.dumps(manifest, indent=1, ensure_ascii=False, sort_keys=True).encode()
                    info = tarfile.TarInfo(MANIFEST)
                    info.size = len(data)
                    info.mtime = int(timezone.now().timestamp())
                    info.mode = 0o600
                    tar.addfile(info, io.BytesIO(data))
                raw.flush()
                os.fsync(raw.fileno())
            os.replace(partial, output)
        except BaseException:
            Path(partial).unlink(missing_ok=True)
            raise
    _fsync_dir(output.parent)
    return BackupResult(
        path=output, size=output.stat().st_size, files=len(files) - 1, counts=counts
    )


class _HashingReader:
    """Reads a file for the archive and hashes exactly the bytes that go into it."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.sha256 = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        self.sha256.update(data)
        return data


def _add_file(tar: tarfile.TarFile, name: str, path: Path) -> FileEntry:
    stat = path.stat()
    info = tarfile.TarInfo(name)
    info.size = stat.st_size
    info.mtime = int(stat.st_mtime)
    info.mode = 0o600
    with path.open("rb") as stream:
        reader = _HashingReader(stream)
        tar.addfile(info, reader)
    return {"sha256": reader.sha256.hexdigest(), "size": stat.st_size}


def _media_files(media: Path) -> Iterator[tuple[str, Path]]:
    """Every regular file under the media folder, in a stable order (links are not followed)."""
    if not media.is_dir():
        return
    for directory, dirnames, filenames in os.walk(media):
        dirnames.sort()
        for name in sorted(filenames):
            path = Path(directory) / name
            if path.is_file() and not path.is_symlink():
                yield path.relative_to(media).as_posix(), path


def _app_version() -> str:
    try:
        return importlib.metadata.version("phoihop")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _snapshot_facts(cursor: _Cursor, tables: list[str]) -> SnapshotFacts:
    """Rows per table and the applied migrations, read through ``cursor`` (one snapshot)."""
    counts = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")  # noqa: S608 - a table name, quoted
        row = cursor.fetchone()
        assert row is not None  # COUNT(*) answers one row
        counts[table] = row[0]
    migrations: list[list[str]] = []
    if "django_migrations" in tables:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
        migrations = [[app, name] for app, name in cursor.fetchall()]
    return {"counts": counts, "migrations": migrations}


def _sqlite_tables(db: sqlite3.Connection) -> list[str]:
    rows = db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    return [name for (name,) in rows]


def _dump_sqlite(connection: BaseDatabaseWrapper, work: Path) -> tuple[Path, DatabaseFacts, SnapshotFacts]:
    target = work / "phoihop.sqlite3"
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        # The online backup API copies a consistent snapshot while the site keeps writing.
        connection.connection.backup(copy)
        facts = _snapshot_facts(copy.cursor(), _sqlite_tables(copy))
    finally:
        copy.close()
    return target, {"vendor": "sqlite", "sqlite_version": sqlite3.sqlite_version}, facts


def _client_major(executable: str) -> int:
    """The major version of a PostgreSQL client program (``pg_dump (PostgreSQL) 15.20``)."""
    output = subprocess.run(  # noqa: S603 - a program found by shutil.which, fixed arguments
        [executable, "--version"], capture_output=True, text=True, check=True
    ).stdout
    found = re.search(r"\)\s*(\d+)", output) or re.search(r"(\d+)", output)
    if found is None:
        raise BackupError(_("Không đọc được phiên bản của %(program)s.") % {"program": executable})
    return int(found.group(1))


def _postgresql_program(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            _(
                "Không tìm thấy chương trình %(program)s. Hãy cài gói máy khách PostgreSQL "
                "(Debian/Ubuntu: apt-get install postgresql-client), cùng phiên bản với máy chủ "
                "hoặc mới hơn, rồi chạy lại."
            )
            % {"program": name}
        )
    return path


def _postgresql_env(settings_dict: dict[str, object]) -> dict[str, str]:
    """Connection settings for pg_dump / pg_restore as environment variables (the password
    never appears on a command line)."""
    from django.db.backends.postgresql.client import DatabaseClient

    _args, extra = DatabaseClient.settings_to_cmd_args_env(settings_dict, [])
    env = {**os.environ, **(extra or {})}
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("NAME", "PGDATABASE")):
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    return env


def _dump_postgresql(connection: BaseDatabaseWrapper, work: Path) -> tuple[Path, DatabaseFacts, SnapshotFacts]:
    pg_dump = _postgresql_program("pg_dump")
    client = _client_major(pg_dump)
    target = work / "phoihop.pgdump"
    connection.ensure_connection()
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        # One snapshot for the counts and for pg_dump: the manifest describes exactly the dump.
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SHOW server_version_num")
        server = int(cursor.fetchone()[0]) // 10000
        if client < server:
            raise BackupError(
                _(
                    "pg_dump phiên bản %(client)s không sao lưu được máy chủ PostgreSQL "
                    "%(server)s: hãy cài postgresql-client %(server)s trở lên."
                )
                % {"client": client, "server": server}
            )
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        tables = connection.introspection.table_names(cursor)
        facts = _snapshot_facts(cursor, tables)
        result = subprocess.run(  # noqa: S603 - fixed arguments, connection in the environment
            [pg_dump, "--format=custom", f"--snapshot={snapshot}", f"--file={target}"],
            env=_postgresql_env(connection.settings_dict),
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise BackupError(
                _("pg_dump không sao lưu được cơ sở dữ liệu: %(error)s")
                % {"error": result.stderr.strip()}
            )
    return target, {"vendor": "postgresql", "server_major": server, "pg_dump_major": client}, facts


# --- Checking an archive ------------------------------------------------------------------------


def _safe_member(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and "\\" not in name and name == path.as_posix()


def _read_member(tar: tarfile.TarFile, info: tarfile.TarInfo) -> Iterator[bytes]:
    stream = tar.extractfile(info)
    assert stream is not None  # a regular file, checked by the caller
    while chunk := stream.read(CHUNK):
        yield chunk


def archive_verify(*, archive: Path) -> Manifest:
    """The archive's manifest, once every member is known to it and matches its checksum."""
    seen: dict[str, tuple[str, int]] = {}
    manifest: Manifest | None = None
    try:
        with tarfile.open(archive, mode="r:gz") as tar:
            for info in tar:
                if not info.isfile() or not _safe_member(info.name) or info.name in seen:
                    raise BackupError(
                        _("Tệp sao lưu chứa mục không hợp lệ: %(name)s. Không khôi phục.")
                        % {"name": info.name}
                    )
                if info.name == MANIFEST:
                    manifest = json.loads(b"".join(_read_member(tar, info)))
                    seen[info.name] = ("", info.size)
                    continue
                digest = hashlib.sha256()
                for chunk in _read_member(tar, info):
                    digest.update(chunk)
                seen[info.name] = (digest.hexdigest(), info.size)
    except FileNotFoundError:
        raise BackupError(_("Không có tệp %(path)s.") % {"path": archive}) from None
    except (tarfile.TarError, OSError, EOFError, ValueError) as exc:
        raise BackupError(
            _("Tệp sao lưu bị hỏng hoặc không đọc được (%(error)s). Không khôi phục.") % {"error": exc}
        ) from None
    if manifest is None or manifest.get("format") != ARCHIVE_FORMAT or "files" not in manifest:
        raise BackupError(_("Tệp sao lưu không có bản kê (manifest.json) hợp lệ. Không khôi phục."))
    seen.pop(MANIFEST)
    listed = manifest["files"]
    missing = sorted(set(listed) - set(seen))
    extra = sorted(set(seen) - set(listed))
    wrong = sorted(
        name
        for name in set(listed) & set(seen)
        if (listed[name]["sha256"], listed[name]["size"]) != seen[name]
    )
    if missing or extra or wrong:
        parts = []
        if wrong:
            parts.append(_("sai mã kiểm tra: %(names)s") % {"names": ", ".join(wrong[:10])})
        if missing:
            parts.append(_("thiếu: %(names)s") % {"names": ", ".join(missing[:10])})
        if extra:
            parts.append(_("không có trong bản kê: %(names)s") % {"names": ", ".join(extra[:10])})
        raise BackupError(
            _("Tệp sao lưu không khớp với bản kê (%(problems)s). Không khôi phục.")
            % {"problems": "; ".join(parts)}
        )
    vendor = manifest.get("database", {}).get("vendor")
    member = DATABASE_MEMBERS.get(vendor) if vendor is not None else None
    if member is None or member not in listed:
        raise BackupError(_("Tệp sao lưu không chứa cơ sở dữ liệu. Không khôi phục."))
    return manifest


# --- Restore ------------------------------------------------------------------------------------


def _table_counts(connection: BaseDatabaseWrapper) -> dict[str, int]:
    with connection.cursor() as cursor:
        tables = [t for t in connection.introspection.table_names(cursor) if not t.startswith("sqlite_")]
        return dict(_snapshot_facts(cursor, tables)["counts"])


def _database_holding(connection: BaseDatabaseWrapper) -> tuple[list[str], list[str]]:
    """The target's tables, and those of them holding rows that `migrate` does not write."""
    counts = _table_counts(connection)
    return sorted(counts), sorted(t for t, n in counts.items() if n and t not in MIGRATE_SEEDED)


def _unknown_migrations(manifest: Manifest) -> list[str]:
    """Migrations applied in the archive that this version of the code does not have."""
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    return sorted(f"{app}.{name}" for app, name in manifest["migrations"] if (app, name) not in known)


def backup_restore(
    *, archive: Path, using: str = DEFAULT_DB_ALIAS, media_root: Path | None = None
) -> RestoreResult:
    """Restore an archive into the configured, empty database and empty media folder."""
    archive = Path(archive)
    manifest = archive_verify(archive=archive)
    connection = connections[using]
    media = Path(media_root if media_root is not None else settings.MEDIA_ROOT)
    vendor = manifest["database"]["vendor"]
    if vendor != connection.vendor:
        raise BackupError(
            _(
                "Tệp sao lưu là của cơ sở dữ liệu %(archive)s, còn nơi khôi phục là %(target)s; "
                "hãy cấu hình DATABASE_URL cùng loại."
            )
            % {"archive": vendor, "target": connection.vendor}
        )
    unknown = _unknown_migrations(manifest)
    if unknown:
        raise BackupError(
            _(
                "Tệp sao lưu được tạo bởi phiên bản phoihop mới hơn (có các migration %(names)s); "
                "hãy cập nhật mã nguồn trước khi khôi phục."
            )
            % {"names": ", ".join(unknown[:5])}
        )
    if vendor == "sqlite" and not str(connection.settings_dict["NAME"]).startswith((":memory:", "file:")):
        # A new machine: the folder of the configured database file may not exist yet.
        Path(connection.settings_dict["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    tables, holding = _database_holding(connection)
    if holding:
        raise BackupError(
            _(
                "Cơ sở dữ liệu đích đã có dữ liệu (bảng %(tables)s). Chỉ khôi phục vào cơ sở dữ liệu "
                "trống: hãy tạo một cơ sở dữ liệu mới và trỏ DATABASE_URL vào đó."
            )
            % {"tables": ", ".join(holding[:5])}
        )
    if vendor == "postgresql" and set(tables) - set(manifest["counts"]):
        raise BackupError(
            _(
                "Cơ sở dữ liệu đích có bảng không có trong tệp sao lưu (%(tables)s): hãy khôi phục "
                "vào một cơ sở dữ liệu mới tạo (createdb), chưa chạy migrate."
            )
            % {"tables": ", ".join(sorted(set(tables) - set(manifest["counts"]))[:5])}
        )
    if _has_files(media):
        raise BackupError(
            _("Thư mục tệp tải lên %(path)s không trống. Chỉ khôi phục vào thư mục trống.")
            % {"path": media}
        )
    files = manifest["files"]
    with tempfile.TemporaryDirectory(prefix="phoihop-restore-") as work:
        dump = Path(work) / "database"
        with tarfile.open(archive, mode="r:gz") as tar:
            for info in tar:
                if info.name == MANIFEST:
                    continue
                if info.name == DATABASE_MEMBERS[vendor]:
                    _extract(tar, info, dump, files[info.name])
                elif info.name.startswith(MEDIA_PREFIX):
                    target = media / info.name.removeprefix(MEDIA_PREFIX)
                    _extract(tar, info, target, files[info.name])
        if vendor == "sqlite":
            _restore_sqlite(connection, dump)
        else:
            _restore_postgresql(connection, dump, manifest, clean=bool(tables))
    # Read back what was written: the files on disk and the rows in the database.
    restored = 0
    for name, expected in files.items():
        if not name.startswith(MEDIA_PREFIX):
            continue
        path = media / name.removeprefix(MEDIA_PREFIX)
        if not path.is_file() or _file_sha256(path) != expected["sha256"]:
            raise BackupError(
                _("Tệp %(path)s sau khi khôi phục không khớp mã kiểm tra.") % {"path": path}
            )
        restored += 1
    counts = _table_counts(connection)
    differ = sorted(t for t, n in manifest["counts"].items() if counts.get(t) != n)
    if differ:
        raise BackupError(
            _("Số dòng sau khi khôi phục không khớp bản kê ở các bảng: %(tables)s.")
            % {"tables": ", ".join(differ[:10])}
        )
    return RestoreResult(files=restored, counts=counts, unapplied_migrations=_unapplied(connection))


def _has_files(media: Path) -> bool:
    return media.exists() and any(not path.is_dir() for path in media.rglob("*"))


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _extract(tar: tarfile.TarFile, info: tarfile.TarInfo, target: Path, expected: FileEntry) -> None:
    """Write one member, checking its checksum again on the way (the archive could have
    changed since it was verified); a file that does not match is never left in place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    digest = hashlib.sha256()
    with partial.open("wb") as out:
        for chunk in _read_member(tar, info):
            digest.update(chunk)
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())
    if digest.hexdigest() != expected["sha256"]:
        partial.unlink()
        raise BackupError(_("Mục %(name)s thay đổi trong khi khôi phục.") % {"name": info.name})
    os.replace(partial, target)


def _restore_sqlite(connection: BaseDatabaseWrapper, dump: Path) -> None:
    connection.ensure_connection()
    source = sqlite3.connect(dump)
    try:
        # Page by page into the configured database, whatever it is (a file or in memory).
        source.backup(connection.connection)
    finally:
        source.close()


def _restore_postgresql(
    connection: BaseDatabaseWrapper, dump: Path, manifest: Manifest, *, clean: bool
) -> None:
    pg_restore = _postgresql_program("pg_restore")
    client = _client_major(pg_restore)
    made_by = int(manifest["database"].get("pg_dump_major", 0))
    if client < made_by:
        raise BackupError(
            _(
                "pg_restore phiên bản %(client)s không đọc được bản sao lưu do pg_dump "
                "%(made_by)s tạo: hãy cài postgresql-client %(made_by)s trở lên."
            )
            % {"client": client, "made_by": made_by}
        )
    arguments = [pg_restore, "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error"]
    if clean:  # the tables `migrate` made, all empty and all in the archive
        arguments += ["--clean", "--if-exists"]
    connection.close()
    result = subprocess.run(  # noqa: S603 - fixed arguments, connection in the environment
        [*arguments, f"--dbname={connection.settings_dict['NAME']}", str(dump)],
        env=_postgresql_env(connection.settings_dict),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise BackupError(
            _("pg_restore không khôi phục được (không có gì được ghi): %(error)s")
            % {"error": result.stderr.strip()}
        )


def _unapplied(connection: BaseDatabaseWrapper) -> list[str]:
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]
