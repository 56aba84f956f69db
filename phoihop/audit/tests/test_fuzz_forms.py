"""Fuzz every form and every route with generated input: no exception other than validation
errors, no server error.

Forms are discovered, not listed: every Form/ModelForm class defined in a module of a phoihop
app whose name contains "form" (forms.py, views_util.py's forms are reached through the pages),
and every form or formset a page puts in its template context. New forms are picked up by the
next run without changes here.

Input: random text (any Unicode, NUL bytes included), Vietnamese text, huge and odd numbers,
dates in odd formats, empty values, and real choice values so that validation goes deep.
"""

from __future__ import annotations

import datetime
import importlib
import inspect
import os
import pkgutil
import warnings
from typing import Any

import pytest
from django import forms
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.formsets import BaseFormSet
from django.test.utils import ContextList
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from phoihop.core.tests.test_access_walk import (  # noqa: F401 (the walk's world, its fixtures)
    layered,
    routes,
    url_for,
    view_rule,
    world,
    world_agreement,
    world_orgs,
    world_users,
)

# --- values -----------------------------------------------------------------------------------

VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ ĐĂÂÊÔƠƯ0123456789/-.,:"
NASTY = [
    "", " ", "\x00", "abc\x00def", "9" * 40, "9223372036854775808", "-9223372036854775809", "-1", "-0", "1e309", "NaN", "inf", "0x1F", "1.234.567,89",
    "31/02/2024", "29/02/2023", "2024-13-45", "15/09/2023", "15-9-2023", "15.9.2023", "1/1/1", "0/0/0",
    "99/99/99999", "00/00/0000", "15/09/99999999999999999999", "ngày 15 tháng 9 năm 2023",
    "<script>alert(1)</script>", "' OR 1=1 --", "{{ 7*7 }}", "%(x)s", "Nguyễn Văn Ân", "Số: 05/BC-BCHQS",
    "05-BC/BTGQU", "\u202e\u200b", "🇻🇳" * 30, "a" * 5000, "\r\n\t", "true", "on", "None", "[]", "{}",
]


def dates() -> st.SearchStrategy[str]:
    formats = ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%y", "%m/%d/%Y", "%d.%m.%Y", "%Y%m%d", "%d/%m"]
    return st.builds(
        lambda d, f: d.strftime(f), st.dates(datetime.date(1, 1, 1), datetime.date(9999, 12, 31)), st.sampled_from(formats)
    )


def numbers() -> st.SearchStrategy[str]:
    return st.one_of(
        st.integers(-(10**40), 10**40).map(str),
        st.floats(allow_nan=True, allow_infinity=True).map(str),
        st.decimals(allow_nan=False, allow_infinity=False, places=3).map(lambda d: str(d).replace(".", ",")),
    )


SCALAR = st.one_of(
    st.sampled_from(NASTY),
    st.text(st.characters(codec="utf-8"), max_size=200),
    st.text(VIETNAMESE, max_size=120),
    numbers(),
    dates(),
)


def choice_values(field: forms.Field) -> list[str]:
    """A few real values of a choice field, so validation gets past the choice check."""
    try:
        choices = list(getattr(field, "choices", []) or [])
    except Exception:  # a lazy queryset on a broken model is that model's test's business
        return []
    values: list[str] = []
    for value, label in choices[:30]:
        if isinstance(label, list | tuple):  # option groups
            values.extend(str(getattr(v, "value", v)) for v, _ in label[:10])
        else:
            values.append(str(getattr(value, "value", value)))
    return [v for v in values if v != ""]


def value_for(field: forms.Field | None) -> st.SearchStrategy[Any]:
    if isinstance(field, forms.FileField):
        return st.one_of(
            st.just(""),
            st.builds(
                lambda data, name: SimpleUploadedFile(name, data, content_type="application/octet-stream"),
                st.binary(max_size=300),
                st.sampled_from(["tệp.pdf", "ảnh.jpg", "x.docx", "\x00.png", "a" * 300, "../../etc/passwd"]),
            ),
        )
    real = choice_values(field) if field is not None else []
    one = st.one_of(SCALAR, st.sampled_from(real)) if real else SCALAR
    if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
        return st.lists(one, max_size=4)
    return one


def payloads(fields: dict[str, forms.Field | None]) -> st.SearchStrategy[dict[str, Any]]:
    """Each key present with a generated value, or left out."""
    return st.fixed_dictionaries({}, optional={name: value_for(f) for name, f in fields.items()})


def describe(where: str, exc: BaseException) -> str:
    """The error, where it was raised in phoihop, and hypothesis's minimal failing input."""
    import traceback

    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "/phoihop/" in f.filename and "/tests/" not in f.filename]
    origin = f" at {frames[-1].filename.split('/phoihop/')[-1]}:{frames[-1].lineno}" if frames else ""
    notes = " ".join(n for n in getattr(exc, "__notes__", []) if "Falsifying" in n or "data=" in n)
    return f"{where}: {type(exc).__name__}: {str(exc)[:300]}{origin} {notes[:600]}"


# A deeper run: PHOIHOP_FUZZ_SCALE=20 makes every count of examples below twenty times larger.
SCALE = max(1, int(os.environ.get("PHOIHOP_FUZZ_SCALE", "1") or 1))
FORM_EXAMPLES = 15 * SCALE
ROUTE_EXAMPLES = 5 * SCALE
# How many generated inputs each test ran, printed at its end (seen with ``pytest -s``).
RUN_COUNTS: dict[str, int] = {}


def counted(kind: str) -> None:
    RUN_COUNTS[kind] = RUN_COUNTS.get(kind, 0) + 1


FUZZ = settings(
    deadline=None,
    # No shrinking: a failure is reported with the input that found it, and the run stays short.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    database=None,
    suppress_health_check=list(HealthCheck),
    print_blob=True,
)


# --- discovery --------------------------------------------------------------------------------


def form_modules() -> list[Any]:
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("phoihop."):
            continue
        package = importlib.import_module(config.name)
        for info in pkgutil.iter_modules(package.__path__):
            if "form" in info.name:
                found.append(importlib.import_module(f"{config.name}.{info.name}"))
    return found


def form_classes() -> list[type[forms.BaseForm]]:
    classes = []
    for module in form_modules():
        for _, obj in inspect.getmembers(module, inspect.isclass):
            if (
                issubclass(obj, forms.BaseForm)
                and obj.__module__ == module.__name__
                and obj.__name__ not in ("BaseForm", "BaseModelForm")
                and not getattr(getattr(obj, "_meta", None), "abstract", False)
            ):
                classes.append(obj)
    return sorted(set(classes), key=lambda c: f"{c.__module__}.{c.__name__}")


def test_discovery_finds_the_forms_of_the_apps() -> None:
    names = {f"{c.__module__}.{c.__name__}" for c in form_classes()}
    assert "phoihop.audit.forms.AuditFilterForm" in names
    assert any(n.startswith("phoihop.agreements.forms.") for n in names)
    assert any(n.startswith("phoihop.orgs.forms.") for n in names)


def model_named(name: str) -> Any:
    by_name = {m._meta.model_name: m for m in apps.get_models() if m.__module__.startswith("phoihop.")}
    for candidate in (name, name[:-1], name[:-2], name.replace("_", "")):
        if candidate in by_name:
            return by_name[candidate]
    return None


# Constructor arguments that are lists of organisations to choose from.
ORGANISATION_LISTS = {"organizations", "parties", "hosts", "inspecting", "inspected", "together", "successors"}


def computed_argument(name: str, fuzz_world: dict[str, Any], user: Any) -> Any:
    """A constructor argument that a view computes, computed the way the view does; LookupError
    for a name not known here."""
    if name == "years":  # the years a list page offers as a filter
        return list(range(2026, 2018, -1))
    if name == "linkable":  # the agreements an agreement may be linked to (its parent)
        from phoihop.agreements.selectors import linkable_agreements

        return linkable_agreements(user=user)
    if name == "movements":  # the emulation movements a commendation list filters by
        from phoihop.reviews.selectors import movement_list

        return movement_list(user=user)
    if name == "work":  # a succession's open work, offered to pass to a successor
        from phoihop.workflows.selectors import succession_open_work

        return succession_open_work(succession=fuzz_world["succession"])
    raise LookupError(name)


def constructor_kwargs(cls: type[forms.BaseForm], fuzz_world: dict[str, Any], user: Any) -> dict[str, Any]:
    """Guess the keyword arguments a form's constructor requires, by their names."""
    from phoihop.orgs.models import Organization

    kwargs: dict[str, Any] = {}
    for klass in cls.__mro__:
        init = klass.__dict__.get("__init__")
        if init is None:
            continue
        for p in inspect.signature(init).parameters.values():
            if p.name == "request" and p.name not in kwargs:  # e.g. the sign-in form
                from django.contrib.sessions.backends.db import SessionStore
                from django.test import RequestFactory

                request = RequestFactory().post("/")
                request.user, request.session = user, SessionStore()
                kwargs["request"] = request
                continue
            if p.name in ("user", "actor", "request_user") and p.default is p.empty:
                kwargs[p.name] = user
                continue
            if p.kind is not p.KEYWORD_ONLY or p.default is not p.empty or p.name in kwargs:
                continue
            if p.name in ("user", "actor", "request_user"):
                kwargs[p.name] = user
            elif p.name in fuzz_world:
                kwargs[p.name] = fuzz_world[p.name]
            elif (model := model_named(p.name)) is not None:
                kwargs[p.name] = model._default_manager.all()
            elif p.name in ORGANISATION_LISTS:
                kwargs[p.name] = Organization.objects.all()
            else:
                kwargs[p.name] = computed_argument(p.name, fuzz_world, user)
    return kwargs


def form_fields(form: forms.BaseForm) -> dict[str, forms.Field | None]:
    return {form.add_prefix(name): field for name, field in form.fields.items()}


def check_form(form: forms.BaseForm, data: dict[str, Any]) -> None:
    files = {k: v for k, v in data.items() if isinstance(v, SimpleUploadedFile)}
    from django.utils.datastructures import MultiValueDict

    plain: MultiValueDict[str, Any] = MultiValueDict()
    for k, v in data.items():
        if k in files:
            continue
        plain.setlist(k, v if isinstance(v, list) else [v])
    form.data, form.files, form.is_bound = plain, MultiValueDict({k: [v] for k, v in files.items()}), True
    # Forget the cached errors. Django sets BaseForm._errors in __init__; the stubs omit it.
    form._errors = None  # type: ignore[attr-defined]
    form.is_valid()  # validation errors are answers; anything raised is a bug
    form.errors.as_text()


def form_runner(cls: type[forms.BaseForm], fields: dict[str, Any], fuzz_world: dict[str, Any], user: Any) -> Any:
    @settings(FUZZ, max_examples=FORM_EXAMPLES)
    @given(data=payloads(fields))
    def run(data: dict[str, Any]) -> None:
        counted("form")
        check_form(cls(**constructor_kwargs(cls, fuzz_world, user)), data)

    return run


@pytest.mark.django_db
def test_every_form_class_survives_generated_input(world: dict[str, Any], users: dict[str, Any]) -> None:  # noqa: F811
    classes = form_classes()
    built, not_built, failures = 0, [], []
    for cls in classes:
        try:
            template = cls(**constructor_kwargs(cls, world, users["alice"]))
        except Exception as exc:  # noqa: BLE001 - collected, reported together below
            not_built.append(f"{cls.__module__}.{cls.__name__}: {type(exc).__name__}: {exc}")
            continue
        built += 1
        fields = form_fields(template)

        try:
            form_runner(cls, fields, world, users["alice"])()
        except Exception as exc:  # noqa: BLE001 - collected, reported together below
            failures.append(describe(f"{cls.__module__}.{cls.__name__}", exc))
    print(f"\nform fuzz: {RUN_COUNTS.get('form', 0)} generated inputs over {built} form classes")
    assert not failures, "\n\n".join(failures)
    # A form whose constructor needs an argument not known here: teach computed_argument.
    assert not not_built, "forms the fuzz could not build: " + "; ".join(not_built)
    assert built >= 50, built  # the discovery still finds the project's forms (56 on 05/12/2026)


# --- routes -----------------------------------------------------------------------------------

# Routes that destroy the world the others need go last.
LAST_WORDS = ("archive", "delete", "clear", "revoke", "end", "logout", "disable", "anonymise", "close")
GENERIC_FIELDS = ("note", "confirm", "restore", "q", "reason", "text", "next", "page", "pk", "id")


def context_forms(response: Any) -> list[Any]:
    context = response.context
    if context is None:
        return []
    contexts = list(context) if isinstance(context, ContextList) else [context]
    found: list[Any] = []
    for ctx in contexts:
        values = ctx.flatten().values() if hasattr(ctx, "flatten") else ctx.values()
        for value in values:
            if isinstance(value, forms.BaseForm | BaseFormSet) and all(value is not f for f in found):
                found.append(value)
    return found


def route_fields(response: Any) -> dict[str, forms.Field | None]:
    fields: dict[str, forms.Field | None] = {name: None for name in GENERIC_FIELDS}
    for form in context_forms(response):
        if isinstance(form, BaseFormSet):
            fields.update(form_fields(form.management_form))
            for sub in form.forms[:2]:
                fields.update(form_fields(sub))
            fields.update(form_fields(form.empty_form))
        else:
            fields.update(form_fields(form))
    return fields


def route_runner(client: Any, users: dict[str, Any], name: str, url: str, fields: dict[str, Any]) -> Any:
    @settings(FUZZ, max_examples=ROUTE_EXAMPLES)
    @given(data=payloads(fields), who=st.sampled_from(["alice", "staff"]))
    def run(data: dict[str, Any], who: str) -> None:
        counted("post")
        client.force_login(users[who])
        for upload in data.values():
            if isinstance(upload, SimpleUploadedFile):
                upload.seek(0)
        response = client.post(url, data)
        assert response.status_code < 500, f"POST {name} as {who}: {response.status_code}"

    return run


@pytest.mark.django_db
def test_every_route_survives_generated_posts(client: Any, world: dict[str, Any], users: dict[str, Any]) -> None:  # noqa: F811
    """POST generated payloads to every route as an officer of the lead party and as a system
    administrator, with the fields of the forms the page shows."""
    ordered = sorted(routes(), key=lambda r: any(w in r[0].split(":")[-1] for w in LAST_WORDS))
    unreachable: list[str] = []
    failures: list[str] = []
    for name, pattern in ordered:
        if view_rule(pattern) == "public" and name != "accounts:login":
            continue
        try:
            url, _ = url_for(name, pattern, world)
        except pytest.fail.Exception:  # the access walk fails for it already; fuzz the rest
            unreachable.append(name)
            continue
        client.force_login(users["staff" if view_rule(pattern) == "staff" else "alice"])
        response = client.get(url)
        assert response.status_code < 500, f"GET {name}: {response.status_code}"
        fields = route_fields(response)

        try:
            route_runner(client, users, name, url, fields)()
        except Exception as exc:  # noqa: BLE001 - collected, reported together below
            failures.append(describe(name, exc))
    if unreachable:
        warnings.warn(f"routes the access walk cannot build a URL for: {unreachable}", stacklevel=1)
    print(f"\nroute fuzz: {RUN_COUNTS.get('post', 0)} generated POSTs")
    assert not failures, "\n\n".join(failures)


# Query parameters the list pages read, besides the fields of the forms they show.
QUERY_FIELDS = (
    "q", "year", "month", "page", "sort", "period", "status", "kind", "organization", "agreement",
    "party", "host", "plan", "task", "content_area", "movement", "archived", "cursor", "after",
)


def query_runner(client: Any, users: dict[str, Any], name: str, url: str, fields: dict[str, Any]) -> Any:
    @settings(FUZZ, max_examples=ROUTE_EXAMPLES)
    @given(data=payloads(fields), who=st.sampled_from(["alice", "staff"]))
    def run(data: dict[str, Any], who: str) -> None:
        counted("get")
        client.force_login(users[who])
        params = {k: v for k, v in data.items() if not isinstance(v, SimpleUploadedFile)}
        response = client.get(url, params)
        values = [x for v in params.values() for x in (v if isinstance(v, list) else [v])]
        if any("\x00" in str(x) for x in [*values, *params]):
            assert response.status_code == 400, f"GET {name} with a NUL: {response.status_code}"
        assert response.status_code < 500, f"GET {name} as {who}: {response.status_code}"

    return run


@pytest.mark.django_db
def test_every_page_survives_generated_query_parameters(client: Any, world: dict[str, Any], users: dict[str, Any]) -> None:  # noqa: F811
    """GET every page a user can open with generated query parameters: the filters of the
    forms it shows and the parameters list pages read (search text, year, page...)."""
    failures: list[str] = []
    for name, pattern in routes():
        if view_rule(pattern) == "public" or any(w in name.split(":")[-1] for w in LAST_WORDS):
            continue
        try:
            url, _ = url_for(name, pattern, world)
        except pytest.fail.Exception:
            continue
        client.force_login(users["staff" if view_rule(pattern) == "staff" else "alice"])
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue  # downloads, redirects and POST-only routes: their parameters are not a list's
        fields = route_fields(response)
        fields.update({name: None for name in QUERY_FIELDS})
        try:
            query_runner(client, users, name, url, fields)()
        except Exception as exc:  # noqa: BLE001 - collected, reported together below
            failures.append(describe(name, exc))
    print(f"\nquery fuzz: {RUN_COUNTS.get('get', 0)} generated GETs")
    assert not failures, "\n\n".join(failures)
