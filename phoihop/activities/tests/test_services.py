from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from phoihop.activities import access
from phoihop.activities.models import Activity
from phoihop.activities.services import (
    activity_approve,
    activity_archive,
    activity_reopen,
    activity_return,
    activity_submit,
    activity_update,
)
from phoihop.plans.selectors import task_progress
from phoihop.plans.tests.helpers import D, approve, indicator, record

FIELDS = {"title": "Tuyên truyền Luật Nghĩa vụ quân sự", "start_date": datetime.date(2024, 3, 1)}


def achieved(task):
    return [p.achieved for p in task_progress(task=task)]


def test_it_goes_from_draft_through_return_to_approval(task, orgs, users):
    sessions = indicator(users["alice"], task, "Buổi", "10")
    activity = record(users["alice"], task, [orgs["district"]], values={sessions: "2"}, participants=120)
    assert activity.status == Activity.Status.DRAFT and activity.end_date == activity.start_date
    activity_submit(actor=users["alice"], activity=activity)
    assert (activity.status, activity.submitted_by) == (Activity.Status.SUBMITTED, users["alice"])
    with pytest.raises(ValidationError):
        activity_update(actor=users["alice"], activity=activity, fields=FIELDS, organizations=[orgs["district"]])
    with pytest.raises(ValidationError) as exc:
        activity_return(actor=users["leader"], activity=activity, note="  ")
    assert "Cần ghi rõ" in str(exc.value)
    activity_return(actor=users["leader"], activity=activity, note="Bổ sung số người tham gia.")
    activity.refresh_from_db()
    assert (activity.status, activity.reviewer_note, activity.returned_by) == (
        Activity.Status.RETURNED, "Bổ sung số người tham gia.", users["leader"]
    )
    activity_update(
        actor=users["alice"], activity=activity, fields={**FIELDS, "participants": 150},
        organizations=[orgs["district"]], values={sessions: "3"},
    )
    activity_submit(actor=users["alice"], activity=activity)
    activity_approve(actor=users["leader"], activity=activity)
    activity.refresh_from_db()
    assert (activity.status, activity.approved_by, activity.participants) == (Activity.Status.APPROVED, users["leader"], 150)
    assert achieved(task) == [D("3")]
    statuses = list(activity.history.order_by("history_date", "history_id").values_list("status", flat=True))
    changes = [s for i, s in enumerate(statuses) if i == 0 or statuses[i - 1] != s]
    assert changes == ["draft", "submitted", "returned", "submitted", "approved"]


def test_it_lets_only_officers_of_an_organising_party_write(task, orgs, users):
    with pytest.raises(PermissionDenied):
        record(users["coop_officer"], task, [orgs["district"]])  # not their organisation
    for name in ("bob", "superior", "charlie", "subordinate"):
        with pytest.raises(PermissionDenied):
            record(users[name], task, [orgs["district"]])
    with pytest.raises(ValidationError):
        record(users["staff"], task, [orgs["unrelated"]])  # not a party
    mine = record(users["alice"], task, [orgs["district"]])
    for name in ("coop_officer", "bob"):
        with pytest.raises(PermissionDenied):
            activity_update(actor=users[name], activity=mine, fields=FIELDS, organizations=[orgs["district"]])
        with pytest.raises(PermissionDenied):
            activity_submit(actor=users[name], activity=mine)
    theirs = record(users["coop_officer"], task, [orgs["board"]])
    with pytest.raises(PermissionDenied):
        activity_update(actor=users["alice"], activity=theirs, fields=FIELDS, organizations=[orgs["board"]])
    # A joint activity is written by officers of either co-organiser.
    joint = record(users["alice"], task, [orgs["district"], orgs["board"]])
    activity_update(actor=users["coop_officer"], activity=joint, fields={**FIELDS, "participants": 40}, organizations=[orgs["district"], orgs["board"]])
    assert Activity.objects.get(pk=joint.pk).participants == 40


def test_it_lets_a_leader_approve_only_for_their_own_organisation(task, orgs, users, board_leader):
    boards = record(users["coop_officer"], task, [orgs["board"]])
    activity_submit(actor=users["coop_officer"], activity=boards)
    for name in ("leader", "alice", "coop_officer", "superior", "staff"):
        with pytest.raises(PermissionDenied):
            activity_approve(actor=users[name], activity=boards)
        with pytest.raises(PermissionDenied):
            activity_return(actor=users[name], activity=boards, note="Sửa lại")
    activity_approve(actor=board_leader, activity=boards)
    assert boards.status == Activity.Status.APPROVED
    districts = record(users["alice"], task, [orgs["district"]])
    activity_submit(actor=users["alice"], activity=districts)
    with pytest.raises(PermissionDenied):
        activity_approve(actor=board_leader, activity=districts)
    with pytest.raises(ValidationError):
        activity_approve(actor=board_leader, activity=boards)  # already approved


def test_it_locks_an_approved_activity_and_corrects_it_by_revision(task, orgs, users):
    sessions = indicator(users["alice"], task, "Buổi", "10")
    original = approve(users["alice"], users["leader"], record(users["alice"], task, [orgs["district"]], values={sessions: "4"}))
    with pytest.raises(ValidationError):
        activity_update(actor=users["alice"], activity=original, fields=FIELDS, organizations=[orgs["district"]])
    with pytest.raises(ValidationError):
        activity_submit(actor=users["alice"], activity=original)
    with pytest.raises(ValidationError):
        activity_archive(actor=users["alice"], activity=original)
    with pytest.raises(PermissionDenied):
        activity_reopen(actor=users["coop_officer"], activity=original)

    revision = activity_reopen(actor=users["alice"], activity=original)
    assert (revision.status, revision.revises, revision.revision) == (Activity.Status.DRAFT, original, 2)
    assert [v.value for v in revision.values.all()] == [D("4")]
    with pytest.raises(ValidationError):
        activity_reopen(actor=users["alice"], activity=original)  # one open correction at a time
    activity_update(actor=users["alice"], activity=revision, fields=FIELDS, organizations=[orgs["district"]], values={sessions: "3"})
    assert achieved(task) == [D("4")]  # the approved record counts until its correction is approved
    approve(users["alice"], users["leader"], revision)
    original.refresh_from_db()
    assert original.status == Activity.Status.SUPERSEDED
    assert achieved(task) == [D("3")]
    assert original.history.filter(status="approved").exists()


def test_it_keeps_indicator_values_to_the_task_and_its_content_area(task, plan, orgs, users):
    other_task = plan.tasks.get(number=2)
    foreign = indicator(users["alice"], other_task, "Tin bài", "5", unit="article")
    with pytest.raises(ValidationError) as exc:
        record(users["alice"], task, [orgs["district"]], values={foreign: "1"})
    assert "không thuộc nhiệm vụ" in str(exc.value)
    from phoihop.plans.services import indicator_set

    area_indicator = indicator_set(actor=users["alice"], owner=task.content_area, name="Lượt người", unit="person_time", target=1000)
    ok = record(users["alice"], task, [orgs["district"]], values={area_indicator: "1.200"})
    assert [v.value for v in ok.values.all()] == [D("1200")]
    with pytest.raises(ValidationError):
        record(users["alice"], task, [orgs["district"]], values={area_indicator: "-1"})
    with pytest.raises(ValidationError) as exc:
        record(users["alice"], task, [orgs["district"]], day=datetime.date(2023, 5, 1))
    assert "năm của kế hoạch" in str(exc.value)


def test_it_shows_drafts_only_to_the_organising_parties(task, orgs, users):
    draft = record(users["alice"], task, [orgs["district"]])
    assert access.get_activity_for_user(users["superior"], draft.pk) == draft  # the body above sees it
    with pytest.raises(Http404):
        access.get_activity_for_user(users["coop_officer"], draft.pk)
    activity_submit(actor=users["alice"], activity=draft)
    assert access.get_activity_for_user(users["coop_officer"], draft.pk) == draft
    with pytest.raises(PermissionDenied):
        access.get_activity_for_user(users["coop_officer"], draft.pk, for_edit=True)
    with pytest.raises(Http404):
        access.get_activity_for_user(users["charlie"], draft.pk)
