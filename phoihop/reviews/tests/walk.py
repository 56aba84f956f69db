"""The reviews routes for the access walk (phoihop/core/tests/test_access_walk.py).

The world's review covers the fixture agreement (district command lead, board co-operating), so
it is seen as the agreement is. The lead party's officers write it; each party's officers write
their own contribution (the board's officer too; not a viewer, a superior body or staff); only
the lead party's leader signs it off. Those who write the review archive and restore it and
withdraw its proposals of commendation ("archive" routes); those who edit a movement archive it.
"""

from __future__ import annotations

import datetime
from typing import Any

SEES = {"alice", "bob", "leader", "coop_officer", "superior", "staff"}
EDITS = {"alice", "leader", "staff"}
CONTRIBUTES = {"alice", "leader", "coop_officer"}
SIGNS_OFF = {"leader"}
EVERYONE = {"alice", "bob", "leader", "coop_officer", "superior", "subordinate", "charlie", "staff"}
# The movement is organised by the co-operating board.
EDITS_MOVEMENT = {"coop_officer", "staff"}


def extend_world(world: dict[str, Any], users: dict[str, Any], orgs: dict[str, Any]) -> None:
    from phoihop.reviews.models import Commendation, Movement, Review

    review = Review.objects.create(
        kind="interim", agreement=world["agreement"],
        period_start=datetime.date(2024, 1, 1), period_end=datetime.date(2024, 12, 31),
    )
    review.agreements.add(world["agreement"])
    movement = Movement.objects.create(name="Dân vận khéo", organizer=orgs["board"], start_year=2022)
    commendation = Commendation.objects.create(
        review=review, organization=orgs["board"], form="merit", authority="UBND Quận 4",
        reason="Có thành tích", year=2024, movement=movement,
    )
    world.update(review=review, movement=movement, commendation=commendation)
    extend_world_documents(world)


def target(name: str, world: dict[str, Any]) -> tuple[Any, set[str], set[str]] | None:
    if not name.startswith("reviews:"):
        return None
    short = name.split(":")[1]
    if short in ("create", "agreement_panel"):
        return world["agreement"], SEES, EDITS
    if short == "sign_off":
        return world["review"], SEES, SIGNS_OFF
    if short == "contribution_edit":
        return world["review"], SEES, CONTRIBUTES
    if short in ("commendation_decide", "commendation_archive"):
        return world["commendation"], SEES, EDITS
    if short in ("document", "document_file"):
        return world["review_document"], SEES, EDITS
    if short.startswith("movement"):
        return world["movement"], EVERYONE, EDITS_MOVEMENT
    return world["review"], SEES, EDITS


def extend_world_documents(world: dict[str, Any]) -> None:
    """A report the worker made for the world's review."""
    from phoihop.reviews.models import ReviewDocument

    world["review_document"] = ReviewDocument.objects.create(
        review=world["review"], kind=ReviewDocument.Kind.REPORT, version="walk", status=ReviewDocument.Status.DONE,
        progress=100, filename="so-ket-2024-bao-cao.docx", content=b"PK",
    )
