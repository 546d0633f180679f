"""When an answer shows a classic misconception; the explanations live in the knowledge base."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kit.cases.narrative import surface

SEEMS_FREE = frozenset({"not_locked_in", "had_phone", "never_asked_for_help"})


def _said_not_trafficking(case: Any, given: dict[str, Any]) -> bool:
    return case.truth.trafficking and given["trafficking"] is False


def _national_or_documented(case: Any) -> bool:
    nationality = case.person.nationality
    return (
        nationality == case.setting.country
        or surface()["nationalities"][nationality]["eu"]
        or "valid_papers" in case.features
    )


RULES: dict[str, Callable[[Any, dict[str, Any]], bool]] = {
    "means_needed_for_minor": lambda case, given: _said_not_trafficking(case, given) and case.truth.minor,
    "consent_makes_it_not_trafficking": lambda case, given: _said_not_trafficking(case, given) and "consented" in case.features,
    "no_locks_so_free": lambda case, given: _said_not_trafficking(case, given) and bool(SEEMS_FREE & set(case.features)),
    "victims_are_foreign_or_undocumented": lambda case, given: _said_not_trafficking(case, given) and _national_or_documented(case),
    "smuggling_is_trafficking": lambda case, given: not case.truth.trafficking and given["trafficking"] is True and "smuggled" in case.features,
    "smuggled_so_not_trafficking": lambda case, given: _said_not_trafficking(case, given) and "smuggled" in case.features,
    "paid_so_not_exploited": lambda case, given: _said_not_trafficking(case, given) and "paid_something" in case.features,
}


def detect(case: Any, given: dict[str, Any]) -> list[str]:
    """The ids of the misconceptions that `given` (a normalised answer) shows for `case`."""
    return [misconception_id for misconception_id, shows in RULES.items() if shows(case, given)]
