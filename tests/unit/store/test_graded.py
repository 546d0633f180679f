"""A student's graded assignments in the store: written (again) by the course's export, read per student, checked."""

from __future__ import annotations

import dataclasses

import pytest

from kit.store import StoreError
from kit.store.graded import AssignmentResult, assignment_results, save_assignment_results
from kit.store.progress import read_progress

from .test_progress import EXERCISES

RELEASED = 1_790_000_000.0


def result(participant: str = "s01", assignment: str = "ch2_what_is_trafficking", chapter: int = 2, score: float = 7.0,
           **changes) -> AssignmentResult:
    base = AssignmentResult(participant=participant, course="strom", assignment=assignment, chapter=chapter,
                            title_sv="Vad är människohandel?", title_en="What is trafficking?", score=score, max_score=9.0,
                            provisional=False, course_assignments=6, graded_at=RELEASED - 3600, released_at=RELEASED)
    return dataclasses.replace(base, **changes)


def test_a_students_results_are_read_back_by_chapter_and_only_theirs(store):
    ch4 = result(assignment="ch4_indicators", chapter=4, score=4.5, provisional=True, title_sv="Indikatorer", title_en="Indicators")
    assert save_assignment_results(store, [ch4, result(), result(participant="s02", score=2.0)]) == 3
    mine = assignment_results(store, "s01")
    assert mine == [result(), ch4]  # by chapter, every field as written
    assert mine[1].provisional and mine[1].title("en") == "Indicators" and mine[1].title("sv") == "Indikatorer"
    assert mine[0].share == pytest.approx(7 / 9)
    assert [r.score for r in assignment_results(store, "s02")] == [2.0]
    assert assignment_results(store, "s03") == []


def test_an_export_again_replaces_the_row_after_grading_by_hand(store):
    save_assignment_results(store, [result(score=5.0, provisional=True)])
    save_assignment_results(store, [result(score=8.0, released_at=RELEASED + 60)])
    assert [(r.score, r.provisional, r.released_at) for r in assignment_results(store, "s01")] == [(8.0, False, RELEASED + 60)]


@pytest.mark.parametrize(("changes", "words"), [
    ({"participant": "S01"}, "stored form"),
    ({"participant": "x" * 41}, "stored form"),
    ({"assignment": "ch2 what"}, "not a valid id"),
    ({"title_en": " "}, "English title"),
    ({"max_score": 0.0}, "maximum"),
    ({"score": float("nan")}, "score"),
    ({"score": -1.0}, "score"),
    ({"chapter": 0}, "chapter"),
    ({"course_assignments": 0}, "number of assignments"),
    ({"released_at": float("inf")}, "times"),
])
def test_a_result_the_store_would_not_take_is_refused_and_nothing_is_written(store, changes, words):
    with pytest.raises(StoreError, match=words):
        save_assignment_results(store, [result(participant="s02"), result(**changes)])
    assert assignment_results(store, "s02") == []  # all or nothing


def test_the_progress_has_the_released_assignments_out_of_the_courses(store):
    save_assignment_results(store, [result(), result(assignment="ch4_indicators", chapter=4, score=3.0)])
    progress = read_progress(store, " S01 ", EXERCISES)
    assert progress.started and progress.last_at is None  # graded work, nothing answered in the chapters
    (course,) = progress.courses
    assert (course.course, course.total, [r.chapter for r in course.done]) == ("strom", 6, [2, 4])
    assert course.last_at == RELEASED
    assert read_progress(store, "s02", EXERCISES).courses == ()
