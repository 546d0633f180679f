"""A cohort folder: where one course run keeps its config, secret, material, roster and grades.

`init_cohort` makes the folder (mode 0700) with an `nbgrader_config.py` that points nbgrader at
the kit's `solutions/` (source) and `exercises/` (release), so the plain `nbgrader` CLI and
formgrader work in it too; `Cohort` reads it back.
"""

from __future__ import annotations

import functools
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kit.course.cohort.material import Material, load_material
from kit.course.cohort.roster import read_roster
from kit.course.cohort.secret import new_secret_file, read_secret

REPO = Path(__file__).resolve().parents[3]
SOLUTIONS = REPO / "solutions"
EXERCISES = REPO / "exercises"
COURSE_ID = "strom"
# Time limits (see kit/course/grading/time_limits.py): cell_timeout_s for the kit's own cells (the first imports the kit),
# answer_cell_timeout_s for answer, hand-in and added cells (they run in milliseconds); None for
# submission_timeout_s = what the assignment's own cells may take at those limits.
DEFAULTS = {"cell_timeout_s": 10, "answer_cell_timeout_s": 4, "submission_timeout_s": None, "memory_mb": 1536,
            "processes": 128, "max_submission_mb": 20}
CONFIG_TEMPLATE = '''"""nbgrader configuration of this cohort, written by `strom-kit course init`."""
from kit.course.grading import configure

configure(get_config(), __file__)  # noqa: F821 (nbgrader provides get_config)
'''


class CohortError(RuntimeError):
    """A cohort folder that is missing, incomplete or unsafe, with what to do about it."""


@dataclass(frozen=True)
class Cohort:
    """Paths and settings of a cohort folder."""

    root: Path

    @classmethod
    def open(cls, root: str | Path) -> Cohort:
        root = Path(root).resolve()
        if not (root / "course.yaml").exists():
            raise CohortError(f"{root} is not a cohort folder (no course.yaml); make one with: strom-kit course init {root}")
        return cls(root)

    @property
    def settings(self) -> dict[str, Any]:
        return _settings(self.root / "course.yaml")

    @property
    def course_id(self) -> str:
        return self.settings.get("course_id", COURSE_ID)

    @property
    def db_url(self) -> str:
        return f"sqlite:///{self.root / 'gradebook.db'}?timeout=30"

    def path(self, *parts: str) -> Path:
        return self.root.joinpath(*parts)

    def secret(self) -> bytes:
        return read_secret(self.root / "secret")

    def material(self) -> Material:
        """The course-held graded material (read once per process)."""
        return _material(self.root / "material")

    def limit(self, name: str) -> int:
        """A limit of course.yaml (`limits:`), checked: a whole number above zero, else CohortError naming
        the file, the limit and its value. Missing limits take the kit's default (DEFAULTS)."""
        value = self.optional_limit(name)
        if value is None:
            raise CohortError(f"{self.root / 'course.yaml'}: limits.{name} is empty; give a whole number above zero "
                              f"(the kit's default is {DEFAULTS[name]})")
        return value

    def optional_limit(self, name: str) -> int | None:
        """A limit that may be left empty (null: the kit works it out, as for submission_timeout_s)."""
        limits = self.settings.get("limits") or {}
        if not isinstance(limits, dict):
            raise CohortError(f"{self.root / 'course.yaml'}: limits must be a mapping of names to numbers, not {limits!r}")
        return _limit_value(self.root / "course.yaml", name, limits.get(name, DEFAULTS[name]))

    def learners(self) -> list[str]:
        """Everyone to grade: the roster's learners and whoever has a submission folder, sorted."""
        submitted = self.root / "submitted"
        found = {p.name for p in submitted.iterdir() if p.is_dir()} if submitted.is_dir() else set()
        if (self.root / "roster.csv").exists():
            found |= set(self.students())
        return sorted(found)

    def students(self) -> list[str]:
        """Student ids from roster.csv, in file order (checked: see kit/course/cohort/roster.py)."""

        return list(read_roster(self.root / "roster.csv"))


def init_cohort(root: str | Path, material: str | Path | None = None, roster: str | Path | None = None) -> Cohort:
    """Make a cohort folder (idempotent: what exists is kept); copy graded material and roster if given."""
    import yaml

    root = Path(root).resolve()
    if roster is not None:
        read_roster(roster)  # refuse a bad roster before anything is made
    root.mkdir(parents=True, exist_ok=True)
    os.chmod(root, 0o700)
    for folder in ("material/cases", "submitted", "autograded", "feedback", "records", "outbound"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    new_secret_file(root / "secret")
    if not (root / "course.yaml").exists():
        (root / "course.yaml").write_text(yaml.safe_dump({"course_id": COURSE_ID, "limits": DEFAULTS}, sort_keys=False),
                                          encoding="utf-8")
    (root / "nbgrader_config.py").write_text(CONFIG_TEMPLATE, encoding="utf-8")
    if material is not None:
        _copy_material(Path(material), root / "material")
    if roster is not None:
        shutil.copyfile(roster, root / "roster.csv")
    return Cohort(root)


def _copy_material(source: Path, target: Path) -> None:
    load_material(source)  # refuse broken material before copying anything
    for path in sorted((source / "cases").glob("*.yaml")):
        shutil.copyfile(path, target / "cases" / path.name)
    shutil.copyfile(source / "situations.yaml", target / "situations.yaml")


def material_notes(source: str | Path, cohort: Cohort) -> list[str]:
    """What `course init --material SOURCE` tells the evaluator once the material is copied in:
    the source folder is no longer needed, and a warning (a line starting with 'warning:') when
    other users of the machine can read any of it."""
    source = Path(source).resolve()
    notes = [f"material copied into {cohort.path('material')}: grading reads only that copy, so {source} is no "
             "longer needed; delete it or keep it where learners cannot read it"]
    readable = world_readable(source)
    if readable:
        notes.append(f"warning: every user of this machine can read the graded material in {source} "
                     f"({len(readable)} file(s) and folder(s), e.g. {readable[0]}); remove it or run: chmod -R o-rwx {source}")
    return notes


def world_readable(folder: Path) -> list[Path]:
    """Paths in `folder` (itself included) that any user may read (folders: list or enter)."""
    import stat

    found = []
    for path in [folder, *sorted(folder.rglob("*"))]:
        mode = path.stat().st_mode
        if mode & stat.S_IROTH or (path.is_dir() and mode & stat.S_IXOTH):
            found.append(path)
    return found


@functools.lru_cache(maxsize=4)
def _settings(path: Path) -> dict[str, Any]:
    import yaml

    try:
        settings = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise CohortError(f"{path} is not valid YAML: {exc}") from None
    if not isinstance(settings, dict):
        raise CohortError(f"{path} must be a mapping (course_id:, limits:), not {type(settings).__name__}")
    return settings


def _limit_value(path: Path, name: str, value: object) -> int | None:
    """`value` of limit `name` as a whole number above zero (a number or numeric text), None when empty."""
    if value is None:
        return None
    number: object = value
    if isinstance(value, str) and value.strip().isdigit():
        number = int(value.strip())
    if isinstance(number, float) and number.is_integer():
        number = int(number)
    if isinstance(number, bool) or not isinstance(number, int) or number <= 0:
        raise CohortError(f"{path}: limits.{name} is {value!r}; give a whole number above zero "
                          f"(the kit's default is {DEFAULTS[name]})")
    return number


@functools.lru_cache(maxsize=4)
def _material(folder: Path) -> Material:
    return load_material(folder)
