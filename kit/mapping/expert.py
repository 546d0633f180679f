"""Reference plans: the expert's plan from the ground truth, a naive plan, random feasible plans, no plan."""

from __future__ import annotations

import heapq
from collections.abc import Set

import numpy as np

from kit.content import load
from kit.mapping.channels import outlook
from kit.mapping.effects import compile_plan, with_measure
from kit.mapping.layout import layout, situation_rows
from kit.mapping.plan import Action, GroupFinding, MappingPlan, SignalId
from kit.mapping.risk_and_measures import catalogue
from kit.mapping.vocabulary import SERVICES

STRENGTH_ORDER = {"strong": 0, "medium": 1, "weak": 2}


def empty_plan() -> MappingPlan:
    """No mapping and no measures."""
    return MappingPlan()


def model_plan(m) -> MappingPlan:
    """The plan an expert would make knowing the ground truth: every finding right, measures chosen
    greedily by expected value per unit of budget until the budget is spent (cached on `m`)."""
    cached = m._cache.get("model_plan")
    if cached is None:
        cached = m._cache["model_plan"] = _model_plan(m)
    return cached


def _model_plan(m) -> MappingPlan:
    cat, lay, truth = catalogue(), layout(m), m.truth
    present = list(truth.groups)
    engage = {g: [a for a in cat.expected_actors(g) if a in lay.actor_position] for g in present}
    engage = _affordable_engagement(m, lay, engage)
    first = _most_needed_gap(m, lay, cat)
    base = compile_plan(m, MappingPlan(actors=engage, actions=first))
    merged: dict[str, list[str]] = {}
    for action in first + _greedy_measures(m, lay, cat, base, taken={(a.measure, t) for a in first for t in a.targets}):
        merged.setdefault(action.measure, []).extend(action.targets)
    actions = [Action(measure=measure_id, targets=targets) for measure_id, targets in merged.items()]
    return MappingPlan(
        groups=[GroupFinding(group=g, evidence=_evidence(m, g)) for g in present],
        places=_ranked_hotspots(truth.situations),
        actors=engage,
        resources=[s for s in truth.needs if s not in truth.gaps],
        gaps=list(truth.gaps),
        actions=actions,
    )


def _evidence(m, group: str, most: int = 3) -> list[SignalId]:
    """The strongest signals that trace the group's situations."""
    strength = {i.id: STRENGTH_ORDER[i.strength] for i in load().indicators}
    rows = np.flatnonzero(np.isin(m.truth.signal_situation, np.flatnonzero((m.truth.situations["group"] == group).to_numpy())))
    found = m.signals.iloc[rows]
    order = found["indicator"].astype(str).map(strength).to_numpy()
    return [int(i) for i in found["signal_id"].to_numpy()[np.lexsort((found["signal_id"].to_numpy(), order))][:most]]


def _ranked_hotspots(situations) -> list[str]:
    """Places and workplaces with situations, those with most victims this year first."""
    weight = situations["victims"].to_numpy() * np.where(situations["status"] == "past", 1, 2)
    frame = situations.assign(weight=weight, site=situations["workplace_id"].fillna(situations["place_id"]))
    ranked = frame.dropna(subset=["site"]).groupby("site")["weight"].sum().sort_values(ascending=False, kind="stable")
    sites = list(ranked.index)
    extra = [p for p in situations["place_id"].dropna() if p not in set(sites)]  # sites at a listed workplace's place
    return sites + list(dict.fromkeys(extra))


def _affordable_engagement(m, lay, engage: dict[str, list[str]]) -> dict[str, list[str]]:
    """Drop the least useful actors (lowest contact) until engaging the rest takes at most half the
    budget, leaving the other half for measures."""
    budget = m.budget
    actors = list(dict.fromkeys(a for group in engage.values() for a in group))
    value = {a: lay.contact[lay.actor_position[a]].sum() for a in actors}
    while actors:
        rows = [lay.actor_position[a] for a in actors]
        if lay.engage_hours[rows].sum() <= budget.staff_hours / 2 and lay.engage_money[rows].sum() <= budget.money / 2:
            break
        actors.remove(min(actors, key=lambda a: (value[a], a)))
    kept = set(actors)
    return {g: [a for a in group if a in kept] for g, group in engage.items()}


def _most_needed_gap(m, lay, cat) -> list[Action]:
    """Close the gap that leaves the most of this year's victims without support (ch. 3 lines 834-839)."""
    if not m.truth.gaps:
        return []
    services = list(SERVICES)
    people = (lay.needs * lay.sit_victims[:, None]).sum(axis=0)
    gap = max(m.truth.gaps, key=lambda s: (people[services.index(s)], -services.index(s)))
    return [Action(measure="close_support_gap", targets=[gap])]


def _candidates(m, lay, cat) -> list[tuple[str, str | None]]:
    """(measure, target) pairs worth weighing: aimed at where the truth says exploitation is."""
    active = lay.active
    local = set(lay.actor_position)
    pairs: list[tuple[str, str | None]] = []
    pairs += [("train_frontline_staff", a) for a in lay.actors if not lay.trained[lay.actor_position[a]]
              and a not in cat.measures["campaign_unconventional_actors"].only]
    pairs += [("campaign_unconventional_actors", a) for a in cat.measures["campaign_unconventional_actors"].only if a in local]
    pairs += [("outreach", p) for p in dict.fromkeys(active["place_id"].dropna())]
    pairs += [("joint_inspections", w) for w in dict.fromkeys(active["workplace_id"].dropna())]
    pairs += [("targeted_information", g) for g in dict.fromkeys(active["group"])]
    sectors = list(dict.fromkeys(active["sector"].dropna()))
    pairs += [("business_awareness", s) for s in sectors] + [("procurement_social_clauses", s) for s in sectors]
    pairs += [("close_support_gap", s) for s in m.truth.gaps]
    pairs += [("public_awareness", None), ("cross_sector_group", None)]
    if m.profile.crime_prevention_plan:
        pairs.append(("fold_into_crime_prevention", None))
    return pairs


def _greedy_measures(m, lay, cat, base, taken: Set[tuple[str, str]] = frozenset()) -> list[Action]:
    """Lazy greedy: take the measure with the best gain per share of budget while it fits.

    A measure aimed at one place, workplace, group, sector or service changes the outlook of the
    situations there only; its gain is computed over those situations, so the search costs what
    the situations it touches cost, not the whole municipality each time.
    """
    budget = m.budget
    hours, money, effects = base.staff_hours, base.money, base.effects
    current = outlook(lay, effects).outcome()
    chosen: dict[str, list[str]] = {measure_id: [] for measure_id, _ in taken}  # their fixed cost is paid
    touched = _Touched(lay)

    def cost(measure_id: str) -> tuple[float, float]:
        measure = cat.measures[measure_id]
        first = measure_id not in chosen
        return (measure.per_target.staff_hours + first * measure.fixed.staff_hours,
                measure.per_target.money + first * measure.fixed.money)

    def share(spend: tuple[float, float]) -> float:
        return spend[0] / max(budget.staff_hours, 1e-9) + spend[1] / max(budget.money, 1e-9) + 1e-9

    def gain(measure_id: str, target: str | None) -> tuple[float, object, np.ndarray | None, np.ndarray]:
        trial = with_measure(effects, lay, measure_id, [] if target is None else [target])
        rows = touched.rows(measure_id, target)
        new = outlook(touched.layout(measure_id, target), trial).outcome()
        before = current if rows is None else current[rows]
        return float(new.sum() - before.sum()), trial, rows, new

    pairs = [pair for pair in _candidates(m, lay, cat) if pair not in taken]
    changes: dict[str, np.ndarray] = {}
    first_gains = _first_gains(lay, effects, pairs, changes)
    # A gain stays exact while nothing it depends on has changed: no measure that may touch any
    # situation, none at its situations, and (joint inspections, whose months follow their order)
    # no other joint inspection. Exact gains are taken without computing them again.
    accepted, last_global, last_joint = 0, 0, 0
    changed_at = np.zeros(len(current), dtype=np.int64)
    known: dict[int, tuple[int, np.ndarray]] = {}  # order -> (when computed, outcome of its situations)
    for order, (measure_id, target) in enumerate(pairs):
        if measure_id in changes and measure_id != "joint_inspections":
            rows = touched.rows(measure_id, target)
            known[order] = (0, current[rows] + changes[measure_id][rows])

    def exact(order: int, measure_id: str, rows: np.ndarray | None) -> np.ndarray | None:
        if order not in known or rows is None or last_global > known[order][0]:
            return None
        if measure_id == "joint_inspections" and last_joint > known[order][0]:
            return None
        if len(rows) and changed_at[rows].max() > known[order][0]:
            return None
        return known[order][1]

    heap = [(-first_gains[i] / share(cost(measure_id)), i, measure_id, target) for i, (measure_id, target) in enumerate(pairs)]
    heapq.heapify(heap)
    while heap:
        _, order, measure_id, target = heapq.heappop(heap)
        spend = cost(measure_id)
        if hours + spend[0] > budget.staff_hours or money + spend[1] > budget.money:
            continue
        rows = touched.rows(measure_id, target)
        new = exact(order, measure_id, rows)
        if new is None:
            delta, trial, rows, new = gain(measure_id, target)
            known[order] = (accepted, new)
        else:
            delta = float(new.sum() - current[rows].sum())
            trial = None
        if delta <= 1e-9:
            continue
        ratio = delta / share(spend)
        if heap and ratio < -heap[0][0] - 1e-12:
            heapq.heappush(heap, (-ratio, order, measure_id, target))
            continue
        effects = trial if trial is not None else with_measure(effects, lay, measure_id, [] if target is None else [target])
        accepted += 1
        if rows is None:
            current, last_global = new, accepted
        else:
            current = current.copy()
            current[rows] = new
            changed_at[rows] = accepted
        if measure_id == "joint_inspections":
            last_joint = accepted
        hours, money = hours + spend[0], money + spend[1]
        chosen.setdefault(measure_id, [])
        if target is not None:
            chosen[measure_id].append(target)
    return [Action(measure=measure_id, targets=targets) for measure_id, targets in chosen.items()]


class _Touched:
    """The situations a measure aimed at one target can change (None: it may change any)."""

    def __init__(self, lay) -> None:
        self.lay = lay
        self.index: dict[str, dict[int, np.ndarray]] = {}
        self.views: dict[tuple[str, str | None], object] = {}

    def layout(self, measure_id: str, target: str | None):
        """The layout of the situations the measure touches (kept: a target is weighed many times)."""
        key = ("close_support_gap" if measure_id == "close_support_gap" else LOCAL.get(measure_id, ("all",))[0], target)
        if key not in self.views:
            rows = self.rows(measure_id, target)
            self.views[key] = self.lay if rows is None else situation_rows(self.lay, rows)
        return self.views[key]

    def rows(self, measure_id: str, target: str | None) -> np.ndarray | None:
        lay = self.lay
        if measure_id == "close_support_gap" and target is not None:
            return np.flatnonzero(lay.needs[:, list(SERVICES).index(target)])
        if measure_id not in LOCAL or target is None:
            return None
        key_name, kind = LOCAL[measure_id]
        if key_name not in self.index:
            key = getattr(lay, key_name)
            order = np.argsort(key, kind="stable")
            values, starts = np.unique(key[order], return_index=True)
            self.index[key_name] = dict(zip(values.tolist(), np.split(order, starts[1:])))
        return self.index[key_name].get(lay.position[kind][target], np.zeros(0, dtype=np.int64))


# Measures whose effect on a situation depends only on the situation's own place, workplace,
# group or sector: their gains for all targets come from one evaluation.
LOCAL = {"outreach": ("sit_place", "places"), "joint_inspections": ("sit_workplace", "workplaces"),
         "targeted_information": ("sit_group", "groups"), "business_awareness": ("sit_sector", "sectors"),
         "procurement_social_clauses": ("sit_sector", "sectors")}


def _first_gains(lay, effects, pairs: list[tuple[str, str | None]], changes: dict | None = None) -> list[float]:
    """The gain of each (measure, target) added alone to `effects`; `changes`, when given, receives
    each local measure's change in outcome per situation (all its targets at once)."""
    before = outlook(lay, effects).outcome()
    by_measure: dict[str, list[str]] = {}
    for measure_id, target in pairs:
        if measure_id in LOCAL and target is not None:
            by_measure.setdefault(measure_id, []).append(target)
    local_gain: dict[tuple[str, str], float] = {}
    for measure_id, targets in by_measure.items():
        change = outlook(lay, with_measure(effects, lay, measure_id, targets)).outcome() - before
        if changes is not None:
            changes[measure_id] = change
        key_name, kind = LOCAL[measure_id]
        key = getattr(lay, key_name)
        totals = np.bincount(key[key >= 0], weights=change[key >= 0], minlength=len(lay.position[kind]))
        local_gain.update({(measure_id, t): float(totals[lay.position[kind][t]]) for t in targets})
    gains = []
    for measure_id, target in pairs:
        if measure_id in LOCAL and target is not None:
            gains.append(local_gain[(measure_id, target)])
        else:
            trial = with_measure(effects, lay, measure_id, [] if target is None else [target])
            gains.append(float((outlook(lay, trial).outcome() - before).sum()))
    return gains


def naive_plan(m) -> MappingPlan:
    """A plan made without mapping: every group with an estimated size, the landmarks, the usual
    actors for everyone, a general campaign, training for the usual actors and outreach at landmarks."""
    lay = layout(m)
    usual: list[str] = [a for a in ("social_services", "local_police", "health_care") if a in lay.actor_position]
    groups = m.risk_groups.loc[m.risk_groups["estimated_size"].fillna(0) > 0, "group_id"].tolist()
    landmarks = m.places.loc[m.places["landmark"] & m.places["district_id"].notna(), "place_id"].tolist()
    actions = [Action(measure="public_awareness"), Action(measure="train_frontline_staff", targets=usual),
               Action(measure="outreach", targets=landmarks[:2])]
    plan = MappingPlan(groups=[GroupFinding(group=g) for g in groups], places=landmarks, actors=dict.fromkeys(groups, usual),
                       resources=sorted(set(m.services["service"].astype(str))), actions=actions)
    return _within_budget(m, plan, np.random.default_rng(0), drop_last=True)


def random_plan(m, seed: int = 0) -> MappingPlan:
    """A random plan within the budget: random findings, places, actors, services and measures."""
    cat, lay = catalogue(), layout(m)
    rng = np.random.default_rng(seed)
    group_ids = [g for g in cat.risk_groups if rng.random() < 0.5]
    signal_ids = m.signals["signal_id"].to_numpy()
    findings = [GroupFinding(group=g, evidence=[int(s) for s in rng.choice(signal_ids, rng.integers(0, 4))]) for g in group_ids]
    sites = np.concatenate([lay.places.to_numpy(object), rng.choice(lay.workplaces.to_numpy(object), min(len(lay.workplaces), 30), replace=False)])
    places = [str(s) for s in rng.choice(sites, rng.integers(0, 16), replace=False)]
    actors = {g: [a for a in lay.actors if rng.random() < 0.3] for g in group_ids}
    services = [s for s in SERVICES if rng.random() < 0.6]
    split = rng.random(len(services)) < 0.5
    universe = {"actors": list(lay.actors), "places": list(lay.places), "workplaces": list(lay.workplaces[:200]),
                "groups": list(cat.risk_groups), "sectors": sorted(set(m.workplaces["sector"].astype(str))), "services": list(SERVICES)}
    actions = []
    for measure_id in rng.choice(list(cat.measures), rng.integers(0, 7), replace=False):
        measure = cat.measures[measure_id]
        pool = list(measure.only) if measure.only else universe.get(measure.target, [])
        pool = [p for p in pool if measure.target != "actors" or p in lay.actor_position]
        targets = [] if measure.target == "none" or not pool else [str(t) for t in rng.choice(pool, min(len(pool), int(rng.integers(1, 5))), replace=False)]
        actions.append(Action(measure=str(measure_id), targets=targets))
    plan = MappingPlan(groups=findings, places=places, actors=actors,
                       resources=[s for s, gap in zip(services, split) if not gap], gaps=[s for s, gap in zip(services, split) if gap],
                       actions=actions)
    return _within_budget(m, plan, rng)


def _within_budget(m, plan: MappingPlan, rng, drop_last: bool = False) -> MappingPlan:
    """Drop actions (then engaged actors) until the plan fits the budget."""
    import msgspec

    while True:
        compiled = compile_plan(m, plan)
        if compiled.staff_hours <= m.budget.staff_hours and compiled.money <= m.budget.money:
            return plan
        if plan.actions:
            drop = len(plan.actions) - 1 if drop_last else int(rng.integers(0, len(plan.actions)))
            plan = msgspec.structs.replace(plan, actions=[a for i, a in enumerate(plan.actions) if i != drop])
            continue
        engaged = [(g, a) for g, actors in plan.actors.items() for a in actors]
        if not engaged:
            return plan
        group, actor = engaged[int(rng.integers(0, len(engaged)))]
        plan = msgspec.structs.replace(plan, actors={g: [a for a in actors if not (g == group and a == actor)] for g, actors in plan.actors.items()})
