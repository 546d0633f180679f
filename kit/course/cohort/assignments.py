"""The six graded assignments as data: parts, points, prompts and rubrics (kit/course/data/*.yaml)."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Annotated, Literal, TypeVar

from msgspec import Meta

from kit.content.loader import problem_from_validation, read_yaml_mapping
from kit.content.models import Model, Ref, Slug, Text
from kit.content.problems import ContentError, Problem

DATA = Path(__file__).parents[1] / "data"
PartKind = Literal["principles", "palermo", "indicators", "referrals", "mapping_plan", "prevention_plan",
                   "nrm_plan", "free_text"]
Points = Annotated[float, Meta(gt=0, le=20)]
ModelT = TypeVar("ModelT", bound=Model)
AUTOGRADED = frozenset({"principles", "palermo", "indicators", "referrals", "mapping_plan", "prevention_plan",
                        "nrm_plan"})


class Part(Model, frozen=True, kw_only=True):
    """One graded cell: what the learner does, for how many points, and (free text) its rubric."""

    id: Slug
    kind: PartKind
    points: Points
    prompt: Text
    ref: Ref
    rubric: Slug | None = None

    @property
    def autograded(self) -> bool:
        return self.kind in AUTOGRADED


class Assignment(Model, frozen=True, kw_only=True):
    """One chapter's assignment."""

    id: Slug
    chapter: Annotated[int, Meta(ge=1, le=6)]
    title: Text
    intro: Text
    ref: Ref
    parts: Annotated[list[Part], Meta(min_length=1)]

    def part(self, part_id: str) -> Part:
        for part in self.parts:
            if part.id == part_id:
                return part
        raise KeyError(f"{self.id} has no part {part_id!r}; parts: {', '.join(p.id for p in self.parts)}")

    @property
    def points(self) -> float:
        return sum(part.points for part in self.parts)


class RubricItem(Model, frozen=True, kw_only=True):
    """What earns points in a free-text answer, observably."""

    id: Slug
    points: Points
    description: Text
    ref: Ref | None = None


class Comment(Model, frozen=True, kw_only=True):
    """A reusable comment for the evaluator's comment bank."""

    id: Slug
    text: Text
    ref: Ref | None = None


class Rubric(Model, frozen=True, kw_only=True):
    """The rubric and comment bank of one free-text part."""

    id: Slug
    part: Slug
    items: Annotated[list[RubricItem], Meta(min_length=1)]
    comments: list[Comment] = []

    @property
    def points(self) -> float:
        return sum(item.points for item in self.items)


class _Assignments(Model, frozen=True, kw_only=True):
    assignments: list[Assignment]


class _Rubrics(Model, frozen=True, kw_only=True):
    rubrics: list[Rubric]


class CourseDataError(ContentError):
    """The assignment or rubric data does not load; every problem is named by file and field."""


@functools.cache
def load_assignments() -> dict[str, Assignment]:
    """Every assignment by id, checked against its rubrics (points add up, every rubric is used)."""
    assignments = {a.id: a for a in _read("assignments.yaml", _Assignments).assignments}
    rubrics = load_rubrics()
    problems = []
    for assignment in assignments.values():
        for part in assignment.parts:
            where = f"assignments[{assignment.id}].parts[{part.id}]"
            if part.kind == "free_text":
                rubric = rubrics.get(part.rubric or "")
                if rubric is None:
                    problems.append(Problem("assignments.yaml", where, f"free text needs a known rubric, got {part.rubric!r}"))
                elif abs(rubric.points - part.points) > 1e-9:
                    problems.append(Problem("rubrics.yaml", f"rubrics[{rubric.id}]",
                                            f"items give {rubric.points:g} points, the part is worth {part.points:g}"))
            elif part.rubric is not None:
                problems.append(Problem("assignments.yaml", where, "only free-text parts carry a rubric"))
    if problems:
        raise CourseDataError(problems)
    return assignments


@functools.cache
def load_rubrics() -> dict[str, Rubric]:
    """Every rubric by id."""
    return {r.id: r for r in _read("rubrics.yaml", _Rubrics).rubrics}


class UnknownAssignmentError(KeyError):
    """An assignment id the course does not have; the message names the known ones."""

    def __str__(self) -> str:
        return str(self.args[0])


def get_assignment(assignment_id: str) -> Assignment:
    """One assignment; an unknown id names the known ones."""
    assignments = load_assignments()
    if assignment_id not in assignments:
        raise UnknownAssignmentError(f"unknown assignment {assignment_id!r}; known: {', '.join(assignments)}")
    return assignments[assignment_id]


def _read(file_name: str, model: type[ModelT]) -> ModelT:
    import msgspec

    raw, problem = read_yaml_mapping(DATA / file_name, "a mapping")
    if problem is not None:
        raise CourseDataError([Problem(file_name, problem.field, problem.message)])
    try:
        return msgspec.convert(raw, model)
    except msgspec.ValidationError as error:
        raise CourseDataError([problem_from_validation(file_name, "", error, raw)]) from None


__all__ = ["AUTOGRADED", "Assignment", "Comment", "CourseDataError", "Part", "Rubric", "RubricItem",
           "UnknownAssignmentError", "get_assignment", "load_assignments", "load_rubrics"]
