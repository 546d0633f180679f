"""A generated municipality: the learner's tables, and the ground truth kept apart from them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

LEARNER_TABLES = ("districts", "places", "workplaces", "risk_groups", "actors", "services", "signals")


@dataclass(frozen=True, eq=False)
class GroundTruth:
    """What the generator planted and the learner must find: never shown in the exercise.

    `situations` has one row per hidden exploitation situation (status past, ongoing or
    upcoming); `signal_situation[i]` is the situation row behind signal i, or -1 for noise.
    `lookalikes` are hardships of the risk groups that are not trafficking (kit.mapping.situations);
    `signal_lookalike[i]` is the look-alike behind signal i, or -1.
    """

    situations: pd.DataFrame
    signal_situation: np.ndarray
    groups: tuple[str, ...]     # risk groups with exploitation that left traces (past or ongoing)
    needs: tuple[str, ...]      # services the victims need
    gaps: tuple[str, ...]       # ... of which the municipality has none
    lookalikes: pd.DataFrame | None = None
    signal_lookalike: np.ndarray | None = None

    def hotspots(self) -> set[str]:
        """Every place and workplace id where a situation is or was."""
        frame = self.situations
        return set(frame["place_id"].dropna()) | set(frame["workplace_id"].dropna())


@dataclass(frozen=True, eq=False)
class Municipality:
    """A fictional municipality from a profile and a seed: pandas tables for the learner to explore.

    The learner's tables are `districts`, `places`, `workplaces`, `risk_groups`, `actors`,
    `services` and `signals` (a year of them). `truth` holds what was planted; notebooks must
    not display it: scoring and the simulation read it.
    """

    profile: Any
    seed: int
    districts: pd.DataFrame
    places: pd.DataFrame
    workplaces: pd.DataFrame
    risk_groups: pd.DataFrame
    actors: pd.DataFrame
    services: pd.DataFrame
    signals: pd.DataFrame
    truth: GroundTruth = field(repr=False)
    _cache: dict = field(default_factory=dict, repr=False)

    @property
    def budget(self):
        """The year's budget (staff hours, money, currency)."""
        return self.profile.budget

    def tables(self) -> dict[str, pd.DataFrame]:
        """The learner's tables by name (the ground truth is not among them)."""
        return {name: getattr(self, name) for name in LEARNER_TABLES}

    def name(self, lang: str = "sv") -> str:
        """The municipality's name in `lang`."""
        return self.profile.name.get(lang)

    def __repr__(self) -> str:
        sizes = ", ".join(f"{name}={len(getattr(self, name))}" for name in LEARNER_TABLES)
        return f"Municipality({self.profile.id!r}, seed={self.seed}, {sizes})"
