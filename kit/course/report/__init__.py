"""What a graded cohort gives back to evaluators: nbgrader's gradebook as pandas tables, grade
exports (pseudonymous CSV, Canvas, Moodle), and the cohort report (an offline HTML page, a notebook
that re-runs it) with its item analysis, figures and summaries of the kit's grading records.

Modules: `gradebook_frame`, `record_summaries`, `item_analysis`, `cohort_grades`, `cohort_analysis`,
`exports`, `figures`, `sections`, `notebook`, `cohort_report`, `progress_export` (released grades into
the answer store, for the student's progress).

Public names: see `__all__` (imported lazily: pandas and matplotlib are heavy).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kit.lazy_exports import lazy_getattr

if TYPE_CHECKING:  # the same names, eagerly, for type checkers
    from kit.course.report.cohort_analysis import analyse_cohort as analyse_cohort
    from kit.course.report.cohort_report import write_report as write_report
    from kit.course.report.exports import FORMATS as FORMATS
    from kit.course.report.exports import ExportError as ExportError
    from kit.course.report.exports import export_grades as export_grades
    from kit.course.report.exports import read_canvas_ids as read_canvas_ids
    from kit.course.report.grades import CohortGrades as CohortGrades
    from kit.course.report.grades import NothingGradedError as NothingGradedError
    from kit.course.report.grades import cohort_grades as cohort_grades
    from kit.course.report.progress_export import ProgressExport as ProgressExport
    from kit.course.report.progress_export import export_progress as export_progress

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
    "export_progress": "kit.course.report.progress_export",
    "ProgressExport": "kit.course.report.progress_export",
}
__all__ = sorted(_EXPORTS)

__getattr__ = lazy_getattr(__name__, _EXPORTS)
