"""LMS intake and the checks before grading: everything that cannot be graded is named."""

from __future__ import annotations

import json
import zipfile

import pytest

from kit.course.cohort.folder import init_cohort
from kit.course.grading.intake import CollectError, collect
from kit.course.grading.submission_checks import check_submission, release_cells

ASSIGNMENT = "ch2_what_is_trafficking"
NOTEBOOK = {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": []}


@pytest.fixture()
def cohort(tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("student_id,lms_id\nanna.k,5001\nbo_2,5002\nc-3,\n", encoding="utf-8")
    return init_cohort(tmp_path / "cohort", roster=roster)


def test_a_zip_from_the_lms_is_matched_by_id_and_stored_under_the_expected_name(cohort, tmp_path):
    archive = tmp_path / "download.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("Anna K_5001_assignsubmission_file_/ch2.ipynb", json.dumps(NOTEBOOK))
        z.writestr("bo_2/ch2_what_is_trafficking.ipynb", json.dumps(NOTEBOOK))
        z.writestr("c-3/notes.docx", "not a notebook")
        z.writestr("c-3/work.ipynb", json.dumps(NOTEBOOK))
        z.writestr("stranger_9999/ch2.ipynb", json.dumps(NOTEBOOK))
    report = collect(cohort, ASSIGNMENT, archive)
    assert set(report.stored) == {"anna.k", "bo_2", "c-3"}
    for student in report.stored:
        folder = cohort.path("submitted", student, ASSIGNMENT)
        assert (folder / f"{ASSIGNMENT}.ipynb").exists() and (folder / "timestamp.txt").exists()
    assert dict(report.rejected) == {"c-3/notes.docx": "not a notebook (.ipynb)"}
    assert "no learner" in dict(report.unmatched)["stranger_9999/ch2.ipynb"]
    assert sorted(report.renamed) == [("anna.k", "Anna K_5001_assignsubmission_file_/ch2.ipynb"), ("c-3", "c-3/work.ipynb")]


@pytest.mark.parametrize("name", ["../../escape/c-3.ipynb", "/tmp/c-3.ipynb", "c-3/../../c-3.ipynb",
                                  "C:\\Users\\c-3.ipynb", "..\\c-3.ipynb"])
def test_an_archive_with_a_path_outside_it_is_refused_whole_and_nothing_is_stored(cohort, tmp_path, name):
    archive = tmp_path / "download.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("bo_2/ch2_what_is_trafficking.ipynb", json.dumps(NOTEBOOK))
        z.writestr(name, json.dumps(NOTEBOOK))
    before = sorted(p.relative_to(cohort.root) for p in cohort.root.rglob("*"))
    with pytest.raises(CollectError, match=r"outside the archive.*nothing was stored"):
        collect(cohort, ASSIGNMENT, archive)
    assert sorted(p.relative_to(cohort.root) for p in cohort.root.rglob("*")) == before
    assert not (tmp_path / "escape").exists()


def test_a_source_that_is_no_zip_or_an_unknown_assignment_changes_nothing(cohort, tmp_path):
    from kit.course.cohort.assignments import UnknownAssignmentError

    before = sorted(p.relative_to(cohort.root) for p in cohort.root.rglob("*"))
    text = tmp_path / "download.txt"
    text.write_text("not a zip", encoding="utf-8")
    with pytest.raises(CollectError, match="neither a folder nor a ZIP file"):
        collect(cohort, ASSIGNMENT, text)
    folder = tmp_path / "download"
    (folder / "c-3").mkdir(parents=True)
    (folder / "c-3" / "ch2.ipynb").symlink_to(cohort.path("secret"))
    with pytest.raises(CollectError, match="symbolic link"):
        collect(cohort, ASSIGNMENT, folder)
    with pytest.raises(UnknownAssignmentError, match="unknown assignment 'ch9'"):
        collect(cohort, "ch9", folder)
    assert sorted(p.relative_to(cohort.root) for p in cohort.root.rglob("*")) == before


def test_checks_name_every_reason_not_to_grade(cohort, tmp_path):
    release = {"palermo": {"source": "task.hand_in('palermo', a)", "locked": True, "grade": True, "type": "code"}}

    def check(content, name=f"{ASSIGNMENT}.ipynb"):
        folder = tmp_path / "sub" / "s1" / ASSIGNMENT
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.iterdir():
            old.unlink()
        (folder / name).write_bytes(content)
        return check_submission(folder, ASSIGNMENT, release, max_bytes=1000)

    assert check(b"").fatal.startswith("empty file")
    assert check(b"{not json").fatal.startswith("invalid notebook")
    assert check(b"[1, 2]").fatal.startswith("invalid notebook")
    assert check(b"x" * 2000).fatal.startswith("output too large")
    assert check(b"{}", name="mine.ipynb").fatal.startswith("misnamed file")
    assert check_submission(tmp_path / "none" / "s2" / ASSIGNMENT, ASSIGNMENT, release, 1000).fatal.startswith("missing")
    edited = dict(NOTEBOOK, cells=[{"cell_type": "code", "source": "5.0", "metadata": {"nbgrader": {"grade_id": "palermo"}}}])
    assert "changed locked or test cells: palermo" in check(json.dumps(edited).encode()).notes[0]
    assert "deleted locked or test cells: palermo" in check(json.dumps(NOTEBOOK).encode()).notes[0]


def test_release_cells_are_read_from_the_committed_release():
    from kit.course.cohort.folder import EXERCISES

    cells = release_cells(EXERCISES / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")
    assert cells["palermo"]["grade"] and cells["palermo"]["locked"]
    assert not cells["palermo_answer"]["locked"]


def test_a_cohort_path_too_long_for_the_kernel_sockets_is_refused_before_anything_is_made(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    from kit.course.confine.installer import socket_room_problem

    assert socket_room_problem(tmp_path / "c") is None
    deep = tmp_path / ("x" * 60) / ("y" * 40) / "cohort"
    assert "too long" in socket_room_problem(deep)
    result = subprocess.run([str(Path(sys.executable).with_name("strom-kit")), "course", "init", str(deep)],
                            capture_output=True, text=True)
    assert result.returncode == 1 and "too long" in result.stderr and not deep.exists()
