"""The access walk's knowledge of the API's routes (see core/tests/test_access_walk.py).

Written by hand, as for the pages: the registry is read by every signed-in user; an agreement
by its parties, the bodies above them and staff, and so are its event, its annual plan and the
plan's tasks; the signatory by his own body, the bodies above it, those who see what he signed and
staff; a draft activity by its organisers, the bodies above them and staff, written by its
organisers' officers and staff. Each list shows only what the user sees (the walk checks the
answers for the secret titles). A route that takes only GET answers 405 to a POST, whoever asks;
an empty POST to the activities or the reports is not JSON (400). A write on a record reads its
body after the record's getter, so an outsider gets 404 and a reader 403 there too: the world's
activity is a draft, so its leader's approval and its correction are refused as such (422), a
return without a note's JSON is 400.

A review, its commendations and its documents are seen as its agreement is (the world's review
covers the fixture agreement; its commendation was proposed there); an annual plan's documents
too. The documents are reads: a GET as a reader downloads the generated file. The reports and
inspections are the exchange walk's (phoihop/exchange/tests/walk.py): the report a draft of the
lead party, private to it; the inspection seen like the agreement, its recommendation
followed up by the inspecting board or the district it is addressed to.
"""

from __future__ import annotations

from typing import Any

from phoihop.exchange.tests.walk import FOLLOWS_UP, SEES_DRAFT, WRITES_REPORT
from phoihop.testing.walk import ALL_USERS, Post, reads, writes

SEES_AGREEMENT = {"alice", "bob", "leader", "coop_officer", "superior", "staff"}
SEES_ACTIVITY = {"alice", "bob", "leader", "superior", "staff"}
WRITES_ACTIVITY = {"alice", "leader", "staff"}
APPROVES_ACTIVITY = {"leader"}
EDITS_REGISTRY = {"staff"}
EDITS_AGREEMENT = {"alice", "leader", "staff"}
SEES_PERSON = {"alice", "bob", "leader", "coop_officer", "superior", "staff"}
EDITS_PERSON = {"alice", "leader", "staff"}

POSTS: dict[str, Post] = {
    "api:docs": reads(405),
    "api:openapi": reads(405),
    "api:organization_list": reads(405),
    "api:organization_detail": reads(405),
    "api:agreement_list": reads(405),
    "api:agreement_detail": reads(405),
    "api:activity_list": writes(400, ALL_USERS),
    "api:activity_create": writes(400, ALL_USERS),
    "api:activity_detail": reads(405),
    "api:activity_submit": writes(200, WRITES_ACTIVITY, SEES_ACTIVITY),
    "api:review_list": reads(405),
    "api:review_detail": reads(405),
    "api:review_commendations": reads(405),
    "api:commendation_list": reads(405),
    "api:commendation_detail": reads(405),
    "api:agreement_documents": reads(405),
    "api:agreement_docx": reads(405),
    "api:agreement_xlsx": reads(405),
    "api:plan_documents": reads(405),
    "api:plan_docx": reads(405),
    "api:plan_xlsx": reads(405),
    "api:review_documents": reads(405),
    "api:review_report_docx": reads(405),
    "api:review_annex_xlsx": reads(405),
    "api:review_commendations_docx": reads(405),
    "api:review_commendations_xlsx": reads(405),
    "api:review_commendation_decision_docx": reads(405),
    "api:review_commendation_submission_docx": reads(405),
    "api:review_document_job": reads(405),
    "api:review_document_file": reads(405),
    "api:activity_update": reads(405),
    "api:activity_approve": writes(422, APPROVES_ACTIVITY, SEES_ACTIVITY),
    "api:activity_return": writes(400, APPROVES_ACTIVITY, SEES_ACTIVITY),
    "api:activity_reopen": writes(422, WRITES_ACTIVITY, SEES_ACTIVITY),
    # The files' list and their upload share an address: its readers GET the list, so the route
    # is walked as one that reads; the upload's answers are still checked user by user (no file
    # sent: 422 to its writers).
    "api:activity_attachment_list": Post(
        writes(422, WRITES_ACTIVITY, SEES_ACTIVITY).answers, changes=False
    ),
    "api:activity_attachment_upload": Post(
        writes(422, WRITES_ACTIVITY, SEES_ACTIVITY).answers, changes=False
    ),
    "api:attachment_download": reads(405),
    "api:report_list": writes(400, ALL_USERS),
    "api:report_create": writes(400, ALL_USERS),
    "api:report_detail": reads(405),
    "api:report_update": reads(405),
    "api:report_submit": writes(200, WRITES_REPORT, SEES_DRAFT),
    "api:inspection_list": reads(405),
    "api:inspection_detail": reads(405),
    "api:recommendation_follow_up": writes(400, FOLLOWS_UP, SEES_AGREEMENT),
    "api:organization_tree": reads(405),
    "api:person_list": reads(405),
    "api:person_detail": reads(405),
    "api:event_list": reads(405),
    "api:event_detail": reads(405),
    "api:plan_list": reads(405),
    "api:plan_detail": reads(405),
    "api:plan_tasks": reads(405),
    "api:task_detail": reads(405),
}

# Routes about a record, by the world's key of that record (all seen as the agreement is).
ABOUT = {
    "api:agreement_documents": "agreement",
    "api:agreement_docx": "agreement",
    "api:agreement_xlsx": "agreement",
    "api:plan_documents": "plan",
    "api:plan_docx": "plan",
    "api:plan_xlsx": "plan",
    "api:review_detail": "review",
    "api:review_commendations": "review",
    "api:commendation_detail": "commendation",
    "api:review_documents": "review",
    "api:review_report_docx": "review",
    "api:review_annex_xlsx": "review",
    "api:review_commendations_docx": "review",
    "api:review_commendations_xlsx": "review",
    "api:review_commendation_decision_docx": "review",
    "api:review_commendation_submission_docx": "review",
    "api:review_document_job": "review_document",
    "api:review_document_file": "review_document",
    "api:event_detail": "event",
    "api:plan_detail": "plan",
    "api:plan_tasks": "plan",
    "api:task_detail": "task",
}


def target(name: str, world: dict[str, Any]) -> tuple[Any, set[str], set[str]] | None:
    if name == "api:organization_detail":
        return world["org"], set(ALL_USERS), EDITS_REGISTRY
    if name == "api:agreement_detail":
        return world["agreement"], SEES_AGREEMENT, EDITS_AGREEMENT
    if name == "api:person_detail":
        return world["person"], SEES_PERSON, EDITS_PERSON
    if name in ("api:activity_approve", "api:activity_return"):
        return world["activity"], SEES_ACTIVITY, APPROVES_ACTIVITY
    if name.startswith("api:activity_") and name not in (
        "api:activity_list",
        "api:activity_create",
    ):
        return world["activity"], SEES_ACTIVITY, WRITES_ACTIVITY
    if name in ABOUT:
        return world[ABOUT[name]], SEES_AGREEMENT, EDITS_AGREEMENT
    if name == "api:attachment_download":
        return world["attachment"], SEES_AGREEMENT, EDITS_AGREEMENT
    if name in ("api:report_detail", "api:report_update", "api:report_submit"):
        return world["exchange_report"], SEES_DRAFT, WRITES_REPORT
    if name == "api:inspection_detail":
        return world["exchange_inspection"], SEES_AGREEMENT, {"coop_officer", "staff"}
    if name == "api:recommendation_follow_up":
        return world["exchange_recommendation"], SEES_AGREEMENT, FOLLOWS_UP
    return None
