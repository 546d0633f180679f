"""Grading a cohort with nbgrader: the release, the intake of submissions, their checks, the
pipeline (nbgrader's steps and the kit's preprocessors), the time limits, scoring of each handed-in
part outside the learner's kernel, the parallel autograde runner, failures, feedback, manual
grading by rubric and each learner's answer key.

Modules: `release` (solutions/ to exercises/ and each learner's outbound variant), `collect`,
`submission_checks`, `pipeline` (`configure`: the nbgrader config of a cohort), `preprocessors`,
`time_limits`, `part_scoring`, `plan_scoring`, `autograde`, `run_summary`, `failures`,
`feedback_html`, `manual_grading`, `answer_key`.

Public names: see `__all__` (imported lazily: nbgrader is heavy and the CLI starts without it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kit.lazy_exports import lazy_getattr

if TYPE_CHECKING:  # the same names, eagerly, for type checkers
    from kit.course.grading.answer_key import empty_answer as empty_answer
    from kit.course.grading.answer_key import model_answer as model_answer
    from kit.course.grading.answer_key import reference_answer as reference_answer
    from kit.course.grading.autograde_runner import autograde as autograde
    from kit.course.grading.failures import read_failures as read_failures
    from kit.course.grading.feedback_html import generate_feedback as generate_feedback
    from kit.course.grading.feedback_html import skipped_learners as skipped_learners
    from kit.course.grading.intake import CollectError as CollectError
    from kit.course.grading.intake import collect as collect
    from kit.course.grading.manual_grading import RubricError as RubricError
    from kit.course.grading.manual_grading import apply_manual_grade as apply_manual_grade
    from kit.course.grading.manual_grading import rubric_for as rubric_for
    from kit.course.grading.part_scoring import CASE_ELEMENTS as CASE_ELEMENTS
    from kit.course.grading.part_scoring import score_part as score_part
    from kit.course.grading.pipeline import configure as configure
    from kit.course.grading.release_notebooks import ReleaseError as ReleaseError
    from kit.course.grading.release_notebooks import build_exercises as build_exercises
    from kit.course.grading.release_notebooks import release as release
    from kit.course.grading.release_notebooks import require_released as require_released
    from kit.course.grading.run_summary import summarise as summarise

_EXPORTS = {
    "configure": "kit.course.grading.pipeline",
    "release": "kit.course.grading.release_notebooks",
    "ReleaseError": "kit.course.grading.release_notebooks",
    "require_released": "kit.course.grading.release_notebooks",
    "build_exercises": "kit.course.grading.release_notebooks",
    "collect": "kit.course.grading.intake",
    "CollectError": "kit.course.grading.intake",
    "autograde": "kit.course.grading.autograde_runner",
    "summarise": "kit.course.grading.run_summary",
    "read_failures": "kit.course.grading.failures",
    "generate_feedback": "kit.course.grading.feedback_html",
    "skipped_learners": "kit.course.grading.feedback_html",
    "rubric_for": "kit.course.grading.manual_grading",
    "apply_manual_grade": "kit.course.grading.manual_grading",
    "RubricError": "kit.course.grading.manual_grading",
    "score_part": "kit.course.grading.part_scoring",
    "CASE_ELEMENTS": "kit.course.grading.part_scoring",
    "model_answer": "kit.course.grading.answer_key",
    "reference_answer": "kit.course.grading.answer_key",
    "empty_answer": "kit.course.grading.answer_key",
}
__all__ = sorted(_EXPORTS)

__getattr__ = lazy_getattr(__name__, _EXPORTS)
