"""The menu's counts and links, given to every page by the portal's context processors."""

from __future__ import annotations

from typing import Any

from django.test import RequestFactory

from phoihop.notifications.tests.fixtures import draft_activity  # noqa: F401  (shared fixture)
from phoihop.plans.tests.conftest import plan, task  # noqa: F401  (shared fixtures)
from phoihop.portal.context_processors import approvals


def test_the_context_processor_counts_the_approvals_waiting(
    users: dict[str, Any],
    draft_activity: Any,  # noqa: F811
) -> None:
    from phoihop.activities.services import activity_submit

    request = RequestFactory().get("/")
    request.user = users["leader"]
    assert approvals(request)["approvals_waiting"] == 0
    activity_submit(actor=users["alice"], activity=draft_activity)
    request.user = type(users["leader"]).objects.get(pk=users["leader"].pk)
    assert approvals(request)["approvals_waiting"] == 1
    request.user = users["alice"]  # an officer approves nothing
    assert approvals(request)["approvals_waiting"] == 0
