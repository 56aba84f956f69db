"""The organisation tree as a materialised path.

Each organisation stores the keys from the top of its tree down to itself: "/1/17/305/". The
organisations below one (itself included) are those whose path starts with its path: one
indexed prefix match on PostgreSQL (LIKE 'p%' on a varchar_pattern_ops index) and an indexed
range on SQLite, whatever the size of the registry.

The path is derived from ``parent``. ``Organization.save`` keeps it right on every write that
creates an organisation or moves it (the whole subtree in one UPDATE, with the row locked);
bulk-loaded rows get theirs from ``organization_paths_rebuild``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import CharField, Q, Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from phoihop.orgs.models import Organization

# Rebuilt from the roots down in one statement; rows in a cycle (which the writes refuse) are
# never reached and keep what they had.
REBUILD_SQL = {
    "postgresql": """
WITH RECURSIVE tree(id, path) AS (
    SELECT id, '/' || CAST(id AS TEXT) || '/' FROM orgs_organization WHERE parent_id IS NULL
    UNION ALL
    SELECT o.id, tree.path || CAST(o.id AS TEXT) || '/'
    FROM orgs_organization o JOIN tree ON o.parent_id = tree.id
)
UPDATE orgs_organization AS org SET path = tree.path FROM tree
WHERE tree.id = org.id AND org.path IS DISTINCT FROM tree.path
""",
    "default": """
WITH RECURSIVE tree(id, path) AS (
    SELECT id, '/' || CAST(id AS TEXT) || '/' FROM orgs_organization WHERE parent_id IS NULL
    UNION ALL
    SELECT o.id, tree.path || CAST(o.id AS TEXT) || '/'
    FROM orgs_organization o JOIN tree ON o.parent_id = tree.id
)
UPDATE orgs_organization SET path = tree.path FROM tree
WHERE tree.id = orgs_organization.id AND orgs_organization.path IS NOT tree.path
""",
}


def organization_paths_rebuild() -> int:
    """Recompute every organisation's path from ``parent`` (after bulk loading). One statement;
    returns the number of rows changed."""
    sql = REBUILD_SQL.get(connection.vendor, REBUILD_SQL["default"])
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)
        if connection.vendor == "sqlite":
            # Python's sqlite3 reports no row count for a statement that starts with WITH.
            cursor.execute("SELECT changes()")
            return int(cursor.fetchone()[0])
        return max(cursor.rowcount, 0)


def path_prefix_q(prefix: str, *, field: str = "path") -> Q:
    """Rows whose ``field`` starts with ``prefix`` (a path ending in "/"), in a form the database
    serves from its index: LIKE 'prefix%' on PostgreSQL (pattern-ops index), a key range
    elsewhere (paths hold only digits and "/", and "0" sorts right after "/")."""
    if not prefix.endswith("/"):
        raise ValueError("a path prefix ends with '/'")
    if connection.vendor == "postgresql":
        return Q(**{f"{field}__startswith": prefix})
    return Q(**{f"{field}__gte": prefix, f"{field}__lt": prefix[:-1] + "0"})


def subtree_q(paths: Iterable[str], *, field: str = "path") -> Q:
    """Organisations under any of ``paths`` (each included). Nested paths are dropped, since
    their subtree is already inside their ancestor's. No path: matches nothing."""
    roots = minimal_paths(paths)
    if not roots:
        return Q(pk__in=[])
    q = Q()
    for p in roots:
        q |= path_prefix_q(p, field=field)
    return q


def minimal_paths(paths: Iterable[str]) -> list[str]:
    """The paths not below another of them, sorted (empty paths, i.e. never built, dropped)."""
    kept: list[str] = []
    for p in sorted({p for p in paths if p}):
        if not any(p.startswith(k) for k in kept):
            kept.append(p)
    return kept


def path_ids(path: str) -> list[int]:
    """The keys along a path, from the top down: "/1/17/305/" -> [1, 17, 305]."""
    return [int(part) for part in path.strip("/").split("/") if part]


def is_within(path: str, root_ids: Iterable[int]) -> bool:
    """Whether the organisation with ``path`` is one of ``root_ids`` or below one of them."""
    keys = set(path_ids(path))
    return any(r in keys for r in root_ids)


def _locked_path(pk: int) -> str | None:
    from phoihop.orgs.models import Organization

    return (
        Organization.objects.select_for_update()
        .filter(pk=pk)
        .values_list("path", flat=True)
        .first()
    )


def cycle_error() -> ValidationError:
    return ValidationError(
        {"parent": _("Cơ quan cấp trên không thể là chính nó hoặc đơn vị cấp dưới của nó.")}
    )


def path_after_save(org: Organization, *, save: Callable[[], None], adding: bool) -> None:
    """Run ``save`` and give ``org`` (and, when it moved, everything below it) its path.

    In one transaction with the organisation's row and its new parent's row locked, so two
    moves in the same branch cannot interleave; the subtree moves in one set-based UPDATE."""
    from phoihop.orgs.models import Organization

    with transaction.atomic():
        old_path = None if adding else _locked_path(org.pk)
        parent_path = "/"
        if org.parent_id is not None:
            locked = _locked_path(org.parent_id)
            if locked is None:
                save()  # let the database refuse the unknown parent as it always did
                return
            parent_path = locked
            if not adding and f"/{org.pk}/" in parent_path or org.parent_id == org.pk:
                raise cycle_error()
        if org.parent_id is not None and not parent_path:
            # The parent was bulk-loaded and never given a path: rebuild them all.
            save()
            organization_paths_rebuild()
            org.path = Organization.objects.filter(pk=org.pk).values_list("path", flat=True).get()
            return
        save()
        new_path = f"{parent_path}{org.pk}/"
        if not old_path:
            # New, or bulk-loaded without a path: its subtree (if any) has none either.
            Organization.objects.filter(pk=org.pk).update(path=new_path)
            if not adding and Organization.objects.filter(parent_id=org.pk).exists():
                organization_paths_rebuild()
        elif old_path != new_path:
            Organization.objects.filter(path_prefix_q(old_path)).update(
                path=Concat(
                    Value(new_path),
                    Substr("path", len(old_path) + 1),
                    output_field=CharField(),
                )
            )
        org.path = new_path
