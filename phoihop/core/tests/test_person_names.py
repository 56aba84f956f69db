"""People are shown by full name in Vietnamese order ("Trần Minh Khoa"), the same everywhere:
the header, the home page, the approvals inbox, the change history; never by log-in name."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from phoihop.plans.tests.conftest import plan, task  # noqa: F401
from phoihop.plans.tests.helpers import indicator, record

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]

# How a person used to be printed: Western order, or the log-in name as a fallback.
OLD_PATTERNS = [
    re.compile(r"get_full_name"),
    re.compile(r"first_name\s*}}\s*{{[^}]*last_name"),
    re.compile(r"\{first_name\}\s*\{last_name\}|first_name}\s*{[^}]*last_name"),
    re.compile(r"default:[\w.]*\.username"),
    re.compile(r"or [\w.]*\.username\b"),
]


def _named(users: dict[str, Any]) -> None:
    for key, (family, given) in {
        "alice": ("Trần", "Minh Khoa"),
        "leader": ("Phạm", "Đức Thịnh"),
    }.items():
        users[key].last_name, users[key].first_name = family, given
        users[key].save(update_fields=["last_name", "first_name"])


def test_it_leaves_no_template_or_module_printing_a_name_the_old_way() -> None:
    found = []
    for path in sorted((ROOT / "phoihop").rglob("*")):
        if path.suffix not in {".html", ".py", ".txt"} or "tests" in path.parts or "migrations" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        for pattern in OLD_PATTERNS:
            found += [f"{path.relative_to(ROOT)}: {m.group(0)}" for m in pattern.finditer(text)]
    assert found == []


def test_it_greets_the_user_family_name_first(login: Any, users: dict[str, Any]) -> None:
    _named(users)
    body = login(users["alice"]).get(reverse("core:home")).content.decode()
    assert "Xin chào, Trần Minh Khoa" in body
    assert "Minh Khoa Trần" not in body


def test_it_shows_the_log_in_name_only_to_a_user_without_a_name(login: Any, users: dict[str, Any]) -> None:
    users["alice"].first_name = ""
    users["alice"].save(update_fields=["first_name"])
    assert "Xin chào, alice" in login(users["alice"]).get(reverse("core:home")).content.decode()


def test_it_names_who_sent_an_activity_in_the_approvals_inbox(
    login: Any, users: dict[str, Any], orgs: dict[str, Any], task: Any  # noqa: F811
) -> None:
    from phoihop.activities.services import activity_submit

    _named(users)
    activity = record(users["alice"], task, [orgs["district"]])
    activity_submit(actor=users["alice"], activity=activity)
    body = login(users["leader"]).get(reverse("activities:inbox")).content.decode()
    assert "Gửi bởi Trần Minh Khoa" in body
    assert "Minh Khoa Trần" not in body


def test_the_history_names_people_and_records_by_what_they_are(
    login: Any, users: dict[str, Any], orgs: dict[str, Any], task: Any  # noqa: F811
) -> None:
    from phoihop.activities.services import activity_return, activity_submit

    _named(users)
    sessions = indicator(users["alice"], task, "12 buổi tuyên truyền", "12")
    activity = record(users["alice"], task, [orgs["district"]], values={sessions: Decimal("1.5")})
    activity_submit(actor=users["alice"], activity=activity)
    activity_return(actor=users["leader"], activity=activity, note="Bổ sung ảnh")
    body = login(users["leader"]).get(reverse("activities:detail", args=[activity.pk])).content.decode()
    history = body[body.index("Lịch sử thay đổi"):]
    assert "Phạm Đức Thịnh" in history and "Trần Minh Khoa" in history
    assert re.search(r"Người trả lại: <del>[^<]*</del> → <ins>Phạm Đức Thịnh</ins>", history)
    assert "Chỉ tiêu “12 buổi tuyên truyền”: 1,5" in history
    assert "leader" not in re.sub(r"<[^>]+>", " ", history).split()
