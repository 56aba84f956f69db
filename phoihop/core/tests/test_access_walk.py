"""Walk every URL route with users of every role, inside and outside the parties, and anonymous.

The expectations here are written out by hand from DESIGN §4 for the fixture world (see
phoihop/conftest.py), not computed by the access module they check.
"""

from __future__ import annotations

import datetime
import importlib
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

SECRET_TITLE = "Chương trình phối hợp công tác tuyên giáo và quốc phòng"
SECRET_PERSON = "Nguyễn Văn An"
SECRET_EVENT = "Hội nghị ký kết chương trình phối hợp bí mật"

# Who may see the agreement (parties: district lead, board co-operating) and what hangs off it.
SEES_AGREEMENT = {"alice", "bob", "leader", "coop_officer", "superior", "staff"}
EDITS_AGREEMENT = {"alice", "leader", "staff"}
SEES_EVENT = SEES_AGREEMENT
EDITS_EVENT = {"alice", "leader", "staff"}
# The signatory belongs to the district command: seen by its members, its superior body, the
# other party (they see the agreement he signed) and staff.
SEES_PERSON = {"alice", "bob", "leader", "superior", "coop_officer", "staff"}
EDITS_PERSON = {"alice", "leader", "staff"}
EDITS_REGISTRY = {"staff"}
# The activity is a draft of the district command: seen by its members, its superior body and
# staff, not by the other party until it is submitted; written by the district's officers and
# staff; approved only by the district's leader (approving is the organisation's own act).
SEES_ACTIVITY = {"alice", "bob", "leader", "superior", "staff"}
WRITES_ACTIVITY = {"alice", "leader", "staff"}
APPROVES_ACTIVITY = {"leader"}
ALL_USERS = ["alice", "bob", "leader", "coop_officer", "superior", "subordinate", "charlie", "staff"]

# Apps teach the walk about their own routes in ``phoihop/<app>/tests/walk.py``, which may define
#   extend_world(world, users, orgs) -> None   adds the app's records to the world (a dict);
#   target(name, world) -> (record, sees, edits) | None   for the app's routes with a pk;
#   CHANGING_WORDS = (...)   words in route names that mark a route changing data;
#   url_kwargs(name, world) -> dict | None   arguments for routes not keyed by a pk (a token, a
#       year); such a route is then checked for "no server error" only, and its own tests
#       check who gets what.
# The expectations there are written out by hand, as here.
WALK_APPS = ["orgs", "exchange", "notifications", "dashboards", "reviews", "documents", "audit", "accounts"]


def walk_extensions() -> list[Any]:
    found = []
    for app in WALK_APPS:
        try:
            found.append(importlib.import_module(f"phoihop.{app}.tests.walk"))
        except ModuleNotFoundError as exc:
            if exc.name != f"phoihop.{app}.tests.walk":
                raise
    return found


def walk(patterns: list[Any], prefix: str = "", namespace: str = "") -> Iterator[tuple[str, URLPattern]]:
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif p.name:
            yield f"{namespace}{p.name}", p


def routes() -> list[tuple[str, URLPattern]]:
    return [(name, p) for name, p in walk(get_resolver().url_patterns) if not name.startswith("admin:")]


def view_rule(pattern: URLPattern) -> str | None:
    view = pattern.callback
    return getattr(view, "access_rule", None) or getattr(getattr(view, "view_class", None), "access_rule", None)


def test_it_declares_a_rule_for_every_route() -> None:
    missing = [name for name, p in routes() if view_rule(p) not in {"public", "authenticated", "object", "staff"}]
    assert not missing, f"routes without an access rule: {missing}"


@pytest.fixture
def world(agreement: Any, orgs: dict[str, Any], users: dict[str, Any]) -> dict[str, Any]:
    from phoihop.attachments.services import attachment_add
    from phoihop.events.models import Attendee, Event

    event = Event.objects.create(kind="signing", title=SECRET_EVENT, date=datetime.date(2022, 9, 15), host=orgs["district"])
    event.agreements.add(agreement)
    person = agreement.parties.get(role="lead").signatory
    Attendee.objects.create(event=event, person=person, full_name=person.full_name, rank="Thượng tá")
    pdf = SimpleUploadedFile("ban-ky.pdf", b"%PDF-1.4\n% test\n", content_type="application/pdf")
    attachment = attachment_add(actor=users["alice"], owner=agreement, upload=pdf, kind="signed_scan")
    from phoihop.plans.services import plan_create

    plan = plan_create(actor=users["alice"], agreement=agreement, year=2024)
    task = plan.tasks.get(number=1)
    from phoihop.activities.services import activity_create

    activity = activity_create(
        actor=users["alice"], task=task, organizations=[orgs["district"]],
        fields={"title": "Tuyên truyền Luật Nghĩa vụ quân sự", "start_date": datetime.date(2024, 3, 1)},
    )
    world = {
        "agreement": agreement, "event": event, "person": person, "attachment": attachment, "org": orgs["district"],
        "plan": plan, "task": task, "activity": activity,
    }
    for extension in walk_extensions():
        if hasattr(extension, "extend_world"):
            extension.extend_world(world, users, orgs)
    return world


def target(name: str, world: dict[str, Any]) -> tuple[Any, set[str], set[str]] | None:
    """The record a route with a pk is about, who may see it, and who may change it."""
    # An app's own mapping first: it knows its routes better than the prefixes below.
    for extension in walk_extensions():
        found = extension.target(name, world) if hasattr(extension, "target") else None
        if found is not None:
            return found
    if name.startswith("agreements:"):
        return world["agreement"], SEES_AGREEMENT, EDITS_AGREEMENT
    # Plans and tasks are seen and edited exactly as their agreement.
    if name == "plans:create":
        return world["agreement"], SEES_AGREEMENT, EDITS_AGREEMENT
    if name == "plans:task_create":
        return world["plan"], SEES_AGREEMENT, EDITS_AGREEMENT
    if name.startswith("plans:task"):
        return world["task"], SEES_AGREEMENT, EDITS_AGREEMENT
    if name.startswith("plans:"):
        return world["plan"], SEES_AGREEMENT, EDITS_AGREEMENT
    if name in ("activities:approve", "activities:return"):
        return world["activity"], SEES_ACTIVITY, APPROVES_ACTIVITY
    if name.startswith("activities:"):
        return world["activity"], SEES_ACTIVITY, WRITES_ACTIVITY
    if name.startswith("events:"):
        return world["event"], SEES_EVENT, EDITS_EVENT
    if name.startswith("orgs:person"):
        return world["person"], SEES_PERSON, EDITS_PERSON
    if name.startswith("orgs:"):
        return world["org"], set(ALL_USERS), EDITS_REGISTRY
    if name.startswith("core:attachment"):
        return world["attachment"], SEES_AGREEMENT, EDITS_AGREEMENT
    return None


def changes_data(name: str) -> bool:
    short = name.split(":")[-1]
    words = [
        "edit", "archive", "upload", "create", "restore", "delete", "succession",
        "submit", "approve", "return", "reopen",
    ]
    for extension in walk_extensions():
        words.extend(getattr(extension, "CHANGING_WORDS", ()))
    return any(word in short for word in words)


def url_for(name: str, pattern: URLPattern, world: dict[str, Any]) -> tuple[str, str | None]:
    converters = pattern.pattern.converters
    if not converters:
        return reverse(name), None
    for extension in walk_extensions():
        kwargs = extension.url_kwargs(name, world) if hasattr(extension, "url_kwargs") else None
        if kwargs is not None:
            return reverse(name, kwargs=kwargs), None
    if set(converters) != {"pk"}:
        pytest.fail(f"{name}: the walk does not know how to build arguments {sorted(converters)}; teach it")
    found = target(name, world)
    if found is None:
        pytest.fail(f"{name}: the walk does not know which record this route is about; teach it")
    return reverse(name, kwargs={"pk": found[0].pk}), reverse(name, kwargs={"pk": 987654})


def test_it_sends_anonymous_users_to_sign_in(client: Any, world: dict[str, Any]) -> None:
    for name, pattern in routes():
        url, _ = url_for(name, pattern, world)
        response = client.get(url)
        if view_rule(pattern) == "public":
            assert response.status_code < 500, name
            continue
        assert response.status_code == 302 and "/dang-nhap/" in response["Location"], name
        assert client.post(url).status_code in (302, 403), name


@pytest.mark.parametrize("username", ALL_USERS)
def test_it_shows_and_changes_only_what_the_rules_allow(client: Any, users: dict[str, Any], world: dict[str, Any], username: str) -> None:
    from phoihop.agreements.models import Agreement

    client.force_login(users[username])
    before = Agreement.history.count()
    for name, pattern in routes():
        rule = view_rule(pattern)
        if rule == "public":
            continue
        url, missing_url = url_for(name, pattern, world)
        found = target(name, world) if missing_url else None
        response = client.get(url)
        status = response.status_code
        assert status < 500, f"{name} as {username}: {status}"
        if rule == "staff":
            if username not in EDITS_REGISTRY:
                assert status in (403, 404), f"{name} as {username}: {status}"
            continue
        if found is not None:
            _, sees, edits = found
            if username not in sees:
                # 405 is fine only when the route refuses GET whatever the record.
                allowed = {404} | ({405} if client.get(missing_url).status_code == 405 else set())
                assert status in allowed, f"{name} as {username} (outsider): {status}"
                assert client.post(url).status_code == 404, f"POST {name} as {username} (outsider)"
                continue
            if changes_data(name) and username not in edits:
                assert status in (403, 405), f"{name} as {username} (read-only): {status}"
                assert client.post(url).status_code == 403, f"POST {name} as {username} (read-only)"
                continue
        if status == 200 and response.get("Content-Type", "").startswith("text/html"):
            body = response.content.decode()
            if username not in SEES_AGREEMENT:
                assert SECRET_TITLE not in body, f"{name} leaks the agreement to {username}"
            if username not in SEES_EVENT:
                assert SECRET_EVENT not in body, f"{name} leaks the event to {username}"
            if username not in SEES_PERSON:
                assert SECRET_PERSON not in body, f"{name} leaks the person to {username}"
    if username not in EDITS_AGREEMENT:
        assert Agreement.history.count() == before, f"{username} changed an agreement"


@pytest.mark.parametrize("username", ALL_USERS)
def test_it_searches_only_what_the_user_may_see(client: Any, users: dict[str, Any], world: dict[str, Any], username: str) -> None:
    client.force_login(users[username])
    cases = [
        ("chuong trinh phoi hop tuyen giao", SECRET_TITLE, SEES_AGREEMENT),
        ("nguyen van an", SECRET_PERSON, SEES_PERSON),
        ("HOI NGHI KY KET bi mat", SECRET_EVENT, SEES_EVENT),
    ]
    for query, text, seers in cases:
        body = client.get(reverse("core:search"), {"q": query}).content.decode()
        assert (text in body) == (username in seers), (query, username)
