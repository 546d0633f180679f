"""The assignment and rubric data: six chapters, points that add up, both languages, refs in range."""

from __future__ import annotations

import pytest

from kit.course.cohort.assignments import AUTOGRADED, get_assignment, load_assignments, load_rubrics

CHAPTER_SPANS = {1: (188, 277), 2: (264, 474), 3: (468, 883), 4: (874, 1382), 5: (1383, 1749), 6: (1741, 2217)}


def test_six_assignments_one_per_chapter_each_mixing_autograded_and_free_text():
    assignments = load_assignments()
    assert sorted(a.chapter for a in assignments.values()) == [1, 2, 3, 4, 5, 6]
    for assignment in assignments.values():
        kinds = {part.kind for part in assignment.parts}
        assert kinds & AUTOGRADED, assignment.id
        assert "free_text" in kinds, assignment.id


def test_every_free_text_part_has_a_rubric_worth_its_points_with_a_comment_bank():
    rubrics = load_rubrics()
    used = set()
    for assignment in load_assignments().values():
        for part in assignment.parts:
            if part.kind == "free_text":
                rubric = rubrics[part.rubric]
                used.add(rubric.id)
                assert rubric.points == pytest.approx(part.points)
                assert rubric.part == part.id
                assert len(rubric.comments) >= 3
    assert used == set(rubrics)


def test_texts_are_bilingual_and_refs_point_inside_their_chapter():
    for assignment in load_assignments().values():
        texts = [assignment.title, assignment.intro] + [part.prompt for part in assignment.parts]
        for text in texts:
            assert text.sv.strip() and text.en.strip() and text.sv != text.en
        for ref in [assignment.ref] + [part.ref for part in assignment.parts]:
            low, high = CHAPTER_SPANS[ref.chapter]
            assert low <= ref.lines[0] <= ref.lines[1] <= high, (assignment.id, ref)


def test_unknown_assignment_and_part_are_named():
    with pytest.raises(KeyError, match="known: ch1_principles"):
        get_assignment("ch9_nothing")
    with pytest.raises(KeyError, match="parts: palermo"):
        get_assignment("ch2_what_is_trafficking").part("nope")
