"""Fixtures for case tests: the model case as YAML text to break, and a writer for variants of it."""

from __future__ import annotations

from pathlib import Path

import pytest

MODEL = Path(__file__).resolve().parents[3] / "kit" / "cases" / "bank" / "seed_promised_childcare_job_sham_marriage.yaml"


@pytest.fixture
def model_text() -> str:
    return MODEL.read_text(encoding="utf-8")


@pytest.fixture
def write_case(tmp_path):
    """Write `text` (after replacements) to a case file and return its path."""

    def write(text: str, *replacements: tuple[str, str], name: str = "case.yaml") -> Path:
        for old, new in replacements:
            assert old in text, f"fixture text {old!r} not found"
            text = text.replace(old, new, 1)
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
