"""A scratch cohort for the course tests: a real nbgrader gradebook and the kit's grading records.

Twelve learners (s01-s12), two assignments. The numbers are chosen so tests can assert them by hand:
- ch2_what_is_trafficking / ch2: palermo (4 points, autograded; s05's 3 raised by hand to 4),
  indicators (2), reflection (3, graded by hand; s12's still awaits a grader);
- ch4_indicators / ch4: indicators (3), referrals (2, everyone got 2: no spread); s12 did not submit.
Records: identity_documents_withheld_sexual missed by s01-s08 (s01-s03 in both assignments),
no_or_low_pay_labour by s04-s08, excessive_hours_labour by s11-s12; consent_makes_it_not_trafficking
shown by s09-s12, means_needed_for_minor by s01-s02. Time on ch2 known for s01-s11.
"""

from __future__ import annotations

import json
import os
import sys
import warnings
from pathlib import Path

COURSE_ID = "strom"
STUDENTS = [f"s{number:02d}" for number in range(1, 13)]
CH2, CH4 = "ch2_what_is_trafficking", "ch4_indicators"
CH2_PALERMO_AUTO = [4, 4, 3, 3, 3, 2, 2, 2, 1, 1, 0, 0]
CH2_INDICATORS = [2, 2, 2, 1, 1, 1, 1, 0, 1, 0, 0, 0]
CH2_REFLECTION = [3, 3, 2, 2, 2, 2, 1, 1, 1, 0, 0, None]
CH4_INDICATORS = [3, 3, 2, 3, 2, 1, 2, 1, 0, 1, 0]
CH2_TIME = [600, 1200, 1800, 2400, 3000, 3600, 600, 1200, 1800, 2400, 3000, None]


def build_cohort(cohort: Path) -> Path:
    """Make `cohort` with gradebook.db and records/; returns the cohort folder."""
    cohort.mkdir(parents=True, exist_ok=True)
    _build_gradebook(cohort / "gradebook.db")
    _write_records(cohort / "records")
    return cohort


def _build_gradebook(path: Path) -> None:
    from nbgrader.api import Gradebook

    venv_bin = str(Path(sys.executable).parent)  # nbgrader shells out to `alembic` on a new gradebook
    if venv_bin not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = venv_bin + os.pathsep + os.environ.get("PATH", "")
    with warnings.catch_warnings(), Gradebook(f"sqlite:///{path}", course_id=COURSE_ID) as gb:
        # nbgrader's add_submission trips SQLAlchemy's autoflush warning; the rows are written all the same
        warnings.filterwarnings("ignore", message="Object of type .* not in session")
        gb.add_assignment(CH2, duedate="2026-11-20 17:00:00 UTC")
        gb.add_assignment(CH4, duedate="2026-11-27 17:00:00 UTC")
        gb.add_notebook("ch2", CH2)
        gb.add_notebook("ch4", CH4)
        for name, points, kind in (("palermo", 4, "code"), ("indicators", 2, "code"), ("reflection", 3, "markdown")):
            gb.add_grade_cell(name, "ch2", CH2, max_score=points, cell_type=kind)
            gb.add_solution_cell(name if kind == "markdown" else f"{name}_answer", "ch2", CH2)
        for name, points in (("indicators", 3), ("referrals", 2)):
            gb.add_grade_cell(name, "ch4", CH4, max_score=points, cell_type="code")
            gb.add_solution_cell(f"{name}_answer", "ch4", CH4)
        for position, student in enumerate(STUDENTS):
            gb.add_student(student)
            gb.add_submission(CH2, student, timestamp="2026-11-19 10:00:00 UTC")
            _grade(gb, "palermo", "ch2", CH2, student, auto=CH2_PALERMO_AUTO[position], manual=4 if student == "s05" else None)
            _grade(gb, "indicators", "ch2", CH2, student, auto=CH2_INDICATORS[position])
            _grade(gb, "reflection", "ch2", CH2, student, auto=None, manual=CH2_REFLECTION[position],
                   pending=CH2_REFLECTION[position] is None)
            if position < len(CH4_INDICATORS):
                gb.add_submission(CH4, student, timestamp="2026-11-26 10:00:00 UTC")
                _grade(gb, "indicators", "ch4", CH4, student, auto=CH4_INDICATORS[position])
                _grade(gb, "referrals", "ch4", CH4, student, auto=2)


def _grade(gb, cell, notebook, assignment, student, auto, manual=None, pending=False) -> None:
    grade = gb.find_grade(cell, notebook, assignment, student)
    grade.auto_score = None if auto is None else float(auto)
    grade.manual_score = None if manual is None else float(manual)
    grade.needs_manual_grade = pending
    gb.db.commit()


def _write_records(folder: Path) -> None:
    for position, student in enumerate(STUDENTS):
        number = position + 1
        ch2_parts = {
            "palermo": _part("palermo", 4.0, misconceptions=["consent_makes_it_not_trafficking"] if number >= 9 else []),
            "indicators": _part("indicators", 2.0, missed=(["identity_documents_withheld_sexual"] if number <= 8 else [])
                                + (["excessive_hours_labour"] if number >= 11 else [])),
        }
        _write(folder / CH2 / f"{student}.json", student, CH2, CH2_TIME[position], ch2_parts)
        if position < len(CH4_INDICATORS):
            missed = (["identity_documents_withheld_sexual"] if number <= 3 else []) + (["no_or_low_pay_labour"] if 4 <= number <= 8 else [])
            ch4_parts = {
                "indicators": _part("indicators", 3.0, missed=missed, misconceptions=["means_needed_for_minor"] if number <= 2 else []),
                "referrals": _part("referrals", 2.0),
            }
            _write(folder / CH4 / f"{student}.json", student, CH4, 900.0, ch4_parts)


def _part(kind: str, points: float, missed=(), misconceptions=()) -> dict:
    return {"kind": kind, "points": points, "score": 0.5, "earned": points / 2, "elements": {},
            "missed_indicators": list(missed), "misconceptions": list(misconceptions), "problem": None}


def _write(path: Path, student: str, assignment: str, seconds, parts: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    record = {"student": student, "assignment": assignment, "graded_at": "2026-11-29T16:00:00Z",
              "time_spent_s": seconds, "parts": parts}
    path.write_text(json.dumps(record), encoding="utf-8")
