"""The roster: every fault is one line with its file and line and what to do; init refuses a bad
roster before making anything; learners are added all or nothing."""

from __future__ import annotations

import pytest

from kit.course.cohort.folder import init_cohort
from kit.course.cohort.roster import EXAMPLE, RosterError, add_learners, parse_roster, read_roster


@pytest.mark.parametrize("data,message", [
    (b"student_id,lms_id\ns01,1\ns01,2\n", r"roster.csv:3: student_id 's01' appears twice; list each learner once"),
    (b"id,lms_id\n1,2\n", r"roster.csv:1: no student_id column \(the first line has: id, lms_id\)"),
    (b"", r"roster.csv:1: no student_id column \(the first line has: nothing\)"),
    ("student_id\ns01\nkål\n".encode("latin-1"), r"roster.csv:3: not UTF-8 text; save the roster as CSV UTF-8"),
    (b"student_id\n../etc\n", r"roster.csv:2: student_id '../etc' is not usable"),
    (b"student_id,email\n,a@b.org\n", r"roster.csv:2: empty student_id"),
    (b"student_id,lms_id\na,77\nb,77\n", r"roster.csv:3: lms_id '77' is already used by 'a'"),
])
def test_every_fault_is_one_line_with_its_place_and_what_to_do(data, message):
    with pytest.raises(RosterError, match=message) as caught:
        parse_roster(data, "roster.csv")
    assert "\n" not in str(caught.value)


def test_the_example_roster_reads_and_a_bom_and_blank_lines_are_fine():
    people = read_roster(EXAMPLE)
    assert list(people) == ["s01", "s02", "s03", "s04"] and people["s03"]["email"] == ""
    assert list(parse_roster("\ufeffstudent_id,extra\ns1,x\n\n".encode("utf-8"), "r.csv")) == ["s1"]


@pytest.mark.parametrize("data", [b"student_id\ns01\ns01\n", b"name\nAnna\n", b"student_id\n\xff\xfe\n"])
def test_init_refuses_a_bad_roster_before_it_makes_anything(tmp_path, data):
    roster = tmp_path / "roster.csv"
    roster.write_bytes(data)
    with pytest.raises(RosterError):
        init_cohort(tmp_path / "cohort", roster=roster)
    assert not (tmp_path / "cohort").exists()


def test_learners_are_added_all_or_nothing_and_bring_their_columns(tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("student_id,lms_id\ns01,1001\n", encoding="utf-8")
    added = add_learners(roster, {"s02": {"student_id": "s02", "email": "s02@example.org"}})
    assert added == ["s02"]
    assert roster.read_text(encoding="utf-8") == "student_id,lms_id,email\ns01,1001,\ns02,,s02@example.org\n"
    before = roster.read_text(encoding="utf-8")
    for new in ({"s03": {"student_id": "s03"}, "s01": {"student_id": "s01"}},
                {"s04": {"student_id": "s04", "lms_id": "1001"}}, {"bad id": {"student_id": "bad id"}}):
        with pytest.raises(RosterError):
            add_learners(roster, new)
        assert roster.read_text(encoding="utf-8") == before
    add_learners(tmp_path / "new.csv", {"s09": {"student_id": "s09"}})
    assert list(read_roster(tmp_path / "new.csv")) == ["s09"]
