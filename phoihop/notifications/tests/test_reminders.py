"""The reminder job: who gets what, once, and only about records they may see."""

from __future__ import annotations

import datetime
import sys
import types
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from phoihop.notifications.models import Kind, Notification
from phoihop.notifications.reminders import reminders_send
from phoihop.notifications.tests.fixtures import TODAY, usernames

D = datetime.date
DISTRICT_WRITERS = {"alice", "leader"}  # officers and leaders of the lead organisation
PARTY_MEMBERS = {"alice", "bob", "leader", "coop_officer"}


def set_due(task: Any, due: datetime.date) -> None:
    type(task).objects.filter(pk=task.pk).update(due=due)


def test_it_reminds_a_task_due_within_a_week_once(in_force_plan: Any, task: Any) -> None:
    set_due(task, TODAY + datetime.timedelta(days=3))
    assert reminders_send(today=TODAY) == {Kind.TASK_DUE_SOON: 2}
    sent = Notification.objects.filter(kind=Kind.TASK_DUE_SOON)
    assert usernames(sent) == DISTRICT_WRITERS
    first = sent.first()
    assert first is not None
    assert "13/06/2024" in first.body
    assert first.url == reverse("plans:task_detail", args=[task.pk]) and first.related == task
    assert reminders_send(today=TODAY) == {}
    assert reminders_send(today=TODAY + datetime.timedelta(days=1)) == {}
    assert Notification.objects.count() == 2


def test_it_reminds_an_overdue_task_once_and_a_moved_due_date_again(in_force_plan: Any, task: Any) -> None:
    set_due(task, TODAY - datetime.timedelta(days=5))
    assert reminders_send(today=TODAY) == {Kind.TASK_OVERDUE: 2}
    assert reminders_send(today=TODAY) == {}
    set_due(task, TODAY - datetime.timedelta(days=1))
    assert reminders_send(today=TODAY) == {Kind.TASK_OVERDUE: 2}


def test_it_leaves_done_cancelled_far_and_closed_tasks_alone(in_force_plan: Any, task: Any) -> None:
    from phoihop.plans.models import AnnualPlan

    set_due(task, TODAY + datetime.timedelta(days=8))
    assert reminders_send(today=TODAY) == {}
    set_due(task, TODAY + datetime.timedelta(days=2))
    type(task).objects.filter(pk=task.pk).update(completed_on=TODAY)
    assert reminders_send(today=TODAY) == {}
    type(task).objects.filter(pk=task.pk).update(completed_on=None, cancelled=True)
    assert reminders_send(today=TODAY) == {}
    type(task).objects.filter(pk=task.pk).update(cancelled=False)
    AnnualPlan.objects.filter(pk=in_force_plan.pk).update(status=AnnualPlan.Status.CLOSED)
    assert reminders_send(today=TODAY) == {}


def test_it_never_tells_a_user_about_a_record_he_may_not_see(in_force_plan: Any, task: Any, orgs: dict[str, Any]) -> None:
    # A task led (through a data slip) by charlie's organisation, which is no party: charlie is an
    # officer of the lead organisation but may not see the agreement, so he is not told.
    type(task).objects.filter(pk=task.pk).update(lead_organization=orgs["unrelated"], due=TODAY)
    assert reminders_send(today=TODAY) == {}
    assert not Notification.objects.exists()


def test_it_reminds_the_parties_of_an_agreement_ending_in_90_then_30_days(agreement: Any) -> None:
    # The fixture's program runs 2022–2025: it ends on 31/12/2025.
    assert reminders_send(today=D(2025, 9, 1)) == {}
    assert reminders_send(today=D(2025, 10, 10)) == {Kind.AGREEMENT_ENDING: 4}
    assert usernames(Notification.objects.all()) == PARTY_MEMBERS  # not the superior body, not charlie
    assert reminders_send(today=D(2025, 10, 20)) == {}
    assert reminders_send(today=D(2025, 12, 5)) == {Kind.AGREEMENT_ENDING: 4}
    assert reminders_send(today=D(2025, 12, 6)) == {}
    first = Notification.objects.first()
    assert first is not None and "31/12/2025" in first.body


def test_it_sends_only_the_nearest_agreement_notice(agreement: Any) -> None:
    assert reminders_send(today=D(2025, 12, 20)) == {Kind.AGREEMENT_ENDING: 4}
    assert reminders_send(today=D(2025, 12, 21)) == {}


def test_it_reminds_leaders_of_submissions_waiting_three_days(users: dict[str, Any], draft_activity: Any) -> None:
    from phoihop.activities.models import Activity
    from phoihop.activities.services import activity_submit

    activity_submit(actor=users["alice"], activity=draft_activity)
    Notification.objects.all().delete()
    submitted = timezone.make_aware(datetime.datetime.combine(TODAY - datetime.timedelta(days=2), datetime.time(9)))
    Activity.objects.filter(pk=draft_activity.pk).update(submitted_at=submitted)
    assert reminders_send(today=TODAY) == {}
    assert reminders_send(today=TODAY + datetime.timedelta(days=1)) == {Kind.ACTIVITY_SUBMITTED: 1}
    assert usernames(Notification.objects.all()) == {"leader"}
    assert reminders_send(today=TODAY + datetime.timedelta(days=2)) == {}


@dataclass(frozen=True)
class FakeOwed:
    agreement: Any
    organization: Any
    period_label: str
    period_start: datetime.date
    period_end: datetime.date
    due_date: datetime.date
    report: Any
    state: str


@pytest.fixture
def owed(monkeypatch: pytest.MonkeyPatch, agreement: Any, orgs: dict[str, Any]) -> list[FakeOwed]:
    """The exchange's answer, fixed: the board owes the second quarter, the district is late with
    the first, the first quarter's board report came on time."""
    rows = [
        FakeOwed(agreement, orgs["board"], "quý II/2024", D(2024, 4, 1), D(2024, 6, 30), D(2024, 6, 15), None, "due"),
        FakeOwed(agreement, orgs["district"], "quý I/2024", D(2024, 1, 1), D(2024, 3, 31), D(2024, 4, 10), None, "missing"),
        FakeOwed(agreement, orgs["board"], "quý I/2024", D(2024, 1, 1), D(2024, 3, 31), D(2024, 4, 10), None, "on_time"),
    ]
    module = types.ModuleType("phoihop.exchange.selectors")
    module.__dict__["owed_reports"] = lambda **kwargs: list(rows)
    monkeypatch.setitem(sys.modules, "phoihop.exchange.selectors", module)
    return rows


def test_it_reminds_the_owing_officers_of_reports_due_and_missing(owed: list[FakeOwed]) -> None:
    assert reminders_send(today=TODAY) == {Kind.REPORT_DUE: 1, Kind.REPORT_LATE: 2}
    assert usernames(Notification.objects.filter(kind=Kind.REPORT_DUE)) == {"coop_officer"}
    assert usernames(Notification.objects.filter(kind=Kind.REPORT_LATE)) == DISTRICT_WRITERS
    assert reminders_send(today=TODAY) == {}


def test_it_works_with_the_real_report_exchange(agreement: Any) -> None:
    """The real owed_reports: whatever it owes, a second run sends nothing new, charlie nothing."""
    pytest.importorskip("phoihop.exchange.selectors")
    from phoihop.exchange.models import ReportingSchedule, Rhythm

    ReportingSchedule.objects.create(agreement=agreement, rhythm=Rhythm.QUARTERLY, due_days=10)
    # On 10/06/2024 the first quarter's reports (due 10/04) are missing from both parties.
    assert reminders_send(today=TODAY) == {Kind.REPORT_LATE: 3}
    assert usernames(Notification.objects.all()) == DISTRICT_WRITERS | {"coop_officer"}
    first = Notification.objects.first()
    assert first is not None and "Quý I/2024" in first.title
    assert reminders_send(today=TODAY) == {}
    # A week before the second quarter's due date (10/07) its reports are due.
    assert reminders_send(today=D(2024, 7, 3)) == {Kind.REPORT_DUE: 3}
    assert not Notification.objects.filter(user__username__in=["charlie", "subordinate"]).exists()


def test_the_command_sends_now_or_through_the_queue(in_force_plan: Any, task: Any, capsys: Any) -> None:
    set_due(task, TODAY)
    call_command("send_reminders", "--now", "--date", TODAY.isoformat())
    assert "Đã gửi 2 thông báo nhắc việc." in capsys.readouterr().out
    set_due(task, TODAY + datetime.timedelta(days=1))
    # The test settings run queued tasks at once.
    call_command("send_reminders", "--date", TODAY.isoformat())
    assert "Đã đưa việc gửi nhắc việc vào hàng đợi" in capsys.readouterr().out
    assert Notification.objects.filter(kind=Kind.TASK_DUE_SOON).count() == 4


def test_the_command_rejects_a_bad_date() -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("send_reminders", "--now", "--date", "10/06/2024")


def test_the_task_runs_through_the_task_interface(in_force_plan: Any, task: Any) -> None:
    from phoihop.notifications.tasks import send_reminders

    set_due(task, TODAY)
    result = send_reminders.enqueue(today=TODAY.isoformat())
    assert result.return_value == {"task_due_soon": 2}
