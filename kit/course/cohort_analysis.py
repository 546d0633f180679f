"""Everything the cohort report shows, computed once from a cohort folder (gradebook + records)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

GRADEBOOK_FILE = "gradebook.db"


@dataclass(frozen=True)
class CohortAnalysis:
    """The cohort's tables: grades and totals from nbgrader, summaries from the kit's records."""

    cohort: Path
    grades: Any         # gradebook_frame.grades_frame
    totals: Any         # gradebook_frame.totals_frame
    distribution: Any   # item_analysis.score_distribution
    items: Any          # item_analysis.item_statistics
    missed: Any         # record_summaries.missed_indicator_counts
    misconceptions: Any  # record_summaries.misconception_counts
    times: Any          # record_summaries.time_per_assignment

    @property
    def learners(self) -> int:
        """Learners with at least one submission."""
        return int(self.totals["student"].nunique())

    @property
    def pending_manual(self) -> int:
        """Graded cells that still await a human grader."""
        return int(self.grades["needs_manual_grade"].sum())


def analyse_cohort(cohort: str | Path, course_id: str = "strom") -> CohortAnalysis:
    """Read `COHORT/gradebook.db` and `COHORT/records/` and compute every table of the report."""
    from kit.course.gradebook_frame import grades_frame, sqlite_url, totals_frame
    from kit.course.item_analysis import item_statistics, score_distribution
    from kit.course.record_summaries import misconception_counts, missed_indicator_counts, read_records, time_per_assignment

    cohort = Path(cohort)
    from kit.course.failures import read_failures

    grades = grades_frame(sqlite_url(cohort / GRADEBOOK_FILE), course_id)
    failures = read_failures(cohort)  # a failed grading is left out, not counted as 0 or as a stale score
    if failures and not grades.empty:
        grades = grades[[(a, s) not in failures for a, s in zip(grades["assignment"], grades["student"])]]
    totals = totals_frame(grades)
    records = read_records(cohort)
    return CohortAnalysis(
        cohort=cohort, grades=grades, totals=totals, distribution=score_distribution(totals),
        items=item_statistics(grades), missed=missed_indicator_counts(records),
        misconceptions=misconception_counts(records), times=time_per_assignment(records),
    )
