"""Grade exports: the pseudonymous CSV, Canvas and Moodle import files, and roster errors."""

from __future__ import annotations

import csv

import pytest

from kit.course.report.exports import RosterError, export_grades, points_text, read_roster
from kit.course.report.gradebook_frame import grades_frame, sqlite_url, totals_frame

from .scratch_cohort import CH2, CH4, STUDENTS, build_cohort


@pytest.fixture(scope="module")
def totals(tmp_path_factory):
    cohort = build_cohort(tmp_path_factory.mktemp("cohort"))
    return totals_frame(grades_frame(sqlite_url(cohort / "gradebook.db")))


def write_roster(path, students, header="student_id,lms_id,email,name,section"):
    lines = [header] + [f"{s},{1000 + n},{s}@example.org,Learner {s},Group A" for n, s in enumerate(students, start=1)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def read_rows(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_the_pseudonymous_csv_has_points_per_assignment_a_total_and_what_is_provisional(totals, tmp_path):
    rows = read_rows(export_grades(totals, None, "csv", tmp_path / "grades.csv"))
    assert rows[0] == ["student", CH2, CH4, "total", "provisional"]
    by_student = {row[0]: row[1:] for row in rows[1:]}
    assert list(by_student) == STUDENTS
    assert by_student["s01"] == ["9", "5", "14", ""]
    assert by_student["s05"] == ["7", "4", "11", ""]
    assert by_student["s12"] == ["0", "", "0", CH2]  # no ch4 submission: blank, not 0; ch2's free text awaits a grader
    assert "@" not in (tmp_path / "grades.csv").read_text(encoding="utf-8")


def test_failed_and_silent_learners_are_rows_with_blank_grades(totals, tmp_path):
    failed = totals[~((totals["student"] == "s03") & (totals["assignment"] == CH2))].reset_index(drop=True)
    rows = read_rows(export_grades(failed, None, "csv", tmp_path / "grades.csv", learners=[*STUDENTS, "s13"],
                                   maxima={CH2: 9.0, CH4: 5.0, "ch6_prevention": 9.0}))
    by_student = {row[0]: row[1:] for row in rows[1:]}
    assert rows[0] == ["student", CH2, CH4, "ch6_prevention", "total", "provisional"]
    assert by_student["s03"] == ["", "4", "", "4", ""]  # the failed ch2 grading: blank, the learner still there
    assert by_student["s13"] == ["", "", "", "", ""]  # in the course, nothing graded: a row of blanks
    roster = write_roster(tmp_path / "roster.csv", [*STUDENTS, "s13"])
    canvas = read_rows(export_grades(failed, roster, "canvas", tmp_path / "c.csv", learners=[*STUDENTS, "s13"]))
    assert canvas[-1] == ["Learner s13", "1013", "", "s13@example.org", "Group A", "", ""]


def test_canvas_import_columns_points_possible_and_assignment_ids(totals, tmp_path):
    roster = write_roster(tmp_path / "roster.csv", STUDENTS)
    rows = read_rows(export_grades(totals, roster, "canvas", tmp_path / "canvas.csv", canvas_ids={CH2: "4711"}))
    assert rows[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", f"{CH2} (4711)", CH4]
    assert rows[1] == ["Points Possible", "", "", "", "", "9", "5"]
    assert rows[2] == ["Learner s01", "1001", "", "s01@example.org", "Group A", "9", "5"]
    assert rows[-1] == ["Learner s12", "1012", "", "s12@example.org", "Group A", "0", ""]
    assert len(rows) == 2 + 12


def test_moodle_import_has_columns_moodle_can_map_in_points_or_percent(totals, tmp_path):
    roster = write_roster(tmp_path / "roster.csv", STUDENTS)
    rows = read_rows(export_grades(totals, roster, "moodle", tmp_path / "moodle.csv"))
    assert rows[0] == ["ID number", "Email address", CH2, CH4]
    assert rows[1] == ["1001", "s01@example.org", "9", "5"]
    assert len(rows) == 1 + 12
    percent = read_rows(export_grades(totals, roster, "moodle", tmp_path / "moodle.csv", grades="percent"))
    assert percent[1] == ["1001", "s01@example.org", "100", "100"]
    assert percent[5] == ["1005", "s05@example.org", "77.78", "80"]  # 7 of 9, 4 of 5
    assert percent[-1] == ["1012", "s12@example.org", "0", ""]
    with pytest.raises(ValueError, match="percent \\(moodle\\)"):
        export_grades(totals, roster, "canvas", tmp_path / "c.csv", grades="percent")


def test_canvas_ids_come_from_a_file_that_is_checked(tmp_path):
    from kit.course.report.exports import ExportError, read_canvas_ids

    ids = tmp_path / "ids.csv"
    ids.write_text(f"assignment,canvas_id\n{CH2},4711\nch5_assisting_victims,4712\n", encoding="utf-8")
    assert read_canvas_ids(ids) == {CH2: "4711", "ch5_assisting_victims": "4712"}
    for text, message in (("assignment,canvas_id\nch9,1\n", "ids.csv:2: unknown assignment 'ch9'"),
                          (f"assignment,canvas_id\n{CH2},x1\n", "ids.csv:2: canvas_id 'x1' is not a number"),
                          (f"assignment,canvas_id\n{CH2},1\n{CH2},2\n", "ids.csv:3: .* listed twice"),
                          ("name,id\n", "ids.csv:1: the first line must be assignment,canvas_id")):
        ids.write_text(text, encoding="utf-8")
        with pytest.raises(ExportError, match=message):
            read_canvas_ids(ids)


@pytest.mark.parametrize("fmt", ["canvas", "moodle"])
def test_learners_missing_from_the_roster_are_all_named(totals, tmp_path, fmt):
    roster = write_roster(tmp_path / "roster.csv", STUDENTS[:10])
    with pytest.raises(RosterError, match="not in the roster: s11, s12"):
        export_grades(totals, roster, fmt, tmp_path / "out.csv")
    with pytest.raises(RosterError, match="need a roster"):
        export_grades(totals, None, fmt, tmp_path / "out.csv")


def test_a_roster_needs_student_ids_and_a_way_to_match_learners(totals, tmp_path):
    with pytest.raises(RosterError, match="student_id column"):
        read_roster(write_roster(tmp_path / "bad.csv", STUDENTS, header="id,lms_id,email,name,section"))
    with pytest.raises(RosterError, match="no roster at"):
        read_roster(tmp_path / "absent.csv")
    anonymous = {student: {"student_id": student} for student in STUDENTS}
    anonymous["s01"]["email"] = "s01@example.org"
    with pytest.raises(RosterError, match=r"neither lms_id nor email .*: s02, s03"):
        export_grades(totals, anonymous, "moodle", tmp_path / "out.csv")
    only_ids = tmp_path / "ids.csv"
    only_ids.write_text("student_id,lms_id\n" + "".join(f"{s},{n}\n" for n, s in enumerate(STUDENTS)), encoding="utf-8")
    assert read_roster(only_ids)["s03"] == {"student_id": "s03", "lms_id": "2", "email": "", "name": "", "section": ""}


def test_unknown_format_and_points_text():
    with pytest.raises(ValueError, match="use one of csv, canvas, moodle"):
        export_grades(None, None, "excel", "out.csv")
    assert [points_text(v) for v in (3.0, 2.5, 1 / 3, float("nan"), None)] == ["3", "2.5", "0.33", "", ""]
