"""Scale (issue 14, item 11): the work that grew with a profile's shape stays with what a measure
touches. The timings themselves (every shipped profile at 1,000,000 residents beside the pandas
floor) are measured by bench/mapping.py, not asserted here: a shared machine's load is no verdict."""

from __future__ import annotations

from kit.mapping import generate, load_profile, scaled


def test_the_expert_search_weighs_only_what_a_measure_touches():
    """The work that grew with a profile's shape: a measure aimed at one place was weighed over the
    whole municipality. Its gain over the situations it touches is the same number."""
    import numpy as np

    from kit.mapping.channels import outlook
    from kit.mapping.effects import no_effects, with_measure
    from kit.mapping.expert import _Touched
    from kit.mapping.layout import layout

    town = generate(scaled(load_profile("northern_town"), 200_000), 1)
    lay = layout(town)
    base = no_effects(lay)
    before = outlook(lay, base).outcome()
    touched = _Touched(lay)
    for measure, kind, _key in (("outreach", "places", "sit_place"), ("joint_inspections", "workplaces", "sit_workplace"),
                               ("targeted_information", "groups", "sit_group")):
        target = lay.active[{"places": "place_id", "workplaces": "workplace_id", "groups": "group"}[kind]].dropna().iloc[0]
        trial = with_measure(base, lay, measure, [target])
        whole = outlook(lay, trial).outcome() - before
        rows = touched.rows(measure, target)
        part = outlook(touched.layout(measure, target), trial).outcome() - before[rows]
        assert np.isclose(whole.sum(), part.sum())
        outside = np.setdiff1d(np.arange(len(before)), rows)
        assert np.allclose(whole[outside], 0.0)
        if kind != "groups":
            assert len(rows) < len(before) / 10
