"""What the access walk needs to know about the notifications routes (expectations by hand)."""

from __future__ import annotations

from typing import Any

# A notification is its user's alone: nobody else reaches it, staff included.
SEES_NOTIFICATION = {"alice"}

def extend_world(world: dict[str, Any], users: dict[str, Any], orgs: dict[str, Any]) -> None:
    from django.urls import reverse

    from phoihop.notifications.services import feed_token_for, notify

    notify(
        users=[users["alice"]],
        kind="task_due_soon",
        title="Nhiệm vụ sắp đến hạn: thông báo của alice",
        url=reverse("plans:task_detail", args=[world["task"].pk]),
    )
    # The world's hand-overs tell alice of other things too: this is the one made here.
    world["notification"] = users["alice"].notifications.get(title="Nhiệm vụ sắp đến hạn: thông báo của alice")
    world["feed_token"] = feed_token_for(users["alice"])


def target(name: str, world: dict[str, Any]) -> tuple[Any, set[str], set[str]] | None:
    if name in ("notifications:open", "notifications:mark_read", "notifications:clear"):
        return world["notification"], SEES_NOTIFICATION, SEES_NOTIFICATION
    return None


def url_kwargs(name: str, world: dict[str, Any]) -> dict[str, Any] | None:
    if name == "notifications:feed":
        return {"token": world["feed_token"].token}
    return None
