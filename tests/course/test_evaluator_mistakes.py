"""Every evaluator mistake is one clear line, exit status 1, and a cohort left exactly as it was;
and the roster can be listed and grown in a running course. Through the real CLI."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest

from tests.course.learners import MATERIAL, strom_kit

ASSIGNMENT = "ch2_what_is_trafficking"


def state(root: Path) -> dict[str, str]:
    """Every file and folder under `root` with a hash of its content: equal states, an untouched cohort."""
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "folder"
            for p in sorted(root.rglob("*"))} if root.exists() else {}


def one_line_error(result, *words: str) -> None:
    assert result.returncode == 1, (result.stdout, result.stderr)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    for word in words:
        assert word in lines[0], (word, lines[0])


@pytest.fixture()
def cohort(tmp_path) -> Path:
    roster = tmp_path / "roster.csv"
    roster.write_text("student_id,lms_id,email\ns01,1001,s01@example.org\ns02,1002,s02@example.org\n", encoding="utf-8")
    root = tmp_path / "cohort"
    strom_kit("course", "init", str(root), "--material", str(MATERIAL), "--roster", str(roster), "--no-sandbox")
    return root


@pytest.mark.parametrize("content,words", [
    (b"student_id,lms_id\ns01,1\ns01,2\n", ["roster.csv:3", "appears twice"]),
    (b"id,lms_id\n1,2\n", ["roster.csv:1", "no student_id column"]),
    ("student_id\nkål\n".encode("latin-1"), ["roster.csv:2", "not UTF-8"]),
])
def test_init_refuses_a_bad_roster_and_makes_nothing(tmp_path, content, words):
    roster = tmp_path / "roster.csv"
    roster.write_bytes(content)
    result = strom_kit("course", "init", str(tmp_path / "cohort"), "--roster", str(roster), "--no-sandbox", check=False)
    one_line_error(result, *words)
    assert not (tmp_path / "cohort").exists()


@pytest.mark.parametrize("command", [["collect", "ch9_nothing", "SOURCE"], ["release", "ch9_nothing"],
                                     ["autograde", "ch9_nothing"], ["feedback", "ch9_nothing"]])
def test_an_unknown_assignment_is_named_and_nothing_is_made(cohort, tmp_path, command):
    source = tmp_path / "download"
    (source / "s01").mkdir(parents=True)
    (source / "s01" / "ch9.ipynb").write_text("{}", encoding="utf-8")
    before = state(cohort)
    args = [str(source) if word == "SOURCE" else word for word in command]
    one_line_error(strom_kit("course", *args, "--cohort", str(cohort), check=False), "unknown assignment 'ch9_nothing'",
                   "known: ch1_principles")
    assert state(cohort) == before


def test_autograde_before_release_says_so_and_builds_no_gradebook(cohort):
    before = state(cohort)
    result = strom_kit("course", "autograde", ASSIGNMENT, "--cohort", str(cohort), check=False)
    one_line_error(result, "not released", f"strom-kit course release {ASSIGNMENT}")
    assert state(cohort) == before and not (cohort / "gradebook.db").exists()


def test_collect_refuses_a_file_that_is_no_zip_and_an_archive_with_paths_outside_it(cohort, tmp_path):
    before = state(cohort)
    text = tmp_path / "submissions.pdf"
    text.write_bytes(b"%PDF-1.4 not a zip")
    one_line_error(strom_kit("course", "collect", ASSIGNMENT, str(text), "--cohort", str(cohort), check=False),
                   "neither a folder nor a ZIP file", "nothing was stored")
    for name in ("../../s01/ch2.ipynb", "/tmp/s02_ch2.ipynb"):
        archive = tmp_path / "download.zip"
        with zipfile.ZipFile(archive, "w") as z:
            z.writestr("s02_1002/ch2.ipynb", json.dumps({"cells": []}))
            z.writestr(name, json.dumps({"cells": []}))
        one_line_error(strom_kit("course", "collect", ASSIGNMENT, str(archive), "--cohort", str(cohort), check=False),
                       "outside the archive", "nothing was stored")
    assert state(cohort) == before


@pytest.mark.parametrize("command", [["export", "--out", "OUT"], ["export", "--format", "canvas", "--out", "OUT"],
                                     ["report", "--out", "OUT"]])
def test_export_and_report_on_a_fresh_cohort_say_what_to_do_and_write_nothing(cohort, tmp_path, command):
    out = tmp_path / "out"
    before = state(cohort)
    args = [str(out) if word == "OUT" else word for word in command]
    one_line_error(strom_kit("course", *args, "--cohort", str(cohort), check=False), "nothing graded yet",
                   "strom-kit course autograde")
    assert state(cohort) == before and not out.exists()


def test_the_roster_is_listed_and_grown_all_or_nothing_with_variants_for_released_work(cohort):
    listed = strom_kit("course", "roster", "list", "--cohort", str(cohort)).stdout
    assert listed.splitlines()[0].split() == ["student_id", "lms_id", "email", "name", "section"]
    assert "s02" in listed and "2 learner(s)" in listed
    strom_kit("course", "release", ASSIGNMENT, "--cohort", str(cohort))
    added = strom_kit("course", "roster", "add", "s03", "--lms-id", "1003", "--cohort", str(cohort)).stdout
    assert "added 1 learner(s): s03" in added and f"variants written for {ASSIGNMENT}" in added
    variant = json.loads((cohort / "outbound" / ASSIGNMENT / "variants" / "s03.json").read_text(encoding="utf-8"))
    assert variant["student"] == "s03" and variant["case"]["narrative"]["sv"]
    before = state(cohort)
    for args, words in ((["s01"], ["'s01' appears twice"]), (["s04", "--lms-id", "1001"], ["lms_id '1001' is already used by 's01'"]),
                        (["bad/id"], ["'bad/id' is not usable"]), (["s05", "s05"], ["given twice"])):
        one_line_error(strom_kit("course", "roster", "add", *args, "--cohort", str(cohort), check=False), *words)
    assert state(cohort) == before
    assert "3 learner(s)" in strom_kit("course", "roster", "list", "--cohort", str(cohort)).stdout
