"""Authoring aid: `python tests/support/check_content.py FILE.yaml...` prints the problems of
those content files (validation, references) and any run of 12 words copied from the seed."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from kit.content.loader import DATA_DIR, load_uncached  # noqa: E402
from kit.content.problems import ContentError  # noqa: E402
from support.seed import copied_runs  # noqa: E402


def strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from strings(value)


def main(names: list[str]) -> int:
    import yaml

    mine = {Path(n).name for n in names}
    found = 0
    try:
        load_uncached(DATA_DIR)
    except ContentError as exc:
        for problem in exc.problems:
            if problem.file in mine:
                print(problem)
                found += 1
    for name in sorted(mine):
        try:
            document = yaml.safe_load((DATA_DIR / name).read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            print(f"{name}: not parsed by PyYAML's pure-Python loader either: {exc}")
            found += 1
            continue
        for text in strings(document):
            for run in copied_runs(text):
                print(f"{name}: copied from the seed: {run!r} in {text[:80]!r}")
                found += 1
    print(f"{found} problem(s) in {', '.join(sorted(mine))}")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
