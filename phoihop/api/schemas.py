"""What the API takes and gives: separate input and output schemas, documented in the OpenAPI
schema. The outputs are built from the selectors' records by the routers (``*_out`` there)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Annotated

from ninja import Field, Schema

MAX_KEY = 2**63 - 1
# A record's key as the database can hold it: a larger number is refused, never queried.
Key = Annotated[int, Field(ge=1, le=MAX_KEY)]


class Message(Schema):
    vi: str
    en: str


class Error(Schema):
    code: str = Field(
        description="not_found, forbidden, unauthorized, validation_error, precondition_failed, "
        "rate_limited, bad_request, method_not_allowed"
    )
    message: Message
    fields: dict[str, list[Message]]


# Text with no NUL character: the server refuses those (400) before any operation reads them.
NO_NUL = r"^[^\x00]*$"

# The errors every operation may answer (phoihop.api.errors), documented in the schema.
ERRORS: dict[int, type[Schema] | None] = {code: Error for code in (400, 401, 403, 404, 422, 429)}
# A single record also answers 304 to an If-None-Match naming its current ETag.
READ_ERRORS: dict[int, type[Schema] | None] = {**ERRORS, 304: None}
# A write with a stale If-Match is refused.
WRITE_ERRORS: dict[int, type[Schema] | None] = {**ERRORS, 412: Error}


class Ref(Schema):
    """A record named by its key and name."""

    id: int
    name: str


class Choice(Schema):
    value: str
    label: str


# --- organisations ----------------------------------------------------------------------------


class Organization(Schema):
    id: int
    name: str
    short_name: str
    symbol: str
    kind: Choice
    level: Choice
    parent: Ref | None
    province_code: int | None
    commune_code: int | None
    locality_text: str
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    archived: bool


class Succession(Schema):
    id: int
    kind: Choice
    effective_date: datetime.date
    decided_on: datetime.date | None
    decision_number: str
    decision_issuer: str
    decision_title: str
    predecessors: list[Ref]
    successors: list[Ref]


class OrganizationDetail(Organization):
    notes: str
    successions_out: list[Succession] = Field(
        description="Successions in which this body is a predecessor"
    )
    successions_in: list[Succession] = Field(
        description="Successions that made this body (it is a successor)"
    )
    version: int


class OrganizationPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[Organization]


# --- agreements -------------------------------------------------------------------------------


class PartyBrief(Schema):
    organization: Ref
    role: Choice
    name_as_signed: str


class Party(PartyBrief):
    signatory_id: int | None
    signatory_name: str
    signatory_rank: str
    signatory_position: str
    signed_on: datetime.date | None


class ContentArea(Schema):
    id: int
    number: int
    title: str
    text: str
    responsible: list[Ref]


class Agreement(Schema):
    id: int
    kind: Choice
    number_symbol: str
    title: str
    status: Choice
    period_start: int | None
    period_end: int | None
    signed_on: datetime.date | None
    archived: bool
    parties: list[PartyBrief]


class AgreementListItem(Agreement):
    content_area_count: int


class AgreementDetail(Agreement):
    legal_bases: str
    purpose: str
    reporting: str
    parent_id: int | None
    renews_id: int | None
    parties: list[Party]  # type: ignore[assignment]
    content_areas: list[ContentArea]
    version: int


class AgreementPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[AgreementListItem]


# --- activities -------------------------------------------------------------------------------


class TaskRef(Schema):
    id: int
    number: int
    title: str
    plan_id: int
    year: int


class IndicatorValue(Schema):
    indicator_id: int
    name: str
    unit: str
    value: Decimal


class Activity(Schema):
    id: int
    title: str
    status: Choice
    start_date: datetime.date
    end_date: datetime.date
    place_text: str
    commune_code: int | None
    participants: int | None
    agreement_id: int
    task: TaskRef
    organizations: list[Ref]
    values: list[IndicatorValue]
    archived: bool


class ActivityDetail(Activity):
    description: str
    reviewer_note: str
    revision: int
    revises_id: int | None
    submitted_at: datetime.datetime | None
    approved_at: datetime.datetime | None
    version: int


class ActivityPage(Schema):
    count: int = Field(description="How many match, counted up to 1,000")
    count_capped: bool = Field(description="True when more than 1,000 match")
    next_cursor: str | None = Field(description="Pass as ?after= for the next (older) page")
    previous_cursor: str | None = Field(description="Pass as ?before= for the previous page")
    items: list[Activity]


class ValueIn(Schema):
    indicator: Key
    value: Decimal = Field(ge=0, max_digits=16, decimal_places=2)


class ActivityIn(Schema):
    """A new activity of a task, recorded as a draft."""

    task: int = Field(ge=1, le=MAX_KEY, description="The task (of an annual plan) it carries out")
    title: str = Field(min_length=1, max_length=500)
    start_date: datetime.date
    end_date: datetime.date | None = Field(None, description="Empty: the start date")
    place_text: str = Field("", max_length=255)
    commune_code: int | None = Field(None, ge=1, le=2**31 - 1)
    description: str = Field("", max_length=20000)
    participants: int | None = Field(None, ge=0, le=2**31 - 1)
    organizations: list[Key] = Field(
        default_factory=list,
        max_length=50,
        description="The organising parties; empty: those of the agreement's parties you are an officer of",
    )
    values: list[ValueIn] = Field(default_factory=list, max_length=200)
