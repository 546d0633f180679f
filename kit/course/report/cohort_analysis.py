"""Everything the cohort report shows, computed once from a cohort folder (gradebook + records).

Failed gradings (records/ASSIGN/_failures.json) are left out of every table, because nbgrader may
keep an older score and the kit's record may be an older one too; they are listed on their own,
with their reasons, as are the submissions whose free text still awaits manual grading.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kit.course.grading.failures import read_failures
from kit.course.report.gradebook_frame import grades_frame, sqlite_url, totals_frame
from kit.course.report.item_analysis import item_statistics, score_distribution
from kit.course.report.record_summaries import (
    misconception_counts,
    missed_indicator_counts,
    read_records,
    time_per_assignment,
)

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
    failures: dict = field(default_factory=dict)  # (assignment, student) -> reasons of a failed grading

    @property
    def learners(self) -> int:
        """Learners with at least one submission."""
        return int(self.totals["student"].nunique())

    @property
    def pending_manual(self) -> int:
        """Graded cells that still await a human grader."""
        return int(self.grades["needs_manual_grade"].sum())

    def pending(self) -> list[tuple[str, str, list[str]]]:
        """(assignment, student, parts) for every submission with parts that await manual grading."""
        found: dict[tuple[str, str], list[str]] = {}
        if not self.grades.empty:
            for row in self.grades[self.grades["needs_manual_grade"]].itertuples():
                found.setdefault((row.assignment, row.student), []).append(row.grade_id)
        return [(assignment, student, parts) for (assignment, student), parts in found.items()]


def analyse_cohort(cohort: str | Path, course_id: str = "strom") -> CohortAnalysis:
    """Read `COHORT/gradebook.db` and `COHORT/records/` and compute every table of the report."""

    cohort = Path(cohort)
    grades = grades_frame(sqlite_url(cohort / GRADEBOOK_FILE), course_id)
    failures = read_failures(cohort)  # a failed grading is left out, not counted as 0 or as a stale score
    if failures and not grades.empty:
        grades = grades[[(a, s) not in failures for a, s in zip(grades["assignment"], grades["student"])]]
    totals = totals_frame(grades)
    records = [r for r in read_records(cohort) if (r["assignment"], r["student"]) not in failures]  # a record may be stale
    return CohortAnalysis(
        cohort=cohort, grades=grades, totals=totals, distribution=score_distribution(totals),
        items=item_statistics(grades), missed=missed_indicator_counts(records),
        misconceptions=misconception_counts(records), times=time_per_assignment(records), failures=failures,
    )
