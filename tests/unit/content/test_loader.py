"""Loading content: bad input gives `file:field: message` errors and nothing half-loaded."""

from __future__ import annotations

from pathlib import Path

import pytest

from kit.content.loader import load, load_uncached
from kit.content.problems import ContentError


def problems_of(data_dir: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_uncached(data_dir)
    return [str(p) for p in caught.value.problems]


def replace_in(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_the_kits_content_loads_and_is_cached():
    first = load()
    assert first is load()
    assert first.counts()["actors"] > 40


def test_a_copy_of_the_content_loads(data_copy):
    assert load_uncached(data_copy).counts() == load().counts()


def test_malformed_yaml_names_file_and_line(data_copy):
    path = data_copy / "actors.yaml"
    text = path.read_text(encoding="utf-8").splitlines()
    text[12] = text[12] + ' : [unclosed'
    path.write_text("\n".join(text), encoding="utf-8")
    found = problems_of(data_copy)
    assert any(p.startswith("actors.yaml:line ") and "malformed YAML" in p for p in found), found


def test_missing_translation_is_named(data_copy):
    replace_in(data_copy / "actors.yaml", "en: Social services", "en: ''")
    found = problems_of(data_copy)
    assert "actors.yaml:actors[social_services].name.en: missing English translation" in found


def test_missing_language_key_is_named(data_copy):
    replace_in(data_copy / "chapters.yaml", "title: {sv: Inledning, en: Introduction}", "title: {sv: Inledning}")
    found = problems_of(data_copy)
    assert "chapters.yaml:chapters[introduction].title.en: missing English translation" in found


def test_unknown_reference_id_is_named_with_its_path(data_copy):
    replace_in(data_copy / "mapping.yaml", "- local_police", "- town_sheriff")
    found = problems_of(data_copy)
    assert any(p.startswith("mapping.yaml:mapping_tables[") and p.endswith("unknown actors id 'town_sheriff'") for p in found), found


def test_unknown_field_and_kind_are_refused(data_copy):
    replace_in(data_copy / "actors.yaml", "    sector: municipal\n", "    sector: municipal\n    colour: red\n")
    (data_copy / "extra.yaml").write_text("gossip:\n  - id: x\n", encoding="utf-8")
    found = problems_of(data_copy)
    assert "actors.yaml:actors[social_services].colour: unknown field" in found
    assert any(p.startswith("extra.yaml:gossip: unknown content kind") for p in found)


def test_duplicate_id_and_bad_slug(data_copy):
    replace_in(data_copy / "actors.yaml", "id: health_care", "id: social_services")
    replace_in(data_copy / "actors.yaml", "id: schools", "id: Schools!")
    found = problems_of(data_copy)
    assert any("duplicate id 'social_services'" in p for p in found)
    assert any(p.startswith("actors.yaml:actors[Schools!].id:") for p in found)


def test_ref_outside_its_chapter_is_refused(data_copy):
    replace_in(data_copy / "actors.yaml", "ref: {chapter: 4, lines: [1172, 1172]}", "ref: {chapter: 4, lines: [300, 310]}")
    found = problems_of(data_copy)
    assert "actors.yaml:actors[health_care].ref: lines 300-310 lie outside chapter 4 (lines 874-1382)" in found


def test_kind_missing_and_empty_folder(data_copy, tmp_path):
    (data_copy / "regimes.yaml").unlink()
    assert "data:regimes: content kind missing from every file" in problems_of(data_copy)
    empty = tmp_path / "empty"
    empty.mkdir()
    assert problems_of(empty) == [f"{empty}:-: no content files (*.yaml) found"]


def test_ui_string_without_english(data_copy):
    replace_in(data_copy / "ui.yaml", 'lang.label: {sv: "Språk", en: "Language"}', 'lang.label: {sv: "Språk"}')
    assert "ui.yaml:lang.label.en: missing English translation" in problems_of(data_copy)


def test_a_broken_file_does_not_cascade_into_unknown_ids(data_copy):
    path = data_copy / "actors.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n  - id: [broken\n", encoding="utf-8")
    found = problems_of(data_copy)
    assert any(p.startswith("actors.yaml:line ") for p in found)
    assert not any("unknown actors id" in p for p in found), found[:5]


def test_reversed_line_range_and_wrong_chapter_number(data_copy):
    replace_in(data_copy / "actors.yaml", "ref: {chapter: 4, lines: [1172, 1172]}", "ref: {chapter: 4, lines: [1172, 1100]}")
    replace_in(data_copy / "chapters.yaml", "    number: 6\n", "    number: 5\n")
    found = problems_of(data_copy)
    assert "actors.yaml:actors[health_care].ref: line range 1172-1100 must be ascending and start at 1 or later" in found
    assert "chapters.yaml:chapters[prevention]: ref.chapter 6 differs from number 5" in found


def test_wrong_type_and_unknown_literal(data_copy):
    replace_in(data_copy / "indicators.yaml", "    strength: strong\n", "    strength: very strong\n")
    replace_in(data_copy / "legal.yaml", "year: 2000", "year: two thousand")
    found = problems_of(data_copy)
    assert any(p.startswith("indicators.yaml:indicators[") and ".strength: Invalid enum value 'very strong'" in p for p in found), found
    assert any(p.startswith("legal.yaml:instruments[palermo_protocol].year: Expected `int`") for p in found), found
    assert not any("unknown instruments id 'palermo_protocol'" in p for p in found), "no cascade from an invalid item"


def test_ui_strings_may_come_from_domain_files_but_only_once(data_copy):
    (data_copy / "ui_extra.yaml").write_text('extra.hello: {sv: "Hej", en: "Hello"}\n', encoding="utf-8")
    assert load_uncached(data_copy).ui("extra.hello", "en") == "Hello"
    (data_copy / "ui_more.yaml").write_text('extra.hello: {sv: "Hej igen", en: "Hello again"}\n', encoding="utf-8")
    assert "ui_more.yaml:extra.hello: UI string already defined in ui_extra.yaml" in problems_of(data_copy)
