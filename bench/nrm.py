"""NRM benchmark: plan validation and a 90-day scenario, each beside its reference.

Run: .venv/bin/python bench/nrm.py [--rounds N]
Targets (issue 5): validate 10,000 plans in under 1 s; a 90-day scenario in under 50 ms.
References: reading the same 10,000 plans from dicts (msgspec conversion and id checks, what
any validator must do first) and validating one plan (a scenario validates its plan once).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def plans(count: int, seed: int = 1) -> list[tuple[object, dict, str]]:
    """(case, plan as a dict, regime): model plans, some broken in typical ways."""
    import msgspec

    from kit.cases.bank import load_bank
    from kit.nrm.reference_plan import model_plan

    rng = random.Random(seed)
    cases, regimes = list(load_bank().values()), ["SE", "NO", "PL", "LV", "FI"]
    out = []
    for _ in range(count):
        case, regime = rng.choice(cases), rng.choice(regimes)
        raw = msgspec.to_builtins(model_plan(case, regime))
        if rng.random() < 0.5:
            step = rng.choice(raw["steps"])
            step.update(rng.choice([{"consent": "not_asked"}, {"conditions": ["cooperation_with_police"]}, {"day": 9}, {"services": []}]))
        out.append((case, raw, regime))
    return out


def median_seconds(work, rounds: int) -> float:
    timings = []
    for _ in range(rounds):
        start = time.perf_counter()
        work()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds

    from kit.cases.bank import load_bank
    from kit.nrm.plan import load_plan
    from kit.nrm.reference_plan import model_plan
    from kit.nrm.rules import validate_plan
    from kit.nrm.scenario import Scenario

    batch = plans(10_000)
    loaded = [(case, load_plan(raw), regime) for case, raw, regime in batch]
    validate_plan(loaded[0][1], loaded[0][0], loaded[0][2])  # warm the caches
    ours = median_seconds(lambda: [validate_plan(plan, case, regime) for case, plan, regime in loaded], rounds)
    reference = median_seconds(lambda: [load_plan(raw) for _, raw, _ in batch], rounds)
    print(f"{'case':<26} {'ours (median)':>14} {'reference':>12} {'ratio':>7}  target")
    ok_validate = ours < 1.0
    print(f"{'validate 10,000 plans':<26} {ours * 1000:>11.1f} ms {reference * 1000:>9.1f} ms {ours / reference:>6.2f}x  < 1000 ms {'ok' if ok_validate else 'MISSED'}")

    case = load_bank()["seed_women_promised_jobs_forced_into_prostitution"]
    plan = model_plan(case, "SE")
    first = lambda event: event.options[0]  # noqa: E731
    seeds = iter(range(10**6))
    scenario = median_seconds(lambda: Scenario(case, "SE", plan, seed=next(seeds), days=90).run(first), rounds * 20)
    one_validation = median_seconds(lambda: validate_plan(plan, case, "SE"), rounds * 20)
    ok_scenario = scenario < 0.050
    print(f"{'90-day scenario':<26} {scenario * 1000:>11.2f} ms {one_validation * 1000:>9.2f} ms {scenario / one_validation:>6.1f}x  < 50 ms {'ok' if ok_scenario else 'MISSED'}")
    print(f"(median of {rounds} rounds for validation, {rounds * 20} for the scenario)")
    return 0 if ok_validate and ok_scenario else 1


if __name__ == "__main__":
    raise SystemExit(main())
