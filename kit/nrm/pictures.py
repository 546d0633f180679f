"""Pictures of a response: the referral chain with the plan's path, and a timeline of steps and events.

Each picture function returns a matplotlib Figure (no display needed); each has a companion
that describes the picture in one sentence, for alt text and screen readers.
"""

from __future__ import annotations

import itertools
from typing import Any

from kit.content import load
from kit.nrm.chain import load_chain, referral_graph

STEP_COLOUR, PLAN_COLOUR, ACTOR_COLOUR, EVENT_COLOUR, MUTED = "#1f5f8b", "#c0392b", "#2e7d32", "#8e44ad", "#b0b0b0"


def referral_graph_figure(plan: Any | None = None, lang: str = "sv") -> Any:
    """The chain's steps in order; the plan's steps and their actors highlighted."""
    import networkx as nx
    from matplotlib.figure import Figure

    chain, kb = load_chain(), load()
    graph = referral_graph(chain)
    steps = sorted(chain.steps, key=lambda step: step.order)
    used_steps = {s.step for s in plan.steps} if plan is not None else set()
    used_pairs = {(s.step, s.actor) for s in plan.steps} if plan is not None else set()
    positions: dict[str, tuple[float, float]] = {step.id: (step.order, 0.0) for step in steps}
    # Actors in one row below the chain, spread evenly in the order they first appear.
    actors_shown = list(dict.fromkeys(actor for step_id, actor in sorted(used_pairs, key=lambda p: positions[p[0]][0])))
    if actors_shown:
        span = (len(steps) - 1) / max(1, len(actors_shown) - 1) if len(actors_shown) > 1 else 0
        for index, actor in enumerate(actors_shown):
            positions[actor] = (1 + index * span if len(actors_shown) > 1 else positions[next(a for a in steps).id][0], -1.0)
    figure = Figure(figsize=(13, 4.8), layout="constrained")
    axes = figure.add_subplot()
    step_ids = [step.id for step in steps]
    nx.draw_networkx_edges(graph, positions, ax=axes, edgelist=list(itertools.pairwise(step_ids)), edge_color=MUTED, width=2, arrows=True)
    nx.draw_networkx_edges(graph, positions, ax=axes, edgelist=[p for p in used_pairs if graph.has_edge(*p)], edge_color=PLAN_COLOUR, width=2.5, arrows=True)
    colours = [PLAN_COLOUR if s in used_steps else STEP_COLOUR for s in step_ids]
    nx.draw_networkx_nodes(graph, positions, ax=axes, nodelist=step_ids, node_color=colours, node_size=650)
    if actors_shown:
        nx.draw_networkx_nodes(graph, positions, ax=axes, nodelist=actors_shown, node_color=ACTOR_COLOUR, node_shape="s", node_size=350)
    for step in steps:
        x, y = positions[step.id]
        axes.annotate(step.label.get(lang), (x, y), xytext=(0, 16), textcoords="offset points", ha="center", fontsize=8, rotation=20)
    for actor in actors_shown:
        x, y = positions[actor]
        axes.annotate(kb.get("actors", actor).name.get(lang), (x, y), xytext=(0, -14), textcoords="offset points",
                      fontsize=7, rotation=-20, ha="left", va="top")
    axes.set_title(kb.ui("nrm.picture.graph_title", lang))
    axes.set_axis_off()
    axes.margins(x=0.08, y=0.25)
    return figure


def describe_referral_graph(plan: Any | None, lang: str = "sv") -> str:
    """One sentence describing the referral graph, for alt text."""
    count = len(load_chain().steps)
    used = len({s.step for s in plan.steps}) if plan is not None else 0
    actors = len({s.actor for s in plan.steps}) if plan is not None else 0
    return load().ui("nrm.picture.graph_alt", lang, steps=count, used=used, actors=actors)


def timeline_figure(scenario: Any, lang: str = "sv") -> Any:
    """Plan steps as bars over the days (support as long bars), events and decisions as markers."""
    from matplotlib.figure import Figure

    chain, kb = load_chain(), load()
    plan, horizon = scenario.plan, scenario.days
    figure = Figure(figsize=(12, 4.5), layout="constrained")
    axes = figure.add_subplot()
    rows = []
    for step in sorted(plan.steps, key=lambda s: (s.day, chain.order[s.step])):
        length = step.duration_days or (horizon - step.day if step.step in ("long_term_support", "integration", "return_and_reintegration") else 1)
        rows.append((chain.step(step.step).label.get(lang), step.day, max(1, min(length, horizon - step.day))))
    for row, (label, start, length) in enumerate(rows):
        axes.barh(row, length, left=start, color=STEP_COLOUR, height=0.6)
        axes.text(start + 0.5, row, label, va="center", fontsize=7, color="white" if length > 12 else "black")
    verdicts = {decision.event: decision.verdict for decision in scenario.log}
    for event in scenario.events:
        colour = {"good": ACTOR_COLOUR, "poor": PLAN_COLOUR}.get(verdicts.get(event.id, ""), EVENT_COLOUR)  # no decision: no verdict
        axes.axvline(event.day, color=colour, linestyle="--", linewidth=1)
        axes.text(event.day, len(rows) - 0.4, event.title(lang), rotation=90, fontsize=7, va="top", ha="right", color=colour)
    axes.set_xlim(0, horizon)
    axes.set_yticks([])
    axes.set_xlabel(kb.ui("nrm.picture.days", lang))
    axes.set_title(kb.ui("nrm.picture.timeline_title", lang))
    return figure


def describe_timeline(scenario: Any, lang: str = "sv") -> str:
    """One sentence describing the timeline, for alt text."""
    outcome = scenario.outcome()
    return load().ui("nrm.picture.timeline_alt", lang, steps=len(scenario.plan.steps), events=len(scenario.events),
                     days=scenario.days, incidents=outcome.safety_incidents)
