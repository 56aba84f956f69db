"""The attachment model moved from core to its own app: a database made before keeps its rows."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from phoihop.attachments.models import Attachment
from phoihop.attachments.services import attachment_add


def migrate(targets: list[tuple[str, str | None]]) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.mark.django_db(transaction=True)
def test_it_keeps_the_rows_and_their_content_type_across_the_move(users, agreement):
    pdf = SimpleUploadedFile("ban-ky.pdf", b"%PDF-1.4\nscan", content_type="application/pdf")
    kept = attachment_add(actor=users["alice"], owner=agreement, upload=pdf, kind="signed_scan")
    content_type_id = ContentType.objects.get_for_model(Attachment).pk
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()

    migrate([("attachments", None)])  # back to a database from before the move
    ContentType.objects.clear_cache()
    assert ContentType.objects.get(pk=content_type_id).app_label == "core"
    with connection.cursor() as cursor:
        cursor.execute("SELECT original_name FROM core_attachment WHERE id = %s", [kept.pk])
        assert cursor.fetchone() == ("ban-ky.pdf",)

    migrate(leaves)
    ContentType.objects.clear_cache()
    assert ContentType.objects.get_for_model(Attachment).pk == content_type_id
    attachment = Attachment.objects.get(pk=kept.pk)
    assert attachment.original_name == "ban-ky.pdf"
    assert attachment.owner == agreement
    assert attachment.history.count() == 1
