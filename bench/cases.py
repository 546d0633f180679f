"""Case benchmark: scoring throughput and anonymiser throughput, each beside its reference.

Run: .venv/bin/python bench/cases.py [--rounds N]
Targets (issue 3): at least 20,000 answers scored per second; at least 200 KB of text
anonymised per second. Each figure is the median of N rounds; the reference column is the
same work done by the simplest thing that could stand in for it (a dictionary comparison of
answer and truth; one pass of a single regular expression over the text), so the ratio shows
what the kit's explanations and detectors cost on top.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def answers(bank: dict, count: int, seed: int = 1) -> list[tuple[object, dict]]:
    """A realistic mix: truths, partial answers, wrong verdicts, empty answers."""
    import msgspec

    rng = random.Random(seed)
    cases = list(bank.values())
    mix = []
    for _ in range(count):
        case = rng.choice(cases)
        truth = msgspec.structs.asdict(case.truth)
        kind = rng.random()
        if kind < 0.25:
            answer = truth
        elif kind < 0.5:
            answer = {k: (v[: len(v) // 2] if isinstance(v, list) else v) for k, v in truth.items()}
        elif kind < 0.9:
            answer = dict(truth, trafficking=not truth["trafficking"], means=["fraud"], indicators=truth["indicators"][1:])
        else:
            answer = {}
        mix.append((case, answer))
    return mix


def rate(function, items, rounds: int) -> float:
    """Median items per second over `rounds`."""
    speeds = []
    for _ in range(rounds):
        start = time.perf_counter()
        for item in items:
            function(*item)
        speeds.append(len(items) / (time.perf_counter() - start))
    return statistics.median(speeds)


def naive_score(case, answer) -> float:
    truth = case.truth
    return sum(answer.get(k) == getattr(truth, k) for k in ("trafficking", "minor", "act", "means")) / 4


def corpus(bank: dict, size: int) -> str:
    """Realistic text: the bank's narratives in both languages, with personal data planted."""
    from kit.cases.narrative import render

    planted = [
        "Kontakta Anna Kowalska på 070-123 45 67 eller anna.k@example.com.",
        "Hon bor på Storgatan 12, 123 45 Malmö, och har personnummer 850709-9805.",
        "He arrived on 5 March 2019; passport number AB1234567; IBAN SE45 5000 0000 0583 9825 7466.",
        "Bilen ABC 123 stod utanför. Jānis Bērziņš ringde +371 2 123 4567.",
    ]
    texts = [render(case, lang)[1] for case in bank.values() for lang in ("sv", "en")]
    parts, length, index = [], 0, 0
    while length < size:
        text = texts[index % len(texts)] + " " + planted[index % len(planted)]
        parts.append(text)
        length += len(text.encode("utf-8"))
        index += 1
    return "\n".join(parts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds

    from kit.cases.anonymiser import anonymise
    from kit.cases.bank import load_bank
    from kit.cases.scoring import score_answer

    bank = load_bank()
    mix = answers(bank, 20_000)
    score_answer(*mix[0])  # load labels once
    ours = rate(score_answer, mix, rounds)
    reference = rate(naive_score, mix, rounds)
    print(f"{'case':<22} {'ours (median)':>16} {'reference':>16} {'ratio':>7}  target")
    ok_scoring = ours >= 20_000
    print(f"{'scoring answers':<22} {ours:>12,.0f} /s {reference:>12,.0f} /s {reference / ours:>6.1f}x  >= 20,000 /s {'ok' if ok_scoring else 'MISSED'}")

    text = corpus(bank, 1_000_000)
    lines = [(line, "sv") for line in text.split("\n")]
    size_kb = len(text.encode("utf-8")) / 1000
    anonymise(lines[0][0], "sv")  # build the name sets once
    seconds = [timed(lambda: [anonymise(*line) for line in lines]) for _ in range(rounds)]
    single = re.compile(r"\b\d{6}[-+]?\d{4}\b")
    ref_seconds = [timed(lambda: [single.sub("[x]", line) for line, _ in lines]) for _ in range(rounds)]
    ours_kb, ref_kb = size_kb / statistics.median(seconds), size_kb / statistics.median(ref_seconds)
    ok_anon = ours_kb >= 200
    print(f"{'anonymiser':<22} {ours_kb:>11,.0f} KB/s {ref_kb:>11,.0f} KB/s {ref_kb / ours_kb:>6.1f}x  >= 200 KB/s {'ok' if ok_anon else 'MISSED'}")
    print(f"({len(mix):,} answers over {len(bank)} cases; {size_kb:,.0f} KB of text; median of {rounds} rounds)")
    return 0 if ok_scoring and ok_anon else 1


def timed(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


if __name__ == "__main__":
    raise SystemExit(main())
