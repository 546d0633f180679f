"""Confined grading kernels: start + one cell, confined (kernelspec chain, forkserver) beside a plain python3 kernel.

Run: .venv/bin/python bench/confine.py [--runs N]
A scratch cohort is laid out in a temporary folder and the confined kernel installed in it as the grader
does (kit.course.confine.install_kernel). Printed, medians of N: kernel start + one cell through nbclient
for a plain python3 kernel, the confined kernel through its chain and (where the confinement tools run as
root) forked by the worker's forkserver; and, for chain and forkserver, start to the kernel's first reply.
(Moved here from two tests that printed these figures instead of asserting anything.)
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from kit.course.confine import Limits, Sandbox, install_kernel

WORK = ("autograded", "s01", "ch2")


def make_cohort(root: Path) -> Path:
    """A scratch cohort with a secret, a gradebook and one learner's autograded folder."""
    cohort = root / "cohort"
    cohort.mkdir(mode=0o700)
    (cohort / "secret").write_text("bench-secret", encoding="utf-8")
    (cohort / "secret").chmod(0o600)
    (cohort / "gradebook.db").write_bytes(b"SQLite format 3\x00gradebook")
    work = cohort.joinpath(*WORK)
    work.mkdir(parents=True)
    (work / "strom_variants.json").write_text('{"s01": {}}', encoding="utf-8")
    return cohort


def one_cell(kernel_name: str, cohort: Path, config: dict | None = None) -> float:
    """Seconds for nbclient to start `kernel_name`, run `print(1 + 1)` and shut it down."""
    import nbformat
    from nbclient import NotebookClient
    from traitlets.config import Config

    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print(1 + 1)")])
    started = time.perf_counter()
    NotebookClient(notebook, kernel_name=kernel_name, config=Config(config or {}), timeout=20, startup_timeout=30,
                   resources={"metadata": {"path": str(cohort.joinpath(*WORK))}}).execute()
    elapsed = time.perf_counter() - started
    if notebook.cells[0].outputs[0].get("text", "").strip() != "2":
        raise RuntimeError(f"{kernel_name}: the cell did not print 2: {notebook.cells[0].outputs}")
    return elapsed


def first_reply(sandbox: Sandbox, cohort: Path) -> float:
    """Seconds from starting the confined kernel to its answer to kernel_info."""
    from jupyter_client.manager import KernelManager
    from traitlets.config import Config

    manager = KernelManager(kernel_name=sandbox.kernel_name, config=Config(sandbox.nbgrader_config()))
    started = time.perf_counter()
    manager.start_kernel(cwd=str(cohort.joinpath(*WORK)))
    client = manager.client()
    client.start_channels()
    client.kernel_info()
    client.get_shell_msg(timeout=30)
    elapsed = time.perf_counter() - started
    client.stop_channels()
    manager.shutdown_kernel(now=True)
    return elapsed


def median(runs: int, action: Callable[[], float]) -> float:
    return statistics.median(action() for _ in range(runs))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as scratch:
        cohort = make_cohort(Path(scratch))
        sandbox = install_kernel(cohort, Limits())
        os.environ.update(sandbox.environ())
        print(f"isolation here: {', '.join(sandbox.level)}")
        plain = median(runs, lambda: one_cell("python3", cohort))
        print(f"{'plain python3':<12} kernel start + one cell {plain:6.2f} s")
        modes = ["chain"] + (["forkserver"] if sandbox.server_argv else [])
        for mode in modes:
            with sandbox.forkserver() if mode == "forkserver" else contextlib.nullcontext():
                whole = median(runs, lambda: one_cell(sandbox.kernel_name, cohort, sandbox.nbgrader_config()))
                reply = median(runs, lambda: first_reply(sandbox, cohort))
            print(f"{mode:<12} kernel start + one cell {whole:6.2f} s ({whole / plain:.2f}x plain); "
                  f"start to first reply {reply:6.2f} s")
        if not sandbox.server_argv:
            print("forkserver: not measured (it needs the confinement tools as root)")
    print(f"(median of {runs} runs each, on {sys.version.split()[0]})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
