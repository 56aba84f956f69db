"""Who reaches an attachment: exactly whoever reaches the record it belongs to.

Attachments know no domain app. Each app that owns files registers, in its ``AppConfig.ready``,
a check for its model: given the user, the owner's id and whether the files are to be changed,
it returns when allowed and raises ``Http404`` (not there, or not yours) or ``PermissionDenied``
(yours to read, not to change), as the owner's own ``get_<obj>_for_user`` does."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.db import models
from django.http import Http404

from phoihop.attachments.models import Attachment

if TYPE_CHECKING:
    from phoihop.core.access import AnyUser

OwnerCheck = Callable[["AnyUser", int, bool], None]

_owner_checks: dict[str, OwnerCheck] = {}


def register_owner(model: type[models.Model], check: OwnerCheck) -> None:
    """Let ``model``'s records own attachments, reachable as ``check`` allows."""
    _owner_checks[model._meta.label_lower] = check


def get_attachment_for_user(user: AnyUser, pk: int, *, for_edit: bool = False) -> Attachment:
    """An attachment is reachable exactly when the record it belongs to is."""
    attachment: Attachment | None = (
        Attachment.objects.select_related("content_type").filter(pk=pk).first()
    )
    if attachment is None:
        raise Http404
    content_type = attachment.content_type
    check = _owner_checks.get(f"{content_type.app_label}.{content_type.model}")
    if check is None:
        raise Http404
    check(user, attachment.object_id, for_edit)
    return attachment
