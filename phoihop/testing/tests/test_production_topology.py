"""gunicorn with three workers and the RQ worker on PostgreSQL and Redis, DEBUG off.

Runs in the PostgreSQL run of the suite (on SQLite it is skipped: the app servers are
separate processes that need a database server). A missing Redis is a skip, or a failure
with CI=true.
"""

from __future__ import annotations

import datetime
import io
import re
import time
from typing import Any

import pytest
from django.db import connection
from django.test import override_settings

from phoihop.testing.topology import REDIS_BACKEND, Topology, database_url_of, pbkdf2_password

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "Mật-khẩu-thử-2025"


def jpeg(color: str = "red") -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (32, 24), color).save(out, "JPEG")
    return out.getvalue()


def test_gunicorn_workers_and_the_task_worker_serve_a_signed_in_officer(
    agreement: Any, users: dict[str, Any], redis_url: str, tmp_path: Any
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the production topology runs on PostgreSQL (in the suite's PostgreSQL run)")
    from django.contrib.auth import get_user_model
    from django.contrib.contenttypes.models import ContentType
    from django_tasks import TaskResultStatus

    from phoihop.activities.models import Activity
    from phoihop.attachments.models import Attachment
    from phoihop.plans.services import plan_create
    from phoihop.testing.tasks import echo

    alice = users["alice"]
    get_user_model().objects.filter(pk=alice.pk).update(password=pbkdf2_password(PASSWORD))
    task = plan_create(actor=alice, agreement=agreement, year=2025).tasks.get(number=1)

    with Topology(database_url_of(connection.settings_dict), redis_url=redis_url, media_root=tmp_path / "media",
                  log_dir=tmp_path / "logs") as top:
        assert len(top.worker_pids()) == 3
        web = top.client()
        page = web.get("/tai-khoan/dang-nhap/")
        assert page.status == 200
        assert "max-age=31536000" in page.headers.get("strict-transport-security", "")  # DEBUG off
        assert web.get("/khong-co-trang-nay/").status == 404
        web.login(alice.username, PASSWORD)

        form_page = web.get(f"/hoat-dong/tao-moi/?task={task.pk}")
        assert form_page.status == 200
        form = form_page.form("tao-moi")
        saved = web.submit(
            form, files={"photos": [("anh-1.jpg", jpeg())]}, action="submit",
            title="Tuyên truyền Luật Nghĩa vụ quân sự qua gunicorn", start_date="15/03/2025",
        )
        assert saved.status == 302, saved.text[:2000]
        detail_path = saved.headers["location"]
        assert re.search(r"/hoat-dong/\d+/$", detail_path)
        detail = web.get(detail_path)
        assert detail.status == 200
        assert "Tuyên truyền Luật Nghĩa vụ quân sự qua gunicorn" in detail.text
        activity = Activity.objects.get(title="Tuyên truyền Luật Nghĩa vụ quân sự qua gunicorn")
        assert activity.status == Activity.Status.SUBMITTED
        assert activity.start_date == datetime.date(2025, 3, 15)
        [photo] = Attachment.objects.filter(
            content_type=ContentType.objects.get_for_model(Activity), object_id=activity.pk
        )
        assert (tmp_path / "media" / photo.file.name).is_file()

        # The worker beside them takes jobs from the same Redis.
        with override_settings(
            TASKS={"default": {"BACKEND": REDIS_BACKEND, "QUEUES": ["default"]}},
            RQ_QUEUES={"default": {"URL": redis_url}},
        ):
            result = echo.enqueue("gunicorn")
            deadline = time.monotonic() + 30
            while echo.get_result(result.id).status != TaskResultStatus.SUCCESSFUL:
                assert time.monotonic() < deadline, top.log_tail("rqworker.log")
                time.sleep(0.2)
    assert top.gunicorn is None and top.worker is None
