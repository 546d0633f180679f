"""An answer's result per element, in the form the store keeps: what the room reads back."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypedDict

from kit.store.errors import StoreError

FIELDS = ("score", "answered", "missed", "wrong")


class ElementResult(TypedDict):
    """One element's result as the store keeps it (JSON): credit in [0, 1], and the ids missed or wrong."""

    score: float
    answered: bool
    missed: list[str]
    wrong: list[str]


def element_results(elements: Mapping[str, object]) -> dict[str, ElementResult]:
    """{element: {"score", "answered", "missed", "wrong"}} from a scorer's per-element results
    (objects with those attributes, such as kit.cases.scoring.ElementScore, or mappings)."""
    if not isinstance(elements, Mapping):
        raise StoreError(f"element results are a mapping of element to result; got {type(elements).__name__}")
    results: dict[str, ElementResult] = {}
    for element, result in elements.items():
        read = result.get if isinstance(result, Mapping) else lambda name, default=None, r=result: getattr(r, name, default)
        score = read("score")
        if isinstance(score, bool) or not isinstance(score, (int, float)) or not 0 <= score <= 1:
            raise StoreError(f"the result of element {element!r} needs a score between 0 and 1; got {score!r}")
        lists = {name: list(read(name, ()) or ()) for name in ("missed", "wrong")}
        if not all(isinstance(value, str) for values in lists.values() for value in values):
            raise StoreError(f"the result of element {element!r} lists ids that are not text")
        results[str(element)] = {"score": float(score), "answered": bool(read("answered", True)), "missed": lists["missed"],
                                 "wrong": lists["wrong"]}
    return results
