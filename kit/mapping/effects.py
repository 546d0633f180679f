"""What a plan sets in motion: its measures resolved against a municipality, as arrays, with its cost."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from kit.content import load
from kit.content.feedback import Feedback, ui_text
from kit.content.models import Text
from kit.mapping import assumptions as A
from kit.mapping.feedback_wording import note
from kit.mapping.layout import NEVER, Layout, layout
from kit.mapping.plan import signal_number
from kit.mapping.risk_and_measures import catalogue
from kit.mapping.vocabulary import SECTORS, SERVICES


@dataclass(frozen=True, eq=False)
class Effects:
    """A plan as the simulation sees it (positions follow the municipality's Layout)."""

    engaged: np.ndarray          # [actor, group] engaged for that group
    trained_from: np.ndarray     # [actor] month from which the actor recognises as trained (0: already)
    folded: bool                 # trafficking questions added to the existing crime-prevention plan
    standing_group: bool         # a standing cross-sector group (Bergen, Tampere)
    outreach: np.ndarray         # [place]
    inspection_month: np.ndarray  # [workplace] month of a joint inspection, 0 = none
    info: np.ndarray             # [group] targeted information
    business: np.ndarray         # [sector] awareness for businesses
    procurement: np.ndarray      # [sector] social clauses
    public: bool                 # a general campaign
    closed: np.ndarray           # [service] support gap closed
    singled_out: frozenset[str] = frozenset()  # nationalities targeted by nationality alone
    inspections: int = 0         # workplaces with a joint inspection (the next one is planned after them)
    # What depends only on who is engaged and trained (kit.mapping.channels), shared by copies that
    # change neither: a measure aimed at places, workplaces, groups, sectors or services keeps it.
    shared: dict = field(default_factory=dict, repr=False, compare=False)

    def copy(self, **changes) -> Effects:
        """A copy with fresh arrays, `changes` applied (a change of engagement or training starts a new `shared`)."""
        arrays = {name: getattr(self, name).copy() for name in ("engaged", "trained_from", "outreach", "inspection_month",
                                                                "info", "business", "procurement", "closed")}
        keeps = not {"engaged", "trained_from", "folded", "standing_group"} & set(changes)
        return replace(self, **{"shared": self.shared if keeps else {}, **arrays, **changes})


def no_effects(lay: Layout) -> Effects:
    """What happens without a plan: only the actors already trained recognise well."""
    return Effects(
        engaged=np.zeros((len(lay.actors), len(lay.groups)), bool),
        trained_from=np.where(lay.trained, 0, NEVER), folded=False, standing_group=False,
        outreach=np.zeros(len(lay.places), bool), inspection_month=np.zeros(len(lay.workplaces), np.int64),
        info=np.zeros(len(lay.groups), bool), business=np.zeros(len(SECTORS), bool),
        procurement=np.zeros(len(SECTORS), bool), public=False, closed=np.zeros(len(SERVICES), bool),
    )


@dataclass(frozen=True, eq=False)
class Compiled:
    """A plan resolved against a municipality: effects, cost, problems met, what each action hit."""

    effects: Effects
    staff_hours: float
    money: float
    issues: list[Feedback] = field(default_factory=list)
    discriminatory: list[str] = field(default_factory=list)
    actions: list[tuple[str, str, tuple[str, ...]]] = field(default_factory=list)  # (measure, target kind, targets)
    watched: list[str] = field(default_factory=list)
    engaged: dict[str, tuple[str, ...]] = field(default_factory=dict)
    findings: dict[str, list[int]] = field(default_factory=dict)  # known group -> its known evidence (first finding counts)
    resources: frozenset[str] = frozenset()                         # known services only
    gaps: frozenset[str] = frozenset()


def compile_plan(m, plan) -> Compiled:
    """Resolve `plan` against municipality `m`; unknown ids are left out and reported, never fatal."""
    lay, cat = layout(m), catalogue()
    issues: list[Feedback] = []
    watched = []
    for item in dict.fromkeys(plan.places):
        if item in lay.position["places"] or item in lay.position["workplaces"]:
            watched.append(item)
        else:
            _unknown(issues, "places", item)
    engaged, engaged_ids = np.zeros((len(lay.actors), len(lay.groups)), bool), {}
    for group_id, actor_ids in plan.actors.items():
        g = lay.position["groups"].get(group_id)
        if g is None:
            _unknown(issues, "actors", group_id)
            continue
        valid = []
        for actor_id in dict.fromkeys(actor_ids):
            if actor_id in lay.actor_position:
                valid.append(actor_id)
            else:
                _unknown(issues, "actors", actor_id)
        engaged[[lay.actor_position[a] for a in valid], g] = True
        engaged_ids[group_id] = tuple(valid)
    findings = _findings(m, plan, cat, issues)
    known_services = {}
    for part in ("resources", "gaps"):
        known_services[part] = frozenset(s for s in getattr(plan, part) if s in SERVICES)
        for service in dict.fromkeys(getattr(plan, part)):
            if service not in SERVICES:
                _unknown(issues, part, service)
    engaged_any = engaged.any(axis=1)
    hours = float(lay.engage_hours[engaged_any].sum())
    money = float(lay.engage_money[engaged_any].sum())
    effects = no_effects(lay).copy(engaged=engaged)
    discriminatory = [f"groups[{i}]" for i, f in enumerate(plan.groups) if f.group is None and f.nationalities]
    resolved: list[tuple[str, str, tuple[str, ...]]] = []
    for position, action in enumerate(plan.actions):
        measure = cat.measures.get(action.measure)
        if measure is None:
            _unknown(issues, "actions", action.measure)
            continue
        _check_nationalities(issues, "actions", action.nationalities)
        targets = _targets(lay, measure, action, watched, issues)
        if action.nationalities and (measure.target == "none" or not targets):
            # Carried out, so paid for; it reaches nobody at risk and costs trust (assumptions.py).
            discriminatory.append(f"actions[{position}]")
            effects = replace(effects, singled_out=effects.singled_out | frozenset(action.nationalities))
            hours, money = hours + measure.fixed.staff_hours, money + measure.fixed.money
            continue
        if measure.target != "none" and not targets:
            issues.append(note("input", "no_targets", "actions", "mapping.feedback.no_targets", measure.ref, measure=measure.label))
            continue
        if measure.id == "fold_into_crime_prevention" and not m.profile.crime_prevention_plan:
            issues.append(note("action", "fold_unavailable", "actions", "mapping.feedback.fold_unavailable", measure.ref))
            continue
        effects = with_measure(effects, lay, measure.id, targets)
        hours += measure.fixed.staff_hours + measure.per_target.staff_hours * len(targets)
        money += measure.fixed.money + measure.per_target.money * len(targets)
        resolved.append((measure.id, measure.target, tuple(targets)))
    return Compiled(effects, hours, money, issues, discriminatory, resolved, watched, engaged_ids, findings,
                    known_services["resources"], known_services["gaps"])


def _findings(m, plan, cat, issues: list[Feedback]) -> dict[str, list[int]]:
    """{group: evidence} of the plan's findings with known groups and known signal ids (the first finding of a group counts)."""
    signals = len(m.signals)
    findings: dict[str, list[int]] = {}
    for finding in plan.groups:
        _check_nationalities(issues, "groups", finding.nationalities)
        if finding.group is not None and finding.group not in cat.risk_groups:
            _unknown(issues, "groups", finding.group)
        evidence = []
        for item in finding.evidence:
            number = signal_number(item)
            if number is None or not 1 <= number <= signals:  # signal ids run from 1 to the number of signals
                _unknown(issues, "groups", item)
            else:
                evidence.append(number)
        if finding.group in cat.risk_groups:
            findings.setdefault(finding.group, evidence)
    return findings


def _check_nationalities(issues: list[Feedback], part: str, codes: list[str]) -> None:
    for code in codes:
        if not (len(code) == 2 and code.isascii() and code.isalpha() and code.isupper()):
            _unknown(issues, part, code)


def _unknown(issues: list[Feedback], part: str, item) -> None:
    """Report an id the municipality does not know; an actor of the knowledge base that is not present here is called that."""
    kb = load()
    section = _section(part)
    if isinstance(item, str) and item in kb.ids("actors"):
        issues.append(note("input", "actor_not_local", part, "mapping.feedback.actor_not_local", None, section=section,
                           actor=kb.get("actors", item).name))
        return
    issues.append(note("input", "unknown_id", part, "mapping.feedback.unknown_id", None, section=section, item=str(item)))


def _section(part: str) -> Text:
    """A plan part ("gaps", "actions.outreach") in words, in both languages."""
    kind, _, measure_id = part.partition(".")
    if measure_id:
        return ui_text("mapping.section.measure", measure=catalogue().measures[measure_id].label)
    return ui_text(f"mapping.section.{kind}")


def _targets(lay: Layout, measure, action, watched: list[str], issues: list[Feedback]) -> list[str]:
    """The action's valid targets, in order and without repeats."""
    kind = measure.target
    universe = lay.position.get(kind, {})
    wanted = list(action.targets)
    if action.count is not None and kind in ("places", "workplaces"):
        wanted += [item for item in watched if item in universe][: action.count]
    valid = []
    for item in dict.fromkeys(wanted):
        if item not in universe:
            _unknown(issues, f"actions.{measure.id}", item)
        elif measure.only and item not in measure.only:
            issues.append(note("input", "not_a_target", f"actions.{measure.id}", "mapping.feedback.not_a_target", measure.ref,
                               measure=measure.label, actor=load().get("actors", item).name))
        else:
            valid.append(item)
    return valid


def with_measure(effects: Effects, lay: Layout, measure: str, targets: list[str]) -> Effects:
    """`effects` with one measure added (the arrays of `effects` are not changed).

    Joint inspections visit the listed workplaces one a month from the measure's first month,
    starting over after month 12, so adding a workplace never moves an earlier visit.
    """
    start = A.STARTS[measure]
    if measure == "public_awareness":
        return replace(effects, public=True)
    if measure == "cross_sector_group":
        return replace(effects, standing_group=True, shared={})
    if measure == "fold_into_crime_prevention":
        return replace(effects, folded=True, shared={})
    name = CHANGES[measure]
    values = getattr(effects, name).copy()  # only the array the measure changes: the others are shared, never written
    rows = np.array([lay.position[TARGET_KIND[measure]][t] for t in targets], dtype=np.int64)
    extra: dict = {}
    if name == "trained_from":
        values[rows] = np.minimum(values[rows], start)
        extra["shared"] = {}
    elif name == "inspection_month":
        months = _in_season(lay.work_season[rows], start, start + (effects.inspections + np.arange(len(rows))) % (13 - start))
        current = values[rows]
        values[rows] = np.where(current > 0, np.minimum(current, months), months)
        extra["inspections"] = effects.inspections + int((current == 0).sum())
    else:
        values[rows] = True
    return replace(effects, **{name: values}, **extra)


TARGET_KIND = {"train_frontline_staff": "actors", "campaign_unconventional_actors": "actors", "outreach": "places",
               "joint_inspections": "workplaces", "targeted_information": "groups", "business_awareness": "sectors",
               "procurement_social_clauses": "sectors", "close_support_gap": "services"}
CHANGES = {"train_frontline_staff": "trained_from", "campaign_unconventional_actors": "trained_from", "outreach": "outreach",
           "joint_inspections": "inspection_month", "targeted_information": "info", "business_awareness": "business",
           "procurement_social_clauses": "procurement", "close_support_gap": "closed"}


def _in_season(season: np.ndarray, start: int, planned: np.ndarray) -> np.ndarray:
    """Visit months moved into each workplace's season: the first season month from the planned one
    on, else the first from `start`; a workplace out of work all year keeps the planned month."""
    month = np.arange(1, 13)[None, :]
    open_months = season & (month >= start)
    later = open_months & (month >= planned[:, None])
    chosen = np.where(later.any(axis=1), later.argmax(axis=1) + 1, open_months.argmax(axis=1) + 1)
    return np.where(open_months.any(axis=1), chosen, planned)
