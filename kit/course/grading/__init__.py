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

from kit.lazy_exports import lazy_getattr

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
