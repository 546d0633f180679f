"""What the learner's notebook calls: texts, their own material, and handing answers in."""

from __future__ import annotations

import json

import pytest

from kit.course.cohort.learner import ANSWER_MIME, open_task


def test_without_a_student_id_the_task_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    task = open_task("ch2_what_is_trafficking", lang="en", folder=tmp_path)
    text = task.intro_markdown()
    assert "Is it trafficking" in text or task.assignment.title.en in text
    assert "STUDENT" in text and task.variant is None


def test_a_missing_variant_file_is_named(tmp_path):
    task = open_task("ch2_what_is_trafficking", student="s01", lang="sv", folder=tmp_path)
    assert "variants/s01.json" in task.intro_markdown()


def test_the_learner_sees_their_own_case_in_their_language(tmp_path):
    (tmp_path / "variants").mkdir()
    variant = {"assignment": "ch2_what_is_trafficking", "student": "s01",
               "case": {"title": {"sv": "Titel", "en": "Title"}, "narrative": {"sv": "Berättelse <b>", "en": "Story <b>"}}}
    (tmp_path / "variants" / "s01.json").write_text(json.dumps(variant), encoding="utf-8")
    task = open_task("ch2_what_is_trafficking", student="s01", lang="en", folder=tmp_path)
    text = task.intro_markdown()
    assert "Story &lt;b&gt;" in text and "Title" in text and "Content note" in text


def test_the_single_variant_file_beside_the_notebook_wins(tmp_path):
    town = {"name": {"sv": "Åstad", "en": "Åstad"}, "budget": {"staff_hours": 100, "money": 5000, "currency": "EUR"},
            "tables": {"districts": {"columns": ["district_id", "population"], "data": [["d1", 100], ["d2", 50]]}}}
    (tmp_path / "strom_variant.json").write_text(json.dumps({"student": "s09", "municipality": town}), encoding="utf-8")
    task = open_task("ch3_local_mapping", student="someone_else", folder=tmp_path)
    assert task.student == "s09"
    assert task.tables["districts"]["population"].sum() == 150
    assert "5000 EUR" in task.intro_markdown()


def test_hand_in_displays_the_answer_for_the_grader(tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj, raw=False: shown.append(obj))
    task = open_task("ch2_what_is_trafficking", student="s01", lang="sv", folder=tmp_path)
    task.hand_in("palermo", {"trafficking": True, "act": {"recruitment"}, "means": (), "purpose": []})
    payload = shown[-1][ANSWER_MIME]
    assert payload["part"] == "palermo" and payload["lang"] == "sv"
    assert payload["answer"]["act"] == ["recruitment"]
    assert payload["handed_at"] >= payload["opened_at"]
    with pytest.raises(KeyError, match="palermo"):
        task.hand_in("nope", {})
    with pytest.raises(ValueError, match="listor och ordlistor"):
        task.hand_in("palermo", {"act": object()})


def test_vocabulary_lists_ids_with_labels_in_the_learners_language(tmp_path):
    task = open_task("ch2_what_is_trafficking", student="s01", lang="en", folder=tmp_path)
    frame = task.vocabulary("means").data
    assert "deception" in set(frame["id"]) and frame["label"].str.len().min() > 0


def test_free_text_parts_show_how_they_are_graded(tmp_path):
    task = open_task("ch3_local_mapping", student="s01", lang="en", folder=tmp_path)
    text = task.part_markdown("council_memo")
    assert "How the answer is graded" in text and text.count("\n- ") >= 3
    assert "How the answer is graded" not in task.part_markdown("mapping_plan")
