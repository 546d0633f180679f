"""Autograding benchmark: `strom-kit course autograde` beside plain sequential `nbgrader autograde`
and beside the floor, in one run.

Run: .venv/bin/python bench/autograde.py [--learners 40] [--rounds 3] [--assignment ch2_what_is_trafficking]
Targets (issue 7): at least 2.5x faster than sequential `nbgrader autograde` of the same cohort
(same config, same grading kernel); time per submission within 1.5x of the floor = executing the
same submitted notebooks with nbclient in-process, one after another, divided by the cores.
Each figure is the median of the rounds; a round regrades every learner (--force is idempotent).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
BIN = Path(sys.executable).parent
SANDBOX = "--no-sandbox" not in sys.argv
ENV = {**os.environ, "PATH": f"{BIN}:{os.environ.get('PATH', '')}"}


def build(root: Path, assignment: str, learners: int) -> list[str]:
    from tests.course.learners import QUALITIES, honest_notebook, make_cohort, strom_kit, submit

    students = [f"b{n:03d}" for n in range(1, learners + 1)]
    make_cohort(root, students, sandbox=SANDBOX)
    strom_kit("course", "release", assignment, "--cohort", str(root))
    for index, student in enumerate(students):
        submit(root, assignment, student, honest_notebook(root, assignment, student, QUALITIES[index % 3]))
    return students


def timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=ENV, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    return elapsed


def floor(root: Path, assignment: str, students: list[str]) -> float:
    """Execute the autograded copies of the submissions (outputs cleared) with nbclient, in-process,
    one after another, in a standard python3 kernel: the work any grader must do at least."""
    import nbformat
    from nbclient import NotebookClient

    start = time.perf_counter()
    for student in students:
        folder = root / "autograded" / student / assignment
        notebook = nbformat.read(folder / f"{assignment}.ipynb", as_version=4)
        for cell in notebook.cells:
            if cell.cell_type == "code":
                cell.outputs = []
        NotebookClient(notebook, timeout=30, kernel_name="python3", allow_errors=True,
                       resources={"metadata": {"path": str(folder)}}).execute()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--learners", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--assignment", default="ch2_what_is_trafficking")
    parser.add_argument("--no-sandbox", action="store_true", help="Grade in a plain kernel (when the machine cannot confine).")
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch) / "cohort"
        students = build(root, args.assignment, args.learners)
        ours, plain, bare = [], [], []
        for _ in range(args.rounds):
            ours.append(timed([str(BIN / "strom-kit"), "course", "autograde", args.assignment, "--cohort", str(root)], root))
            plain.append(timed([str(BIN / "nbgrader"), "autograde", args.assignment, "--force"], root))
            bare.append(floor(root, args.assignment, students))
    n = len(students)
    ours_m, plain_m, bare_m = (statistics.median(x) for x in (ours, plain, bare))
    floor_per = bare_m / n / cores
    print(f"{n} submissions of {args.assignment}, {cores} cores, median of {args.rounds} rounds")
    print(f"  strom-kit course autograde : {ours_m:7.1f} s  ({ours_m / n:.3f} s per submission)  rounds {[round(x, 1) for x in ours]}")
    print(f"  nbgrader autograde (seq.)  : {plain_m:7.1f} s  ({plain_m / n:.3f} s per submission)  rounds {[round(x, 1) for x in plain]}")
    print(f"  floor: nbclient in-process : {bare_m:7.1f} s  ({floor_per:.3f} s per submission per core)  rounds {[round(x, 1) for x in bare]}")
    print(f"  speed-up over sequential nbgrader: {plain_m / ours_m:.2f}x (target >= 2.5x)")
    print(f"  per submission vs floor: {ours_m / n / floor_per:.2f}x (target <= 1.5x)")


if __name__ == "__main__":
    main()
