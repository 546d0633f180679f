"""From solutions/ to what learners get: nbgrader's release (exercises/) and the cohort's outbound
folder with each learner's public variant."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from kit.course.cohort.assignments import get_assignment, load_assignments
from kit.course.cohort.folder import EXERCISES, SOLUTIONS, Cohort, CohortError
from kit.course.cohort.learner_variants import learner_variant, public_variant
from kit.course.grading.pipeline import (
    CODE_STUB,
    TEXT_STUB,
    configure,
    put_venv_on_path,
)


class ReleaseError(RuntimeError):
    """nbgrader could not build the release; the message carries its log."""


def generate(cohort: Cohort, assignment_id: str) -> None:
    """Run nbgrader generate_assignment for the cohort: writes exercises/ASSIGN and the gradebook entries."""
    api = nbgrader_api(cohort)
    result = api.generate_assignment(assignment_id, force=True, create=True)
    if not result.get("success"):
        raise ReleaseError(f"nbgrader could not generate {assignment_id}:\n{result.get('error') or result.get('log')}")


def ensure_in_gradebook(cohort: Cohort, assignment_id: str) -> None:
    """Make sure the gradebook knows the assignment's grade cells (generating it if not)."""
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(cohort.db_url, cohort.course_id) as gradebook:
        try:
            if gradebook.find_assignment(assignment_id).notebooks:
                return
        except MissingEntry:
            pass
    generate(cohort, assignment_id)


def require_released(cohort: Cohort, assignment_id: str) -> None:
    """Refuse (CohortError) to grade an assignment the cohort has not released: nothing is touched."""
    if not cohort.path("outbound", assignment_id, "variants").is_dir():
        raise CohortError(f"{assignment_id} is not released in {cohort.root} yet: run `strom-kit course release "
                          f"{assignment_id}` first (learners need their variants before they can hand in)")


def release(cohort: Cohort, assignment_id: str) -> Path:
    """Build `outbound/ASSIGN/`: the release notebook plus `variants/STUDENT.json` for each learner."""
    assignment = get_assignment(assignment_id)
    students = cohort.students()
    secret, material = cohort.secret(), cohort.material()
    generate(cohort, assignment_id)
    target = cohort.path("outbound", assignment_id)
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(EXERCISES / assignment_id, target)
    (target / "variants").mkdir()
    for student in students:
        variant = public_variant(learner_variant(assignment, student, secret, material))
        (target / "variants" / f"{student}.json").write_text(json.dumps(variant, ensure_ascii=False), encoding="utf-8")
    return target


def nbgrader_api(cohort: Cohort) -> Any:
    """nbgrader's Python API configured for `cohort`."""
    from nbgrader.apps.api import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config import Config

    config = configure(Config(), cohort.root)
    return NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)


def build_exercises(target: Path, assignment_ids: list[str] | None = None) -> list[Path]:
    """Generate the release of `assignment_ids` (default: all) from solutions/ into `target`,
    with a throwaway gradebook; `target` = the kit's exercises/ rebuilds the committed release.
    Each assignment is built aside and replaces the old one only when nbgrader succeeded."""
    import tempfile

    from nbgrader.apps.api import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config import Config

    put_venv_on_path()
    written = []
    with tempfile.TemporaryDirectory() as scratch:
        config = Config()
        config.CourseDirectory.root = scratch
        config.CourseDirectory.source_directory = str(SOLUTIONS)
        config.CourseDirectory.release_directory = str(Path(scratch) / "release")
        config.CourseDirectory.db_url = f"sqlite:///{scratch}/gradebook.db"
        config.ClearSolutions.code_stub = {"python": CODE_STUB}
        config.ClearSolutions.text_stub = TEXT_STUB
        api = NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)
        for assignment_id in assignment_ids or list(load_assignments()):
            result = api.generate_assignment(assignment_id, force=True, create=True)
            if not result.get("success"):
                raise ReleaseError(f"nbgrader could not generate {assignment_id}:\n{result.get('error') or result.get('log')}")
            built, final = Path(scratch) / "release" / assignment_id, Path(target) / assignment_id
            if final.exists():
                shutil.rmtree(final)
            shutil.copytree(built, final)
            written.append(final)
    return written
