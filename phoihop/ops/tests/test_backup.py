"""Backup and restore: the demo with attachments goes out into one archive and comes back whole,
row for row and byte for byte, on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from phoihop.ops import services
from phoihop.ops.services import BackupError, backup_create, backup_restore

pytestmark = pytest.mark.django_db(transaction=True)

MANAGE = Path(django_settings.BASE_DIR) / "manage.py"
TODAY = datetime.date(2026, 3, 1)


def png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


@pytest.fixture
def media(tmp_path: Path, settings: Any) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def demo(media: Path) -> None:
    """The demo, with a scan and a photo attached to one of its agreements."""
    from django.contrib.auth import get_user_model

    from phoihop.agreements.models import Agreement
    from phoihop.attachments.services import attachment_add
    from phoihop.demo.loader import demo_load

    demo_load(today=TODAY)
    agreement = Agreement.objects.earliest("pk")
    actor = get_user_model().objects.filter(is_superuser=True).first() or get_user_model().objects.first()
    assert actor is not None
    attachment_add(
        actor=actor, owner=agreement, kind="signed_scan",
        upload=SimpleUploadedFile("ban-ky.pdf", b"%PDF-1.4\n% ban ky\n" + os.urandom(4096), content_type="application/pdf"),
    )
    attachment_add(
        actor=actor, owner=agreement, kind="photo",
        upload=SimpleUploadedFile("anh.png", png(), content_type="image/png"),
    )


def media_files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def sqlite_rows(db: Any) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in a stable order."""
    names = [n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    return {n: sorted(db.execute(f'SELECT * FROM "{n}"').fetchall(), key=repr) for n in sorted(names)}


def postgresql_rows(cursor: Any) -> dict[str, list[str]]:
    """Every row of every table as PostgreSQL's own text of the row, in a stable order."""
    cursor.execute("SET TIME ZONE 'UTC'")
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")
    result = {}
    for (name,) in cursor.fetchall():
        cursor.execute(f'SELECT CAST(t AS text) FROM "{name}" AS t ORDER BY 1')
        result[name] = [row[0] for row in cursor.fetchall()]
    return result


def restore_command(archive: Path, database_url: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    """``manage.py restore`` in its own process, pointed at another database and media folder."""
    env = {
        **os.environ, "DATABASE_URL": database_url, "DATA_DIR": str(data_dir),
        "MEDIA_ROOT": str(data_dir / "media"), "DEBUG": "true", "DJANGO_SETTINGS_MODULE": "phoihop.settings",
    }
    return subprocess.run(
        [sys.executable, str(MANAGE), "restore", str(archive)], env=env, capture_output=True, text=True, check=False,
    )


def test_it_round_trips_the_demo_on_sqlite(request: Any, media: Path, tmp_path: Path) -> None:
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite round trip; the PostgreSQL one is below")
    request.getfixturevalue("demo")  # after the skip: loading it takes seconds
    archive = tmp_path / "out" / "phoihop.tar.gz"
    result = backup_create(output=archive)
    assert result.files == 2
    assert sum(result.counts.values()) > 1000

    target = tmp_path / "target"
    restored = restore_command(archive, f"sqlite:///{target / 'restored.sqlite3'}", target)
    assert restored.returncode == 0, restored.stderr
    assert "mọi mã kiểm tra đều khớp" in restored.stdout

    types = sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES  # as Django reads the source
    copy = sqlite3.connect(target / "restored.sqlite3", detect_types=types)
    try:
        connection.ensure_connection()
        source = sqlite_rows(connection.connection)
        assert sqlite_rows(copy) == source
    finally:
        copy.close()
    assert len(source) == len(result.counts)
    assert media_files(target / "media") == media_files(media)


@pytest.fixture
def empty_postgresql_database() -> Iterator[tuple[str, str]]:
    """A newly created, empty PostgreSQL database on the test server, dropped afterwards."""
    import psycopg

    params = connection.settings_dict
    name = f"h_ops_{uuid.uuid4().hex[:12]}"
    server = psycopg.connect(
        host=params["HOST"] or None, port=params["PORT"] or None, user=params["USER"] or None,
        password=params["PASSWORD"] or None, dbname="postgres", autocommit=True,
    )
    server.execute(f'CREATE DATABASE "{name}"')
    auth = params["USER"] + (f":{params['PASSWORD']}" if params["PASSWORD"] else "")
    url = f"postgres://{auth}@{params['HOST'] or 'localhost'}:{params['PORT'] or 5432}/{name}"
    try:
        yield name, url
    finally:
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        server.close()


def test_it_round_trips_the_demo_on_postgresql(request: Any, media: Path, tmp_path: Path) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the PostgreSQL round trip; the SQLite one is above")
    if shutil.which("pg_dump") is None and os.environ.get("CI", "").lower() != "true":
        pytest.skip("pg_dump is not installed (the postgresql-client package); with CI=true this fails")
    request.getfixturevalue("demo")
    name, url = request.getfixturevalue("empty_postgresql_database")
    archive = tmp_path / "phoihop.tar.gz"
    result = backup_create(output=archive)
    assert result.files == 2

    target = tmp_path / "target"
    restored = restore_command(archive, url, target)
    assert restored.returncode == 0, restored.stderr

    import psycopg

    params = connection.settings_dict
    with psycopg.connect(
        host=params["HOST"] or None, port=params["PORT"] or None, user=params["USER"] or None,
        password=params["PASSWORD"] or None, dbname=name,
    ) as copy, connection.cursor() as cursor:
        source = postgresql_rows(cursor)
        assert postgresql_rows(copy.cursor()) == source
    assert len(source) == len(result.counts)
    assert media_files(target / "media") == media_files(media)


@pytest.fixture
def small(media: Path) -> None:
    """A few rows and two uploaded files: enough for the refusals."""
    from phoihop.orgs.models import Organization

    Organization.objects.create(
        name="Ban Chỉ huy Quân sự huyện Thạch Hà", kind=Organization.Kind.MILITARY, level=Organization.Level.DISTRICT
    )
    (media / "attachments" / "2026" / "03").mkdir(parents=True)
    (media / "attachments" / "2026" / "03" / "a1").write_bytes(b"%PDF-1.4 one")
    (media / "attachments" / "2026" / "03" / "a2").write_bytes(b"%PDF-1.4 two")


def test_it_writes_a_manifest_of_every_member(small: None, tmp_path: Path) -> None:
    archive = tmp_path / "b.tar.gz"
    backup_create(output=archive)
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile("manifest.json"))  # type: ignore[arg-type]
    assert set(manifest["files"]) == set(names) - {"manifest.json"}
    assert {"media/attachments/2026/03/a1", "media/attachments/2026/03/a2"} <= set(names)
    assert manifest["database"]["vendor"] == connection.vendor
    assert manifest["counts"]["orgs_organization"] == 1
    assert ["orgs", "0001_initial"] in manifest["migrations"]
    assert manifest["created_at"] and manifest["version"]
    assert oct(archive.stat().st_mode & 0o777) == oct(0o600)


def test_it_never_leaves_a_partial_archive(small: None, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    real = services._add_file
    calls = []

    def failing(*args: Any) -> Any:
        calls.append(args[1])
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real(*args)

    with mock.patch.object(services, "_add_file", failing), pytest.raises(OSError):
        backup_create(output=folder / "b.tar.gz")
    assert list(folder.iterdir()) == []


def test_it_does_not_overwrite_an_archive(small: None, tmp_path: Path) -> None:
    archive = tmp_path / "b.tar.gz"
    archive.write_bytes(b"an earlier backup")
    with pytest.raises(BackupError, match="không bị ghi đè"):
        backup_create(output=archive)
    assert archive.read_bytes() == b"an earlier backup"


def tampered(archive: Path, out: Path, member: str, data: bytes) -> Path:
    with tarfile.open(archive) as source, tarfile.open(out, "w:gz") as target:
        for info in source.getmembers():
            content = source.extractfile(info).read()  # type: ignore[union-attr]
            if info.name == member:
                content = data
                info.size = len(data)
            target.addfile(info, io.BytesIO(content))
    return out


def test_it_refuses_an_archive_that_does_not_match_its_manifest(small: None, tmp_path: Path) -> None:
    archive = tmp_path / "b.tar.gz"
    backup_create(output=archive)
    bad = tampered(archive, tmp_path / "bad.tar.gz", "media/attachments/2026/03/a2", b"%PDF-1.4 TWO")
    empty = tmp_path / "empty-media"
    with pytest.raises(BackupError, match="sai mã kiểm tra: media/attachments/2026/03/a2"):
        backup_restore(archive=bad, media_root=empty)
    assert not empty.exists()
    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    with pytest.raises(BackupError, match="bị hỏng"):
        backup_restore(archive=truncated, media_root=empty)
    assert not empty.exists()


def test_it_refuses_to_restore_over_data(small: None, tmp_path: Path) -> None:
    archive = tmp_path / "b.tar.gz"
    backup_create(output=archive)
    empty = tmp_path / "empty-media"
    with pytest.raises(BackupError, match="đã có dữ liệu.*orgs_organization"):
        backup_restore(archive=archive, media_root=empty)
    assert not empty.exists()


def test_it_refuses_to_restore_into_a_media_folder_with_files(media: Path, tmp_path: Path) -> None:
    (media / "x").mkdir(parents=True)
    (media / "x" / "old").write_bytes(b"kept")
    archive = tmp_path / "b.tar.gz"
    backup_create(output=archive)  # an empty database: only what migrate writes
    with pytest.raises(BackupError, match="không trống"):
        backup_restore(archive=archive)
    assert media_files(media) == {"x/old": b"kept"}


def test_it_says_what_to_install_without_the_postgresql_client() -> None:
    with mock.patch.object(shutil, "which", return_value=None), pytest.raises(BackupError, match="postgresql-client"):
        services._postgresql_program("pg_dump")


def test_it_refuses_a_pg_dump_older_than_the_server(small: None, tmp_path: Path) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("pg_dump is PostgreSQL's")
    with mock.patch.object(services, "_client_major", return_value=9), pytest.raises(BackupError, match="trở lên"):
        backup_create(output=tmp_path / "b.tar.gz")
    assert not (tmp_path / "b.tar.gz").exists()


def test_it_restores_into_a_database_that_was_only_migrated(media: Path, tmp_path: Path) -> None:
    (media / "a").mkdir(parents=True)
    (media / "a" / "scan").write_bytes(b"%PDF-1.4 scan")
    archive = tmp_path / "b.tar.gz"
    backup_create(output=archive)
    target = tmp_path / "restored-media"
    # The test database holds what migrate writes and nothing else: empty, as a restore wants it.
    result = backup_restore(archive=archive, media_root=target)
    assert result.files == 1
    assert media_files(target) == {"a/scan": b"%PDF-1.4 scan"}
    assert result.counts["django_migrations"] > 0
    assert result.unapplied_migrations == []


def test_the_commands_write_into_a_folder_and_refuse_with_a_message(small: None, tmp_path: Path) -> None:
    from django.core.management import call_command
    from django.core.management.base import CommandError

    out = io.StringIO()
    call_command("backup", "--output", f"{tmp_path / 'new-folder'}/", stdout=out)
    [archive] = (tmp_path / "new-folder").iterdir()
    assert archive.name.startswith("phoihop-") and archive.name.endswith(".tar.gz")
    assert "2 tệp" in out.getvalue()
    with pytest.raises(CommandError, match="đã có dữ liệu"):
        call_command("restore", str(archive), stdout=io.StringIO())
    with pytest.raises(CommandError, match="Không có tệp"):
        call_command("restore", str(tmp_path / "missing.tar.gz"), stdout=io.StringIO())
