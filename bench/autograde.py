"""Autograding benchmark: `strom-kit course autograde` beside both ways a user runs nbgrader.

Run: .venv/bin/python bench/autograde.py [--learners 40] [--hostile 8] [--rounds 3] [--assignment ch2_what_is_trafficking]

Two cohorts with the kit's default limits and the same confined grading kernel: HONEST (40 honest
learners of three qualities) and MIXED (the same 40 and 8 hostile learners: loops, one ignoring
interrupts, a memory bomb, a fork bomb, the disk search of issue 15, secret reading, patching the
scoring, network access). Each round times, one after another:
  kit      `strom-kit course autograde` on HONEST
  one      one `nbgrader autograde ASSIGNMENT --force` on HONEST (the cohort's nbgrader_config.py)
  each     one `nbgrader autograde ASSIGNMENT --force --student S` per learner on HONEST, as many at a
           time as there are cores (what a user's script with `parallel -j CORES` does)
  mixed    `strom-kit course autograde` on MIXED
Figures are medians of the rounds (issue 15, section 5). Targets: one / kit >= 2 (the kit at least
twice as fast as one plain nbgrader call on honest learners); mixed / kit <= 1.5 (hostile learners
cost at most half again). A round regrades every learner (--force is idempotent).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
BIN = Path(sys.executable).parent
ENV = {**os.environ, "PATH": f"{BIN}:{os.environ.get('PATH', '')}"}
HOSTILE = ("infinite_loop", "loop_ignoring_sigint", "memory_bomb", "fork_bomb", "searching_for_the_key",
           "reading_the_secret", "patching_the_scoring", "network_access")


def build(root: Path, assignment: str, honest: list[str], hostile: dict[str, str], sandbox: bool) -> None:
    from bench.learners import QUALITIES, honest_notebook, make_cohort, strom_kit, submit
    from bench.learners import hostile as hostile_submission

    make_cohort(root, [*honest, *hostile], sandbox=sandbox)
    strom_kit("course", "release", assignment, "--cohort", str(root))
    for index, student in enumerate(honest):
        submit(root, assignment, student, honest_notebook(root, assignment, student, QUALITIES[index % 3]))
    part = _first_autograded_part(assignment)
    for student, scenario in hostile.items():
        content, name = hostile_submission(scenario, honest_notebook(root, assignment, student, "partial"), part, root)
        submit(root, assignment, student, content, name)


def _first_autograded_part(assignment: str) -> str:
    from kit.course.cohort import get_assignment

    return next(part.id for part in get_assignment(assignment).parts if part.autograded)


def timed(command: list[str], cwd: Path, allowed: tuple[int, ...] = (0,)) -> tuple[float, str]:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=ENV, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode not in allowed:
        raise SystemExit(f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    return elapsed, result.stdout


def per_learner(root: Path, assignment: str, students: list[str], cores: int) -> float:
    """One nbgrader call per learner, `cores` at a time."""
    command = [str(BIN / "nbgrader"), "autograde", assignment, "--force", "--student"]
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=cores) as pool:
        list(pool.map(lambda student: timed([*command, student], root), students))
    return time.perf_counter() - start


def kit_command(root: Path, assignment: str) -> list[str]:
    return [str(BIN / "strom-kit"), "course", "autograde", assignment, "--cohort", str(root)]


def check_graded(output: str, students: list[str]) -> None:
    """Every honest learner graded: a fast run that failed learners would be no figure."""
    status = {line.split()[0]: line.split()[1] for line in output.splitlines()[1:] if len(line.split()) > 1}
    failed = [student for student in students if status.get(student) != "graded"]
    if failed:
        raise SystemExit(f"honest learners not graded: {failed}\n{output}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--learners", type=int, default=40)
    parser.add_argument("--hostile", type=int, default=len(HOSTILE))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--assignment", default="ch2_what_is_trafficking")
    parser.add_argument("--no-sandbox", action="store_true", help="Grade in a plain kernel (when the machine cannot confine).")
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    honest = [f"b{n:03d}" for n in range(1, args.learners + 1)]
    hostile = {f"x{n:02d}_{scenario}": scenario for n, scenario in enumerate(HOSTILE[: args.hostile], 1)}
    figures: dict[str, list[float]] = {"kit": [], "one": [], "each": [], "mixed": []}
    hostile_seconds: dict[str, list[str]] = {student: [] for student in hostile}
    with tempfile.TemporaryDirectory() as scratch:
        honest_root, mixed_root = Path(scratch) / "honest", Path(scratch) / "mixed"
        build(honest_root, args.assignment, honest, {}, not args.no_sandbox)
        build(mixed_root, args.assignment, honest, hostile, not args.no_sandbox)
        for round_number in range(1, args.rounds + 1):
            elapsed, output = timed(kit_command(honest_root, args.assignment), honest_root)
            check_graded(output, honest)
            figures["kit"].append(elapsed)
            figures["one"].append(timed([str(BIN / "nbgrader"), "autograde", args.assignment, "--force"], honest_root)[0])
            figures["each"].append(per_learner(honest_root, args.assignment, honest, cores))
            elapsed, output = timed(kit_command(mixed_root, args.assignment), mixed_root, allowed=(0, 1))
            check_graded(output, honest)
            figures["mixed"].append(elapsed)
            for line in output.splitlines():
                if line.split()[:1] and line.split()[0] in hostile:
                    hostile_seconds[line.split()[0]].append(" ".join(line.split()[1:])[:90])
            print(f"round {round_number}: " + ", ".join(f"{name} {values[-1]:.1f} s" for name, values in figures.items()),
                  flush=True)
    median = {name: statistics.median(values) for name, values in figures.items()}
    n = len(honest)
    print(f"\n{args.assignment}: {n} honest learners (+{len(hostile)} hostile in the mixed cohort), {cores} cores, "
          f"median of {args.rounds} rounds, confined kernel: {not args.no_sandbox}")
    labels = {"kit": "strom-kit course autograde, honest", "one": "nbgrader autograde, one call, honest",
              "each": f"nbgrader autograde per learner, {cores} at a time", "mixed": "strom-kit course autograde, mixed"}
    for name, label in labels.items():
        print(f"  {label:<44}: {median[name]:7.1f} s ({median[name] / n:.2f} s per honest learner)  "
              f"rounds {[round(value, 1) for value in figures[name]]}")
    print(f"  one nbgrader call / kit     : {median['one'] / median['kit']:.2f}x (target >= 2)")
    print(f"  nbgrader per learner / kit  : {median['each'] / median['kit']:.2f}x")
    print(f"  mixed / honest (kit)        : {median['mixed'] / median['kit']:.2f}x (target <= 1.5)")
    print("  hostile learners in the mixed cohort (last round):")
    for student, lines in hostile_seconds.items():
        print(f"    {student:<28} {lines[-1] if lines else '?'}")


if __name__ == "__main__":
    main()
