"""The access walk's knowledge of the import routes (see core/tests/test_access_walk.py).

An upload and its preview belong to the user who uploaded it (here staff, who may import the
registry); the templates and the upload form are keyed by the kind of records, and only those
who may bring that kind in reach them (the registry: system administrators); a plan's template
and upload form are keyed by the plan, for those who edit it.
"""

from __future__ import annotations

from typing import Any

from phoihop.testing.walk import ALL_USERS, Post, reads, writes

IMPORTS_REGISTRY = {"staff"}
OWNS_BATCH = {"staff"}
# A plan's tasks (and an agreement's parties and content areas) come in from those who edit the
# plan's agreement: the lead party's officers and leader, and staff; the others who see the agreement are refused (403), everyone else does not see it (404).
SEES_PLAN = {"alice", "bob", "leader", "coop_officer", "superior", "staff"}
EDITS_PLAN = {"alice", "leader", "staff"}
CREATES_AGREEMENT = {"alice", "leader", "coop_officer", "subordinate", "charlie", "staff"}

POSTS: dict[str, Post] = {
    "imports:home": reads(405),
    "imports:template": reads(405),
    "imports:upload": writes(200, IMPORTS_REGISTRY, ALL_USERS),
    "imports:batch": reads(200, OWNS_BATCH),
    "imports:confirm": writes(302, OWNS_BATCH),
    # The template only reads, but only the plan's editors get it.
    "imports:plan_template": Post(
        {u: 200 if u in EDITS_PLAN else 403 if u in SEES_PLAN else 404 for u in ALL_USERS},
        changes=False,
    ),
    "imports:plan_upload": writes(200, EDITS_PLAN, SEES_PLAN),
    "imports:agreement_template": Post(
        {u: 200 if u in EDITS_PLAN else 403 if u in SEES_PLAN else 404 for u in ALL_USERS},
        changes=False,
    ),
    "imports:agreement_upload": writes(200, EDITS_PLAN, SEES_PLAN),
    # A new agreement from its Word or PDF document: those who may create agreements (officers
    # of some organisation, and staff), the others refused as on the new-agreement page. An empty
    # upload shows the form again; an empty confirmation has no draft and goes back to the upload.
    "imports:agreement_document": writes(200, CREATES_AGREEMENT, ALL_USERS),
    "imports:agreement_document_save": writes(302, CREATES_AGREEMENT, ALL_USERS),
}


def extend_world(world: dict[str, Any], users: dict[str, Any], orgs: dict[str, Any]) -> None:
    from phoihop.imports.services import import_upload
    from phoihop.imports.tests.workbook_files import filled, upload

    world["import_batch"] = import_upload(
        actor=users["staff"],
        kind="registry",
        upload=upload(
            filled(
                [
                    [
                        "Hội Chữ thập đỏ Phường 1",
                        "",
                        "Hội Chữ thập đỏ",
                        "Xã, phường, đặc khu",
                        "",
                        None,
                        None,
                    ]
                ]
            )
        ),
    )


def target(name: str, world: dict[str, Any]) -> tuple[Any, set[str], set[str]] | None:
    if name in ("imports:batch", "imports:confirm"):
        return world["import_batch"], OWNS_BATCH, OWNS_BATCH
    if name in ("imports:plan_template", "imports:plan_upload"):
        return world["plan"], SEES_PLAN, EDITS_PLAN
    if name in ("imports:agreement_template", "imports:agreement_upload"):
        return world["agreement"], SEES_PLAN, EDITS_PLAN
    return None


def url_kwargs(name: str, world: dict[str, Any]) -> dict[str, Any] | None:
    if name in ("imports:template", "imports:upload"):
        return {"kind": "co-quan"}
    return None
