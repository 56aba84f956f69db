"""Trigram indexes for the folded ``search_text`` columns (PostgreSQL only).

Search matches every word with ``search_text LIKE '%word%'`` (``core.selectors.search_filter``);
a B-tree cannot serve that, a ``pg_trgm`` GIN index can, so the search stays fast at a national
table size. It serves the regular expression a period typed as a range becomes
(``search_text ~ '2022 ?- ?2025'``) as well. SQLite has no such index and simply skips the operation. Creating the extension
needs a role allowed to (the database owner on PostgreSQL 13+, where pg_trgm is trusted).

In a migration::

    operations = [search_text_trigram_index("agreements_agreement", "agreement_search_trgm")]
"""

from __future__ import annotations

from typing import Any

from django.db import migrations


def search_text_trigram_index(table: str, name: str, column: str = "search_text") -> migrations.RunPython:
    def forwards(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {schema_editor.quote_name(name)} ON {schema_editor.quote_name(table)} "
            f"USING gin ({schema_editor.quote_name(column)} gin_trgm_ops)"
        )

    def backwards(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")

    return migrations.RunPython(forwards, backwards, elidable=False)
