"""The mapping catalogue: risk groups and measures (YAML under kit/mapping/data), checked against the knowledge base."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from msgspec import Meta

from kit.content import load
from kit.content.loader import problem_from_validation, read_yaml_mapping
from kit.content.models import Item, Model, Ref, Slugs, SomeSlugs, Text
from kit.content.problems import ContentError, Problem
from kit.mapping.place_types import place_type_ids
from kit.mapping.vocabulary import Sector, TargetKind

DATA_DIR = Path(__file__).with_name("data")
Source = Literal[
    "tip", "inspection_remark", "school_observation", "health_observation", "social_services_note",
    "police_report", "ngo_report", "library_observation",
]
Positive = Annotated[float, Meta(gt=0)]
NonNegative = Annotated[float, Meta(ge=0)]


class Cost(Model, frozen=True, kw_only=True):
    """Staff hours and money (euros) per year."""

    staff_hours: NonNegative = 0.0
    money: NonNegative = 0.0


class RiskGroup(Item, frozen=True, kw_only=True):
    """A risk group of tables 1-3 (or chapter 6) and how exploitation in it shows."""

    label: Text
    description: Text
    forms: SomeSlugs
    tables: SomeSlugs
    also_actors: Slugs = []
    also_ref: Ref | None = None
    place_types: SomeSlugs
    sectors: list[Sector] = []
    sources: Annotated[dict[Source, Positive], Meta(min_length=1)]
    trace_rate: Positive


class Measure(Item, frozen=True, kw_only=True):
    """A measure of a prevention action plan with its cost and the knowledge it rests on."""

    label: Text
    summary: Text
    target: TargetKind
    only: Slugs = []
    fixed: Cost
    per_target: Cost
    knowledge: Annotated[list[str], Meta(min_length=1)]


@dataclass(frozen=True)
class Catalogue:
    """Risk groups and measures by id, plus the actors each group's tables name."""

    risk_groups: dict[str, RiskGroup]
    measures: dict[str, Measure]
    expected: dict[str, tuple[str, ...]]  # group id -> actors of its tables and also_actors

    def expected_actors(self, group: str) -> tuple[str, ...]:
        """The actors tables 1-5 (and the seed around them) name for `group`, in table order."""
        return self.expected[group]


@functools.lru_cache(maxsize=2)
def catalogue(data_dir: str | Path | None = None) -> Catalogue:
    """The catalogue (cached). Raises ContentError naming file and field of every problem."""
    import msgspec

    folder = Path(data_dir) if data_dir is not None else DATA_DIR
    problems: list[Problem] = []
    found: dict[str, dict] = {}
    for name, kind, model in (("risk_groups.yaml", "risk_groups", RiskGroup), ("measures.yaml", "measures", Measure)):
        document, problem = read_yaml_mapping(folder / name, f"a mapping with the key {kind}")
        if problem is not None:
            problems.append(problem)
            continue
        items = {}
        for position, raw in enumerate(document.get(kind) or []):
            label = raw.get("id", position) if isinstance(raw, dict) else position
            try:
                item = msgspec.convert(raw, model)
            except msgspec.ValidationError as exc:
                problems.append(problem_from_validation(name, f"{kind}[{label}]", exc, raw))
                continue
            if item.id in items:
                problems.append(Problem(name, f"{kind}[{item.id}]", "duplicate id"))
            items[item.id] = item
        found[kind] = items
    kb = load()
    groups, measures = found.get("risk_groups", {}), found.get("measures", {})
    problems += _check_groups(kb, groups) + _check_measures(kb, measures)
    if problems:
        raise ContentError(problems)
    expected = {}
    for group in groups.values():
        actors = [a for table in group.tables for a in kb.get("mapping_tables", table).actors] + list(group.also_actors)
        expected[group.id] = tuple(dict.fromkeys(actors))
    return Catalogue(groups, measures, expected)


def _check_groups(kb, groups: dict[str, RiskGroup]) -> list[Problem]:
    problems = []
    known = {kind: set(kb.ids(kind)) for kind in ("forms", "mapping_tables", "actors")}
    known["places"] = set(place_type_ids())
    for group in groups.values():
        where = f"risk_groups[{group.id}]"
        for field, kind in (("forms", "forms"), ("tables", "mapping_tables"), ("also_actors", "actors"), ("place_types", "places")):
            problems += [Problem("risk_groups.yaml", f"{where}.{field}", f"unknown {kind} id {value!r}")
                         for value in getattr(group, field) if value not in known[kind]]
        if group.also_actors and group.also_ref is None:
            problems.append(Problem("risk_groups.yaml", f"{where}.also_ref", "also_actors need a seed reference"))
    return problems


def _check_measures(kb, measures: dict[str, Measure]) -> list[Problem]:
    problems = []
    actors = set(kb.ids("actors"))
    for measure in measures.values():
        where = f"measures[{measure.id}]"
        problems += [Problem("measures.yaml", f"{where}.only", f"unknown actor id {a!r}") for a in measure.only if a not in actors]
        if measure.only and measure.target != "actors":
            problems.append(Problem("measures.yaml", f"{where}.only", "only applies to measures aimed at actors"))
        for reference in measure.knowledge:
            kind, _, item_id = reference.partition(":")
            if kind not in kb.kinds or item_id not in kb.ids(kind):
                problems.append(Problem("measures.yaml", f"{where}.knowledge", f"unknown knowledge-base item {reference!r}"))
    return problems
