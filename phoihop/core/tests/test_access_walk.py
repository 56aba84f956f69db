"""Walk every URL route with users of every role, inside and outside the parties, and anonymous.

The expectations here are written out by hand from DESIGN §4 for the fixture world (see
phoihop/conftest.py), not computed by the access module they check.
"""

from __future__ import annotations

import copy
import datetime
import importlib
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from phoihop.accounts.tests.walk import MEMBER_ADMINS, SESSION_OWNER, TOKEN_OWNER
from phoihop.audit.tests.walk import STAFF_ONLY
from phoihop.dashboards.tests.walk import SEES_DISTRICT
from phoihop.exchange.tests.walk import (
    EDITS_INSPECTION,
    FOLLOWS_UP,
    RECORDS_INSPECTION,
    SEES_DRAFT,
    WRITES_ANY_REPORT,
    WRITES_REPORT,
)
from phoihop.notifications.tests.walk import SEES_NOTIFICATION as NOTIFIED
from phoihop.reviews.tests.walk import CONTRIBUTES, EDITS_MOVEMENT, SIGNS_OFF
from phoihop.testing.walk import Post, reads, writes

# The root fixtures taken from the walk's world (a module that imports `world` imports these).
from phoihop.testing.world_fixtures import world_agreement, world_orgs, world_users  # noqa: F401

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
# Officers and leaders of any organisation, and staff: those who may start a record of their own.
OFFICERS = {"alice", "leader", "coop_officer", "subordinate", "charlie", "staff"}

# Apps teach the walk about their own routes in ``phoihop/<app>/tests/walk.py``, which may define
#   extend_world(world, users, orgs) -> None   adds the app's records to the world (a dict);
#   target(name, world) -> (record, sees, edits) | None   for the app's routes with a pk;
#   POSTS = {name: Post, ...}   what an empty POST to each of the app's routes answers each user
#       (see `Post` below);
#   url_kwargs(name, world) -> dict | None   arguments for routes not keyed by a pk (a token, a
#       year); such a route is then checked for "no server error" only, and its own tests
#       check who gets what.
# The expectations there are written out by hand, as here.
WALK_APPS = ["orgs", "exchange", "notifications", "dashboards", "reviews", "documents", "audit", "accounts", "api", "imports"]


# What an empty POST to each route answers each user, written out by hand (see
# phoihop/testing/walk.py for `writes` and `reads`). A route the walk meets without an
# entry here fails `test_it_knows_what_a_post_answers_on_every_route`. An empty form is refused
# with its page again (200) or taken as it is (302); a route that takes only GET answers 405.
POSTS: dict[str, Post] = {
    "core:home": reads(200),
    "core:search": reads(200),
    "core:attachment_download": reads(200, SEES_AGREEMENT),
    "core:attachment_thumbnail": reads(404),
    "core:attachment_archive": writes(302, EDITS_AGREEMENT, SEES_AGREEMENT),
    "accounts:login": reads(302),
    "accounts:verify": reads(302),
    "accounts:logout": reads(302),
    "accounts:account": reads(200),
    "accounts:password_change": reads(200),
    "accounts:sessions": reads(200),
    "accounts:session_end": writes(302, SESSION_OWNER, SESSION_OWNER),
    "accounts:session_end_others": writes(302, ALL_USERS),
    "accounts:api_tokens": reads(200),
    "accounts:api_token_revoke": writes(302, TOKEN_OWNER, TOKEN_OWNER),
    "accounts:otp_setup": reads(200),
    "accounts:otp_recovery": reads(302),
    "accounts:otp_disable": reads(302),
    "accounts:invitation_accept": reads(409),
    "accounts:invite_revoke": writes(302, MEMBER_ADMINS, MEMBER_ADMINS),
    "accounts:members": reads(200, MEMBER_ADMINS),
    "accounts:invite": reads(200, MEMBER_ADMINS),
    "accounts:member_role": writes(302, MEMBER_ADMINS, MEMBER_ADMINS),
    "accounts:member_active": writes(302, MEMBER_ADMINS, MEMBER_ADMINS),
    "orgs:list": reads(200),
    "orgs:tree": reads(200),
    "orgs:tree_children": reads(405),
    "orgs:autocomplete": reads(405),
    "orgs:create": writes(200, EDITS_REGISTRY, ALL_USERS),
    "orgs:detail": reads(200),
    "orgs:edit": writes(200, EDITS_REGISTRY, ALL_USERS),
    "orgs:archive": writes(302, EDITS_REGISTRY, ALL_USERS),
    "orgs:succession_create": writes(200, EDITS_REGISTRY, ALL_USERS),
    "orgs:succession_transfer": writes(200, EDITS_REGISTRY, ALL_USERS),
    "orgs:communes": reads(405),
    "orgs:person_list": reads(200),
    "orgs:person_create": writes(200, OFFICERS, ALL_USERS),
    "orgs:person_detail": reads(200, SEES_PERSON),
    "orgs:person_edit": writes(200, EDITS_PERSON, SEES_PERSON),
    "orgs:person_archive": writes(302, EDITS_PERSON, SEES_PERSON),
    "agreements:list": reads(200),
    "agreements:autocomplete": reads(200),
    "agreements:create": writes(200, OFFICERS, ALL_USERS),
    "agreements:detail": reads(200, SEES_AGREEMENT),
    "agreements:edit": writes(200, EDITS_AGREEMENT, SEES_AGREEMENT),
    "agreements:archive": writes(302, EDITS_AGREEMENT, SEES_AGREEMENT),
    "agreements:attachment_upload": writes(302, EDITS_AGREEMENT, SEES_AGREEMENT),
    "agreements:renewal_create": writes(200, EDITS_AGREEMENT, SEES_AGREEMENT),
    "agreements:review_flag_delete": writes(302, EDITS_AGREEMENT, SEES_AGREEMENT),
    "events:list": reads(200),
    "events:create": writes(200, OFFICERS, ALL_USERS),
    "events:detail": reads(200, SEES_EVENT),
    "events:edit": writes(200, EDITS_EVENT, SEES_EVENT),
    "events:archive": writes(302, EDITS_EVENT, SEES_EVENT),
    "events:attachment_upload": writes(302, EDITS_EVENT, SEES_EVENT),
    "events:agreement_panel": reads(200, SEES_AGREEMENT),
    "plans:agreement_panel": reads(200, SEES_AGREEMENT),
    "plans:create": writes(302, EDITS_AGREEMENT, SEES_AGREEMENT),
    "plans:detail": reads(200, SEES_AGREEMENT),
    "plans:task_create": writes(200, EDITS_AGREEMENT, SEES_AGREEMENT),
    "plans:task_detail": reads(200, SEES_AGREEMENT),
    "plans:task_edit": writes(200, EDITS_AGREEMENT, SEES_AGREEMENT),
    "plans:task_indicator_edit": writes(200, EDITS_AGREEMENT, SEES_AGREEMENT),
    "activities:list": reads(200),
    "activities:inbox": reads(200),
    "activities:create": writes(302, ALL_USERS),
    "activities:detail": reads(200, SEES_ACTIVITY),
    "activities:edit": writes(200, WRITES_ACTIVITY, SEES_ACTIVITY),
    "activities:submit": writes(302, WRITES_ACTIVITY, SEES_ACTIVITY),
    "activities:approve": writes(302, APPROVES_ACTIVITY, SEES_ACTIVITY),
    "activities:return": writes(302, APPROVES_ACTIVITY, SEES_ACTIVITY),
    "activities:reopen": writes(302, WRITES_ACTIVITY, SEES_ACTIVITY),
    "activities:attachment_upload": writes(302, WRITES_ACTIVITY, SEES_ACTIVITY),
    "activities:task_panel": reads(200, SEES_AGREEMENT),
    "exchange:report_list": reads(200),
    "exchange:schedule": reads(200, SEES_AGREEMENT),
    "exchange:schedule_edit": writes(200, EDITS_AGREEMENT, SEES_AGREEMENT),
    "exchange:report_create": writes(302, WRITES_ANY_REPORT, SEES_AGREEMENT),
    "exchange:report_detail": reads(200, SEES_DRAFT),
    "exchange:report_edit": writes(200, WRITES_REPORT, SEES_DRAFT),
    "exchange:report_submit": writes(302, WRITES_REPORT, SEES_DRAFT),
    "exchange:report_archive": writes(302, WRITES_REPORT, SEES_DRAFT),
    "exchange:report_restore": writes(302, WRITES_REPORT, SEES_DRAFT),
    "exchange:inspection_list": reads(200),
    "exchange:inspection_create": writes(200, RECORDS_INSPECTION, SEES_AGREEMENT),
    "exchange:inspection_detail": reads(200, SEES_AGREEMENT),
    "exchange:inspection_edit": writes(200, EDITS_INSPECTION, SEES_AGREEMENT),
    "exchange:inspection_archive": writes(302, EDITS_INSPECTION, SEES_AGREEMENT),
    "exchange:inspection_restore": writes(302, EDITS_INSPECTION, SEES_AGREEMENT),
    "exchange:inspection_attachment_upload": writes(302, EDITS_INSPECTION, SEES_AGREEMENT),
    "exchange:recommendation_create": writes(302, EDITS_INSPECTION, SEES_AGREEMENT),
    "exchange:recommendation_edit": writes(200, EDITS_INSPECTION, SEES_AGREEMENT),
    "exchange:recommendation_followup": writes(302, FOLLOWS_UP, SEES_AGREEMENT),
    "exchange:recommendation_close": writes(302, EDITS_INSPECTION, SEES_AGREEMENT),
    "notifications:list": reads(200),
    "notifications:open": reads(302, NOTIFIED),
    "notifications:mark_read": writes(302, NOTIFIED, NOTIFIED),
    "notifications:clear": writes(302, NOTIFIED, NOTIFIED),
    "notifications:mark_read_all": writes(302, ALL_USERS),
    "notifications:clear_all": writes(302, ALL_USERS),
    "notifications:preferences": reads(302),
    "notifications:calendar": reads(200),
    "notifications:agenda": reads(200),
    "notifications:feed_settings": reads(200),
    "notifications:feed_reset": writes(302, ALL_USERS),
    "notifications:feed": reads(200),
    "dashboards:home": reads(200),
    "dashboards:organization": reads(200, SEES_DISTRICT),
    "dashboards:subordinates": reads(200, SEES_DISTRICT),
    "dashboards:agreement": reads(200, SEES_AGREEMENT),
    "dashboards:tasks": reads(200),
    "reviews:list": reads(200),
    "reviews:agreement_panel": reads(200, SEES_AGREEMENT),
    "reviews:create": writes(200, EDITS_AGREEMENT, SEES_AGREEMENT),
    "reviews:detail": reads(200, SEES_AGREEMENT),
    "reviews:edit": writes(200, EDITS_AGREEMENT, SEES_AGREEMENT),
    "reviews:sign_off": writes(302, SIGNS_OFF, SEES_AGREEMENT),
    "reviews:archive": writes(302, EDITS_AGREEMENT, SEES_AGREEMENT),
    "reviews:contribution_edit": writes(200, CONTRIBUTES, SEES_AGREEMENT),
    "reviews:commendation_propose": writes(200, EDITS_AGREEMENT, SEES_AGREEMENT),
    "reviews:download_docx": reads(200, SEES_AGREEMENT),
    "reviews:download_xlsx": reads(200, SEES_AGREEMENT),
    "reviews:commendations_docx": reads(200, SEES_AGREEMENT),
    "reviews:commendations_xlsx": reads(200, SEES_AGREEMENT),
    "reviews:commendation_documents": reads(200, SEES_AGREEMENT),
    "reviews:commendation_number_reserve": writes(302, EDITS_AGREEMENT, SEES_AGREEMENT),
    "reviews:commendation_decision_docx": reads(200, SEES_AGREEMENT),
    "reviews:commendation_submission_docx": reads(200, SEES_AGREEMENT),
    "reviews:document": reads(200, SEES_AGREEMENT),
    "reviews:document_file": reads(200, SEES_AGREEMENT),
    "reviews:commendation_list": reads(200),
    "reviews:commendation_create": writes(200, OFFICERS, ALL_USERS),
    "reviews:commendation_decide": writes(200, EDITS_AGREEMENT, SEES_AGREEMENT),
    "reviews:commendation_archive": writes(302, EDITS_AGREEMENT, SEES_AGREEMENT),
    "reviews:movement_list": reads(200),
    "reviews:movement_create": writes(200, OFFICERS, ALL_USERS),
    "reviews:movement_detail": reads(200),
    "reviews:movement_edit": writes(200, EDITS_MOVEMENT, ALL_USERS),
    "reviews:movement_archive": writes(302, EDITS_MOVEMENT, ALL_USERS),
    "documents:agreement": reads(200, SEES_AGREEMENT),
    "documents:agreement_docx": reads(405, SEES_AGREEMENT),
    "documents:agreement_xlsx": reads(405, SEES_AGREEMENT),
    "documents:agreement_number_reserve": writes(302, EDITS_AGREEMENT, SEES_AGREEMENT),
    "documents:plan_docx": reads(405, SEES_AGREEMENT),
    "documents:plan_xlsx": reads(405, SEES_AGREEMENT),
    "documents:plan_number_reserve": writes(302, EDITS_AGREEMENT, SEES_AGREEMENT),
    "document_files:agreement_pdf": reads(405, SEES_AGREEMENT),
    "document_files:plan_pdf": reads(405, SEES_AGREEMENT),
    "document_files:review_pdf": reads(405, SEES_AGREEMENT),
    "document_files:commendations_pdf": reads(405, SEES_AGREEMENT),
    "document_files:commendation_decision_pdf": reads(405, SEES_AGREEMENT),
    "document_files:commendation_submission_pdf": reads(405, SEES_AGREEMENT),
    "document_files:pdf": reads(200, SEES_AGREEMENT),
    "document_files:pdf_download": reads(200, SEES_AGREEMENT),
    "document_files:agreement_signed_upload": writes(302, EDITS_AGREEMENT, SEES_AGREEMENT),
    "document_files:plan_signed_upload": writes(302, EDITS_AGREEMENT, SEES_AGREEMENT),
    "document_files:review_signed_upload": writes(302, EDITS_AGREEMENT, SEES_AGREEMENT),
    "audit:log": reads(405),
    "audit:log_export": reads(405),
    "audit:person_export": reads(405),
    "audit:person_anonymise": writes(200, STAFF_ONLY, ALL_USERS),
    "ops:healthz": reads(405),
    "ops:readyz": reads(405),
    "set_language": reads(302),
}


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
    missing = [name for name, p in routes() if view_rule(p) not in {"public", "authenticated", "object", "staff", "api"}]
    assert not missing, f"routes without an access rule: {missing}"


def build_world(layers: dict[str, Any]) -> dict[str, Any]:
    """The records the walk's routes are about, on the root fixtures' agreement."""
    from phoihop.attachments.services import attachment_add
    from phoihop.events.models import Attendee, Event

    agreement, orgs, users = layers["agreement"], layers["orgs"], layers["users"]
    event = Event.objects.create(kind="signing", title=SECRET_EVENT, date=datetime.date(2022, 9, 15), host=orgs["district"])
    event.agreements.add(agreement)
    person = agreement.parties.get(role="lead").signatory
    Attendee.objects.create(event=event, person=person, full_name=person.full_name, rank="Thượng tá")
    pdf = SimpleUploadedFile("ban-ky.pdf", b"%PDF-1.4\n% test\n", content_type="application/pdf")
    attachment = attachment_add(actor=users["alice"], owner=agreement, upload=pdf, kind="signed_scan")
    from phoihop.testing.builders import make_activity, make_plan

    plan = make_plan(actor=users["alice"], agreement=agreement, year=2024)
    task = plan.tasks.get(number=1)
    activity = make_activity(
        actor=users["alice"], task=task, orgs=[orgs["district"]],
        title="Tuyên truyền Luật Nghĩa vụ quân sự", day=datetime.date(2024, 3, 1),
    )
    world = {
        "agreement": agreement, "event": event, "person": person, "attachment": attachment, "org": orgs["district"],
        "plan": plan, "task": task, "activity": activity,
    }
    for extension in walk_extensions():
        if hasattr(extension, "extend_world"):
            extension.extend_world(world, users, orgs)
    return world


@pytest.fixture
def layered(request: pytest.FixtureRequest, db: Any) -> dict[str, Any]:
    """The root fixtures and the walk's world, built by the first test of the process that asks
    for them and written back for the others (testing/kept.py)."""
    from phoihop.testing.base_world import layered_world

    return layered_world(request, "the route walk's world", {"world": build_world})


@pytest.fixture
def world(layered: dict[str, Any]) -> dict[str, Any]:
    return layered["world"]  # type: ignore[no-any-return]


def target(name: str, world: dict[str, Any]) -> tuple[Any, set[str], set[str]] | None:
    """The record a route with a pk is about, who may see it, and who may change it."""
    # An app's own mapping first: it knows its routes better than the prefixes below.
    for extension in walk_extensions():
        found = extension.target(name, world) if hasattr(extension, "target") else None
        if found is not None:
            return found
    if name.startswith("agreements:"):
        return world["agreement"], SEES_AGREEMENT, EDITS_AGREEMENT
    # The agreement page's panels (plans', events') are about the agreement, seen as it is.
    if name in ("plans:agreement_panel", "events:agreement_panel"):
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
    # The task page's panel of activities is about the task, seen as its agreement is.
    if name == "activities:task_panel":
        return world["task"], SEES_AGREEMENT, EDITS_AGREEMENT
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
    return posts()[name].changes


def posts() -> dict[str, Post]:
    found = dict(POSTS)
    for extension in walk_extensions():
        found.update(getattr(extension, "POSTS", {}))
    return found


def post_in_savepoint(client: Any, url: str) -> int:
    """POSTs an empty form and undoes whatever it wrote, cookies included (a sign-out, a language)."""
    from django.db import transaction

    cookies = copy.deepcopy(client.cookies)
    with transaction.atomic():
        status = client.post(url).status_code
        transaction.set_rollback(True)
    client.cookies = cookies
    return int(status)


def test_it_knows_what_a_post_answers_on_every_route() -> None:
    known = posts()
    missing = [name for name, _ in routes() if name not in known]
    assert not missing, f"routes without a POST expectation (POSTS): {missing}"
    assert not set(known) - {name for name, _ in routes()}, "POSTS names routes that do not exist"


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
        if view_rule(pattern) == "api":
            # The API answers for itself: 401 in JSON (405 first where the route refuses the method).
            assert response.status_code in (401, 405), name
            if response.status_code == 401:
                assert response.json()["code"] == "unauthorized", name
            assert client.post(url).status_code in (401, 405), name
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
        url, missing_url = url_for(name, pattern, world)
        # Every route gets its POST, answered as written in POSTS, and undone.
        expected = posts()[name]
        posted = post_in_savepoint(client, url)
        assert posted == expected.answers[username], f"POST {name} as {username}: {posted}"
        if rule == "public":
            continue
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
                assert missing_url is not None  # found only where a missing record's URL exists
                # 405 is fine only when the route refuses GET whatever the record.
                allowed = {404} | ({405} if client.get(missing_url).status_code == 405 else set())
                assert status in allowed, f"{name} as {username} (outsider): {status}"
                # Likewise 405 to a POST, only where the route refuses POST whatever the record.
                refuses_post = posted == 405 and post_in_savepoint(client, missing_url) == 405
                assert posted == 404 or refuses_post, f"POST {name} as {username} (outsider): {posted}"
                continue
            if expected.changes and username not in edits:
                assert status in (403, 405), f"{name} as {username} (read-only): {status}"
                assert posted == 403, f"POST {name} as {username} (read-only): {posted}"
                continue
        if status == 200 and response.get("Content-Type", "").startswith(("text/html", "application/json")):
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
