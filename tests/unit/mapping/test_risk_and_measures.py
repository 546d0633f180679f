"""The catalogue: risk groups tied to tables 1-5, measures of chapters 3, 4 and 6 with costs, restated not copied."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

from kit.content.models import Text
from kit.mapping.risk_and_measures import catalogue

DATA = Path(__file__).resolve().parents[3] / "kit" / "mapping" / "data"
REQUIRED_MEASURES = {
    "train_frontline_staff", "outreach", "targeted_information", "business_awareness", "procurement_social_clauses",
    "joint_inspections", "cross_sector_group", "fold_into_crime_prevention",
}


def test_the_measures_of_the_issue_are_there_with_costs_and_refs():
    measures = catalogue().measures
    assert set(measures) >= REQUIRED_MEASURES
    for measure in measures.values():
        assert measure.ref.chapter in (3, 4, 6)
        assert measure.fixed.staff_hours + measure.per_target.staff_hours > 0
    bergen = measures["cross_sector_group"]
    assert "good_practices:bergen_model" in bergen.knowledge and "good_practices:tampere_model" in bergen.knowledge


def test_risk_groups_name_the_actors_of_their_tables(kb):
    cat = catalogue()
    for group in cat.risk_groups.values():
        expected = set(cat.expected_actors(group.id))
        for table in group.tables:
            assert set(kb.get("mapping_tables", table).actors) <= expected
        assert {kb.get("mapping_tables", t).ref.table for t in group.tables} <= {1, 2, 3, 5}


def test_refs_fall_inside_their_chapter(kb):
    spans = {c.number: c.ref.lines for c in kb.chapters}
    cat = catalogue()
    for item in [*cat.risk_groups.values(), *cat.measures.values()]:
        for ref in (item.ref, getattr(item, "also_ref", None)):
            if ref is not None:
                low, high = spans[ref.chapter]
                assert low <= ref.lines[0] <= ref.lines[1] <= high, item.id


def test_a_broken_catalogue_names_file_and_field(tmp_path):
    from kit.content.problems import ContentError

    for name in ("risk_groups.yaml", "measures.yaml"):
        (tmp_path / name).write_text((DATA / name).read_text(encoding="utf-8"), encoding="utf-8")
    raw = yaml.safe_load((tmp_path / "measures.yaml").read_text(encoding="utf-8"))
    raw["measures"][0]["fixed"]["money"] = -1
    raw["measures"][1]["knowledge"] = ["good_practices:atlantis"]
    (tmp_path / "measures.yaml").write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        catalogue(str(tmp_path))
    problems = [str(p) for p in caught.value.problems]
    assert any(p.startswith("measures.yaml:measures[train_frontline_staff].fixed.money:") for p in problems), problems
    assert any(p.startswith("measures.yaml:measures[campaign_unconventional_actors].knowledge:") for p in problems), problems


def test_texts_restate_the_seed_rather_than_copy_it():
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "support"))
    from seed import copied_runs, seed_path

    if seed_path() is None:
        pytest.skip("the seed is absent")
    cat = catalogue()
    texts: list[Text] = [t for item in [*cat.risk_groups.values(), *cat.measures.values()]
                         for t in (item.label, getattr(item, "description", None) or item.summary)]
    copied = [run for text in texts for lang in ("sv", "en") for run in copied_runs(text.get(lang))]
    assert not copied, copied[:5]
