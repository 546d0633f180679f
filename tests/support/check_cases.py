"""Authoring aid: `python tests/support/check_cases.py kit/cases/bank/FILE.yaml...` validates
cases, renders every variation in both languages, and finds runs of 12 words copied from the seed."""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from kit.cases.bank import read_case  # noqa: E402
from kit.cases.narrative import fill  # noqa: E402
from support.seed import copied_runs  # noqa: E402


def main(names: list[str]) -> int:
    found = 0
    for name in names:
        case, problems = read_case(Path(name))
        for problem in problems:
            print(problem)
            found += 1
        if case is None:
            continue
        v = case.variation
        for gender, nationality, town, sector, age in itertools.product(
            v.genders, v.nationalities, v.town_types or [case.setting.town_type],
            v.sectors or [case.setting.sector], sorted({v.age_band[0], v.age_band[1], case.person.age}),
        ):
            for lang in ("sv", "en"):
                for template in (case.title.get(lang), case.narrative.get(lang)):
                    text = fill(template, lang, gender=gender, age=age, nationality=nationality, town_type=town, sector=sector)
                    if "{" in text or "}" in text:
                        print(f"{name}: braces left after filling ({lang}): {text[:80]!r}")
                        found += 1
        for lang in ("sv", "en"):
            for text in (case.narrative.get(lang), case.teaching_note.get(lang), case.title.get(lang)):
                for run in copied_runs(text):
                    print(f"{name}: copied from the seed ({lang}): {run!r}")
                    found += 1
    print(f"{found} problem(s) in {len(names)} file(s)")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
