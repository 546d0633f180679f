"""Mapping benchmark: generate + score + simulate per municipality, beside pandas building the same tables.

Run: .venv/bin/python bench/mapping.py [--rounds N]
Targets (issue 4): generate + score + simulate under 0.3 s for each shipped profile and under
2 s for a 1,000,000-resident profile (the port city scaled up). Each round generates a fresh
municipality (a new seed, so nothing is cached), scores the naive plan (which also builds the
expert plan the score compares with) and simulates the expert plan for a year. Figures are
medians of N rounds after one warm-up round (which loads the knowledge base). The reference is
the time pandas takes just to build DataFrames of the same shapes from ready numpy arrays (every
learner table and the hidden situations); the ratio says how much the kit's work costs on top.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import timeit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TARGETS = {"shipped": 0.3, "million": 2.0}


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


def reference_seconds(town, rounds: int) -> float:
    """Median time to build DataFrames of the town's shapes from numpy arrays made beforehand."""
    import pandas as pd

    frames = [*town.tables().values(), town.truth.situations]
    arrays = [{column: frame[column].to_numpy() for column in frame.columns} for frame in frames]
    return statistics.median(timeit.repeat(lambda: [pd.DataFrame(columns) for columns in arrays], number=1, repeat=3 * rounds))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds

    from kit.mapping import load_profile, scaled, shipped_profiles

    cases = [(name, load_profile(name), "shipped") for name in shipped_profiles()]
    cases.append(("port_city x 1,000,000", scaled(load_profile("port_city"), 1_000_000), "million"))
    one_round(cases[0][1], 0)  # warm-up: knowledge base, catalogue, imports
    header = f"{'municipality':<24} {'residents':>10} {'signals':>8} {'generate':>9} {'score':>7} {'simulate':>9} {'total':>7} {'reference':>10} {'ratio':>7}  target"
    print(header)
    ok = True
    for name, profile, kind in cases:
        results = [one_round(profile, seed) for seed in range(1, rounds + 1)]
        town = results[-1][0]
        parts = [statistics.median(r[i] for r in results) for i in (1, 2, 3)]
        total = statistics.median(sum(r[1:]) for r in results)
        reference = reference_seconds(town, rounds)
        target = TARGETS[kind]
        ok &= total < target
        print(f"{name:<24} {profile.population:>10,} {len(town.signals):>8,} {parts[0]:>8.3f}s {parts[1]:>6.3f}s {parts[2]:>8.3f}s "
              f"{total:>6.3f}s {reference:>9.4f}s {total / reference:>6.0f}x  < {target} s {'ok' if total < target else 'MISSED'}")
    print(f"(median of {rounds} rounds, each on a fresh municipality; reference: pandas.DataFrame from ready numpy arrays of the same shapes)")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
