"""The optimistic lock of edit forms (core.versioning), tried on a plan task."""

from __future__ import annotations

import re
import threading
from typing import Any

import pytest
from django import forms
from django.db import connection, transaction
from django.http import QueryDict

from phoihop.core import versioning
from phoihop.plans.models import Task


@pytest.fixture
def task(agreement: Any, users: dict[str, Any]) -> Task:
    from phoihop.plans.services import plan_create

    return plan_create(actor=users["alice"], agreement=agreement, year=2024).tasks.get(number=1)


class TaskTitleForm(versioning.VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Task
        fields = ["title", "notes"]


def _save(task: Task, expected: int | None, **values: Any) -> None:
    with transaction.atomic():
        versioning.claim(task, expected)
        for name, value in values.items():
            setattr(task, name, value)
        task.save()


def test_it_bumps_the_version_on_a_save_from_the_current_version(task: Task) -> None:
    assert task.version == 1
    _save(task, 1, title="Mới")
    task.refresh_from_db()
    assert (task.version, task.title) == (2, "Mới")


def test_it_refuses_a_save_from_an_older_version_and_names_who_changed_it(task: Task, users: dict[str, Any]) -> None:
    first = Task.objects.get(pk=task.pk)
    second = Task.objects.get(pk=task.pk)
    first._history_user = users["leader"]  # type: ignore[attr-defined]
    _save(first, 1, title="Tiêu đề của người thứ nhất")
    with pytest.raises(versioning.StaleEdit) as caught:
        _save(second, 1, title="Tiêu đề của người thứ hai")
    exc = caught.value
    assert isinstance(exc.current, Task) and exc.current.version == 2
    assert exc.changed_by == "leader"
    assert exc.changed_at is not None
    assert Task.objects.get(pk=task.pk).title == "Tiêu đề của người thứ nhất"


def test_a_whole_row_save_keeps_what_another_action_changed_meanwhile(task: Task) -> None:
    loaded = Task.objects.get(pk=task.pk)  # the edit request reads the task ...
    Task.objects.filter(pk=task.pk).update(cancelled=True, notes="Ghi chú khác")  # ... someone cancels it
    with transaction.atomic():
        versioning.claim(loaded, 1, edited=["title", "notes"])
        loaded.title, loaded.notes = "Tiêu đề sửa", "Ghi chú sửa"
        loaded.save()
    saved = Task.objects.get(pk=task.pk)
    assert (saved.title, saved.notes, saved.cancelled, saved.version) == ("Tiêu đề sửa", "Ghi chú sửa", True, 2)


def test_it_bumps_without_a_check_for_callers_that_are_not_forms(task: Task) -> None:
    _save(task, None, notes="x")
    _save(Task.objects.get(pk=task.pk), None, notes="y")
    assert Task.objects.get(pk=task.pk).version == 3


@pytest.mark.django_db(transaction=True)
def test_it_must_run_inside_a_transaction(task: Task) -> None:
    with pytest.raises(RuntimeError):
        versioning.claim(task, 1)


def test_it_lists_only_the_fields_the_other_person_changed(task: Task) -> None:
    token = versioning.seen_token(task, ["title", "notes"])
    _save(Task.objects.get(pk=task.pk), 1, notes="Ghi chú mới của người khác")
    exc = versioning.stale(Task, task.pk, 1)
    changes = exc.compare(token, ["title", "notes"])
    assert [(c.name, c.now) for c in changes] == [("notes", "Ghi chú mới của người khác")]
    assert "Ghi chú: «Ghi chú mới của người khác»" in exc.message()
    assert re.search(r"sửa lúc \d\d:\d\d ngày \d\d/\d\d/\d{4} trong khi bạn đang sửa", exc.message())


def test_a_forged_or_foreign_token_lists_every_field(task: Task, agreement: Any) -> None:
    other = Task.objects.exclude(pk=task.pk).first()
    assert other is not None
    exc = versioning.stale(Task, task.pk, 1)
    assert len(exc.compare(versioning.seen_token(other, ["title", "notes"]), ["title", "notes"])) == 2
    assert len(exc.compare("not-signed", ["title", "notes"])) == 2


def test_the_form_carries_the_version_and_refuses_a_post_without_it(task: Task) -> None:
    page = TaskTitleForm(instance=task)
    html = page.as_p()
    assert 'name="version" value="1"' in html
    assert 'name="version_seen"' in html
    form = TaskTitleForm(QueryDict("title=A&notes="), instance=task)
    assert not form.is_valid()
    assert "không mang số phiên bản" in str(form.non_field_errors())


def test_a_create_form_has_no_version(agreement: Any) -> None:
    assert "version" not in TaskTitleForm().fields


def test_the_stale_form_keeps_the_typed_data_and_carries_the_new_version(task: Task) -> None:
    token = TaskTitleForm(instance=task)["version_seen"].initial
    _save(Task.objects.get(pk=task.pk), 1, title="Đã sửa trước")
    form = TaskTitleForm(QueryDict(f"title=Tôi gõ&notes=&version=1&version_seen={token}"), instance=task)
    assert form.is_valid()
    with pytest.raises(versioning.StaleEdit) as caught:
        _save(task, form.expected_version, title=form.cleaned_data["title"])
    form.show_stale(caught.value)
    html = form.as_p()
    assert "Tôi gõ" in html
    assert 'name="version" value="2"' in html
    assert "«Đã sửa trước»" in str(form.non_field_errors())
    assert Task.objects.get(pk=task.pk).title == "Đã sửa trước"
    # Saving again, now from version 2, goes through on purpose.
    again = TaskTitleForm(form.data, instance=Task.objects.get(pk=task.pk))
    assert again.is_valid()
    _save(again.instance, again.expected_version, title=again.cleaned_data["title"])
    assert Task.objects.get(pk=task.pk).title == "Tôi gõ"


@pytest.mark.django_db(transaction=True)
def test_of_two_concurrent_saves_from_one_version_exactly_one_goes_through(task: Task) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("concurrent transactions need PostgreSQL (SQLite serialises the test database)")
    barrier = threading.Barrier(2)
    outcome: dict[str, str] = {}

    def edit(title: str) -> None:
        from django.db import connection as own

        try:
            mine = Task.objects.get(pk=task.pk)
            barrier.wait(timeout=30)
            _save(mine, 1, title=title)
            outcome[title] = "saved"
        except versioning.StaleEdit:
            outcome[title] = "stale"
        finally:
            own.close()

    threads = [threading.Thread(target=edit, args=(t,)) for t in ("A", "B")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcome.values()) == ["saved", "stale"]
    saved = next(t for t, o in outcome.items() if o == "saved")
    fresh = Task.objects.get(pk=task.pk)
    assert (fresh.title, fresh.version) == (saved, 2)


def test_an_odd_posted_version_is_a_form_error_not_a_server_error(task: Task) -> None:
    for odd in ("99999999999999999999", "0", "-1", "abc", "2147483648"):
        form = TaskTitleForm(QueryDict(f"title=A&notes=&version={odd}"), instance=task)
        assert not form.is_valid(), odd
        assert "phiên bản" in str(form.non_field_errors()), odd
    form = TaskTitleForm(QueryDict("title=A&notes=&version=1&version_seen=a%00b"), instance=task)
    assert not form.is_valid() and form.non_field_errors()
