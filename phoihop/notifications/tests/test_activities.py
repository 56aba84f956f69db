"""Submitting an activity tells the leaders who may approve it; returning it tells its author."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from phoihop.activities.services import activity_return, activity_submit
from phoihop.notifications.models import Kind, Notification
from phoihop.notifications.tests.fixtures import usernames


def test_submitting_notifies_the_approvers_only(users: dict[str, Any], board_leader: Any, draft_activity: Any) -> None:
    activity_submit(actor=users["alice"], activity=draft_activity)
    sent = Notification.objects.filter(kind=Kind.ACTIVITY_SUBMITTED)
    assert usernames(sent) == {"leader"}  # not the board's leader: not an organiser of it
    n = sent.get()
    assert draft_activity.title in n.title and n.url == f"/hoat-dong/{draft_activity.pk}/"
    assert n.related == draft_activity


def test_a_joint_activity_notifies_the_leaders_of_each_organiser(users: dict[str, Any], orgs: dict[str, Any], board_leader: Any, draft_activity: Any) -> None:
    draft_activity.organizations.add(orgs["board"])
    activity_submit(actor=users["alice"], activity=draft_activity)
    assert usernames(Notification.objects.filter(kind=Kind.ACTIVITY_SUBMITTED)) == {"leader", "board_leader"}


def test_a_leader_submitting_is_not_told_about_his_own_submission(users: dict[str, Any], draft_activity: Any) -> None:
    activity_submit(actor=users["leader"], activity=draft_activity)
    assert not Notification.objects.exists()


def test_returning_notifies_the_author_with_the_note(users: dict[str, Any], draft_activity: Any) -> None:
    activity_submit(actor=users["alice"], activity=draft_activity)
    activity_return(actor=users["leader"], activity=draft_activity, note="Bổ sung số người tham gia và ảnh.")
    returned = Notification.objects.filter(kind=Kind.ACTIVITY_RETURNED)
    assert usernames(returned) == {"alice"}
    n = returned.get()
    assert "Bổ sung số người tham gia và ảnh." in n.body and "leader" in n.body
    assert n.url == f"/hoat-dong/{draft_activity.pk}/"


def test_a_return_without_a_note_notifies_nobody(users: dict[str, Any], draft_activity: Any) -> None:
    activity_submit(actor=users["alice"], activity=draft_activity)
    with pytest.raises(ValidationError):
        activity_return(actor=users["leader"], activity=draft_activity, note="  ")
    assert not Notification.objects.filter(kind=Kind.ACTIVITY_RETURNED).exists()


def test_each_submission_is_notified_anew(users: dict[str, Any], draft_activity: Any) -> None:
    activity_submit(actor=users["alice"], activity=draft_activity)
    activity_return(actor=users["leader"], activity=draft_activity, note="Sửa ngày.")
    activity_submit(actor=users["alice"], activity=draft_activity)
    assert Notification.objects.filter(kind=Kind.ACTIVITY_SUBMITTED, user=users["leader"]).count() == 2
