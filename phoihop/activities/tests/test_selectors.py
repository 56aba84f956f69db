from __future__ import annotations

import datetime

from phoihop.activities.selectors import activity_list, agreement_totals, approvals_inbox
from phoihop.activities.services import activity_submit
from phoihop.plans.tests.helpers import D, approve, indicator, record
from phoihop.testing.queries import assert_queries


def test_it_counts_a_joint_activity_once_for_the_agreement_and_credits_each_organiser(agreement, task, orgs, users, board_leader):
    sessions = indicator(users["alice"], task, "Buổi", "10")
    latest = indicator(users["alice"], task, "Tỷ lệ", "100", aggregation="percent", unit="percent")
    joint = record(users["alice"], task, [orgs["district"], orgs["board"]], values={sessions: "2", latest: "50"}, participants=300)
    alone = record(users["alice"], task, [orgs["district"]], values={sessions: "1"}, participants=50)
    unapproved = record(users["coop_officer"], task, [orgs["board"]], values={sessions: "7"}, participants=999)
    approve(users["alice"], board_leader, joint)
    approve(users["alice"], users["leader"], alone)
    activity_submit(actor=users["coop_officer"], activity=unapproved)

    totals = agreement_totals(agreement=agreement)

    assert (totals.activities, totals.participants) == (2, 350)
    assert totals.values == {sessions.pk: D("3")}  # a percentage does not add up
    credited = {t.organization.pk: (t.activities, t.participants, t.values) for t in totals.by_organization}
    assert credited == {
        orgs["district"].pk: (2, 350, {sessions.pk: D("3")}),
        orgs["board"].pk: (1, 300, {sessions.pk: D("2")}),
    }
    assert sum(t.activities for t in totals.by_organization) == 3  # credited to each, counted once
    assert agreement_totals(agreement=agreement, year=2023).activities == 0


def test_it_fills_a_leaders_inbox_with_their_organisations_submissions(task, orgs, users, board_leader):
    district = record(users["alice"], task, [orgs["district"]], title="Hoạt động của Ban CHQS")
    board = record(users["coop_officer"], task, [orgs["board"]], title="Hoạt động của Ban Tuyên giáo")
    joint = record(users["alice"], task, [orgs["district"], orgs["board"]], title="Hoạt động chung")
    record(users["alice"], task, [orgs["district"]], title="Bản nháp")
    for a, author in ((district, "alice"), (board, "coop_officer"), (joint, "alice")):
        activity_submit(actor=users[author], activity=a)

    assert [a.title for a in approvals_inbox(user=users["leader"])] == ["Hoạt động của Ban CHQS", "Hoạt động chung"]
    assert [a.title for a in approvals_inbox(user=board_leader)] == ["Hoạt động của Ban Tuyên giáo", "Hoạt động chung"]
    for name in ("alice", "coop_officer", "superior", "staff", "charlie"):
        assert list(approvals_inbox(user=users[name])) == []


def test_it_filters_the_list_by_party_status_and_period(task, orgs, users):
    record(users["alice"], task, [orgs["district"]], title="Tháng ba")
    board = record(users["coop_officer"], task, [orgs["board"]], title="Tháng sáu", day=datetime.date(2024, 6, 1))
    activity_submit(actor=users["coop_officer"], activity=board)
    titles = lambda user, **f: sorted(a.title for a in activity_list(user=users[user], filters=f))  # noqa: E731
    assert titles("alice") == ["Tháng ba", "Tháng sáu"]
    assert titles("coop_officer") == ["Tháng sáu"]  # the other party's draft stays with them
    assert titles("alice", organization=orgs["board"].pk) == ["Tháng sáu"]
    assert titles("alice", status="draft") == ["Tháng ba"]
    assert titles("alice", date_from=datetime.date(2024, 5, 1)) == ["Tháng sáu"]
    assert titles("alice", year=2024, content_area=task.content_area_id) == ["Tháng ba", "Tháng sáu"]
    assert titles("charlie") == []


def add(task, orgs, users, sessions, n):
    for _ in range(n):
        joint = record(users["alice"], task, [orgs["district"], orgs["board"]], values={sessions: "1"}, participants=10)
        activity_submit(actor=users["alice"], activity=joint)
        approve(users["alice"], users["leader"], record(users["alice"], task, [orgs["district"]], values={sessions: "1"}))


def run_all(user, agreement):
    inbox = [(a.title, [o.pk for o in a.organizations.all()], [v.indicator.name for v in a.values.all()]) for a in approvals_inbox(user=user)]
    listed = [(a.task.plan.agreement.title, [o.pk for o in a.organizations.all()], [v.value for v in a.values.all()]) for a in activity_list(user=user, filters={})]
    return inbox, listed, agreement_totals(agreement=agreement)


def test_it_keeps_list_inbox_and_totals_queries_flat(agreement, task, orgs, users):
    sessions = indicator(users["alice"], task, "Buổi", "100")
    add(task, orgs, users, sessions, 2)
    run_all(users["leader"], agreement)  # warm the user's access scope
    with assert_queries(10):
        inbox, listed, totals = run_all(users["leader"], agreement)
    assert (len(inbox), len(listed), totals.activities) == (2, 4, 2)
    add(task, orgs, users, sessions, 6)
    with assert_queries(10):
        inbox, listed, totals = run_all(users["leader"], agreement)
    assert (len(inbox), len(listed), totals.activities) == (8, 16, 8)
