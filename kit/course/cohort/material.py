"""Graded material held by the course: cases and situations kept in the cohort, not the package.

The kit's bank and knowledge base are public (anyone with the package can read their truth), so
they are for practice. What is graded lives in `COHORT/material/`: `cases/*.yaml` in the bank's
schema and `situations.yaml` in the knowledge base's schema.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kit.cases.bank import load_bank
from kit.cases.schema import Case
from kit.content import load
from kit.content.loader import problem_from_validation, read_yaml_mapping
from kit.content.models import Situation
from kit.content.problems import ContentError, Problem

MIN_CASES = 1
MIN_SITUATIONS = 4


@dataclass(frozen=True)
class Material:
    """The course's graded cases (by id) and situations (in file order)."""

    cases: dict[str, Case]
    situations: tuple[Situation, ...]

    def trafficking_cases(self) -> list[Case]:
        return [case for case in self.cases.values() if case.truth.trafficking]


def load_material(folder: Path) -> Material:
    """Read and check the material; every fault is reported with its file and field."""
    cases_dir = folder / "cases"
    problems: list[Problem] = []
    cases: dict[str, Case] = {}
    if not cases_dir.is_dir() or not any(cases_dir.glob("*.yaml")):
        problems.append(Problem(str(cases_dir), "-", "no graded cases: add case files (strom-kit cases import "
                                                      f"FILE --into {cases_dir})"))
    else:
        try:
            cases = load_bank(cases_dir)
        except ContentError as error:
            problems.extend(error.problems)
    situations, situation_problems = _situations(folder / "situations.yaml")
    problems += situation_problems
    if problems:
        raise ContentError(problems)
    return Material(cases, situations)


def _situations(path: Path) -> tuple[tuple[Any, ...], list[Problem]]:
    import msgspec

    raw, problem = read_yaml_mapping(path, "a mapping with 'situations'")
    if problem is not None:
        return (), [Problem(str(path), problem.field, problem.message)]
    try:
        situations = tuple(msgspec.convert(raw.get("situations") or [], list[Situation]))
    except msgspec.ValidationError as error:
        return (), [problem_from_validation(str(path), "situations", error, raw)]
    principles = load().ids("principles")
    problems = [Problem(str(path), f"situations[{s.id}].principle", f"unknown principle {s.principle!r}")
                for s in situations if s.principle not in principles]
    if len(situations) < MIN_SITUATIONS:
        problems.append(Problem(str(path), "situations", f"at least {MIN_SITUATIONS} situations are needed"))
    return situations, problems
