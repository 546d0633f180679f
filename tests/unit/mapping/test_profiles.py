"""Profiles: the shipped ones load; custom ones load by path; faults name file and field."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from kit.mapping import ProfileError, load_profile, scaled, shipped_profiles

FILES = Path(__file__).with_name("files")
SMALL = FILES / "small_town.yaml"


def test_four_plainly_different_profiles_ship():
    assert shipped_profiles() == ["inland_town", "northern_town", "port_city", "transit_town"]
    profiles = [load_profile(p) for p in shipped_profiles()]
    assert len({p.population for p in profiles}) == 4
    assert {p.role for p in profiles} == {"destination", "origin"}
    port = load_profile("port_city")
    assert port.places["transport_hubs"] >= 3 and port.groups["people_begging"].exploitation is not None
    inland = load_profile("inland_town")
    assert {"agriculture", "forestry", "construction", "restaurants"} <= set(inland.sectors)
    assert inland.places["asylum_reception_centres"] == 1
    transit = load_profile("transit_town")
    assert transit.places["employment_and_staffing_agencies"] > 0 and transit.groups["unemployed_young_people"].exploitation
    northern = load_profile("northern_town")
    assert {"mining", "tourism", "forestry", "agriculture"} <= set(northern.sectors)
    assert northern.sectors["tourism"].season == (12, 4)  # a ski season across the new year


def test_a_custom_profile_loads_by_path_and_from_a_mapping():
    assert load_profile(SMALL).id == "small_town"
    assert load_profile(str(SMALL)).id == "small_town"
    assert load_profile(yaml.safe_load(SMALL.read_text())).population == 4000


def write_variant(tmp_path: Path, change) -> Path:
    raw = yaml.safe_load(SMALL.read_text())
    change(raw)
    path = tmp_path / "variant.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


def refused(path: Path) -> list[str]:
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    return [str(p) for p in caught.value.problems]


def test_an_unknown_key_is_refused_with_file_and_field(tmp_path):
    path = write_variant(tmp_path, lambda raw: raw["districts"][0].update(colour="blue"))
    assert refused(path) == ["variant.yaml:districts[centre].colour: unknown field"]
    path = write_variant(tmp_path, lambda raw: raw.update(mayor="someone"))
    assert refused(path) == ["variant.yaml:mayor: unknown field"]


@pytest.mark.parametrize("change, field", [
    (lambda raw: raw["districts"][0].update(population_share=1.4), "variant.yaml:districts[centre].population_share"),
    (lambda raw: raw["budget"].update(money=-5), "variant.yaml:budget.money"),
    (lambda raw: raw.update(population=10), "variant.yaml:population"),
    (lambda raw: raw["groups"]["seasonal_farm_forest_workers"]["exploitation"].update(women_share=1.5),
     "variant.yaml:groups.seasonal_farm_forest_workers.exploitation.women_share"),
    (lambda raw: raw["groups"]["seasonal_farm_forest_workers"]["exploitation"].update(victims=[5, 2]),
     "variant.yaml:groups.seasonal_farm_forest_workers.exploitation.victims"),
    (lambda raw: raw["districts"][0].update(population_share=0.2), "variant.yaml:districts"),
    (lambda raw: raw["places"].update(moon_base=1), "variant.yaml:places.moon_base"),
    (lambda raw: raw["sectors"].update(whaling={"per_1000": 1, "mean_size": 3, "foreign_share": 0.1}), "variant.yaml:sectors.whaling"),
    (lambda raw: raw["actors"].update(wizards={"staff": 1}), "variant.yaml:actors.wizards"),
    (lambda raw: raw["services"][0].update(provider="ngos"), "variant.yaml:services[0].provider"),
    (lambda raw: raw["groups"].update(pirates={"estimated_size": 3}), "variant.yaml:groups.pirates"),
    (lambda raw: raw["sectors"].pop("agriculture"), "variant.yaml:groups.seasonal_farm_forest_workers.exploitation.sectors"),
])
def test_an_impossible_value_is_refused_with_file_and_field(tmp_path, change, field):
    problems = refused(write_variant(tmp_path, change))
    assert any(p.startswith(field + ":") for p in problems), problems


def test_malformed_yaml_is_refused_with_file_and_line(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("id: small\ndistricts: [unclosed\n", encoding="utf-8")
    [problem] = refused(path)
    assert problem.startswith("broken.yaml:line ") and "malformed YAML" in problem


def test_a_missing_file_and_a_non_mapping_are_refused(tmp_path):
    assert refused(tmp_path / "nowhere.yaml")[0].endswith("file not found")
    path = tmp_path / "list.yaml"
    path.write_text("- 1\n- 2\n", encoding="utf-8")
    assert "top level" in refused(path)[0]


def test_scaling_keeps_the_profile_valid_and_grows_it():
    port = load_profile("port_city")
    big = scaled(port, 1_000_000)
    assert big.population == 1_000_000
    assert big.budget.money > port.budget.money
    planted = big.groups["people_in_prostitution"].exploitation
    assert planted.ongoing > port.groups["people_in_prostitution"].exploitation.ongoing
    import msgspec

    assert load_profile(msgspec.to_builtins(big)).population == 1_000_000
