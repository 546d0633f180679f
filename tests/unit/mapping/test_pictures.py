"""Pictures render off screen, are not empty, and come with a one-sentence description in both languages."""

from __future__ import annotations

import io

import pytest

from kit.mapping import (
    detection_curves,
    detection_curves_description,
    district_map,
    district_map_description,
    simulate,
    simulate_outcomes,
)
from kit.mapping.expert import empty_plan, model_plan, naive_plan

from .conftest import SHIPPED


def rendered(figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=50)
    return buffer.getvalue()


def one_sentence(text: str) -> bool:
    return text.endswith(".") and text.count(". ") == 0 and len(text) > 30


@pytest.mark.parametrize("profile", SHIPPED)
def test_the_district_map_renders_with_and_without_a_simulation(profile, towns):
    town = towns[profile]
    outcomes = simulate_outcomes(town, model_plan(town), seed=1)
    for lang, result in (("sv", outcomes), ("en", None)):
        figure = district_map(town, result, lang=lang)
        ax = figure.axes[0]
        assert ax.patches and ax.collections, "tiles and markers"
        assert len(rendered(figure)) > 5_000
        assert town.name(lang) in ax.get_title()
    description = district_map_description(town, outcomes)
    assert one_sentence(description.sv) and one_sentence(description.en) and description.sv != description.en
    assert town.name("en") in description.en


def test_detection_curves_show_plans_side_by_side(port):
    runs = {name: simulate(port, plan, seed=2) for name, plan in
            (("none", empty_plan()), ("naive", naive_plan(port)), ("model", model_plan(port)))}
    figure = detection_curves(runs, lang="en")
    assert len(figure.axes) == 3
    assert [ax.get_title() for ax in figure.axes] == ["No plan", "Plan without mapping", "Expert plan"]
    assert all(ax.collections and ax.lines for ax in figure.axes)
    assert len(rendered(figure)) > 5_000
    description = detection_curves_description(runs)
    assert one_sentence(description.en) and one_sentence(description.sv)
    assert "Expert plan" in description.en and "Expertens plan" in description.sv
    with pytest.raises(ValueError):
        detection_curves({})


def test_no_window_is_opened():
    import sys

    import matplotlib

    assert "matplotlib.pyplot" not in sys.modules or matplotlib.get_backend().lower() == "agg"
