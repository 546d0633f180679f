"""Every schema fault of a YAML document at once, where msgspec stops at the first.

`faults(raw, Model)` walks the document beside the model's type hints and returns each fault as
(field, message): unknown and missing fields, wrong types, values out of range, and values of a
closed set (`Literal`) with the valid ones listed. List items with an `id` are named by it
(`districts[harbour].kind`), mapping entries by their key (`sectors.mining.per_1000`).
"""

from __future__ import annotations

import types
import typing
from typing import Any, Literal, Union

import msgspec

Fault = tuple[str, str]


def faults(raw: Any, model: Any, path: str = "") -> list[Fault]:
    """The faults of `raw` read as `model` (a msgspec Struct type or any type hint)."""
    hint, _ = _unannotated(model)
    origin = typing.get_origin(hint)
    if isinstance(hint, type) and issubclass(hint, msgspec.Struct):
        return _struct_faults(raw, hint, path)
    if origin is Literal:
        allowed = typing.get_args(hint)
        if raw not in allowed or type(raw) is not type(allowed[0]):
            return [(path, f"{raw!r} is not one of the valid values: {', '.join(str(a) for a in allowed)}")]
        return []
    if origin is Union or origin is types.UnionType:
        options = typing.get_args(hint)
        if raw is None and type(None) in options:
            return []
        per_option = [faults(raw, option, path) for option in options if option is not type(None)]
        return [] if any(not f for f in per_option) else min(per_option, key=len)
    if origin is list:
        if not isinstance(raw, list):
            return [(path, f"expected a list, got {_kind(raw)}")]
        (item,) = typing.get_args(hint)
        found = _leaf(raw, model, path, only_constraints=True)
        for position, value in enumerate(raw):
            name = value.get("id") if isinstance(value, dict) and isinstance(value.get("id"), str) else position
            found += faults(value, item, f"{path}[{name}]")
        return found
    if origin is tuple:
        return _leaf(raw, model, path)
    if origin is dict:
        if not isinstance(raw, dict):
            return [(path, f"expected a mapping, got {_kind(raw)}")]
        key_type, value_type = typing.get_args(hint)
        found = _leaf(raw, model, path, only_constraints=True)
        for key, value in raw.items():
            where = f"{path}.{key}".lstrip(".")
            key_faults = faults(key, key_type, where)
            found += [(where, f"invalid key: {message}") for _, message in key_faults]
            found += faults(value, value_type, where)
        return found
    return _leaf(raw, model, path)


def _struct_faults(raw: Any, model: type[msgspec.Struct], path: str) -> list[Fault]:
    if not isinstance(raw, dict):
        return [(path or "-", f"expected a mapping, got {_kind(raw)}")]
    hints = typing.get_type_hints(model, include_extras=True)
    required = {info.name for info in msgspec.structs.fields(model) if info.required}
    found: list[Fault] = []
    for key in raw:
        if key not in hints:
            found.append((f"{path}.{key}".lstrip("."), "unknown field"))
    for field in model.__struct_fields__:
        where = f"{path}.{field}".lstrip(".")
        if field not in raw:
            if field in required:
                found.append((where, _LANGUAGES.get(field, "required field missing")))
            continue
        found += faults(raw[field], hints[field], where)
    return found


_LANGUAGES = {"sv": "missing Swedish translation", "en": "missing English translation"}


def _leaf(raw: Any, hint: Any, path: str, only_constraints: bool = False) -> list[Fault]:
    """msgspec's own check of one value; for a list or mapping, only its length limits."""
    if only_constraints:
        _, constraints = _unannotated(hint)
        found = []
        for meta in constraints:
            low, high = getattr(meta, "min_length", None), getattr(meta, "max_length", None)
            if low is not None and len(raw) < low:
                found.append((path, f"needs at least {low} entries, has {len(raw)}"))
            if high is not None and len(raw) > high:
                found.append((path, f"takes at most {high} entries, has {len(raw)}"))
        return found
    try:
        msgspec.convert(raw, hint)
    except msgspec.ValidationError as error:
        message = str(error).split(" - at ")[0]
        if "matching regex '^[a-z][a-z0-9_]*$'" in message:
            message = "must be a lowercase slug of a-z, 0-9 and _ starting with a letter"
        elif "matching regex '\\S'" in message and path.rsplit(".", 1)[-1] in _LANGUAGES:
            message = _LANGUAGES[path.rsplit(".", 1)[-1]]
        return [(path or "-", message)]
    return []


def _unannotated(hint: Any) -> tuple[Any, tuple]:
    if typing.get_origin(hint) is typing.Annotated:
        base, *constraints = typing.get_args(hint)
        return base, tuple(constraints)
    return hint, ()


def _kind(value: Any) -> str:
    return {dict: "a mapping", list: "a list", str: "text", bool: "true/false", int: "a number", float: "a number"}.get(
        type(value), type(value).__name__)
