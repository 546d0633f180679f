"""msgspec validation errors as `file:field: message`, naming the mapping key that msgspec shows as `[...]`."""

from __future__ import annotations

import typing
from typing import Any

from kit.content.loader import problem_from_validation
from kit.content.problems import Problem


def validation_problem(file_name: str, raw: Any, error: Exception, model: type, prefix: str = "") -> Problem:
    """The Problem for `error`, raised while converting `raw` into `model`.

    msgspec does not say which key of a mapping field failed; this finds it by converting the
    mapping's keys and values one by one.
    """
    import msgspec

    if "[...]" in str(error) and isinstance(raw, dict) and hasattr(model, "__struct_fields__"):
        for name, hint in typing.get_type_hints(model, include_extras=True).items():
            hint = _unannotated(hint)
            if typing.get_origin(hint) is not dict or not isinstance(raw.get(name), dict):
                continue
            key_type, value_type = typing.get_args(hint)
            for key, value in raw[name].items():
                where = f"{prefix}.{name}.{key}".lstrip(".")
                try:
                    msgspec.convert(key, key_type)
                except msgspec.ValidationError as inner:
                    return Problem(file_name, where, f"invalid key: {str(inner).split(' - at ')[0]}")
                try:
                    msgspec.convert(value, value_type)
                except msgspec.ValidationError as inner:
                    return validation_problem(file_name, value, inner, _unannotated(value_type), where)
    return problem_from_validation(file_name, prefix, error, raw)


def _unannotated(hint: Any) -> Any:
    return typing.get_args(hint)[0] if typing.get_origin(hint) is typing.Annotated else hint
