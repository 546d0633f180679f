"""The generator: deterministic per seed, the learner's tables apart from the truth, traces in the noise."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kit.mapping import generate, load_profile, scaled
from kit.mapping.municipality import LEARNER_TABLES

from .conftest import SHIPPED


@pytest.mark.parametrize("profile", SHIPPED)
def test_the_same_seed_gives_the_same_municipality(profile, towns):
    again = generate(profile, seed=1)
    for name in LEARNER_TABLES:
        pd.testing.assert_frame_equal(getattr(again, name), getattr(towns[profile], name))
    pd.testing.assert_frame_equal(again.truth.situations, towns[profile].truth.situations)
    assert np.array_equal(again.truth.signal_situation, towns[profile].truth.signal_situation)


def test_another_seed_gives_another_municipality(port):
    other = generate("port_city", seed=2)
    assert not other.signals.equals(port.signals)
    assert not other.truth.situations.equals(port.truth.situations)


def test_the_learner_tables_hold_no_ground_truth(towns):
    for town in towns.values():
        tables = town.tables()
        assert set(tables) == set(LEARNER_TABLES)
        for frame in tables.values():
            assert not {"situation_id", "situation", "status", "truth"} & set(frame.columns)
        assert "truth" not in repr(town)


@pytest.mark.parametrize("profile", SHIPPED)
def test_tables_have_the_expected_shape(profile, towns):
    town = towns[profile]
    assert town.districts["population"].sum() == pytest.approx(town.profile.population, abs=len(town.districts))
    from kit.mapping.place_types import place_type_ids

    assert set(town.places["place_type"].astype(str)) <= set(place_type_ids())
    assert town.places["place_id"].is_unique and town.workplaces["workplace_id"].is_unique
    assert town.signals["signal_id"].is_unique and town.signals["month"].between(1, 12).all()
    assert set(town.actors["actor_id"]) == set(town.profile.actors)
    assert town.risk_groups["group_id"].is_unique and len(town.risk_groups) == 9
    assert {"employees", "foreign_share", "inspections_3y", "remarks_3y", "municipal_contract"} <= set(town.workplaces.columns)
    assert {"capacity_per_month", "service", "provider"} <= set(town.services.columns)
    assert {"engage_hours", "engage_money", "trained"} <= set(town.actors.columns)


@pytest.mark.parametrize("profile", SHIPPED)
def test_every_planted_group_leaves_traces_among_more_noise(profile, towns):
    town = towns[profile]
    truth = town.truth
    behind = truth.signal_situation
    assert len(behind) == len(town.signals)
    assert (behind < 0).sum() > 3 * (behind >= 0).sum()  # mostly ordinary noise
    traced = set(truth.situations["group"].to_numpy()[behind[behind >= 0]])
    assert traced == set(truth.groups)
    planted = {g for g, spec in town.profile.groups.items() if spec.exploitation and spec.exploitation.past + spec.exploitation.ongoing}
    assert planted == set(truth.groups)


def test_traces_lean_on_stronger_indicators_than_noise(port):
    from kit.content import load

    strength = {i.id: i.strength for i in load().indicators}
    graded = port.signals["indicator"].astype(str).map(strength)
    behind = port.truth.signal_situation
    strong_in_traces = (graded[behind >= 0] == "strong").mean()
    strong_in_noise = (graded[behind < 0] == "strong").mean()
    assert strong_in_traces > 2 * strong_in_noise


def test_situations_sit_where_their_group_is_met(towns):
    from kit.mapping.risk_and_measures import catalogue

    groups = catalogue().risk_groups
    for town in towns.values():
        places = town.places.set_index("place_id")["place_type"].astype(str)
        sectors = town.workplaces.set_index("workplace_id")["sector"].astype(str)
        for row in town.truth.situations.itertuples():
            group = groups[row.group]
            if group.sectors:
                assert sectors[row.workplace_id] in group.sectors
            else:
                assert places[row.place_id] in group.place_types


def test_gaps_are_needed_services_without_capacity(inland):
    available = set(inland.services.loc[inland.services["capacity_per_month"] > 0, "service"].astype(str))
    assert inland.truth.gaps and not set(inland.truth.gaps) & available
    assert set(inland.truth.gaps) <= set(inland.truth.needs)
    assert "safe_accommodation_men" in inland.truth.gaps  # forestry and building-site workers are men


def test_a_custom_profile_generates():
    from pathlib import Path

    town = generate(Path(__file__).with_name("files") / "small_town.yaml", seed=3)
    assert town.truth.groups == ("seasonal_farm_forest_workers",)
    upcoming = town.truth.situations.query("status == 'upcoming'")
    assert upcoming["start_month"].between(6, 8).all()


def test_a_million_residents_generate(port):
    big = generate(scaled(load_profile("port_city"), 1_000_000), seed=1)
    assert big.districts["population"].sum() == pytest.approx(1_000_000, abs=20)
    assert len(big.signals) > 1.4 * len(port.signals)
    assert len(big.truth.situations) > len(port.truth.situations)
