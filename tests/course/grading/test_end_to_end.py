"""End to end with the real nbgrader CLI: a cohort of simulated learners, hostile ones included.

One pipeline run (module fixture): init -> release -> collect (LMS zip) -> autograde -> rubric
grading -> feedback -> exports -> report. Grades must match the kit's own scoring of the same
answers; every failure must carry its reason; nothing of the key or the secret may leak.
"""

from __future__ import annotations

import csv
import json
import zipfile
from pathlib import Path

import pytest

from tests.course.learners import (
    HOSTILE,
    answer_of,
    honest_notebook,
    hostile,
    make_cohort,
    strom_kit,
    submit,
    variant_of,
)

pytestmark = pytest.mark.slow
ASSIGNMENT = "ch2_what_is_trafficking"
HONEST = {"h01": ("perfect", "sv"), "h02": ("partial", "en"), "h03": ("empty", "sv"), "h04": ("perfect", "en"),
          "h05": ("partial", "sv"), "h06": ("empty", "en"), "h07": ("partial", "sv"), "h08": ("perfect", "sv")}
BAD = {f"x_{scenario}": scenario for scenario in HOSTILE}
SLOW = "t_loop_before_answer"
FAIL_REASONS = {"x_empty_file": "empty file", "x_invalid_json": "invalid notebook", "x_wrong_file_name": "misnamed file",
                "x_enormous_output": "output too large", "x_loop_ignoring_sigint": "interrupt ignored"}


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    base = tmp_path_factory.mktemp("course")
    root = make_cohort(base / "cohort", [*HONEST, *BAD, SLOW],
                       limits={"cell_timeout_s": 5, "submission_timeout_s": 90, "max_submission_mb": 2})
    strom_kit("course", "release", ASSIGNMENT, "--cohort", str(root))
    download = base / "lms.zip"
    with zipfile.ZipFile(download, "w") as archive:
        for index, (student, (quality, lang)) in enumerate(HONEST.items()):
            folder = f"Learner {index}_{1000 + index}_assignsubmission_file_"
            archive.writestr(f"{folder}/{student}_ch2.ipynb",
                             json.dumps(honest_notebook(root, ASSIGNMENT, student, quality, lang)))
    collected = strom_kit("course", "collect", ASSIGNMENT, str(download), "--cohort", str(root))
    for student, scenario in BAD.items():
        content, name = hostile(scenario, honest_notebook(root, ASSIGNMENT, student, "partial"), "palermo", root)
        submit(root, ASSIGNMENT, student, content, name)
    slow = honest_notebook(root, ASSIGNMENT, SLOW, "perfect")
    for cell in slow["cells"]:  # a loop before the answer: the cell is stopped at the time limit, nothing handed in
        if (cell["metadata"].get("nbgrader") or {}).get("grade_id") == "palermo_answer":
            cell["source"] = "while True:\n    pass\n" + "".join(cell["source"])
    submit(root, ASSIGNMENT, SLOW, slow)
    graded = strom_kit("course", "autograde", ASSIGNMENT, "--cohort", str(root), check=False)
    return {"root": root, "collected": collected, "graded": graded, "base": base}


def _summary(result) -> dict[str, dict]:
    rows = {}
    for line in result.stdout.splitlines()[1:]:
        parts = line.split(None, 4)
        if len(parts) >= 2 and parts[1] in ("graded", "failed"):
            rows[parts[0]] = {"status": parts[1], "line": line}
    return rows


def _grade(root: Path, student: str, grade_id: str):
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{root / 'gradebook.db'}", "strom") as gradebook:
        grade = gradebook.find_grade(grade_id, ASSIGNMENT, ASSIGNMENT, student)
        return grade.score, grade.needs_manual_grade


def _kit_points(root: Path, student: str, answer) -> float:
    from kit.course.cohort.assignments import get_assignment
    from kit.course.grading.part_scoring import score_part

    part = get_assignment(ASSIGNMENT).part("palermo")
    return round(score_part(part, variant_of(root, ASSIGNMENT, student), answer).score * part.points, 4)


def test_the_lms_download_is_taken_in_for_every_honest_learner(run):
    assert f"stored {len(HONEST)} submission(s)" in run["collected"].stdout
    renamed = [line for line in run["collected"].stdout.splitlines() if line.startswith("renamed: ")]
    assert len(renamed) == len(HONEST)  # every file of the download had the LMS's name: each one said


def test_the_summary_shows_manual_parts_as_waiting_and_a_zero_from_a_timeout_as_such(run):
    rows = _summary(run["graded"])
    assert "awaits manual grading: verdict_justification (3 p)" in rows["h01"]["line"]
    assert rows["h01"]["line"].split()[2] == "5/5"  # graded points of the graded maximum, not 5/8
    assert rows[SLOW]["status"] == "graded" and "palermo: 0 – timed out" in rows[SLOW]["line"]
    assert "awaiting manual grading" in run["graded"].stdout.splitlines()[-1]


def test_every_learner_is_reported_and_failures_exit_non_zero_with_their_reason(run):
    rows = _summary(run["graded"])
    assert set(rows) == set(HONEST) | set(BAD) | {SLOW}, run["graded"].stdout
    assert run["graded"].returncode == 1
    for student, reason in FAIL_REASONS.items():
        assert rows[student]["status"] == "failed" and reason in rows[student]["line"], rows[student]
    for student in HONEST:
        assert rows[student]["status"] == "graded", rows[student]


def test_grades_match_the_kits_own_scoring_of_the_same_answers(run):
    root = run["root"]
    for student, (quality, _) in HONEST.items():
        from kit.course.cohort.assignments import get_assignment

        answer = answer_of(get_assignment(ASSIGNMENT).part("palermo"), variant_of(root, ASSIGNMENT, student), quality)
        score, _ = _grade(root, student, "palermo")
        assert score == pytest.approx(_kit_points(root, student, answer), abs=1e-3), student
    scores = [_grade(root, s, "palermo")[0] for s in HONEST]
    assert max(scores) == 5.0 and min(scores) < 5.0


@pytest.mark.parametrize("scenario", ["infinite_loop", "patching_the_scoring", "writing_the_gradebook",
                                      "deleted_test_cells", "edited_test_cells", "faking_the_hand_in",
                                      "network_access"])
def test_hostile_code_cannot_raise_its_score(run, scenario):
    from kit.course.cohort.assignments import get_assignment

    root, student = run["root"], f"x_{scenario}"
    answer = answer_of(get_assignment(ASSIGNMENT).part("palermo"), variant_of(root, ASSIGNMENT, student), "partial")
    score, _ = _grade(root, student, "palermo")
    assert score == pytest.approx(_kit_points(root, student, answer), abs=1e-3)


@pytest.mark.parametrize("scenario", ["faking_outputs", "raising_in_test_cells", "reading_the_secret"])
def test_no_handed_in_answer_means_zero_not_full_credit(run, scenario):
    score, _ = _grade(run["root"], f"x_{scenario}", "palermo")
    assert score == 0


def test_changed_test_cells_are_restored_and_noted(run):
    rows = _summary(run["graded"])
    assert "deleted locked or test cells: palermo" in rows["x_deleted_test_cells"]["line"]
    assert "changed locked or test cells: palermo" in rows["x_edited_test_cells"]["line"]


def test_resource_bombs_are_contained_and_reported(run):
    rows = _summary(run["graded"])
    for student in ("x_memory_bomb", "x_fork_bomb", "x_infinite_loop"):
        assert rows[student]["status"] in ("graded", "failed")
        if rows[student]["status"] == "failed":
            assert any(word in rows[student]["line"] for word in ("memory", "process", "interrupt", "timeout"))


def test_learner_code_reaches_neither_the_secret_nor_the_network(run):
    root = run["root"]
    secret = (root / "secret").read_text().strip()
    for path in [*root.joinpath("autograded").rglob("*"), *root.joinpath("records").rglob("*")]:
        if path.is_file():
            assert secret not in path.read_text(errors="ignore"), path
    graded = (root / "autograded" / "x_network_access" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text()
    assert "network reached: False" in graded
    env = (root / "autograded" / "x_reading_the_secret_env" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text()
    assert secret not in env


def test_a_rerun_is_idempotent(run):
    root = run["root"]
    before = {s: _grade(root, s, "palermo")[0] for s in ("h01", "h02")}
    again = strom_kit("course", "autograde", ASSIGNMENT, "--cohort", str(root), "--student", "h01", "--student", "h02")
    assert "2 graded, 0 failed" in again.stdout
    assert {s: _grade(root, s, "palermo")[0] for s in before} == before


def test_rubric_grading_sets_the_score_and_clears_the_flag(run):
    root = run["root"]
    assert _grade(root, "h01", "verdict_justification")[1] is True
    rubric = strom_kit("course", "rubric", ASSIGNMENT, "verdict_justification").stdout
    first_item, points = rubric.split()[0], float(rubric.split()[1].strip("("))
    comment = next(line.split()[1].rstrip(":") for line in rubric.splitlines() if line.strip().startswith("comment"))
    strom_kit("course", "grade", ASSIGNMENT, "h01", "verdict_justification", "--mark", f"{first_item}={points:g}",
              "--comment", comment, "--cohort", str(root))
    score, flag = _grade(root, "h01", "verdict_justification")
    assert score == points and flag is False
    bad = strom_kit("course", "grade", ASSIGNMENT, "h01", "verdict_justification", "--mark", "nope=1",
                    "--cohort", str(root), check=False)
    assert bad.returncode == 1 and "unknown rubric item" in bad.stderr


def test_feedback_shows_neither_the_key_nor_tracebacks_nor_the_secret(run):
    root = run["root"]
    feedback = strom_kit("course", "feedback", ASSIGNMENT, "--cohort", str(root), "--db", f"sqlite:///{root / 'progress.sqlite'}")
    assert "feedback for" in feedback.stdout
    for student in FAIL_REASONS:
        assert f"skipped: {student}: the grading failed" in feedback.stderr
    secret = (root / "secret").read_text().strip()
    for student in ("h03", "h06"):  # empty answers: everything of the key is "missed"
        html = next((root / "feedback" / student / ASSIGNMENT).glob("*.html")).read_text()
        graded = json.loads((root / "autograded" / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text())
        cell = next(c for c in graded["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") == "palermo")
        shown = json.dumps(cell["outputs"])
        truth = variant_of(root, ASSIGNMENT, student).case.truth
        for item in [*truth.act, *truth.means, *truth.purpose, *truth.indicators]:
            assert item not in shown, (student, item)
        assert [o["output_type"] for o in cell["outputs"]] == ["display_data", "execute_result"]
        assert "".join(cell["outputs"][1]["data"]["text/plain"]) == "0.0"
        assert secret not in html and "Traceback (most recent call last)" not in html and "NameError" not in html
        assert ("Poäng" in html or "Score" in html) and "%" in html


def test_exports_keep_failed_learners_blank_mark_provisional_totals_and_report_is_written(run):
    root, base = run["root"], run["base"]
    out = base / "grades.csv"
    exported = strom_kit("course", "export", "--format", "csv", "--out", str(out), "--cohort", str(root))
    assert "left blank: x_empty_file" in exported.stderr and "provisional: h02" in exported.stderr
    rows = {row["student"]: row for row in csv.DictReader(out.open())}
    assert set(rows) == set(HONEST) | set(BAD) | {SLOW}  # failed learners are rows too
    for student in FAIL_REASONS:
        assert rows[student][ASSIGNMENT] == "" and rows[student]["total"] == ""
    manual = _grade(root, "h01", "verdict_justification")[0]
    assert float(rows["h01"][ASSIGNMENT]) == pytest.approx(_grade(root, "h01", "palermo")[0] + manual)
    assert rows["h01"]["provisional"] == "" and rows["h02"]["provisional"] == ASSIGNMENT
    final = strom_kit("course", "export", "--final", "--out", str(base / "final.csv"), "--cohort", str(root), check=False)
    assert final.returncode == 1 and "still await manual grading" in final.stderr and not (base / "final.csv").exists()
    ids = base / "canvas_ids.csv"
    ids.write_text(f"assignment,canvas_id\n{ASSIGNMENT},4711\n", encoding="utf-8")
    strom_kit("course", "export", "--format", "canvas", "--canvas-ids", str(ids), "--out", str(base / "canvas.csv"),
              "--cohort", str(root))
    canvas = list(csv.reader((base / "canvas.csv").open()))
    assert canvas[0][-1] == f"{ASSIGNMENT} (4711)" and canvas[1][-1] == "8" and len(canvas) == 2 + len(rows)
    strom_kit("course", "export", "--format", "moodle", "--moodle-grades", "percent", "--out", str(base / "moodle.csv"),
              "--cohort", str(root))
    moodle = {row[0]: row[2] for row in csv.reader((base / "moodle.csv").open())}
    assert float(moodle["1000"]) == pytest.approx(100 * float(rows["h01"][ASSIGNMENT]) / 8)  # h01 is lms_id 1000
    report = strom_kit("course", "report", "--cohort", str(root), "--lang", "en")
    html = (root / "report" / "report.html").read_text()
    assert "report.html" in report.stdout and "https://" not in html
    failures = html.split("Submissions that could not be graded")[1].split("</table>")[0]
    assert all(student in failures for student in FAIL_REASONS) and "interrupt ignored" in failures
    waiting = html.split("Awaiting manual grading")[1].split("</table>")[0]
    assert "h02" in waiting and "h01" not in waiting  # h01's free text was graded by hand above


def test_the_plain_nbgrader_cli_grades_the_cohort_the_same_way(run):
    import os
    import subprocess
    import sys

    root = run["root"]
    before = _grade(root, "h02", "palermo")[0]
    bin_dir = Path(sys.executable).parent
    result = subprocess.run([str(bin_dir / "nbgrader"), "autograde", ASSIGNMENT, "--student", "h02", "--force"],
                            cwd=root, capture_output=True, text=True,
                            env={**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}"})
    assert result.returncode == 0, result.stderr[-2000:]
    assert _grade(root, "h02", "palermo")[0] == pytest.approx(before)
