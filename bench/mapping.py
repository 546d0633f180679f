"""Mapping benchmark: generate + score + simulate for every shipped profile, at its own size and at 1,000,000 residents.

Run: .venv/bin/python bench/mapping.py [--rounds N]
Targets (issues 4 and 14): generate + score + simulate under 0.3 s for each shipped profile at
its own size, and under 2 s for every shipped profile scaled to 1,000,000 residents (the shape
of a profile, not only its size, decides the work: a small town scaled up has many situations
per resident). Each round generates a fresh municipality (a new seed, so nothing is cached),
scores the naive plan (which also builds the expert plan the score compares with) and
simulates the expert plan for a year. The floor is the time pandas takes just to build
DataFrames of the same shapes from ready numpy arrays (every learner table and the hidden
situations); it is measured in the same round, right after ours, so both see the same machine.
Figures are medians of N rounds after one warm-up round (which loads the knowledge base); the
ratio is the median of the rounds' ratios.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TARGETS = {"own size": 0.3, "1,000,000": 2.0}
MILLION = 1_000_000


def one_round(profile, seed: int) -> tuple[object, float, float, float]:
    from kit.mapping import generate, model_plan, naive_plan, score_plan, simulate

    start = time.perf_counter()
    town = generate(profile, seed)
    generated = time.perf_counter()
    score_plan(town, naive_plan(town))
    scored = time.perf_counter()
    simulate(town, model_plan(town), months=12, seed=seed)
    simulated = time.perf_counter()
    return town, generated - start, scored - generated, simulated - scored


def floor_seconds(town) -> float:
    """Time to build DataFrames of the town's shapes from numpy arrays made beforehand."""
    import pandas as pd

    frames = [*town.tables().values(), town.truth.situations]
    arrays = [{column: frame[column].to_numpy() for column in frame.columns} for frame in frames]
    start = time.perf_counter()
    for columns in arrays:
        pd.DataFrame(columns)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds

    from kit.mapping import load_profile, scaled, shipped_profiles

    cases = []
    for name in shipped_profiles():
        profile = load_profile(name)
        cases.append((name, profile, "own size"))
        cases.append((f"{name} x 1M", scaled(profile, MILLION), "1,000,000"))
    one_round(cases[0][1], 0)  # warm-up: knowledge base, catalogue, imports
    print(f"{'municipality':<22} {'residents':>10} {'situations':>10} {'signals':>8} {'generate':>9} {'score':>7} "
          f"{'simulate':>9} {'total':>7} {'floor':>8} {'ratio':>6}  target")
    ok = True
    for name, profile, kind in cases:
        totals, floors, ratios, parts = [], [], [], []
        for seed in range(1, rounds + 1):
            town, *seconds = one_round(profile, seed)
            floor = floor_seconds(town)
            totals.append(sum(seconds))
            floors.append(floor)
            ratios.append(sum(seconds) / floor)
            parts.append(seconds)
        median = [statistics.median(p[i] for p in parts) for i in range(3)]
        total, target = statistics.median(totals), TARGETS[kind]
        ok &= total < target
        print(f"{name:<22} {profile.population:>10,} {len(town.truth.situations):>10,} {len(town.signals):>8,} "
              f"{median[0]:>8.3f}s {median[1]:>6.3f}s {median[2]:>8.3f}s {total:>6.3f}s {statistics.median(floors):>7.4f}s "
              f"{statistics.median(ratios):>5.0f}x  < {target} s {'ok' if total < target else 'MISSED'}")
    print(f"(median of {rounds} rounds, each on a fresh municipality; floor: pandas.DataFrame from ready numpy arrays "
          "of the same shapes, measured in the same round)")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
