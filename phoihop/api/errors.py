"""Errors as JSON, the same shape for every one:

    {"code": "not_found", "message": {"vi": "…", "en": "…"}, "fields": {"title": [{"vi", "en"}]}}

``code`` is stable (clients branch on it); the message is for people, in Vietnamese and in
English; ``fields`` names the input that was refused, each with its messages (empty otherwise).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TypeAlias

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from phoihop.core.versioning import StaleEdit

STATUS = {
    "bad_request": 400,
    "unauthorized": 401,
    "forbidden": 403,
    "not_found": 404,
    "method_not_allowed": 405,
    "precondition_failed": 412,
    "validation_error": 422,
    "rate_limited": 429,
}

MESSAGES: dict[str, Promise] = {
    "bad_request": _("Yêu cầu không đọc được (JSON không hợp lệ)."),
    "unauthorized": _("Cần đăng nhập hoặc gửi khoá truy cập: Authorization: Bearer <khoá>."),
    "forbidden": _("Bạn không có quyền làm việc này."),
    "not_found": _("Không tìm thấy bản ghi, hoặc bạn không có quyền xem."),
    "method_not_allowed": _("Địa chỉ này không nhận phương thức đó."),
    "precondition_failed": _(
        "Bản ghi đã thay đổi từ khi bạn đọc nó (If-Match không khớp ETag hiện nay); đọc lại rồi gửi lại."
    ),
    "validation_error": _("Dữ liệu gửi lên chưa hợp lệ."),
    "rate_limited": _(
        "Khoá này đã gửi quá nhiều yêu cầu; chờ hết thời gian trong Retry-After rồi gửi lại."
    ),
}


# A message for people: a text, a lazy translation, or a Vietnamese text with its English.
MessageText: TypeAlias = "str | Promise | Pair"


class ApiError(Exception):
    """An answer other than success: a stable code, the message (lazy, so it is given in both
    languages) and per-field messages."""

    def __init__(
        self,
        code: str,
        message: MessageText | None = None,
        *,
        fields: Mapping[str, Iterable[MessageText]] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(code)
        self.code = code
        self.message: MessageText = message if message is not None else MESSAGES[code]
        self.fields = {name: list(texts) for name, texts in (fields or {}).items()}
        self.headers = dict(headers or {})


class Pair:
    """A message whose English is given as it is (pydantic's own words)."""

    def __init__(self, vi: str | Promise, en: str) -> None:
        self.vi, self.en = vi, en


def both(message: MessageText) -> dict[str, str]:
    """A message in Vietnamese and English. A lazy message is rendered in each language; a text
    the services already rendered (in Vietnamese: the API answers in Vietnamese) is looked up in
    the English catalogue, and stays Vietnamese where it was put together from parts."""
    if isinstance(message, Pair):
        return {"vi": both(message.vi)["vi"], "en": message.en or both(message.vi)["en"]}
    if isinstance(message, Promise):
        with translation.override("vi"):
            vi = str(message)
        with translation.override("en"):
            en = str(message)
        return {"vi": vi, "en": en}
    text = str(message)
    with translation.override("en"):
        en = translation.gettext(text) if text else text
    return {"vi": text, "en": en}


def error_response(error: ApiError) -> HttpResponse:
    body = {
        "code": error.code,
        "message": both(error.message),
        "fields": {name: [both(m) for m in texts] for name, texts in error.fields.items()},
    }
    response = JsonResponse(
        body, status=STATUS[error.code], json_dumps_params={"ensure_ascii": False}
    )
    for name, value in error.headers.items():
        response[name] = value
    return response


def _validation_fields(exc: ValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {
            ("" if name == NON_FIELD_ERRORS else name): [m for e in errors for m in e.messages]
            for name, errors in exc.error_dict.items()
        }
    return {}


def from_django_validation(exc: ValidationError) -> ApiError:
    """A service's refusal: with fields when it named them, else its first message is the
    error's message."""
    fields = _validation_fields(exc)
    general = fields.pop("", [])
    if not fields:
        return ApiError("validation_error", exc.messages[0] if exc.messages else None)
    if general:
        fields["_"] = general
    return ApiError("validation_error", fields=fields)


# The Vietnamese for the refusals pydantic gives in English, by its error type.
_PYDANTIC_VI = {
    "missing": _("Cần có giá trị này."),
    "int_parsing": _("Cần một số nguyên."),
    "int_type": _("Cần một số nguyên."),
    "date_from_datetime_parsing": _("Cần một ngày dạng YYYY-MM-DD."),
    "date_parsing": _("Cần một ngày dạng YYYY-MM-DD."),
    "date_type": _("Cần một ngày dạng YYYY-MM-DD."),
    "enum": _("Giá trị không thuộc các lựa chọn cho phép."),
    "literal_error": _("Giá trị không thuộc các lựa chọn cho phép."),
    "string_too_long": _("Chuỗi quá dài."),
    "greater_than_equal": _("Số quá nhỏ."),
    "less_than_equal": _("Số quá lớn."),
}


def from_ninja_validation(exc: NinjaValidationError) -> ApiError:
    fields: dict[str, list[Pair]] = {}
    for error in exc.errors:
        where = [str(p) for p in error.get("loc", ())]
        # ("body", <the operation's body parameter>, field…) or (<source>, field…)
        where = where[2:] if where[:1] == ["body"] else where[1:]
        name = ".".join(where) or "_"
        vi = _PYDANTIC_VI.get(str(error.get("type")), _("Giá trị không hợp lệ."))
        fields.setdefault(name, []).append(Pair(vi, str(error.get("msg", ""))))
    return ApiError("validation_error", fields=fields)


def as_api_error(exc: Exception) -> ApiError:
    """The ApiError for an exception raised in an operation; any other is re-raised (a 500)."""
    if isinstance(exc, ApiError):
        return exc
    if isinstance(exc, Http404):
        return ApiError("not_found")
    if isinstance(exc, PermissionDenied):
        return ApiError("forbidden")
    if isinstance(exc, StaleEdit):
        return ApiError("precondition_failed")
    if isinstance(exc, ValidationError):
        return from_django_validation(exc)
    if isinstance(exc, NinjaValidationError):
        return from_ninja_validation(exc)
    if isinstance(exc, AuthenticationError):
        return ApiError("unauthorized")
    if isinstance(exc, HttpError):
        code = {v: k for k, v in STATUS.items()}.get(exc.status_code, "bad_request")
        return ApiError(code)
    raise exc


def handle(request: HttpRequest, exc: Exception | type[Exception]) -> HttpResponse:
    assert isinstance(exc, Exception)  # ninja's signature also names the class
    return error_response(as_api_error(exc))
