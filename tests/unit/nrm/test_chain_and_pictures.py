"""The referral chain data and graph, and the pictures with their descriptions."""

from __future__ import annotations

from kit.cases.bank import load_bank
from kit.nrm.chain import load_chain, referral_graph
from kit.nrm.pictures import describe_referral_graph, describe_timeline, referral_graph_figure, timeline_figure
from kit.nrm.reference_plan import model_plan
from kit.nrm.scenario import Scenario


def test_the_chain_is_ordered_and_known(kb):
    chain = load_chain()
    assert [s.order for s in chain.steps] == sorted(s.order for s in chain.steps)
    assert chain.steps[0].id == "reasonable_grounds"
    graph = referral_graph()
    assert graph.has_edge("reasonable_grounds", "immediate_referral")
    assert graph.has_edge("child_protection_and_guardian", "guardian")
    concerns = {c for s in chain.services.values() for c in s.concerns}
    assert concerns == set(kb.ids("victim_concerns")), "every key concern is answered by some service"
    for step in chain.steps:
        assert step.label.sv and step.label.en


def test_pictures_render_and_are_described_in_both_languages():
    case = load_bank()["seed_boys_forced_to_steal"]
    plan = model_plan(case, "SE")
    figure = referral_graph_figure(plan, "en")
    assert figure.axes and figure.axes[0].get_title().startswith("The referral chain")
    scenario = Scenario(case, "SE", plan, seed=1)
    scenario.run(lambda event: event.options[0])
    assert timeline_figure(scenario, "sv").axes[0].get_xlabel() == "Dag"
    assert str(len(load_chain().steps)) in describe_referral_graph(plan, "en") and describe_referral_graph(plan, "sv") != describe_referral_graph(plan, "en")
    assert "90" in describe_timeline(scenario, "sv")
