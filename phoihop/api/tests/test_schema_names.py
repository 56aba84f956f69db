"""The API's schemas are documented by their class names: two classes of one name would share one
component of the OpenAPI schema, the fields of one documented for both."""

from __future__ import annotations

from ninja import Schema


def _subclasses(cls: type) -> list[type]:
    found: list[type] = []
    subclasses: list[type] = type.__subclasses__(cls)
    for sub in subclasses:
        found.append(sub)
        found.extend(_subclasses(sub))
    return found


def test_it_gives_every_schema_its_own_name() -> None:
    import phoihop.api.main  # noqa: F401 - loads every module of the API

    by_name: dict[str, set[str]] = {}
    for cls in _subclasses(Schema):
        module = cls.__module__
        if module.startswith("phoihop.api.") and ".tests." not in module:
            by_name.setdefault(cls.__name__, set()).add(module)
    shared = {name: sorted(modules) for name, modules in by_name.items() if len(modules) > 1}
    assert not shared, f"schemas of the same name in several modules: {shared}"
