"""Teach the access walk the exchange routes (expectations written by hand from the rules).

The world's report is a draft of the lead party (district): seen only by the district's members
and staff, not by the other party or the superior body until it is submitted. The inspection is
made by the co-operating party (board) on the district: seen like the agreement, its
recommendations added, edited and closed by the board, followed up by the board or the district.
Archiving and restoring follow the same lines: the draft by the district's officers, the
inspection (and its files) by the board's.
"""

from __future__ import annotations

import datetime
from typing import Any

SEES_AGREEMENT = {"alice", "bob", "leader", "coop_officer", "superior", "staff"}
EDITS_AGREEMENT = {"alice", "leader", "staff"}
SEES_DRAFT = {"alice", "bob", "leader", "staff"}
WRITES_REPORT = {"alice", "leader", "staff"}
# Officers of any reporting party write reports; officers of a party (or a body above one)
# record inspections.
WRITES_ANY_REPORT = {"alice", "leader", "coop_officer", "staff"}
RECORDS_INSPECTION = {"alice", "leader", "coop_officer", "staff"}
EDITS_INSPECTION = {"coop_officer", "staff"}
FOLLOWS_UP = {"coop_officer", "alice", "leader", "staff"}


def extend_world(world: dict[str, Any], users: dict[str, Any], orgs: dict[str, Any]) -> None:
    from phoihop.exchange import services

    agreement = world["agreement"]
    services.schedule_set(actor=users["alice"], agreement=agreement, rhythm="quarterly", due_days=10)
    world["exchange_report"] = services.report_create(
        actor=users["alice"], agreement=agreement, organization=orgs["district"], rhythm="quarterly",
        period_start=datetime.date(2024, 1, 1), period_end=datetime.date(2024, 3, 31), period_label="Quý I/2024",
        due_date=datetime.date(2024, 4, 10), title="Báo cáo quý I/2024", body="Nội dung",
    )
    inspection = services.inspection_create(
        actor=users["coop_officer"], agreement=agreement, kind="inspection", title="Kiểm tra quý I/2024",
        date=datetime.date(2024, 4, 20), inspecting=[orgs["board"]], inspected=[orgs["district"]],
    )
    world["exchange_inspection"] = inspection
    world["exchange_recommendation"] = services.recommendation_add(
        actor=users["coop_officer"], inspection=inspection, text="Bổ sung sổ theo dõi", responsible=orgs["district"],
    )


def target(name: str, world: dict[str, Any]) -> tuple[Any, set[str], set[str]] | None:
    if not name.startswith("exchange:"):
        return None
    short = name.split(":", 1)[1]
    if short in ("schedule", "schedule_edit"):
        return world["agreement"], SEES_AGREEMENT, EDITS_AGREEMENT
    if short == "report_create":
        return world["agreement"], SEES_AGREEMENT, WRITES_ANY_REPORT
    if short == "inspection_create":
        return world["agreement"], SEES_AGREEMENT, RECORDS_INSPECTION
    if short.startswith("report_"):
        return world["exchange_report"], SEES_DRAFT, WRITES_REPORT
    if short in (
        "inspection_detail", "inspection_edit", "recommendation_create", "inspection_archive",
        "inspection_restore", "inspection_attachment_upload",
    ):
        return world["exchange_inspection"], SEES_AGREEMENT, EDITS_INSPECTION
    if short == "recommendation_followup":
        return world["exchange_recommendation"], SEES_AGREEMENT, FOLLOWS_UP
    if short in ("recommendation_close", "recommendation_edit"):
        return world["exchange_recommendation"], SEES_AGREEMENT, EDITS_INSPECTION
    return None
