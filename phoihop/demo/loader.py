"""Load the whole demo: the five articles' record and demo users, then each later part of the
record in turn, every part idempotent, in one transaction."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from phoihop.demo import (
    agreements,
    articles,
    current,
    documents,
    exchange,
    notifications,
    plans,
    reviews,
)
from phoihop.demo.base import ADMIN_USERNAME, DEMO_PASSWORD, DemoResult, Login, acting_as

# Later parts of the record, each with load(orgs=, agreements=, result=, today=) and LABELS,
# loaded in this order after the articles, their plans and the present.
LATER_PARTS = (agreements, exchange, reviews, notifications, documents)

# What a load counts, in the order the command reports it.
LABELS = {
    "organizations": "cơ quan, đơn vị",
    "successions": "lần sắp xếp tổ chức",
    "agreements": "văn bản phối hợp",
    "events": "hội nghị",
    "users": "tài khoản",
    "memberships": "phân quyền thành viên",
    "annual_plans": "kế hoạch phối hợp năm",
    "tasks": "nhiệm vụ",
    "indicators": "chỉ tiêu",
    "activities": "hoạt động",
    "renewed_agreements": "văn bản gia hạn giữa các đơn vị kế thừa",
    "illustrative_marks": "tên người minh họa được đánh dấu",
    "succession_documents": "lần sắp xếp được bổ sung văn bản quyết định",
}
for _part in LATER_PARTS:
    LABELS.update(_part.LABELS)


def demo_load(*, today: datetime.date | None = None) -> DemoResult:
    """Load the demo data, or leave it as it is where it is already there."""
    today = today or timezone.localdate()
    result = DemoResult()
    passwords = articles.Passwords()
    with transaction.atomic():
        admin = articles.load_admin(result, passwords)
        with acting_as(admin):
            orgs, agreed = articles.load(
                admin=admin, today=today, result=result, passwords=passwords
            )
            plans.plans_load(orgs=orgs, agreements=agreed, result=result)
            current.load(orgs=orgs, agreements=agreed, result=result, today=today)
            for part in LATER_PARTS:
                part.load(orgs=orgs, agreements=agreed, result=result, today=today)
    result.logins.insert(
        0,
        Login(
            username=ADMIN_USERNAME,
            password=DEMO_PASSWORD if passwords.is_demo(admin) else "",
            organization="",
            role="",
        ),
    )
    return result
