"""The kit's course on nbgrader's exchange: what the kit releases goes out, what learners submit comes in.

The kit's pipeline stays as it is (`strom-kit course release/collect/autograde/feedback` on the
course's cohort folder, kit/course); this module only moves files between the cohort and nbgrader's
exchange in the layout nbgrader's own fetch, submit and fetch_feedback read and write:
`<exchange>/<course>/outbound/<assignment>/` (the release, readable by all), `inbound/` (writable,
not listable: each learner's `<student>+<assignment>+<timestamp>+<random>/`), and `feedback/`
(one `<hash>.html` per submitted notebook, the hash keyed by the submission's own secret, so only
its learner finds it).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from kit.hub.accounts import account_of


class ExchangeError(RuntimeError):
    """Something to move that is not there, said for the evaluator."""


@dataclass(frozen=True)
class Submission:
    """A learner's latest submission of an assignment in the exchange's inbound folder."""

    student: str
    folder: Path
    timestamp: str


def course_folder(exchange: Path, course: str) -> Path:
    """The course's folders in the exchange, made with nbgrader's modes when missing."""
    exchange.mkdir(parents=True, exist_ok=True)
    exchange.chmod(0o1777)  # nbgrader's exchange root is writable by all (sticky: nobody removes another's)
    root = exchange / course
    for name, mode in (("", 0o755), ("outbound", 0o755), ("inbound", 0o1733), ("feedback", 0o711)):
        folder = root / name if name else root
        folder.mkdir(exist_ok=True)
        folder.chmod(mode)
    return root


def publish_release(cohort: Path, exchange: Path, course: str, assignment: str) -> Path:
    """Copy the kit's release of `assignment` (cohort/outbound/ASSIGN) to the exchange's outbound."""
    source = cohort / "outbound" / assignment
    if not source.is_dir():
        raise ExchangeError(f"{assignment} is not released in {cohort}: run `strom-kit course release {assignment}` first")
    target = course_folder(exchange, course) / "outbound" / assignment
    staged = target.with_name(f".{assignment}.new")
    shutil.rmtree(staged, ignore_errors=True)
    shutil.copytree(source, staged)
    for path in [staged, *staged.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    shutil.rmtree(target, ignore_errors=True)
    staged.rename(target)
    return target


def latest_submissions(exchange: Path, course: str, assignment: str) -> list[Submission]:
    """Each learner's latest submission of `assignment` (nbgrader's timestamps sort as text)."""
    latest: dict[str, Submission] = {}
    inbound = exchange / course / "inbound"
    for folder in sorted(inbound.glob(f"*+{assignment}+*")) if inbound.is_dir() else []:
        parts = folder.name.split("+")
        if len(parts) < 3 or parts[1] != assignment or not folder.is_dir() or folder.is_symlink():
            continue
        student, timestamp = account_of(parts[0]), parts[2]  # nbgrader names it by the system user
        if student not in latest or timestamp > latest[student].timestamp:
            latest[student] = Submission(student, folder, timestamp)
    return [latest[name] for name in sorted(latest)]


def gather(submissions: list[Submission], assignment: str, into: Path) -> Path:
    """The submitted notebooks as a download the kit's `collect` takes in: `into/<student>/<name>.ipynb`."""
    for submission in submissions:
        notebooks = [p for p in submission.folder.glob("*.ipynb") if p.is_file() and not p.is_symlink()]
        if not notebooks:
            continue
        (into / submission.student).mkdir(parents=True, exist_ok=True)
        for notebook in notebooks:
            shutil.copyfile(notebook, into / submission.student / notebook.name)
    return into


def publish_feedback(cohort: Path, exchange: Path, course: str, assignment: str,
                     submissions: list[Submission]) -> tuple[dict[str, int], dict[str, str]]:
    """Copy the kit's feedback (cohort/feedback/STUDENT/ASSIGN/*.html) where nbgrader's
    fetch_feedback finds it for the submission it came from; (pages published per learner,
    learners left out with the reason)."""
    from nbgrader.utils import notebook_hash

    feedback = course_folder(exchange, course) / "feedback"
    published: dict[str, int] = {}
    missing: dict[str, str] = {}
    for submission in submissions:
        secret_file = submission.folder / "submission_secret.txt"
        pages = sorted((cohort / "feedback" / submission.student / assignment).glob("*.html"))
        if not secret_file.is_file():
            missing[submission.student] = f"the submission {submission.folder.name} has no submission_secret.txt"
            continue
        if not pages:
            missing[submission.student] = f"no feedback yet: run `strom-kit course feedback {assignment}`"
            continue
        secret = secret_file.read_text().strip()
        for page in pages:
            target = feedback / f"{notebook_hash(secret=secret, notebook_id=page.stem)}.html"
            shutil.copyfile(page, target)
            target.chmod(0o644)
        published[submission.student] = len(pages)
    return published, missing
