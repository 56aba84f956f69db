"""The API object: version 1 at /api/v1/, its authentication and its errors."""

from __future__ import annotations

import functools
import json

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from ninja import NinjaAPI
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.renderers import JSONRenderer

from phoihop.api import (
    activities,
    agreements,
    attachments,
    documents,
    errors,
    events,
    inspections,
    organizations,
    people,
    plans,
    reports,
    reviews,
)
from phoihop.api.auth import SessionAuth, TokenAuth
from phoihop.core.versioning import StaleEdit

DESCRIPTION = """
phoihop's records for other systems (e-office, reporting portals), with the same access rules as
the pages: you see and change exactly what you see and change in the app.

**Authentication.** A personal access token made on your account page (Tài khoản → Khoá truy
cập API), sent as `Authorization: Bearer php_…`; a read-only token is refused every write (403).
In the browser, your signed-in session (writes carry the `X-CSRFToken` header). Each token, and
each user calling through the session, makes a limited number of requests a minute (429 with
`Retry-After` past that).

**Errors** are JSON: `{"code": …, "message": {"vi": …, "en": …}, "fields": {…}}` with a stable
`code`: `unauthorized` (401), `forbidden` (403), `not_found` (404: missing or not yours alike),
`precondition_failed` (412), `validation_error` (422), `rate_limited` (429, with `Retry-After`),
`bad_request` (400).

**Records** carry an `ETag`: `If-None-Match` answers 304 when unchanged; a write with `If-Match`
is refused with 412 when the record changed since it was read. A person, an event, an annual plan
and a task show more than their own record (titles, the agreements you may open, progress from
approved activities): their tag is that of the answer, and changes whenever the answer does.

**Lists** are paginated (at most 100 rows a page) and filtered as the list pages are.

**Documents** generated from the record (an agreement's, an annual plan's, a review's report,
annex and commendation documents) are downloaded as Word or Excel files, named in ASCII
(`filename`) and in Vietnamese (`filename*`). `GET …/documents` lists a record's documents. A
review report or annex over more than five agreements is made in the background, as on the
pages: the request answers 202 with the job (`Location`, `Retry-After`); poll
`/review-documents/{id}` until its status is `done`, then download its `file_url`.

**Writes** follow the pages: an activity is recorded, changed while a draft or returned, sent,
approved or returned by a leader of its organiser, and corrected by a revision once approved;
its files are uploaded as `multipart/form-data`; a party's periodic report is started, changed
and sent; what was done about an inspection's recommendation is recorded. A write on a record
answers 404 if you do not see the record and 403 if you may only read it, before it looks at
what you sent (only a `PATCH` body that does not validate is refused first, 400 or 422).
"""


class Renderer(JSONRenderer):
    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    renderer=Renderer(),
    title="phoihop API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    auth=[TokenAuth(), SessionAuth()],
    # The schema and the documentation page are served by phoihop.api.views (signed-in users,
    # vendored assets).
    openapi_url=None,
    docs_url=None,
)

for exc_class in (
    errors.ApiError,
    Http404,
    PermissionDenied,
    StaleEdit,
    DjangoValidationError,
    NinjaValidationError,
    HttpError,
):
    api.add_exception_handler(exc_class, errors.handle)

api.add_router("/", organizations.router)
api.add_router("/", agreements.router)
api.add_router("/", activities.router)
api.add_router("/", reviews.router)
api.add_router("/", documents.router)
api.add_router("/", attachments.router)
api.add_router("/", reports.router)
api.add_router("/", inspections.router)
api.add_router("/", people.router)
api.add_router("/", events.router)
api.add_router("/", plans.router)


@api.get("/openapi.json", include_in_schema=False, url_name="openapi")
def openapi_schema(request: HttpRequest) -> HttpResponse:
    """The OpenAPI 3.1 schema, to a token as to a signed-in browser."""
    body = schema_json(request.path.removesuffix("openapi.json"))
    return HttpResponse(body, content_type="application/json")


@functools.lru_cache(maxsize=4)
def schema_json(path_prefix: str) -> bytes:
    """The schema as served under ``path_prefix``, built once a process.

    It depends only on the code (the routes, their schemas, the Vietnamese descriptions), not on
    the caller or the data, and building it walks every operation: about 0.4 s a request. The
    prefix is that of the one route above (a few values at most, behind a mounted path)."""
    with translation.override("vi"):
        schema = api.get_openapi_schema(path_prefix=path_prefix)
    return json.dumps(dict(schema), cls=DjangoJSONEncoder, ensure_ascii=False).encode()
