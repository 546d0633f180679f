"""Parallel, fault-tolerant autograding of one assignment for a cohort.

Submissions are checked first (submission_checks.py); the gradable ones go into one queue that
`jobs` worker processes (forked after nbgrader is imported once) take from, one learner at a time,
grading in-process with nbgrader's API: a slow learner holds one worker while the others go on
with the rest. The parent watches every submission against an outer time limit (time_limits.py:
by default what the assignment's own cells may take at their limits); a worker that overruns is
killed with its kernel and a new one takes its place. Every learner ends up `graded`, `graded`
with notes, or `failed` with a reason, never a silent 0. Reruns are idempotent (nbgrader's
--force; records are replaced).
"""

from __future__ import annotations

import json
import os
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kit.course.cohort.assignments import get_assignment
from kit.course.cohort.folder import EXERCISES, Cohort
from kit.course.confine.installer import GRADER_USER, load_sandbox
from kit.course.grading.failures import FAILURES_FILE
from kit.course.grading.pipeline import configure
from kit.course.grading.release_notebooks import ensure_in_gradebook
from kit.course.grading.submission_checks import check_submission, release_cells
from kit.course.grading.time_limits import outer_limit

WORKER_EXIT_S = 10.0


@dataclass
class Outcome:
    """One learner's result of this run."""

    student: str
    status: str = "pending"          # graded | failed
    score: float | None = None
    max_score: float | None = None
    reasons: list[str] = field(default_factory=list)
    seconds: float = 0.0


def autograde(cohort_root: str | Path, assignment_id: str, jobs: int | None = None,
              students: list[str] | None = None, on_outcome: Callable[[Outcome], None] | None = None) -> list[Outcome]:
    """Grade every submission of `assignment_id` (or only `students`); returns one Outcome per learner."""
    cohort = Cohort.open(cohort_root)
    assignment = get_assignment(assignment_id)
    cohort.secret(), cohort.material()  # fail now, before any kernel starts, if either is missing
    ensure_in_gradebook(cohort, assignment_id)
    release = release_cells(EXERCISES / assignment_id / f"{assignment_id}.ipynb")
    submitted = cohort.path("submitted")
    names = students or cohort.learners()
    limit_bytes = cohort.limit("max_submission_mb") * 2**20
    outcomes: dict[str, Outcome] = {}
    queue: list[str] = []
    for student in names:
        check = check_submission(submitted / student / assignment_id, assignment_id, release, limit_bytes)
        outcome = outcomes[student] = Outcome(student, max_score=assignment.points, reasons=list(check.notes))
        if check.fatal:
            outcome.status, outcome.reasons = "failed", [check.fatal, *check.notes]
            _report(outcome, on_outcome)
        else:
            queue.append(student)
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(queue) or 1))
    outer = outer_limit(cohort, EXERCISES / assignment_id / f"{assignment_id}.ipynb")
    _run_workers(cohort, assignment_id, queue, jobs, outer, outcomes, on_outcome)
    _save_failures(cohort, assignment_id, outcomes)
    return [outcomes[name] for name in names]


def _report(outcome: Outcome, on_outcome: Callable[[Outcome], None] | None) -> None:
    if on_outcome is not None:
        on_outcome(outcome)


def _run_workers(cohort: Cohort, assignment_id: str, queue: list[str], jobs: int, outer: float,
                 outcomes: dict[str, Outcome], on_outcome: Callable[[Outcome], None] | None) -> None:
    import multiprocessing

    if not queue:
        return
    import nbgrader.apps.api  # noqa: F401  (imported once here, shared by every forked worker)

    context = multiprocessing.get_context("fork")
    results, tasks = context.Queue(), context.Queue()
    for student in queue:
        tasks.put(student)
    for _ in range(jobs):
        tasks.put(None)  # one "no more" per worker
    pending = set(queue)
    workers: dict[int, dict[str, Any]] = {}

    def start(index: int) -> None:
        process = context.Process(target=_worker, args=(str(cohort.root), assignment_id, index, tasks, results),
                                  daemon=True)
        process.start()
        assert process.pid is not None  # a started process has one
        workers[process.pid] = {"process": process, "index": index, "current": None, "since": time.monotonic()}

    for index in range(jobs):
        start(index)

    def handle(message: tuple) -> None:
        kind, pid, student, payload = message
        state = workers.get(pid)
        if state is None or student not in pending:
            return  # a worker already judged (killed at the outer limit): its late word does not count
        if kind == "start":
            state["current"], state["since"] = student, time.monotonic()
        elif kind == "done" and state["current"] == student:
            pending.discard(student)
            state["current"] = None
            _finish(outcomes[student], payload)
            _report(outcomes[student], on_outcome)

    idle_since: float | None = None
    while workers:
        for message in _messages(results, wait=0.5):
            handle(message)
        now = time.monotonic()
        for pid, state in list(workers.items()):
            process = state["process"]
            overran = state["current"] is not None and now - state["since"] > outer
            stuck = not pending and idle_since is not None and now - idle_since > WORKER_EXIT_S
            if overran or stuck:
                _kill(process)
            elif process.is_alive():
                continue
            process.join(timeout=5)
            for message in _messages(results, wait=0):  # what it said before it ended still counts
                handle(message)
            del workers[pid]
            current = state["current"]
            if current is not None and current in pending:
                pending.discard(current)
                outcome = outcomes[current]
                outcome.status, outcome.seconds = "failed", round(now - state["since"], 1)
                outcome.reasons.insert(0, f"timeout: grading took over {outer:g} s (outer limit); the kernel was killed"
                                       if overran else "the grading process died (memory or process limit)")
                _report(outcome, on_outcome)
            if process.exitcode != 0 and pending:
                tasks.put(None)  # the new worker's own "no more": the one it takes may be another's
                start(state["index"])
        if not pending and idle_since is None:
            idle_since = now


def _messages(results: Any, wait: float) -> list[tuple]:
    """Every message waiting in `results` (waiting up to `wait` s for the first)."""
    import queue

    found = []
    try:
        found.append(results.get(timeout=wait) if wait else results.get_nowait())
        while True:
            found.append(results.get_nowait())
    except queue.Empty:
        return found


def _kill(process: Any) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        process.kill()


def _worker(root: str, assignment_id: str, index: int, tasks: Any, results: Any) -> None:
    """Grade learners taken from `tasks` one by one until a None; the worker leads its own process
    group so a kill takes its kernels too.

    Its stderr (nbgrader's log, the kernels' own warnings) goes to COHORT/.kit/logs/, not the terminal.
    In a confined cohort the worker runs its own kernel forkserver (each learner's kernel is a
    fresh fork of a pre-loaded, never-used process) under a grading user of its own.
    """
    import contextlib
    os.setpgrp()
    _log_to_file(Path(root, ".kit", "logs", f"autograde-{assignment_id}-{os.getpid()}.log"))
    from nbgrader.apps.api import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config import Config

    config = configure(Config(), root)
    api = NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)
    with contextlib.ExitStack() as stack:
        sandbox_file = Path(root, ".kit", "sandbox.json")
        if sandbox_file.exists():
            stack.enter_context(load_sandbox(Path(root)).forkserver(user=f"{GRADER_USER}-{index}"))
        _grade_queue(api, config, root, assignment_id, tasks, results)


def _grade_queue(api: Any, config: Any, root: str, assignment_id: str, tasks: Any, results: Any) -> None:
    while (student := tasks.get()) is not None:
        results.put(("start", os.getpid(), student, None))
        started = time.monotonic()
        record = Path(root, "records", assignment_id, f"{student}.json")
        before = record.stat().st_mtime_ns if record.exists() else None
        try:
            result = api.autograde(assignment_id, student, force=True, create=True)
        except Exception as error:  # noqa: BLE001 - the API reports most failures in its result; this is the rest
            result = {"success": False, "error": repr(error), "log": ""}
        payload = {"success": bool(result.get("success")), "log": str(result.get("log", ""))[-4000:],
                   "error": str(result.get("error") or "")[-4000:], "seconds": round(time.monotonic() - started, 2),
                   "recorded": record.exists() and record.stat().st_mtime_ns != before}
        if payload["success"]:
            payload["score"] = _score(config, assignment_id, student)
        results.put(("done", os.getpid(), student, payload))


def _log_to_file(path: Path) -> None:
    import warnings

    warnings.filterwarnings("ignore")  # nbgrader's SQLAlchemy warnings; failures are reported per learner
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.dup2(descriptor, 2)
    os.close(descriptor)


def _score(config: Any, assignment_id: str, student: str) -> float | None:
    from nbgrader.api import Gradebook

    with Gradebook(config.CourseDirectory.db_url, config.CourseDirectory.course_id) as gradebook:
        return float(gradebook.find_submission(assignment_id, student).score)


def _finish(outcome: Outcome, payload: dict) -> None:
    outcome.seconds = payload["seconds"]
    if payload["success"] and payload["recorded"]:
        outcome.status, outcome.score = "graded", payload.get("score")
        return
    outcome.status = "failed"
    outcome.reasons.insert(0, _failure_reason(payload))


def _failure_reason(payload: dict) -> str:
    text = payload["log"] + "\n" + payload["error"]
    if "CellTimeoutError" in text or "UnresponsiveKernelError" in text:
        # cells are interrupted at the time limit (Execute.interrupt_on_timeout); one that still
        # runs ignored the interrupt
        return "interrupt ignored: a cell ran past the time limit and did not stop when interrupted"
    if "TimeoutError" in text or "Timeout waiting" in text:
        return "timeout: the kernel did not answer in time"
    if "DeadKernelError" in text or "Kernel died" in text or "kernel died" in text:
        return "kernel died: the submission hit the memory or process limit, or crashed the kernel"
    if "NotJSONError" in text or "Notebook does not appear to be JSON" in text or "ValidationError" in text:
        return "invalid notebook: nbgrader could not read it"
    if payload["success"] and not payload["recorded"]:
        return "not scored: the kit's scoring step did not run (check the cohort's nbgrader_config.py)"
    last = [line for line in text.splitlines() if line.strip()][-1:] or ["unknown error"]
    return f"grading failed: {last[0][:300]}"


def _save_failures(cohort: Cohort, assignment_id: str, outcomes: dict[str, Outcome]) -> None:
    folder = cohort.path("records", assignment_id)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / FAILURES_FILE
    previous = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    for outcome in outcomes.values():
        previous.pop(outcome.student, None)
        if outcome.status == "failed":
            previous[outcome.student] = outcome.reasons
    path.write_text(json.dumps(previous, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
