"""How a plan's effects turn into monthly detection and into prevention for each situation of the year.

Each active situation may be revealed in a month through several independent channels; the
month's detection probability is one minus the product of the channels' misses. The channels
and every number are in kit/mapping/assumptions.py; kit/mapping/simulation.py tells the story.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from kit.mapping import assumptions as A
from kit.mapping.effects import Effects, compile_plan
from kit.mapping.layout import Layout, layout, situation_rows
from kit.mapping.plan import load_plan

MONTHS = 12


@dataclass(frozen=True, eq=False)
class Outlook:
    """Per active situation: monthly detection chance, chance of being prevented, support at hand."""

    hazard: np.ndarray       # [situation, month] chance of detection in that month if still undetected
    active: np.ndarray       # [situation, month] the situation exists (not yet started: False)
    prevent: np.ndarray      # [situation] chance an upcoming situation never starts
    supported: np.ndarray    # [situation] share of the services its victims need that exist or are added

    def detection(self) -> np.ndarray:
        """[situation] chance of being detected within the months, if it happens."""
        return 1.0 - np.exp(np.where(self.active, np.log1p(-np.minimum(self.hazard, 1 - 1e-12)), 0.0).sum(axis=1))

    def outcome(self) -> np.ndarray:
        """[situation] prevented, or detected (worth more with the support it needs): the plan's value per situation."""
        worth = 1 - A.SUPPORT_WEIGHT + A.SUPPORT_WEIGHT * self.supported
        return self.prevent + (1 - self.prevent) * self.detection() * worth


def expected_detection(m, plan, months: int = MONTHS) -> float:
    """The mean chance, over the year's situations, of being detected within `months` if they happen."""
    lay = layout(m)
    if not len(lay.active):
        return 0.0
    return float(outlook(lay, compile_plan(m, load_plan(plan)).effects, months).detection().mean())


def outlook(lay: Layout, effects: Effects, months: int = MONTHS, rows: np.ndarray | None = None) -> Outlook:
    """The Outlook of `effects` over `months` months (for the situations `rows` only, when given)."""
    if rows is not None:
        lay = situation_rows(lay, rows)
    t = np.arange(1, months + 1)
    key = ("actors", months)
    if key not in effects.shared:  # depends on engagement and training only: shared by plans that differ elsewhere
        recognise, report = _recognition(lay, effects, t), _reporting(effects)
        reach = lay.contact * report                                    # [A, G]
        actor_misses = np.log1p(-reach[:, :, None] * recognise[:, None, :]).sum(axis=0)  # [G, T]
        effects.shared[key] = (recognise, report, actor_misses, _outreach_recognition(lay, effects, t), _joint_strength(lay, effects, t))
    recognise, report, actor_misses, outreach_eyes, joint_eyes = effects.shared[key]
    misses = actor_misses[lay.sit_group] + np.log(_situation_misses(lay, effects, t, recognise, report, outreach_eyes, joint_eyes))
    active = (t[None, :] >= lay.sit_start[:, None]) & (t[None, :] <= lay.sit_end[:, None])
    at_hand = (lay.needs & (lay.available | effects.closed)[None, :]).sum(axis=1)
    supported = at_hand / np.maximum(1, lay.needs.sum(axis=1))
    return Outlook(hazard=-np.expm1(misses), active=active, prevent=_prevention(lay, effects), supported=supported)


def at(values: np.ndarray, positions: np.ndarray, missing) -> np.ndarray:
    """values[positions], `missing` where a position is -1 (costs the positions, not the values)."""
    return np.where(positions >= 0, values[np.maximum(positions, 0)], missing)


def _recognition(lay: Layout, effects: Effects, t: np.ndarray) -> np.ndarray:
    """[actor, month] chance that an actor who meets a situation recognises it."""
    trained = t[None, :] >= effects.trained_from[:, None]
    partly = (lay.folded & effects.folded)[:, None] & (t[None, :] >= A.STARTS["fold_into_crime_prevention"])
    return np.where(trained, A.RECOGNISE_TRAINED, np.where(partly, A.RECOGNISE_FOLDED, A.RECOGNISE_UNTRAINED))


def _reporting(effects: Effects) -> np.ndarray:
    """[actor, group] chance that a recognised suspicion is passed on to where it helps."""
    elsewhere = A.REPORT_ENGAGED_ELSEWHERE_GROUP if effects.standing_group else A.REPORT_ENGAGED_ELSEWHERE
    engaged_any = effects.engaged.any(axis=1, keepdims=True)
    return np.where(effects.engaged, A.REPORT_ENGAGED, np.where(engaged_any, elsewhere, A.REPORT_NOT_ENGAGED))


def _situation_misses(lay: Layout, effects: Effects, t: np.ndarray, recognise: np.ndarray, report: np.ndarray,
                      outreach_eyes: np.ndarray, joint_eyes: np.ndarray) -> np.ndarray:
    """[situation, month] chance that every situation-specific channel misses."""
    after = _after(lay, t)
    g, place, work, sector = lay.sit_group, lay.sit_place, lay.sit_workplace, lay.sit_sector
    in_sector = sector >= 0
    # Victims or people around them come forward; information and awareness make it likelier.
    self_report = (A.SELF_REPORT
                   + A.TARGETED_INFO_SELF_REPORT * (effects.info[g][:, None] & after["targeted_information"])
                   + A.BUSINESS_TIPS * ((in_sector & effects.business[np.maximum(sector, 0)])[:, None] & after["business_awareness"])
                   + A.PUBLIC_TIPS * (effects.public & after["public_awareness"]))
    if effects.singled_out:
        self_report = self_report * np.where(np.isin(lay.sit_nationality, list(effects.singled_out)), A.NATIONALITY_TRUST_LOSS, 1.0)[:, None]
    miss = 1.0 - self_report
    if len(lay.inspectors):
        # Routine inspections: the workplace's usual rate, seen with the inspectorates' eyes.
        eyes = recognise[lay.inspectors].max(axis=0)[None, :] * report[lay.inspectors][:, g].max(axis=0)[:, None]
        miss = miss * (1.0 - lay.sit_inspection_rate[:, None] * eyes)
    if effects.outreach.any():
        visited = at(effects.outreach, place, False)[:, None] & after["outreach"]
        miss = miss * np.where(visited, 1.0 - A.OUTREACH_CONTACT * outreach_eyes[None, :], 1.0)
    if effects.procurement.any():
        audited = in_sector & lay.sit_contract & effects.procurement[np.maximum(sector, 0)]
        miss = miss * np.where(audited[:, None] & after["procurement_social_clauses"], 1.0 - A.PROCUREMENT_AUDIT, 1.0)
    if effects.inspection_month.any():
        visit = at(effects.inspection_month, work, 0)[:, None]
        miss = miss * np.where((visit == t[None, :]) & (visit > 0), 1.0 - joint_eyes[None, :], 1.0)
    return np.maximum(miss, 1e-12)


def _after(lay: Layout, t: np.ndarray) -> dict[str, np.ndarray]:
    """{measure: [1, month] the measure works in that month} (memoised per number of months)."""
    key = ("after", len(t))
    if key not in lay.memo:
        lay.memo[key] = {name: (t >= start)[None, :] for name, start in A.STARTS.items()}
    return lay.memo[key]


def _outreach_recognition(lay: Layout, effects: Effects, t: np.ndarray) -> np.ndarray:
    """[month] how well outreach workers (or social services doing outreach) recognise."""
    for actor_id in ("outreach_workers", "social_services"):
        a = lay.actor_position.get(actor_id, -1)
        if a >= 0:
            return np.where(t >= effects.trained_from[a], A.RECOGNISE_TRAINED, A.OUTREACH_RECOGNISE_UNTRAINED)
    return np.full(len(t), A.OUTREACH_RECOGNISE_UNTRAINED)


def _joint_strength(lay: Layout, effects: Effects, t: np.ndarray) -> np.ndarray:
    """[month] chance that one joint inspection reveals the exploitation at the workplace."""
    inspectorate, police = (lay.actor_position.get(a, -1) for a in ("labour_inspectorate", "local_police"))
    partners = inspectorate >= 0 and police >= 0 and effects.engaged[inspectorate].any() and effects.engaged[police].any()
    if not partners:
        return np.full(len(t), A.JOINT_INSPECTION)
    return np.where(t >= effects.trained_from[inspectorate], A.JOINT_INSPECTION_TRAINED, A.JOINT_INSPECTION_PARTNERS)


def _prevention(lay: Layout, effects: Effects) -> np.ndarray:
    """[situation] chance that an upcoming situation is prevented by measures working before it starts."""
    start, g, sector, place, work = lay.sit_start, lay.sit_group, lay.sit_sector, lay.sit_place, lay.sit_workplace
    before = lay.memo.get("before")
    if before is None:
        before = lay.memo["before"] = {name: lay.sit_upcoming & (start > first) for name, first in A.STARTS.items()}
    def in_sector(flags: np.ndarray) -> np.ndarray:
        return (sector >= 0) & flags[np.maximum(sector, 0)]

    visit = at(effects.inspection_month, work, 0)
    terms = [
        (before["targeted_information"] & effects.info[g], A.PREVENT["targeted_information"]),
        (before["business_awareness"] & in_sector(effects.business), A.PREVENT["business_awareness"]),
        (before["procurement_social_clauses"] & in_sector(effects.procurement) & lay.sit_contract, A.PREVENT["procurement_contracted"]),
        (before["procurement_social_clauses"] & in_sector(effects.procurement) & ~lay.sit_contract, A.PREVENT["procurement_sector"]),
        (before["outreach"] & at(effects.outreach, place, False), A.PREVENT["outreach"]),
        (before["public_awareness"] & effects.public, A.PREVENT["public_awareness"]),
        (lay.sit_upcoming & (visit > 0) & (visit < start), A.PREVENT["joint_inspection"]),
    ]
    missed = np.ones(len(start))
    for applies, chance in terms:
        missed *= np.where(applies, 1 - chance, 1.0)
    return 1 - missed
