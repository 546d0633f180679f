"""The learner's MappingPlan: the five parts of the mapping exercise, from YAML, a dict or DataFrames."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from msgspec import Meta

from kit.content.loader import read_yaml_mapping
from kit.content.models import Model
from kit.content.problems import ContentError, Problem
from kit.mapping.validation import validation_problem

if TYPE_CHECKING:
    import pandas as pd

# Ids in a plan are plain text: a mistyped id is not a malformed plan. Scoring reports every id it
# does not know as a finding and leaves it out, so a typo costs what leaving the item out costs.
Id = Annotated[str, Meta(max_length=200)]
SignalId = int | Id
PLAN_PARTS = ("groups", "places", "actors", "resources", "gaps", "actions")


class PlanError(ContentError):
    """A plan that cannot be read; `problems` names file and field of every fault."""


class GroupFinding(Model, frozen=True, kw_only=True):
    """Part 1: a risk group found present, with the signal ids that show it.

    `nationalities` may say which languages to reach the group in; a finding with
    nationalities and no group singles people out by nationality alone (ch. 4 lines 904-909).
    """

    group: Id | None = None
    evidence: list[SignalId] = []
    nationalities: list[Id] = []
    note: str | None = None


class Action(Model, frozen=True, kw_only=True):
    """Part 5: one measure of the action plan and what it is aimed at.

    `targets` are ids of the measure's target kind (actors, places, workplaces, risk groups,
    sectors or services); for places and workplaces, `count` instead takes the first `count`
    of that kind from the ranked list of places to watch (part 2).
    """

    measure: Id
    targets: list[Id] = []
    count: Annotated[int, Meta(ge=1)] | None = None
    nationalities: list[Id] = []
    note: str | None = None


class MappingPlan(Model, frozen=True, kw_only=True):
    """The mapping and the action plan a learner hands in.

    1. `groups`: risk groups present, each with its evidence;
    2. `places`: place and workplace ids to watch, most important first;
    3. `actors`: for each risk group, the local actors to engage;
    4. `resources` and `gaps`: service ids (kit.mapping.vocabulary.SERVICES) that exist / are missing;
    5. `actions`: measures within the budget.
    """

    groups: list[GroupFinding] = []
    places: list[Id] = []
    actors: dict[Id, list[Id]] = {}
    resources: list[Id] = []
    gaps: list[Id] = []
    actions: list[Action] = []

    def to_frames(self) -> dict[str, pd.DataFrame]:
        """The plan as DataFrames, one per part (the shape `plan_from_frames` reads)."""
        import pandas as pd

        return {
            "groups": pd.DataFrame([{"group": g.group, "evidence": list(g.evidence), "nationalities": list(g.nationalities)} for g in self.groups],
                                   columns=["group", "evidence", "nationalities"]),
            "places": pd.DataFrame({"rank": range(1, len(self.places) + 1), "place": self.places}),
            "actors": pd.DataFrame([{"group": g, "actor": a} for g, actors in self.actors.items() for a in actors], columns=["group", "actor"]),
            "resources": pd.DataFrame({"service": self.resources}),
            "gaps": pd.DataFrame({"service": self.gaps}),
            "actions": pd.DataFrame([{"measure": a.measure, "targets": list(a.targets), "count": a.count, "nationalities": list(a.nationalities)}
                                     for a in self.actions], columns=["measure", "targets", "count", "nationalities"]),
        }


def load_plan(source: MappingPlan | Mapping[str, object] | str | Path) -> MappingPlan:
    """A MappingPlan from a YAML path, a mapping of plain values, a mapping of DataFrames, or a plan."""
    if isinstance(source, MappingPlan):
        return source
    if isinstance(source, Mapping):
        if any(hasattr(value, "columns") for value in source.values()):
            return plan_from_frames(**source)
        return plan_from_dict(source, "<plan>")
    path = Path(source)
    raw, problem = read_yaml_mapping(path, "one mapping (groups, places, actors, resources, gaps, actions)")
    if problem is not None:
        raise PlanError([problem])
    return plan_from_dict(raw, path.name)


def plan_from_dict(raw: Mapping[str, Any], file_name: str = "<plan>") -> MappingPlan:
    """Validate a plan written as plain values; faults are reported as `file:field: message`."""
    import msgspec

    try:
        return msgspec.convert(dict(raw), MappingPlan)
    except msgspec.ValidationError as exc:
        raise PlanError([validation_problem(file_name, dict(raw), exc, MappingPlan)]) from None


def plan_from_frames(**frames: pd.DataFrame | None) -> MappingPlan:
    """A plan from DataFrames named after its parts (see MappingPlan.to_frames for their columns).

    List cells (evidence, targets, nationalities) may be lists or comma-separated strings;
    places are ordered by a `rank` column when there is one.
    """
    unknown = sorted(set(frames) - set(PLAN_PARTS))
    if unknown:
        raise PlanError([Problem("<frames>", name, f"unknown plan part (parts: {', '.join(PLAN_PARTS)})") for name in unknown])
    raw: dict[str, Any] = {}
    if frames.get("groups") is not None:
        raw["groups"] = [_drop_empty({"group": row.get("group"), "evidence": [_signal_id(v) for v in _listed(row.get("evidence"))],
                                      "nationalities": _listed(row.get("nationalities"))}) for row in _rows(frames["groups"])]
    places = frames.get("places")
    if places is not None:
        if "rank" in places.columns:
            places = places.sort_values("rank", kind="stable")
        raw["places"] = [str(value) for value in places[_column(places, "place", "places")]]
    if frames.get("actors") is not None:
        engaged: dict[str, list[str]] = {}
        for row in _rows(frames["actors"]):
            engaged.setdefault(str(row["group"]), []).append(str(row["actor"]))
        raw["actors"] = engaged
    for part in ("resources", "gaps"):
        services = frames.get(part)
        if services is not None:
            raw[part] = [str(value) for value in services[_column(services, "service", part)]]
    if frames.get("actions") is not None:
        raw["actions"] = [_drop_empty({"measure": row.get("measure"), "targets": _listed(row.get("targets")),
                                       "count": None if _missing(row.get("count")) else int(row["count"]),
                                       "nationalities": _listed(row.get("nationalities"))}) for row in _rows(frames["actions"])]
    return plan_from_dict(raw, "<frames>")


def _signal_id(value: str) -> int | str:
    """A signal id from a table cell: a number where it is one ("12", "12.0"), else the text as written."""
    try:
        number = float(value)
    except ValueError:
        return value
    return int(number) if number.is_integer() else value


def signal_number(value: int | str) -> int | None:
    """The signal id a plan's evidence names, or None when it names none."""
    if isinstance(value, int):
        return value
    found = _signal_id(value.strip())
    return found if isinstance(found, int) else None


def _rows(frame) -> list[dict[str, Any]]:
    return frame.to_dict("records")


def _column(frame, name: str, part: str) -> str:
    if name not in frame.columns:
        raise PlanError([Problem("<frames>", part, f"needs a column {name!r}")])
    return name


def _missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN
    except (TypeError, ValueError):
        return False


def _listed(value: Any) -> list[str]:
    """A list cell as strings: a list, an array or a comma-separated string; empty when missing."""
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, (list, tuple)) or hasattr(value, "tolist"):
        return [str(v) for v in list(value)]
    return [] if _missing(value) else [str(value)]


def _drop_empty(row: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in row.items() if not _missing(value) and value != []}
