"""score_plan(m, plan): the mapping and the action plan against the hidden situations, with feedback.

Parts and weights: risk groups 0.20 (F1 against the groups with hidden exploitation; a group
found counts 0.75 plus 0.25 times the share of its cited evidence that really traces it);
places 0.20 (F1: recall over situations whose place or workplace is watched, precision over
watched ids that hold a situation); actors 0.20 (per group with exploitation, the share of the
local actors its tables name that the plan engages for it); resources and gaps 0.10 (F1 each,
against the services victims need that exist / are missing, averaged over the halves that have
something to find); actions 0.30 (the plan's gain in
expected outcome over no plan, as a share of the expert plan's gain; 0 when over budget).
Each finding or measure that targets people by nationality alone costs 0.15 (at most 0.45),
as the seed warns (ch. 4 lines 904-909). An empty plan scores 0; the expert plan about 1.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kit.content.i18n import format_money, format_number
from kit.mapping.feedback import Feedback, both, listing, note

WEIGHTS = {"groups": 0.20, "places": 0.20, "actors": 0.20, "resources": 0.10, "actions": 0.30}
EVIDENCE_SHARE = 0.25
DISCRIMINATION_PENALTY = 0.15
MAX_PENALTY = 0.45


@dataclass(frozen=True)
class Score:
    """The score of a plan: `total` in [0, 1], the parts, what the plan costs and the feedback."""

    total: float
    parts: dict[str, float]
    recall: float                 # hidden situations reached: group found and place or workplace watched
    precision: float              # findings and watched sites that point at hidden exploitation
    staff_hours: float
    money: float
    over_budget: bool
    discriminatory: tuple[str, ...]
    expected_detection: float     # mean chance that a situation of the year is detected within it
    expected_outcome: float       # mean value per situation (prevented, or detected with support)
    feedback: list[Feedback] = field(default_factory=list)

    def messages(self, lang: str = "sv") -> list[str]:
        """The feedback in `lang`, each with its seed reference."""
        return [item.message(lang) + (f" ({item.ref.label(lang)})" if item.ref is not None else "") for item in self.feedback]


def score_plan(m, plan) -> Score:
    """Score `plan` (a MappingPlan or anything load_plan reads) for municipality `m`."""
    from kit.content import load
    from kit.mapping.risk_and_measures import catalogue
    from kit.mapping.channels import outlook
    from kit.mapping.effects import compile_plan, no_effects
    from kit.mapping.expert import model_plan
    from kit.mapping.layout import layout
    from kit.mapping.plan import load_plan

    plan = load_plan(plan)
    kb, cat, lay = load(), catalogue(), layout(m)
    compiled = compile_plan(m, plan)
    feedback: list[Feedback] = []
    parts = {
        "groups": _groups(m, plan, cat, kb, feedback),
        "places": _places(m, compiled.watched, kb, feedback),
        "actors": _actors(m, compiled.engaged, cat, kb, lay, feedback),
        "resources": _resources(m, plan, feedback, kb),
    }
    over = compiled.staff_hours > m.budget.staff_hours + 1e-9 or compiled.money > m.budget.money + 1e-9
    seen = outlook(lay, compiled.effects)
    baseline = outlook(lay, no_effects(lay)).outcome().sum()
    expert = m._cache.get("expert_outcome")
    if expert is None:
        expert = m._cache["expert_outcome"] = outlook(lay, compile_plan(m, model_plan(m)).effects).outcome().sum()
    gain = (seen.outcome().sum() - baseline) / max(expert - baseline, 1e-9)
    parts["actions"] = 0.0 if over else float(np.clip(gain, 0.0, 1.0))
    feedback += _action_feedback(m, plan, compiled, cat, kb, over, seen, baseline, expert)
    feedback += compiled.issues
    penalty = min(MAX_PENALTY, DISCRIMINATION_PENALTY * len(compiled.discriminatory))
    total = max(0.0, sum(WEIGHTS[k] * v for k, v in parts.items()) - penalty)
    recall, precision = _recall_precision(m, plan, compiled.watched)
    return Score(
        total=round(total, 6), parts={k: round(v, 6) for k, v in parts.items()}, recall=recall, precision=precision,
        staff_hours=compiled.staff_hours, money=compiled.money, over_budget=over,
        discriminatory=tuple(compiled.discriminatory),
        expected_detection=float(seen.detection().mean()) if len(lay.active) else 0.0,
        expected_outcome=float(seen.outcome().mean()) if len(lay.active) else 0.0,
        feedback=feedback,
    )


def f1(found: set, truth: set, credit: float | None = None) -> float:
    """F1 of `found` against `truth` (0 when either is empty: nothing found, or nothing to find);
    `credit` replaces the count of hits when hits earn partial credit."""
    hits = len(found & truth) if credit is None else credit
    if not found or not truth or hits <= 0:
        return 0.0
    precision, recall = hits / len(found), hits / len(truth)
    return 2 * precision * recall / (precision + recall)


def _groups(m, plan, cat, kb, feedback: list[Feedback]) -> float:
    truth = set(m.truth.groups)
    evidence: dict[str, list[int]] = {}
    for finding in plan.groups:
        if finding.group in cat.risk_groups:
            evidence.setdefault(finding.group, list(finding.evidence))  # the first finding of a group counts
    found = set(evidence)
    group_of_signal = np.append(m.truth.situations["group"].to_numpy(object), None)[m.truth.signal_situation]
    signal_ids = pd.Index(m.signals["signal_id"])
    order = list(cat.risk_groups)
    credit = 0.0
    for group_id in sorted(found & truth, key=order.index):
        rows = signal_ids.get_indexer(evidence[group_id]) if evidence[group_id] else np.zeros(0, int)
        rows = rows[rows >= 0]
        quality = float(np.mean(group_of_signal[rows] == group_id)) if len(rows) else 0.0
        credit += 1 - EVIDENCE_SHARE + EVIDENCE_SHARE * quality
        if not len(rows):
            feedback.append(note("group", "no_evidence", "groups", "mapping.feedback.group_no_evidence",
                                 kb.get("mapping_guidance", "analyse_local_situation").ref, group=both(cat.risk_groups[group_id].label)))
    for code, template, ids in (("missed", "mapping.feedback.group_missed", truth - found),
                                ("not_found", "mapping.feedback.group_not_found", found - truth)):
        for group_id in sorted(ids, key=order.index):
            group = cat.risk_groups[group_id]
            feedback.append(note("group", code, "groups", template, group.ref, group=both(group.label)))
    return f1(found, truth, credit)


def _places(m, watched: list[str], kb, feedback: list[Feedback]) -> float:
    situations = m.truth.situations
    hotspots = m.truth.hotspots()
    chosen = set(watched)
    covered = (situations["place_id"].isin(chosen) | situations["workplace_id"].isin(chosen)).to_numpy()
    recall = float(covered.mean()) if len(covered) else 0.0
    hits = len(chosen & hotspots)
    precision = hits / len(chosen) if chosen else 0.0
    feedback.append(note("place", "summary", "places", "mapping.feedback.places_summary", kb.get("mapping_guidance", "map_places").ref,
                         covered=int(covered.sum()), situations=len(covered), hits=hits, watched=len(chosen)))
    return 0.0 if recall + precision == 0 else 2 * recall * precision / (recall + precision)


def _actors(m, engaged: dict[str, tuple[str, ...]], cat, kb, lay, feedback: list[Feedback]) -> float:
    shares = []
    for group_id in m.truth.groups:
        expected = [a for a in cat.expected_actors(group_id) if a in lay.actor_position]
        if not expected:
            continue
        chosen = set(engaged.get(group_id, ()))
        missing = [a for a in expected if a not in chosen]
        shares.append(1 - len(missing) / len(expected))
        if missing:
            group = cat.risk_groups[group_id]
            table = kb.get("mapping_tables", group.tables[0])
            feedback.append(note("actor", "missing", "actors", "mapping.feedback.actors_missing", table.ref,
                                 group=both(group.label), actors=listing(both(kb.get("actors", a).name) for a in missing)))
    return float(np.mean(shares)) if shares else 0.0


def _resources(m, plan, feedback: list[Feedback], kb) -> float:
    from kit.mapping.feedback import ui_pair

    gaps = set(m.truth.gaps)
    resources = set(m.truth.needs) - gaps
    given_gaps, given_resources = set(plan.gaps), set(plan.resources)
    ref = kb.get("mapping_guidance", "resources_and_training_needs").ref
    for service in sorted(gaps - given_gaps):
        feedback.append(note("resource", "gap_missed", "resources", "mapping.feedback.gap_missed", ref, service=ui_pair(f"mapping.service.{service}")))
    for service in sorted(given_gaps - gaps):
        feedback.append(note("resource", "gap_wrong", "resources", "mapping.feedback.gap_wrong", ref, service=ui_pair(f"mapping.service.{service}")))
    halves = [f1(given, truth) for given, truth in ((given_gaps, gaps), (given_resources, resources)) if truth]
    return float(np.mean(halves)) if halves else 0.0


def _action_feedback(m, plan, compiled, cat, kb, over: bool, seen, baseline: float, expert: float) -> list[Feedback]:
    items = []
    budget = m.budget
    if over:
        items.append(note("budget", "over_budget", "actions", "mapping.feedback.over_budget",
                          kb.get("mapping_guidance", "scarce_resources_fallback").ref,
                          hours=_number(compiled.staff_hours), money=_money(compiled.money),
                          budget_hours=_number(budget.staff_hours), budget_money=_money(budget.money)))
    for where in compiled.discriminatory:
        items.append(note("warning", "nationality_alone", where.split("[")[0], "mapping.feedback.nationality_alone",
                          kb.get("identification_facts", "no_generalisation_or_discrimination").ref, where=_where(where, plan, cat)))
    priorities = kb.get("prevention_measures", "comprehensive_approach").ref
    situations = m.truth.situations
    present = {"groups": set(m.truth.groups), "sectors": set(situations["sector"].dropna()), "places": m.truth.hotspots(),
               "workplaces": m.truth.hotspots()}
    for measure_id, kind, targets in compiled.actions:
        if kind in present:
            astray = [t for t in targets if t not in present[kind]]
            if astray and len(astray) == len(targets):
                measure = cat.measures[measure_id]
                items.append(note("action", "unaligned", "actions", "mapping.feedback.measure_unaligned", priorities,
                                  measure=both(measure.label), count=len(astray)))
    measures = {measure_id for measure_id, _, _ in compiled.actions}
    if "joint_inspections" in measures:
        engaged = {a for actors in compiled.engaged.values() for a in actors}
        if not {"labour_inspectorate", "local_police"} <= engaged:
            items.append(note("action", "joint_without_partners", "actions", "mapping.feedback.joint_without_partners",
                              kb.get("prevention_measures", "business_engagement").ref))
    mean = max(1, len(seen.prevent))
    items.append(note("summary", "outcome", "actions", "mapping.feedback.outcome", priorities,
                      plan=round(100 * seen.outcome().sum() / mean), none=round(100 * baseline / mean), expert=round(100 * expert / mean)))
    return items


def _number(value: float) -> tuple[str, str]:
    """A count of hours as each language writes it ("1 200" and "1,200")."""
    return format_number(value, "sv"), format_number(value, "en")


def _money(value: float) -> tuple[str, str]:
    """An amount of euros as each language writes it ("60 000 euro" and "EUR 60,000")."""
    return format_money(value, "sv"), format_money(value, "en")


def _where(where: str, plan, cat) -> tuple[str, str]:
    """"actions[2]" or "groups[0]" as words, in both languages."""
    from kit.mapping.feedback import ui_pair

    part, _, index = where.partition("[")
    number = int(index.rstrip("]"))
    if part == "groups":
        return ui_pair("mapping.where.finding", number=number + 1)
    measure = cat.measures.get(plan.actions[number].measure)
    label = both(measure.label) if measure is not None else (plan.actions[number].measure,) * 2
    sv, en = ui_pair("mapping.where.action", number=number + 1, measure="{measure}")
    return sv.format(measure=label[0]), en.format(measure=label[1])


def _recall_precision(m, plan, watched: list[str]) -> tuple[float, float]:
    situations = m.truth.situations
    found = {f.group for f in plan.groups if f.group is not None}
    chosen = set(watched)
    reached = situations["group"].isin(found) & (situations["place_id"].isin(chosen) | situations["workplace_id"].isin(chosen))
    recall = float(reached.mean()) if len(situations) else 0.0
    pointers = len(found) + len(chosen)
    right = len(found & set(m.truth.groups)) + len(chosen & m.truth.hotspots())
    return recall, (right / pointers if pointers else 0.0)
