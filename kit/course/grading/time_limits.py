"""How long grading may take: each cell's own limit, and the outer limit of a whole submission.

The assignment's cells have limits of their own (`cell_time_limit`, nbclient's `timeout_func`):
- the kit's own cells (locked, not graded: opening the task, showing a part) may take
  `cell_timeout_s` (course.yaml, 10 s by default): the first one imports the kit, which costs
  a second or more in a cold kernel (the plain nbgrader CLI's) on a busy machine;
- every other cell (the learner's answer cells, the hand-in test cells, cells the learner added)
  may take `answer_cell_timeout_s` (4 s by default): they hold literals and a hand-in, which run
  in milliseconds, so a learner's loop is interrupted after seconds.
A cell that goes over is interrupted; nbclient then waits `IOPUB_S` for its last output.

The outer limit of a submission (`outer_limit`) is `submission_timeout_s` when course.yaml sets
it, else what the release's own code cells may take at their limits, plus a kernel's start and
stop: a learner who loops in every cell is still graded, one who adds looping cells or whose
kernel stops answering is stopped there, not after minutes.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from kit.course.cohort.folder import Cohort

KERNEL_START_S = 30.0  # a kernel's start and nbgrader's steps around the cells, on a busy machine
IOPUB_S = 2            # nbclient's wait for a cell's last output (its iopub_timeout), e.g. after an interrupt
SHUTDOWN_S = 5.0       # jupyter_client's wait before it kills a kernel that does not stop
TIMED_OUT = "timed out"  # how a record's `problem` starts when a part got nothing because a cell hit the time limit
# An error output of these names: nbgrader's Execute interrupted the cell at the time limit.
INTERRUPTED = frozenset({"KeyboardInterrupt", "CellTimeoutError"})


def cell_time_limit(cell: Any, *, own_s: int, answer_s: int) -> int:
    """Seconds `cell` may run: `own_s` for the kit's own cells, `answer_s` for every other."""
    meta = (cell.get("metadata") or {}).get("nbgrader") or {}
    return own_s if meta.get("locked") and not meta.get("grade") else answer_s


def cell_time_limits(cohort: Cohort) -> Callable[[Any], int]:
    """The cohort's `cell_time_limit` (for `Execute.timeout_func`)."""
    return partial(cell_time_limit, own_s=cohort.limit("cell_timeout_s"), answer_s=cohort.limit("answer_cell_timeout_s"))


def outer_limit(cohort: Cohort, release_notebook: Path) -> float:
    """Seconds one submission may take in all (see the module docstring)."""
    explicit = cohort.optional_limit("submission_timeout_s")
    if explicit is not None:
        return float(explicit)
    limit = cell_time_limits(cohort)
    notebook = json.loads(Path(release_notebook).read_text(encoding="utf-8"))
    cells = [cell for cell in notebook["cells"] if cell.get("cell_type") == "code"]
    return KERNEL_START_S + sum(limit(cell) + IOPUB_S for cell in cells) + SHUTDOWN_S
