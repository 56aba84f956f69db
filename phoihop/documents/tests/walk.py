"""The access walk's knowledge of the document routes (expectations written by hand).

Downloading a document is reading its record: whoever sees the agreement (the parties, the
bodies above them, staff). Giving a plan its number is editing the plan: officers and leaders
of the lead party, and staff.
"""

from __future__ import annotations

from typing import Any

SEES = {"alice", "bob", "leader", "coop_officer", "superior", "staff"}
EDITS = {"alice", "leader", "staff"}

def extend_world(world: dict[str, Any], users: dict[str, Any], orgs: dict[str, Any]) -> None:
    """A PDF already made for the agreement: its page and its file are reading the agreement."""
    from phoihop.documents.file_models import PdfRendition

    world["pdf"] = PdfRendition.objects.create(
        source="agreement", object_id=world["agreement"].pk, docx_sha256="walk", filename="walk.pdf",
        status=PdfRendition.Status.DONE, content=b"%PDF-1.4\n",
    )


def target(name: str, world: dict[str, Any]) -> tuple[Any, set[str], set[str]] | None:
    # A PDF is read as its Word file is; a signed copy is uploaded by whoever edits the record.
    if name in ("document_files:pdf", "document_files:pdf_download"):
        return world["pdf"], SEES, EDITS
    if name.startswith("document_files:agreement"):
        return world["agreement"], SEES, EDITS
    if name.startswith("document_files:plan"):
        return world["plan"], SEES, EDITS
    if name.startswith(("document_files:review", "document_files:commendation")):
        return world["review"], SEES, EDITS
    if name.startswith("documents:agreement"):
        return world["agreement"], SEES, EDITS
    if name.startswith("documents:plan"):
        return world["plan"], SEES, EDITS
    return None
