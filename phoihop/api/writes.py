"""What the API's writes share: the audit row of a write made with a token, and a JSON body read
inside the operation, after its access checks.

A body declared as an operation's parameter is parsed before the operation runs, so an empty or
unreadable one would be answered 400 or 422 whoever sent it. A write on a record reads its body
with ``read_body`` once the record's getter has answered: an outsider is told 404 and a reader
403 before anything is said about what they sent, as the pages do (the route walk posts an
empty form to every route). ``documented_body`` puts the same schema in the OpenAPI document.
"""

from __future__ import annotations

import json
from typing import Any, TypeVar

import pydantic
from django import forms
from django.db import models
from django.http import HttpRequest
from django.utils.functional import lazy
from ninja import Schema
from ninja.errors import ValidationError as NinjaValidationError

from phoihop.api.auth import token_of
from phoihop.api.errors import ApiError
from phoihop.audit.models import AuditEvent
from phoihop.audit.services import record

S = TypeVar("S", bound=Schema)


def audit_write(request: HttpRequest, obj: models.Model, what: str) -> None:
    """Every write made with a token is in the audit log (the day's first use is, too)."""
    token = token_of(request)
    if token is not None:
        record(
            AuditEvent.Action.API_WRITE,
            obj=obj,
            actor=request.user,
            detail=f"{what} — {token.name} ({token.prefix}…)",
        )


def read_body(request: HttpRequest, schema: type[S]) -> S:
    """The request's JSON body as ``schema``: 400 when it is not JSON, 422 naming the fields
    it refuses. An empty body is an empty object."""
    data: Any = {}
    if request.body:
        try:
            data = json.loads(request.body)
        except (ValueError, UnicodeDecodeError):
            raise ApiError("bad_request") from None
    try:
        return schema.model_validate(data)
    except pydantic.ValidationError as exc:
        errors = [{**e, "loc": ("body", "data", *e["loc"])} for e in exc.errors(include_url=False)]
        raise NinjaValidationError(errors) from None


def documented_body(schema: type[Schema]) -> dict[str, Any]:
    """The ``openapi_extra`` that documents a body read by ``read_body``."""
    return {
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": schema.model_json_schema()}},
        }
    }


def _render(message: Any, params: Any) -> str:
    return str(message) % params if params else str(message)


_lazy_render = lazy(_render, str)


def form_refusal(form: forms.BaseForm) -> ApiError:
    """A page's form that refused the input, as the API's 422 naming each field; the messages
    stay translatable, so Django's own (a required field, an unknown choice) come in English
    too."""
    return ApiError(
        "validation_error",
        fields={
            name if name != "__all__" else "_": [_lazy_render(e.message, e.params) for e in errors]
            for name, errors in form.errors.as_data().items()
        },
    )
