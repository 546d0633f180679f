"""score_plan(m, plan): the mapping and the action plan against the hidden situations, with feedback.

Parts and weights: risk groups 0.20 (F1 against the groups with hidden exploitation; a group
found counts 0.75 plus 0.25 times the share of its cited evidence that really traces it);
places 0.20 (F1: recall over situations whose place or workplace is watched, precision over
watched ids that hold a situation); actors 0.20 (per group with exploitation, the share of the
local actors its tables name that the plan engages for it); resources and gaps 0.10 (F1 each,
against the services victims need that exist / are missing, averaged over the halves that have
something to find); actions 0.30 (the plan's gain in
expected outcome over no plan, as a share of the expert plan's gain, times the share of the
budget it keeps to: a plan 1 % over budget loses 1 % of this part, one twice the budget all of it).
A part with nothing to find is well defined: full marks when the plan claims nothing there, none
when all it claims is wrong (no 0/0 is counted as 0). Ids the municipality does not know are
reported and left out, so a typo costs what leaving the item out costs.
Each finding or measure that targets people by nationality alone costs 0.15 (at most 0.45),
as the seed warns (ch. 4 lines 904-909). An empty plan scores 0; the expert plan about 1.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kit.content import load
from kit.content.feedback import Feedback, ui_text
from kit.content.i18n import format_money, format_number
from kit.content.models import Text
from kit.mapping.channels import outlook
from kit.mapping.effects import compile_plan, no_effects
from kit.mapping.expert import model_plan
from kit.mapping.feedback_wording import listing, note
from kit.mapping.layout import layout
from kit.mapping.plan import load_plan
from kit.mapping.risk_and_measures import catalogue

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
    expected_detection: float | None  # mean chance that a situation of the year is detected within it (None: no situations)
    expected_outcome: float | None    # mean value per situation (prevented, or detected with support; None: no situations)
    feedback: list[Feedback] = field(default_factory=list)

    def messages(self, lang: str = "sv") -> list[str]:
        """The feedback in `lang`, each with its seed reference."""
        return [item.message(lang) + (f" ({item.ref.label(lang)})" if item.ref is not None else "") for item in self.feedback]


def score_plan(m, plan) -> Score:
    """Score `plan` (a MappingPlan or anything load_plan reads) for municipality `m`."""
    plan = load_plan(plan)
    kb, cat, lay = load(), catalogue(), layout(m)
    compiled = compile_plan(m, plan)
    feedback: list[Feedback] = []
    parts = {
        "groups": _groups(m, compiled.findings, cat, kb, feedback),
        "places": _places(m, compiled.watched, kb, feedback),
        "actors": _actors(m, compiled.engaged, cat, kb, lay, feedback),
        "resources": _resources(m, compiled, feedback, kb),
    }
    kept = budget_share(compiled.staff_hours, compiled.money, m.budget)
    over = kept < 1.0
    seen = outlook(lay, compiled.effects)
    baseline = outlook(lay, no_effects(lay)).outcome().sum()
    expert = m._cache.get("expert_outcome")
    if expert is None:
        expert = m._cache["expert_outcome"] = outlook(lay, compile_plan(m, model_plan(m)).effects).outcome().sum()
    if expert - baseline > 1e-9:
        gain = float(np.clip((seen.outcome().sum() - baseline) / (expert - baseline), 0.0, 1.0))
    else:
        gain = 1.0  # nothing this year that any plan could prevent or detect: every plan does as well as the expert's
    parts["actions"] = gain * kept
    feedback += _action_feedback(m, plan, compiled, cat, kb, kept, seen, baseline, expert)
    feedback += compiled.issues
    penalty = min(MAX_PENALTY, DISCRIMINATION_PENALTY * len(compiled.discriminatory))
    total = max(0.0, sum(WEIGHTS[k] * v for k, v in parts.items()) - penalty)
    recall, precision = _recall_precision(m, set(compiled.findings), compiled.watched)
    return Score(
        total=round(total, 6), parts={k: round(v, 6) for k, v in parts.items()}, recall=recall, precision=precision,
        staff_hours=compiled.staff_hours, money=compiled.money, over_budget=over,
        discriminatory=tuple(compiled.discriminatory),
        expected_detection=float(seen.detection().mean()) if len(lay.active) else None,
        expected_outcome=float(seen.outcome().mean()) if len(lay.active) else None,
        feedback=feedback,
    )


def budget_share(staff_hours: float, money: float, budget) -> float:
    """1 within the budget; else 1 minus the larger overspend as a share of the budget (0 at twice the budget)."""
    over = max(_overspend(staff_hours, budget.staff_hours), _overspend(money, budget.money))
    return float(max(0.0, 1.0 - over))


def _overspend(cost: float, budget: float) -> float:
    if cost <= budget + 1e-9:
        return 0.0
    return (cost - budget) / budget if budget > 0 else float("inf")


def f1(found: set, truth: set, credit: float | None = None) -> float:
    """F1 of `found` against `truth`; with nothing to find, 1 when nothing is claimed and 0 when something is;
    `credit` replaces the count of hits when hits earn partial credit."""
    if not truth:
        return 0.0 if found else 1.0
    hits = len(found & truth) if credit is None else credit
    if not found or hits <= 0:
        return 0.0
    precision, recall = hits / len(found), hits / len(truth)
    return 2 * precision * recall / (precision + recall)


def _groups(m, evidence: dict[str, list[int]], cat, kb, feedback: list[Feedback]) -> float:
    truth = set(m.truth.groups)
    found = set(evidence)
    no_group = np.array([None], dtype=object)  # a signal of no situation (-1) reads the last entry: no group
    group_of_signal = np.append(m.truth.situations["group"].to_numpy(object), no_group)[m.truth.signal_situation]
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
                                 kb.get("mapping_guidance", "analyse_local_situation").ref, group=cat.risk_groups[group_id].label))
    for code, template, ids in (("missed", "mapping.feedback.group_missed", truth - found),
                                ("not_found", "mapping.feedback.group_not_found", found - truth)):
        for group_id in sorted(ids, key=order.index):
            group = cat.risk_groups[group_id]
            feedback.append(note("group", code, "groups", template, group.ref, group=group.label))
    return f1(found, truth, credit)


def _places(m, watched: list[str], kb, feedback: list[Feedback]) -> float:
    situations = m.truth.situations
    hotspots = m.truth.hotspots()
    chosen = set(watched)
    covered = (situations["place_id"].isin(chosen) | situations["workplace_id"].isin(chosen)).to_numpy()
    hits = len(chosen & hotspots)
    feedback.append(note("place", "summary", "places", "mapping.feedback.places_summary", kb.get("mapping_guidance", "map_places").ref,
                         covered=int(covered.sum()), situations=len(covered), hits=hits, watched=len(chosen)))
    if not len(covered):
        return 0.0 if chosen else 1.0  # nothing to find: right when nothing is watched
    recall = float(covered.mean())
    precision = hits / len(chosen) if chosen else 0.0
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
                                 group=group.label, actors=listing(kb.get("actors", a).name for a in missing)))
    return float(np.mean(shares)) if shares else 1.0  # no group to engage actors for: nothing was missed


def _resources(m, compiled, feedback: list[Feedback], kb) -> float:
    gaps = set(m.truth.gaps)
    resources = set(m.truth.needs) - gaps
    given_gaps, given_resources = set(compiled.gaps), set(compiled.resources)
    ref = kb.get("mapping_guidance", "resources_and_training_needs").ref
    for service in sorted(gaps - given_gaps):
        feedback.append(note("resource", "gap_missed", "resources", "mapping.feedback.gap_missed", ref, service=ui_text(f"mapping.service.{service}")))
    for service in sorted(given_gaps - gaps):
        feedback.append(note("resource", "gap_wrong", "resources", "mapping.feedback.gap_wrong", ref, service=ui_text(f"mapping.service.{service}")))
    return float(np.mean([f1(given_gaps, gaps), f1(given_resources, resources)]))


def _action_feedback(m, plan, compiled, cat, kb, kept: float, seen, baseline: float, expert: float) -> list[Feedback]:
    items = []
    budget = m.budget
    if kept < 1.0:
        items.append(note("budget", "over_budget", "actions", "mapping.feedback.over_budget",
                          kb.get("mapping_guidance", "scarce_resources_fallback").ref,
                          hours=_number(compiled.staff_hours), money=_money(compiled.money),
                          budget_hours=_number(budget.staff_hours), budget_money=_money(budget.money),
                          lost=round(100 * (1 - kept))))
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
                                  measure=measure.label, count=len(astray)))
    measures = {measure_id for measure_id, _, _ in compiled.actions}
    if "joint_inspections" in measures:
        engaged = {a for actors in compiled.engaged.values() for a in actors}
        if not {"labour_inspectorate", "local_police"} <= engaged:
            items.append(note("action", "joint_without_partners", "actions", "mapping.feedback.joint_without_partners",
                              kb.get("prevention_measures", "business_engagement").ref))
    situations = len(seen.prevent)
    if not situations:
        items.append(note("summary", "outcome_none", "actions", "mapping.feedback.outcome_none", priorities))
        return items
    items.append(note("summary", "outcome", "actions", "mapping.feedback.outcome", priorities,
                      plan=round(100 * seen.outcome().sum() / situations), none=round(100 * baseline / situations),
                      expert=round(100 * expert / situations)))
    return items


def _number(value: float) -> Text:
    """A count of hours as each language writes it ("1 200" and "1,200")."""
    return Text(sv=format_number(value, "sv"), en=format_number(value, "en"))


def _money(value: float) -> Text:
    """An amount of euros as each language writes it ("60 000 euro" and "EUR 60,000")."""
    return Text(sv=format_money(value, "sv"), en=format_money(value, "en"))


def _where(where: str, plan, cat) -> Text:
    """"actions[2]" or "groups[0]" as words, in both languages."""
    part, _, index = where.partition("[")
    number = int(index.rstrip("]"))
    if part == "groups":
        return ui_text("mapping.where.finding", number=number + 1)
    measure = cat.measures.get(plan.actions[number].measure)
    label = measure.label if measure is not None else Text(sv=plan.actions[number].measure, en=plan.actions[number].measure)
    return ui_text("mapping.where.action", number=number + 1, measure=label)


def _recall_precision(m, found: set[str], watched: list[str]) -> tuple[float, float]:
    """Situations reached (group found and site watched) and pointers that are right; with nothing to
    find, recall is 1 and precision 1 for a plan that points at nothing (0 for one that points)."""
    situations = m.truth.situations
    chosen = set(watched)
    reached = situations["group"].isin(found) & (situations["place_id"].isin(chosen) | situations["workplace_id"].isin(chosen))
    recall = float(reached.mean()) if len(situations) else 1.0
    pointers = len(found) + len(chosen)
    targets = set(m.truth.groups) | m.truth.hotspots()
    right = len(found & set(m.truth.groups)) + len(chosen & m.truth.hotspots())
    if not pointers:
        return recall, 0.0 if targets else 1.0
    return recall, right / pointers
