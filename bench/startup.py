"""Start-up benchmark: the kit's import, CLI and content load against a bare Python start.

Run: .venv/bin/python bench/startup.py [--runs N]
Each command runs N times, interleaved with the reference (`python -c pass`), in fresh
processes; the medians and their ratio are printed. Targets (issue 2): import kit within
1.5x of `python -c pass`; `strom-kit --help` under 0.6 s; `kit.content.load()` cold under
0.3 s (fresh process, imports included) and warm under 1 ms.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

PYTHON = sys.executable
CLI = str(Path(PYTHON).with_name("strom-kit"))

CASES = [
    # (name, our command, target in seconds or None, target ratio to the reference or None)
    ("import kit", [PYTHON, "-c", "import kit"], None, 1.5),
    ("strom-kit --help", [CLI, "--help"], 0.6, None),
    ("content load, cold", [PYTHON, "-c", "import kit.content as c; c.load()"], 0.3, None),
]
REFERENCE = [PYTHON, "-c", "pass"]


def wall_time(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def warm_load_seconds(repeat: int = 2000) -> float:
    import kit.content

    kit.content.load()
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        kit.content.load()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    for command in [REFERENCE] + [case[1] for case in CASES]:
        wall_time(command)  # warm the file cache
    print(f"{'case':<22} {'ours (median)':>14} {'python -c pass':>15} {'ratio':>7}  target")
    failed = False
    for name, command, limit, max_ratio in CASES:
        ours, reference = [], []
        for _ in range(runs):
            reference.append(wall_time(REFERENCE))
            ours.append(wall_time(command))
        ours_median, ref_median = statistics.median(ours), statistics.median(reference)
        ratio = ours_median / ref_median
        if limit is not None:
            target, ok = f"< {limit:.2f} s", ours_median < limit
        else:
            target, ok = f"ratio <= {max_ratio}", ratio <= max_ratio
        failed |= not ok
        print(f"{name:<22} {ours_median * 1000:>11.1f} ms {ref_median * 1000:>12.1f} ms {ratio:>6.2f}x  {target} {'ok' if ok else 'MISSED'}")
    warm = warm_load_seconds()
    print(f"{'content load, warm':<22} {warm * 1e6:>11.2f} us {'':>15} {'':>7}  < 1 ms {'ok' if warm < 1e-3 else 'MISSED'}")
    print(f"({runs} runs per case, interleaved with the reference, on {sys.version.split()[0]})")
    return 1 if failed or warm >= 1e-3 else 0


if __name__ == "__main__":
    raise SystemExit(main())
