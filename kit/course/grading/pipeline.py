"""The nbgrader configuration of a cohort, shared by `strom-kit course …` and the plain nbgrader CLI.

`configure(c, cohort)` fills a traitlets Config: the kit's solutions/ and exercises/ as source and
release, the cohort's gradebook, the kit's steps in the autograde pipeline (see preprocessors.py),
timeouts, the release's answer stub, feedback without hidden tests, and the confined kernel
when the cohort has one.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from kit.course.cohort.folder import EXERCISES, SOLUTIONS, Cohort
from kit.course.confine.installer import load_sandbox
from kit.course.grading.time_limits import IOPUB_S, cell_time_limits

if TYPE_CHECKING:
    from traitlets.config import Config

CODE_STUB = "# Skriv ditt svar ovan. / Write your answer above."
TEXT_STUB = "Skriv ditt svar här. / Write your answer here."


def put_venv_on_path() -> None:
    """nbgrader shells out to `alembic` when it makes a gradebook: this Python's bin/ must be on PATH,
    as an absolute entry (a relative one breaks when nbgrader changes folder), or it leaves a
    half-built gradebook behind."""
    import os
    import sys

    bin_dir = str(Path(sys.executable).parent.resolve())
    entries = os.environ.get("PATH", "").split(os.pathsep)
    if bin_dir not in entries:
        os.environ["PATH"] = os.pathsep.join([bin_dir, *entries])


def configure(c: Config, cohort_path: str | Path) -> Config:
    """Fill `c` for the cohort at `cohort_path` (a folder, or its nbgrader_config.py)."""
    from nbconvert.preprocessors import ClearMetadataPreprocessor
    from nbgrader.preprocessors import (
        AssignLatePenalties,
        CheckCellMetadata,
        ClearOutput,
        DeduplicateIds,
        Execute,
        IgnorePattern,
        LimitOutput,
        OverwriteCells,
        OverwriteKernelspec,
        SaveAutoGrades,
    )

    # The kit's steps subclass nbgrader's: importing them imports nbgrader (heavy), so here, not at the top.
    from kit.course.grading.preprocessors import NoteLearnerTimes, ProvideVariant, RestoreDeletedCells, ScoreHandIns

    put_venv_on_path()
    path = Path(cohort_path).resolve()
    cohort = Cohort.open(path.parent if path.is_file() else path)
    c.CourseDirectory.root = str(cohort.root)
    c.CourseDirectory.course_id = cohort.course_id
    c.CourseDirectory.source_directory = str(SOLUTIONS)
    c.CourseDirectory.release_directory = str(EXERCISES)
    c.CourseDirectory.db_url = cohort.db_url
    c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", ".*"]
    c.ClearSolutions.code_stub = {"python": CODE_STUB}
    c.ClearSolutions.text_stub = TEXT_STUB
    c.Execute.timeout = int(cohort.limit("cell_timeout_s"))
    c.Execute.timeout_func = cell_time_limits(cohort)  # each cell's own limit (time_limits.py)
    c.Execute.iopub_timeout = IOPUB_S
    c.Execute.interrupt_on_timeout = True
    c.Autograde.sanitize_preprocessors = [NoteLearnerTimes, ClearOutput, DeduplicateIds, RestoreDeletedCells, OverwriteKernelspec,
                                          OverwriteCells, CheckCellMetadata]
    c.Autograde.autograde_preprocessors = [ProvideVariant, Execute, ScoreHandIns, IgnorePattern,
                                           ClearMetadataPreprocessor, LimitOutput, SaveAutoGrades,
                                           AssignLatePenalties, CheckCellMetadata]
    c.ProvideVariant.cohort = str(cohort.root)
    c.ScoreHandIns.cohort = str(cohort.root)
    c.ClearHiddenTests.enabled = True
    c.GenerateFeedback.preprocessors = _feedback_preprocessors()
    _confine(c, cohort)
    return c


def _feedback_preprocessors() -> list:
    from nbgrader.preprocessors import GetGrades

    return [GetGrades, "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor", "nbgrader.preprocessors.ClearHiddenTests"]


def _confine(c: Any, cohort: Cohort) -> None:
    """Run submissions in the cohort's confined kernel when `strom-kit course init` installed one."""
    kernel = cohort.path(".kit", "sandbox.json")
    if not kernel.exists():
        return
    import os

    sandbox = load_sandbox(cohort.root)
    os.environ.update(sandbox.environ())  # where the kernelspec and the runtime folder are
    for section, values in sandbox.nbgrader_config().items():
        for name, value in values.items():
            setattr(getattr(c, section), name, value)
