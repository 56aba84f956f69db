"""One view path for archiving and restoring a record: deleting is archiving (DESIGN §3).

The owning app's view finds the record with its access getter (404 / 403 as usual) and names
its two services and two messages; this does the rest the same way for every record."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from phoihop.core.access import signed_in

if TYPE_CHECKING:
    from django.contrib.auth.models import User


class Addressed(Protocol):
    def get_absolute_url(self) -> str: ...


class ArchiveService(Protocol):
    """An archive or restore service bound to its record (``functools.partial``)."""

    def __call__(self, *, actor: User) -> object: ...


def archive_or_restore(
    request: HttpRequest,
    record: Addressed,
    *,
    restoring: bool | None = None,
    archive: ArchiveService,
    restore: ArchiveService,
    archived_message: str,
    restored_message: str,
) -> HttpResponse:
    """Archive ``record`` or, when the form posts ``restore`` (or ``restoring`` is True), restore it
    through the owning service, bound to the record and called as ``service(actor=user)``
    (``functools.partial(services.event_archive, event=event)``). A refusal the service explains
    (ValidationError) becomes an error message; either way the user goes back to the record."""
    if restoring is None:
        restoring = bool(request.POST.get("restore"))
    service, done = (restore, restored_message) if restoring else (archive, archived_message)
    try:
        service(actor=signed_in(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done)
    return redirect(record)
