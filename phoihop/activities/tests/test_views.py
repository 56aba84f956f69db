from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from phoihop.activities.models import Activity
from phoihop.plans.tests.helpers import approve, indicator, record
from phoihop.testing.queries import assert_queries

pytestmark = pytest.mark.django_db


def form_data(orgs, ind=None, **overrides):
    data = {
        "title": "Hội thi tìm hiểu Luật Nghĩa vụ quân sự",
        "organizations": [str(orgs["district"].pk), str(orgs["board"].pk)],
        "start_date": "15/03/2024",
        "end_date": "",
        "place_text": "Hội trường Phường 1",
        "participants": "1.200",
        "description": "Có 12 đội tham gia",
        "action": "draft",
    }
    if ind is not None:
        data[f"value_{ind.pk}"] = "1.234,5"
    data.update(overrides)
    return data


def test_it_offers_the_form_with_the_users_party_and_one_field_per_indicator(login, users, orgs, task):
    ind = indicator(users["alice"], task, "Lượt người được tuyên truyền", "2.000", unit="person_time")
    client = login(users["coop_officer"])
    task_page = client.get(reverse("plans:task_detail", args=[task.pk])).content.decode()
    url = reverse("activities:create") + f"?task={task.pk}"
    assert url in task_page
    body = client.get(url).content.decode()
    assert f'name="value_{ind.pk}"' in body and "Lượt người được tuyên truyền (lượt người)" in body
    assert "Chỉ tiêu: 2.000" in body
    boxes = dict(re.findall(r'<input type="checkbox" name="organizations" value="(\d+)"[^>]*?( checked)?>', body))
    assert boxes == {str(orgs["board"].pk): " checked", str(orgs["district"].pk): ""}


def test_it_records_a_joint_activity_as_a_draft_with_vietnamese_numbers(login, users, orgs, task):
    ind = indicator(users["alice"], task, "Lượt người", "2.000", unit="person_time")
    response = login(users["alice"]).post(reverse("activities:create") + f"?task={task.pk}", form_data(orgs, ind))
    activity = Activity.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("activities:detail", args=[activity.pk])
    assert activity.status == "draft" and activity.participants == 1200
    assert activity.start_date == activity.end_date == datetime.date(2024, 3, 15)
    assert set(activity.organizations.all()) == {orgs["district"], orgs["board"]}
    assert activity.values.get().value == Decimal("1234.5")


def test_it_saves_and_submits_in_one_step(login, users, orgs, task):
    login(users["alice"]).post(reverse("activities:create") + f"?task={task.pk}", form_data(orgs, action="submit"))
    assert Activity.objects.get().status == "submitted"


def test_it_shows_form_errors_in_vietnamese(login, users, orgs, task):
    ind = indicator(users["alice"], task, "Buổi", "12")
    client = login(users["alice"])
    url = reverse("activities:create") + f"?task={task.pk}"
    body = client.post(url, form_data(orgs, ind, **{f"value_{ind.pk}": "mười", "participants": "-3", "start_date": "31/02/2024"})).content.decode()
    assert "Giá trị phải là một số, ví dụ 1.234,5." in body
    assert "Giá trị không được là số âm." in body
    assert "Ngày không hợp lệ" in body
    body = client.post(url, form_data(orgs, start_date="15/03/2023")).content.decode()
    assert "Hoạt động phải diễn ra trong năm của kế hoạch (2024)." in body
    body = client.post(url, form_data(orgs, organizations=[])).content.decode()
    assert "Chọn ít nhất một đơn vị tổ chức." in body
    assert not Activity.objects.exists()


def test_it_refuses_recording_to_read_only_and_outsiders(login, users, orgs, task):
    url = reverse("activities:create") + f"?task={task.pk}"
    assert login(users["bob"]).get(url).status_code == 403
    assert login(users["bob"]).post(url, form_data(orgs)).status_code == 403
    assert login(users["charlie"]).get(url).status_code == 404
    assert login(users["charlie"]).post(url, form_data(orgs)).status_code == 404
    # an officer of one party cannot record an activity only for another party
    assert login(users["coop_officer"]).post(url, form_data(orgs, organizations=[str(orgs["district"].pk)])).status_code == 403
    assert not Activity.objects.exists()


def test_it_edits_a_draft_and_locks_a_submitted_one(login, users, orgs, task):
    activity = record(users["alice"], task, [orgs["district"]])
    client = login(users["alice"])
    url = reverse("activities:edit", args=[activity.pk])
    assert "Tuyên truyền Luật Nghĩa vụ quân sự" in client.get(url).content.decode()
    client.post(url, form_data(orgs, title="Tuyên truyền Luật Quốc phòng", version=str(activity.version)))
    activity.refresh_from_db()
    assert activity.title == "Tuyên truyền Luật Quốc phòng"
    client.post(reverse("activities:submit", args=[activity.pk]))
    response = client.post(url, form_data(orgs, title="Đổi sau khi gửi", version=str(activity.version)))
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.status == "submitted" and activity.title == "Tuyên truyền Luật Quốc phòng"


def test_it_runs_the_approval_flow_from_the_detail_page(login, users, orgs, task):
    activity = record(users["alice"], task, [orgs["district"]])
    author = login(users["alice"])
    body = author.get(reverse("activities:detail", args=[activity.pk])).content.decode()
    assert reverse("activities:submit", args=[activity.pk]) in body and "Nháp" in body
    author.post(reverse("activities:submit", args=[activity.pk]))
    leader = login(users["leader"])
    body = leader.get(reverse("activities:detail", args=[activity.pk])).content.decode()
    assert reverse("activities:approve", args=[activity.pk]) in body and reverse("activities:return", args=[activity.pk]) in body
    response = leader.post(reverse("activities:return", args=[activity.pk]), {"note": ""}, follow=True)
    assert "Cần ghi rõ nội dung cần sửa khi trả lại." in response.content.decode()
    leader.post(reverse("activities:return", args=[activity.pk]), {"note": "Bổ sung số người tham gia"})
    activity.refresh_from_db()
    assert activity.status == "returned"
    body = login(users["alice"]).get(reverse("activities:detail", args=[activity.pk])).content.decode()
    assert "Bổ sung số người tham gia" in body and "Trả lại để sửa" in body
    author.post(reverse("activities:submit", args=[activity.pk]))
    login(users["leader"]).post(reverse("activities:approve", args=[activity.pk]))
    activity.refresh_from_db()
    assert activity.status == "approved"
    body = login(users["alice"]).get(reverse("activities:detail", args=[activity.pk])).content.decode()
    assert reverse("activities:reopen", args=[activity.pk]) in body
    assert reverse("activities:edit", args=[activity.pk]) not in body
    assert "Lịch sử thay đổi" in body


def test_it_reopens_an_approved_activity_as_a_revision(login, users, orgs, task):
    activity = record(users["alice"], task, [orgs["district"]])
    approve(users["alice"], users["leader"], activity)
    response = login(users["alice"]).post(reverse("activities:reopen", args=[activity.pk]))
    revision = Activity.objects.get(revises=activity)
    assert response["Location"] == reverse("activities:edit", args=[revision.pk])
    assert revision.status == "draft" and revision.revision == 2


@pytest.mark.parametrize("route", ["activities:submit", "activities:approve", "activities:return", "activities:reopen"])
def test_it_refuses_state_changes_by_get_read_only_and_outsiders(login, users, orgs, task, route):
    activity = record(users["alice"], task, [orgs["district"]])
    if route in ("activities:approve", "activities:return"):
        from phoihop.activities.services import activity_submit

        activity_submit(actor=users["alice"], activity=activity)
    if route == "activities:reopen":
        approve(users["alice"], users["leader"], activity)
    status = Activity.objects.get(pk=activity.pk).status
    url = reverse(route, args=[activity.pk])
    assert login(users["leader"]).get(url).status_code == 405
    assert login(users["bob"]).post(url, {"note": "x"}).status_code == 403
    if route in ("activities:approve", "activities:return"):
        assert login(users["alice"]).post(url, {"note": "x"}).status_code == 403  # officers do not approve
        assert login(users["staff"]).post(url, {"note": "x"}).status_code == 403
    assert login(users["charlie"]).post(url, {"note": "x"}).status_code == 404
    assert Activity.objects.get(pk=activity.pk).status == status
    assert Activity.objects.count() == 1


# --- approvals inbox ------------------------------------------------------------------------------


def test_it_lists_submissions_for_the_organisations_leader(login, users, orgs, task, board_leader):
    from phoihop.activities.services import activity_submit

    mine = record(users["alice"], task, [orgs["district"]], title="Tuyên truyền tại Phường 1")
    activity_submit(actor=users["alice"], activity=mine)
    theirs = record(users["coop_officer"], task, [orgs["board"]], title="Viết tin bài quốc phòng")
    activity_submit(actor=users["coop_officer"], activity=theirs)
    record(users["alice"], task, [orgs["district"]], title="Bản nháp chưa gửi")
    body = login(users["leader"]).get(reverse("activities:inbox")).content.decode()
    assert "Tuyên truyền tại Phường 1" in body and "Viết tin bài quốc phòng" not in body
    assert "Bản nháp chưa gửi" not in body
    assert reverse("activities:approve", args=[mine.pk]) in body
    assert reverse("activities:inbox") in body  # the nav link
    body = login(board_leader).get(reverse("activities:inbox")).content.decode()
    assert "Viết tin bài quốc phòng" in body and "Tuyên truyền tại Phường 1" not in body


def test_it_approves_and_returns_from_the_inbox(login, users, orgs, task):
    from phoihop.activities.services import activity_submit

    a = record(users["alice"], task, [orgs["district"]])
    b = record(users["alice"], task, [orgs["district"]], title="Hội thi")
    activity_submit(actor=users["alice"], activity=a)
    activity_submit(actor=users["alice"], activity=b)
    client = login(users["leader"])
    response = client.post(reverse("activities:approve", args=[a.pk]), {"next": "inbox"})
    assert response["Location"] == reverse("activities:inbox")
    client.post(reverse("activities:return", args=[b.pk]), {"next": "inbox", "note": "Thiếu ảnh"})
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.status == "approved" and b.status == "returned" and b.reviewer_note == "Thiếu ảnh"
    assert "Không có hoạt động nào đang chờ duyệt" in client.get(reverse("activities:inbox")).content.decode()


def test_it_shows_the_inbox_link_only_to_leaders(login, users):
    assert reverse("activities:inbox") in login(users["leader"]).get(reverse("agreements:list")).content.decode()
    for username in ("alice", "bob", "staff"):
        assert reverse("activities:inbox") not in login(users[username]).get(reverse("agreements:list")).content.decode()


def test_it_keeps_the_inbox_query_count_flat(login, users, orgs, task):
    from phoihop.activities.services import activity_submit

    ind = indicator(users["alice"], task, "Buổi", "12")
    client = login(users["leader"])

    def add(n):
        for _ in range(n):
            a = record(users["alice"], task, [orgs["district"], orgs["board"]], values={ind: "1"})
            activity_submit(actor=users["alice"], activity=a)

    add(2)
    with assert_queries(9):
        client.get(reverse("activities:inbox"))
    add(5)
    with assert_queries(9):
        body = client.get(reverse("activities:inbox")).content.decode()
    assert body.count("Tuyên truyền Luật Nghĩa vụ quân sự") == 7
