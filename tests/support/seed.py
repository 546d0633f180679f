"""Access to the seed text (outside the project) and a check that content restates it."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

SEED_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "seed"
_WORD = re.compile(r"[0-9a-zåäöéüA-ZÅÄÖÉÜ]+")


def seed_path() -> Path | None:
    """The seed text file, or None where ../shared/seed is absent."""
    files = sorted(SEED_DIR.glob("*.txt")) if SEED_DIR.is_dir() else []
    return files[0] if files else None


@lru_cache(maxsize=1)
def seed_lines() -> list[str]:
    path = seed_path()
    return path.read_text(encoding="utf-8").splitlines() if path else []


def words(text: str) -> list[str]:
    """Lower-cased words; hyphenation from the PDF (`kvin-\\nnor`) is joined first."""
    text = re.sub(r"-\s*\n\s*", "", text)
    return [w.lower() for w in _WORD.findall(text)]


@lru_cache(maxsize=4)
def seed_ngrams(n: int = 12) -> frozenset[tuple[str, ...]]:
    tokens = words("\n".join(seed_lines()))
    return frozenset(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def copied_runs(text: str, n: int = 12) -> list[str]:
    """Every run of `n` consecutive words that `text` shares with the seed."""
    grams = seed_ngrams(n)
    tokens = words(text)
    return [" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1) if tuple(tokens[i : i + n]) in grams]
