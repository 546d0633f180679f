"""A cohort folder's course.yaml: its limits are checked when read, and a bad one is named, not crashed on."""

from __future__ import annotations

import pytest

from kit.course.cohort.folder import DEFAULTS, Cohort, CohortError, init_cohort


def cohort_with(tmp_path, text: str) -> Cohort:
    cohort = init_cohort(tmp_path / "cohort")
    (cohort.root / "course.yaml").write_text(text, encoding="utf-8")
    return Cohort.open(cohort.root)


def test_a_new_cohort_has_the_kits_limits(tmp_path):
    cohort = init_cohort(tmp_path / "cohort")
    assert {name: cohort.optional_limit(name) for name in DEFAULTS} == DEFAULTS
    assert cohort.limit("memory_mb") == 1536


@pytest.mark.parametrize(("written", "read"), [("2048", 2048), ("'2048'", 2048), ("2048.0", 2048)])
def test_a_limit_written_as_a_number_or_numeric_text_is_read_as_a_whole_number(tmp_path, written, read):
    assert cohort_with(tmp_path, f"limits:\n  memory_mb: {written}\n").limit("memory_mb") == read


def test_a_missing_limit_takes_the_kits_default_and_an_empty_outer_limit_is_worked_out(tmp_path):
    cohort = cohort_with(tmp_path, "course_id: strom\nlimits:\n  submission_timeout_s: null\n")
    assert cohort.limit("processes") == DEFAULTS["processes"]
    assert cohort.optional_limit("submission_timeout_s") is None
    assert cohort_with(tmp_path / "bare", "course_id: strom\n").limit("cell_timeout_s") == DEFAULTS["cell_timeout_s"]


@pytest.mark.parametrize("written", ["null", "'lots'", "-5", "0", "true", "1.5", "[1, 2]"])
def test_a_bad_limit_is_named_with_its_file_and_the_default(tmp_path, written):
    cohort = cohort_with(tmp_path, f"limits:\n  memory_mb: {written}\n")
    with pytest.raises(CohortError) as error:
        cohort.limit("memory_mb")
    message = str(error.value)
    assert "course.yaml" in message and "limits.memory_mb" in message and "1536" in message


@pytest.mark.parametrize(("text", "words"), [("limits: [1, 2]\n", "limits must be a mapping"),
                                             ("limits: {memory_mb: 1\n", "is not valid YAML"),
                                             ("- just\n- a list\n", "must be a mapping")])
def test_a_broken_course_file_is_said_in_one_error(tmp_path, text, words):
    cohort = cohort_with(tmp_path, text)
    with pytest.raises(CohortError, match=words):
        cohort.limit("processes")
