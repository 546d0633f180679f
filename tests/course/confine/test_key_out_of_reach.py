"""Issue 15, section 1: no way to the key from the grading kernel, through the real pipeline.

A cohort made as an evaluator makes it (`course init --material` from a folder in the project
checkout, readable by everyone), graded with `strom-kit course autograde` in the confined kernel.
Learners run the issue's attack (`bench.learners.searching_for_the_key`): grep every visible file
for every graded case id and title and every graded situation's id, texts and explanation; load
every visible case file and hand in the truth (chapter 2) or the kit's `model_plan` (chapter 5)
of the one whose title is their own case's. A control learner whose own case file lies in their
submission folder shows that the attack works when the file is there.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path

import pytest

from tests.course.learners import (
    MATERIAL,
    honest_notebook,
    make_cohort,
    material_needles,
    search_findings,
    searching_for_the_key,
    strom_kit,
    submit,
    variant_of,
)

pytestmark = pytest.mark.slow
CH2, CH5 = "ch2_what_is_trafficking", "ch5_assisting_victims"
SEARCH_CELL_S = 300  # grepping the whole view takes a while on a busy machine


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    base = tmp_path_factory.mktemp("key")
    root = make_cohort(base / "cohort", ["x_search", "x_control", "y_search"],
                       limits={"cell_timeout_s": SEARCH_CELL_S, "answer_cell_timeout_s": SEARCH_CELL_S})
    level = json.loads((root / ".kit" / "sandbox.json").read_text(encoding="utf-8"))["level"]
    if "pid namespace" not in level:
        pytest.skip("the whitelist view needs root with unshare, setpriv and prlimit; here: " + ", ".join(level))
    needles = material_needles()
    for assignment in (CH2, CH5):
        strom_kit("course", "release", assignment, "--cohort", str(root))
    for student in ("x_search", "x_control"):
        submit(root, CH2, student, searching_for_the_key(honest_notebook(root, CH2, student, "empty"), "palermo", needles))
    own = variant_of(root, CH2, "x_control").case.id.rsplit("_v", 1)[0]
    shutil.copyfile(MATERIAL / "cases" / f"{own}.yaml", root / "submitted" / "x_control" / CH2 / "notes.yaml")
    submit(root, CH5, "y_search", searching_for_the_key(honest_notebook(root, CH5, "y_search", "empty"), "nrm_plan", needles))
    results = {assignment: strom_kit("course", "autograde", assignment, "--cohort", str(root), check=False)
               for assignment in (CH2, CH5)}
    return {"root": root, "results": results}


def findings(root: Path, assignment: str, student: str) -> dict:
    notebook = json.loads((root / "autograded" / student / assignment / f"{assignment}.ipynb").read_text(encoding="utf-8"))
    found = search_findings(notebook)
    assert found is not None, f"{student} printed no findings"
    return found


def part_score(root: Path, assignment: str, student: str, part: str) -> float:
    record = json.loads((root / "records" / assignment / f"{student}.json").read_text(encoding="utf-8"))
    return record["parts"][part]["score"]


def unexpected_hits(root: Path, assignment: str, student: str, found: dict) -> list:
    """Hits outside what the learner may read: anything but their own variant's texts in their own folder."""
    from kit.course.cohort.learner_variants import public_variant

    own = json.dumps(public_variant(variant_of(root, assignment, student)), ensure_ascii=False)
    work = str(root / "autograded" / student / assignment)
    return [hit for hit in found["hits"] if not (hit[0].startswith(work + "/") and hit[1] in own)]


@pytest.mark.parametrize(("assignment", "student"), [(CH2, "x_search"), (CH5, "y_search")])
def test_a_learner_searching_the_disk_finds_none_of_the_material(graded, assignment, student):
    root = graded["root"]
    found = findings(root, assignment, student)
    assert found["files"] > 1000, found  # the walk went through the Python installation
    assert found["cases"] > 50, found    # and loaded the kit's public bank: the search itself works
    assert found["matched"] is None, found
    assert unexpected_hits(root, assignment, student, found) == []


def test_the_key_searcher_scores_nothing_and_the_control_finds_its_planted_case(graded):
    root = graded["root"]
    assert part_score(root, CH2, "x_search", "palermo") == 0.0
    control = findings(root, CH2, "x_control")
    assert control["matched"] == str(root / "autograded" / "x_control" / CH2 / "notes.yaml")
    assert part_score(root, CH2, "x_control", "palermo") == 1.0  # the attack works where the file is


def test_the_chapter_5_searcher_gets_no_model_plan_of_its_case(graded):
    root = graded["root"]
    assert findings(root, CH5, "y_search")["matched"] is None
    assert part_score(root, CH5, "y_search", "nrm_plan") < 1.0


def test_the_root_listing_is_the_whitelist(graded):
    from kit.course.confine.view import TOP_LINKS, python_trees, system_trees

    root = graded["root"]
    trees = [*python_trees(), *system_trees(), str(root / "autograded"), str(root / ".kit" / "runtime")]
    expected = {"dev", "etc", "proc", "tmp"} | {Path(os.path.realpath(tree)).parts[1] for tree in trees
                                                if os.path.isdir(tree) and not os.path.islink(tree)}
    expected |= {link[1:] for link in TOP_LINKS if os.path.islink(link)}
    assert set(findings(root, CH2, "x_search")["root"]) == expected


def test_init_copies_the_material_and_says_the_source_is_no_longer_needed(tmp_path):
    public = strom_kit("course", "init", str(tmp_path / "a"), "--material", str(MATERIAL), "--no-sandbox")
    assert "no longer needed" in public.stdout and str(MATERIAL) in public.stdout
    assert "warning: every user of this machine can read" in public.stderr  # the checkout's folder is 0644/0755
    private = tmp_path / "private"
    shutil.copytree(MATERIAL, private)
    for path in [private, *private.rglob("*")]:
        path.chmod(path.stat().st_mode & ~(stat.S_IRWXO))
    quiet = strom_kit("course", "init", str(tmp_path / "b"), "--material", str(private), "--no-sandbox")
    assert "no longer needed" in quiet.stdout and "warning" not in quiet.stderr
    copied = sorted(path.name for path in (tmp_path / "b" / "material" / "cases").glob("*.yaml"))
    assert copied == sorted(path.name for path in (MATERIAL / "cases").glob("*.yaml"))
