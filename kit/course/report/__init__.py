"""What a graded cohort gives back to evaluators: nbgrader's gradebook as pandas tables, grade
exports (pseudonymous CSV, Canvas, Moodle), and the cohort report (an offline HTML page, a notebook
that re-runs it) with its item analysis, figures and summaries of the kit's grading records.

Modules: `gradebook_frame`, `record_summaries`, `item_analysis`, `cohort_grades`, `cohort_analysis`,
`exports`, `figures`, `sections`, `notebook`, `cohort_report`.

Public names: see `__all__` (imported lazily: pandas and matplotlib are heavy).
"""

from __future__ import annotations

from kit.lazy_exports import lazy_getattr

_EXPORTS = {
    "write_report": "kit.course.report.cohort_report",
    "export_grades": "kit.course.report.exports",
    "read_canvas_ids": "kit.course.report.exports",
    "ExportError": "kit.course.report.exports",
    "FORMATS": "kit.course.report.exports",
    "cohort_grades": "kit.course.report.grades",
    "CohortGrades": "kit.course.report.grades",
    "NothingGradedError": "kit.course.report.grades",
    "analyse_cohort": "kit.course.report.cohort_analysis",
}
__all__ = sorted(_EXPORTS)

__getattr__ = lazy_getattr(__name__, _EXPORTS)
