"""Vietnamese for everyone unless the user chose English; the browser's language is not asked.
Headers every response carries (Permissions-Policy, no caching of downloads). A NUL byte in an
address is a bad request."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import (
    FileResponse,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseBase,
)
from django.utils import translation
from django.utils.translation import gettext as _


class LanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.available = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
        # Only for this request: a worker thread must not keep one user's language for the next.
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


def is_download(response: HttpResponseBase) -> bool:
    """A file handed to the browser: an attachment, or a stored file served under its name.
    Static files (WhiteNoise serves them as file responses too, without a name) are not."""
    disposition = response.headers.get("Content-Disposition", "")
    if disposition.strip().lower().startswith("attachment"):
        return True
    return isinstance(response, FileResponse) and bool(disposition)


class ResponseHeadersMiddleware:
    """Headers every response carries, set in one place.

    - Permissions-Policy: the browser features phoihop never uses stay off for every page.
    - Downloads (generated Word and Excel files, uploaded attachments, CSV and data exports) are
      never kept by the browser or any cache between: ``Cache-Control: private, no-store``.
      The calendar feed is not a download in this sense (it is served inline and revalidated
      with its ETag), nor are photo thumbnails (kept privately for a day by the view).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self.permissions_policy = settings.PERMISSIONS_POLICY

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if self.permissions_policy:
            response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        if is_download(response):
            response.headers["Cache-Control"] = "private, no-store"
        return response


class RefuseNulBytesMiddleware:
    """A NUL byte has no place in an address or its parameters: such a request is answered
    400 before any view reads it. PostgreSQL refuses NUL in text, so a ``%00`` in a search box,
    a filter or a calendar link would otherwise reach the database and fail there."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        params = request.GET.lists()
        if "\x00" in request.path_info or any(
            "\x00" in key or any("\x00" in value for value in values) for key, values in params
        ):
            return HttpResponseBadRequest(
                _("Địa chỉ hoặc tham số tìm kiếm chứa ký tự không hợp lệ (ký tự NUL)."),
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)
