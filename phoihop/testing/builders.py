"""Builders of the tests' records, one call each with keyword arguments:

    board = make_org("Ban Tuyên giáo Quận ủy Quận 4", kind="party_board", level="district")
    alice = make_user("alice", org=district, role="officer")
    agreement = make_agreement(actor=alice, parties=[district, board], areas=["Tuyên truyền"])
    plan = make_plan(actor=alice, agreement=agreement, year=2024, status="in_force")
    task = make_task(actor=alice, plan=plan, title="Hội thi", lead=district, due=date(2024, 6, 30))
    sessions = make_indicator(actor=alice, owner=task, name="Buổi tuyên truyền", target="10")
    make_activity(actor=alice, task=task, orgs=[district], values={sessions: "4"},
                  status="approved", approver=leader)

What a user makes goes through the owning app's service (checks, history, numbering and
notifications as in production), with the actor as the user who would make it; the registry's
rows (organisations, accounts, memberships) through the models, as the shared fixtures of
phoihop/conftest.py always have. Every value a test does not pass is a plain default; a test
that asserts on a value passes it.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Mapping, Sequence
from typing import Any

PASSWORD = "matkhau-123"

_serial = itertools.count(1)


def make_org(
    name: str = "", *, kind: str = "other", level: str = "unit", parent: Any = None, **fields: Any
) -> Any:
    """An organisation of the registry; without a name, "Đơn vị thử N"."""
    from phoihop.orgs.models import Organization

    return Organization.objects.create(
        name=name or f"Đơn vị thử {next(_serial)}", kind=kind, level=level, parent=parent, **fields
    )


def make_member(user: Any, *, org: Any, role: str) -> Any:
    """``user`` made a member of ``org`` with ``role`` (viewer, officer, leader, admin)."""
    from phoihop.orgs.models import Membership

    return Membership.objects.create(user=user, organization=org, role=role)


def make_user(
    username: str = "",
    *,
    org: Any = None,
    role: str | None = None,
    password: str | None = PASSWORD,
    **fields: Any,
) -> Any:
    """An account (password ``PASSWORD``; ``password=None`` for an unusable one), a member of
    ``org`` with ``role`` when both are given. Other fields (``is_staff``, ``email``…) as keywords."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(
        username=username or f"nguoidung{next(_serial)}", password=password, **fields
    )
    if org is not None and role is not None:
        make_member(user, org=org, role=role)
    return user


def make_agreement(
    *,
    actor: Any,
    parties: Sequence[Any],
    areas: Sequence[Any] = (),
    kind: str = "program",
    title: str = "Chương trình phối hợp thử",
    status: str = "in_force",
    **fields: Any,
) -> Any:
    """An agreement made by ``actor`` through ``agreement_create``.

    ``parties``: organisations, the first the lead and the others co-operating, or
    ``PartyInput``s for signatories. ``areas``: titles, numbered 1, 2… with the lead party
    responsible, or ``ContentAreaInput``s. Other fields (``period_start``, ``number_symbol``,
    ``signed_on``…) as keywords."""
    from phoihop.agreements.models import Party
    from phoihop.agreements.services import ContentAreaInput, PartyInput, agreement_create

    party_inputs = [
        p
        if isinstance(p, PartyInput)
        else PartyInput(organization=p, role=Party.Role.LEAD if i == 0 else Party.Role.COOPERATING)
        for i, p in enumerate(parties)
    ]
    lead = next((p.organization for p in party_inputs if p.role == Party.Role.LEAD), None)
    area_inputs = [
        a
        if isinstance(a, ContentAreaInput)
        else ContentAreaInput(number=n, title=a, responsible=[lead] if lead is not None else [])
        for n, a in enumerate(areas, start=1)
    ]
    return agreement_create(
        actor=actor,
        fields={"kind": kind, "title": title, "status": status, **fields},
        parties=party_inputs,
        content_areas=area_inputs,
    )


def make_plan(
    *, actor: Any, agreement: Any, year: int = 2024, status: str | None = None, **options: Any
) -> Any:
    """An annual plan through ``plan_create`` (one task per content area; ``from_previous=True``
    to carry last year's over), then put in ``status`` through ``plan_set_status`` if given."""
    from phoihop.plans.services import plan_create, plan_set_status

    plan = plan_create(actor=actor, agreement=agreement, year=year, **options)
    if status is not None:
        plan = plan_set_status(actor=actor, plan=plan, status=status)
    return plan


def make_task(
    *,
    actor: Any,
    plan: Any,
    title: str = "Nhiệm vụ thử",
    lead: Any = None,
    supporting: Sequence[Any] = (),
    **fields: Any,
) -> Any:
    """A task added to ``plan`` through ``task_create``; ``lead`` defaults to the agreement's lead
    party. Other fields (``number``, ``start``, ``due``, ``content_area``…) as keywords."""
    from phoihop.plans.services import task_create

    if lead is None:
        lead = plan.agreement.parties.get(role="lead").organization
    return task_create(
        actor=actor,
        plan=plan,
        fields={"title": title, "lead_organization": lead, **fields},
        supporting=supporting,
    )


def make_indicator(
    *,
    actor: Any,
    owner: Any,
    name: str,
    target: Any,
    unit: str = "session",
    aggregation: str = "sum",
) -> Any:
    """An indicator of a task or content area through ``indicator_set``."""
    from phoihop.plans.services import indicator_set

    return indicator_set(
        actor=actor, owner=owner, name=name, unit=unit, target=target, aggregation=aggregation
    )


def make_activity(
    *,
    actor: Any,
    task: Any,
    orgs: Sequence[Any],
    title: str = "Tuyên truyền Luật Nghĩa vụ quân sự",
    day: datetime.date = datetime.date(2024, 3, 1),
    values: Mapping[Any, Any] | None = None,
    status: str = "draft",
    approver: Any = None,
    note: str = "Bổ sung ảnh",
    **fields: Any,
) -> Any:
    """An activity recorded by ``actor`` through ``activity_create`` and taken on to ``status``:
    "draft", "submitted" (by ``actor``), "approved" or "returned" (with ``note``), both by
    ``approver``. Other fields (``participants``, ``place_text``, ``end_date``…) as keywords."""
    from phoihop.activities.services import (
        activity_approve,
        activity_create,
        activity_return,
        activity_submit,
    )

    activity = activity_create(
        actor=actor,
        task=task,
        fields={"title": title, "start_date": day, **fields},
        organizations=list(orgs),
        values=values or {},
    )
    if status == "draft":
        return activity
    activity = activity_submit(actor=actor, activity=activity)
    if status == "submitted":
        return activity
    if approver is None:
        raise ValueError(f"an activity {status} needs its approver")
    if status == "approved":
        return activity_approve(actor=approver, activity=activity)
    if status == "returned":
        return activity_return(actor=approver, activity=activity, note=note)
    raise ValueError(f"no activity status {status!r}")
