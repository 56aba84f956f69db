"""The demo written back (phoihop/testing/demo.py) is the database the load left, row for row."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction

from phoihop.agreements.models import Agreement
from phoihop.notifications.models import Notification
from phoihop.orgs.models import Organization
from phoihop.testing.builders import make_org, make_user
from phoihop.testing.demo import DEMO_DAY, demo_committed, demo_on
from phoihop.testing.kept import in_any_order, tables_read, tables_write


def test_it_writes_back_every_row_as_it_was_read_over_a_changed_database(loaded_demo: Any) -> None:
    loaded = tables_read()
    titles = list(
        Agreement.objects.order_by("pk").values_list("pk", "title", "signed_on", "created_at")
    )
    assert len(titles) >= 10 and "orgs_organization" in loaded

    # Changed every way a test changes it: rows added, changed and deleted.
    Organization.objects.update(short_name="đổi")
    make_org("Hội Nông dân phường Mới")
    Notification.objects.filter(pk=Notification.objects.order_by("pk").values("pk")[:1]).delete()
    assert tables_read() != loaded

    tables_write(loaded)
    assert in_any_order(tables_read()) == in_any_order(loaded)
    # And read back through the models, in their own types (dates, times with their zone).
    assert (
        list(Agreement.objects.order_by("pk").values_list("pk", "title", "signed_on", "created_at"))
        == titles
    )


def test_new_rows_take_keys_past_those_written_back(loaded_demo: Any) -> None:
    rows = tables_read()
    with connection.cursor() as cursor:  # as in a process that never loaded the demo itself
        if connection.vendor == "postgresql":
            cursor.execute("SELECT setval(pg_get_serial_sequence('orgs_organization', 'id'), 1)")
        else:
            cursor.execute("UPDATE sqlite_sequence SET seq = 1 WHERE name = 'orgs_organization'")
    tables_write(rows)
    highest = Organization.objects.order_by("-pk").values_list("pk", flat=True).first()
    assert highest is not None
    assert make_org("Đoàn Thanh niên phường Mới").pk > highest


def test_the_content_types_are_read_again_from_the_rows_written_back(loaded_demo: Any) -> None:
    rows = tables_read()
    # What the cache would hold from before: the rows behind it are written over.
    stale = ContentType(pk=999_999, app_label="agreements", model="agreement")
    ContentType.objects._add_to_cache("default", stale)  # type: ignore[attr-defined]
    tables_write(rows)
    kind = ContentType.objects.get_for_model(Agreement)
    assert (
        kind.pk == ContentType.objects.get(app_label="agreements", model="agreement").pk != 999_999
    )


@pytest.mark.django_db
def test_it_loads_only_into_an_empty_database() -> None:
    make_user("nguoidung-co-truoc")
    with pytest.raises(RuntimeError, match="empty database"):
        demo_on(DEMO_DAY)
    with pytest.raises(RuntimeError, match="not inside a transaction"):
        demo_committed()
    assert get_user_model().objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_it_commits_the_demo_with_the_summaries_made_after_the_commit() -> None:
    from phoihop.dashboards.models import TaskFigure

    with pytest.raises(RuntimeError, match="inside a transaction rolled back"):
        demo_on(DEMO_DAY)
    result = demo_committed()  # loaded, or written back if a test before loaded it
    assert result.logins and Agreement.objects.count() >= 10
    assert TaskFigure.objects.exists()  # refreshed after the commit, and part of the copy

    with transaction.atomic():
        tables_write({})  # every table emptied, as a flush leaves them near enough
    assert demo_committed() == result  # written back, whatever happened the first time
    with transaction.atomic():
        assert in_any_order(tables_read()) == in_any_order(_copies_of_today())


def _copies_of_today() -> Any:
    from phoihop.testing import demo, kept

    return kept._copies[kept._key(demo.committed_name(), committed=True)].tables
