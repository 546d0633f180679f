"""The answer key of a learner's variant, computed in the grader with the secret: model answers
for the solutions notebooks, for checking the scoring, and for simulated learners in tests."""

from __future__ import annotations

import kit.mapping
from kit.course.cohort.assignments import Part
from kit.course.cohort.folder import Cohort
from kit.course.cohort.learner import Task
from kit.course.cohort.learner_variants import LearnerVariant, learner_variant
from kit.course.grading.part_scoring import CASE_ELEMENTS
from kit.nrm.reference_plan import model_plan as model_support_plan


def reference_answer(part: Part, variant: LearnerVariant) -> dict[str, object]:
    """The answer that earns full credit (the expert's plan for the planning parts)."""
    import msgspec

    if part.kind in CASE_ELEMENTS:
        truth = variant.case.truth
        return {key: (getattr(truth, key) if key in ("trafficking", "minor") else sorted(getattr(truth, key)))
                for key in CASE_ELEMENTS[part.kind]}
    if part.kind == "principles":
        return {key: {"principle": s.principle, "relation": s.relation} for key, s in variant.situations}
    if part.kind in ("mapping_plan", "prevention_plan"):
        return msgspec.to_builtins(kit.mapping.model_plan(variant.municipality()))  # imports pandas on first use
    if part.kind == "nrm_plan":
        if variant.regime is None:  # learner_variant draws a regime for every assignment with an nrm_plan part
            raise RuntimeError("an nrm_plan part's variant has no country regime")
        return {"steps": msgspec.to_builtins(model_support_plan(variant.case, variant.regime).steps)}
    raise ValueError(f"{part.id} is graded by hand; it has no answer key")


def empty_answer(part: Part) -> dict[str, object]:
    """The template a learner starts from (what the release notebook shows)."""
    if part.kind in CASE_ELEMENTS:
        return dict.fromkeys(CASE_ELEMENTS[part.kind])  # nothing answered yet: every element scores 0
    if part.kind == "nrm_plan":
        return {"steps": []}
    return {}


def model_answer(task: Task, part_id: str) -> dict[str, object]:
    """The key for the learner `task.student`, for the course leader's solutions notebook.

    Needs the cohort (`STROM_KIT_COHORT`) and its secret, so it works only where the grader
    works; in a learner's kernel it fails with a message saying so.
    """
    import os

    folder = os.environ.get("STROM_KIT_COHORT")
    if not folder:
        raise RuntimeError("the answer key needs the cohort: set STROM_KIT_COHORT to the cohort folder "
                           "(only the course leader can; learners never can)")
    cohort = Cohort.open(folder)
    variant = learner_variant(task.assignment, task.student or "instructor", cohort.secret(), cohort.material())
    return reference_answer(task.assignment.part(part_id), variant)
