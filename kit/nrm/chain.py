"""The referral chain: its ordered steps, their actors, the services support consists of, and the
bodies that exist in one country's system only."""

from __future__ import annotations

import functools
import itertools
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

from msgspec import Meta

from kit.content import load
from kit.content.knowledge_base import UnknownIdError
from kit.content.loader import DATA_DIR, problem_from_validation, read_yaml_mapping
from kit.content.models import Model, Ref, Slug, Text
from kit.content.problems import ContentError, Problem
from kit.content.snapshot import snapshotted

if TYPE_CHECKING:
    import networkx as nx

CHAIN_FILE = Path(__file__).with_name("data") / "chain.yaml"


class Step(Model, frozen=True, kw_only=True):
    """One step of the chain, in order, with the actors who usually carry it."""

    id: Slug
    order: Annotated[int, Meta(ge=1)]
    label: Text
    description: Text
    actors: Annotated[list[Slug], Meta(min_length=1)]
    ref: Ref


class Service(Model, frozen=True, kw_only=True):
    """A service support can include, and the victims' key concerns it answers."""

    sv: str
    en: str
    concerns: list[Slug] = []

    def label(self, lang: str) -> str:
        return self.sv if lang == "sv" else self.en


class NationalBody(Model, frozen=True, kw_only=True):
    """An actor that exists in one country's system only, with the seed lines that place it there."""

    country: Literal["SE", "NO", "PL", "LV", "FI"]
    ref: Ref


# An actor id ending so names a body of one country (kcik_pl); such an actor must be a national body.
COUNTRY_SUFFIXES = ("_se", "_no", "_pl", "_lv", "_fi")


class Chain(Model, frozen=True, kw_only=True):
    """All steps (by order), services and the national bodies of each country."""

    steps: list[Step]
    services: dict[str, Service]
    national_bodies: dict[str, NationalBody] = {}

    def home_country(self, actor: str) -> str | None:
        """The one country whose system `actor` belongs to, or None for an actor found in every
        country (local services, police, NGOs) or working across borders (embassies, IOM)."""
        body = self.national_bodies.get(actor)
        return body.country if body is not None else None

    def step(self, step_id: str) -> Step:
        for step in self.steps:
            if step.id == step_id:
                return step
        raise UnknownIdError("chain step", step_id, [s.id for s in self.steps])

    @property
    def order(self) -> dict[str, int]:
        return {step.id: step.order for step in self.steps}


@functools.lru_cache(maxsize=1)
def load_chain() -> Chain:
    """The chain from data/chain.yaml, validated against the knowledge base's actors (snapshotted)."""
    return snapshotted("nrm-chain", (CHAIN_FILE.parent, DATA_DIR), read_chain)


def read_chain() -> Chain:
    """Read data/chain.yaml and check it against the knowledge base. Raises ContentError."""
    import msgspec

    raw, problem = read_yaml_mapping(CHAIN_FILE, "a mapping of steps and services")
    if problem is not None:
        raise ContentError([problem])
    try:
        chain = msgspec.convert(raw, Chain)
    except msgspec.ValidationError as exc:
        raise ContentError([problem_from_validation(CHAIN_FILE.name, "", exc, raw)]) from None
    actors = set(load().ids("actors"))
    concerns = set(load().ids("victim_concerns"))
    problems = [
        Problem(CHAIN_FILE.name, f"steps[{step.id}].actors", f"unknown actor id {actor!r}")
        for step in chain.steps for actor in step.actors if actor not in actors
    ]
    problems += [
        Problem(CHAIN_FILE.name, f"services.{service_id}.concerns", f"unknown victim concern {concern!r}")
        for service_id, service in chain.services.items() for concern in service.concerns if concern not in concerns
    ]
    problems += [Problem(CHAIN_FILE.name, f"national_bodies.{actor}", f"unknown actor id {actor!r}")
                 for actor in chain.national_bodies if actor not in actors]
    problems += [
        Problem(CHAIN_FILE.name, "national_bodies", f"actor {actor!r} is named for one country: list it here with its country")
        for actor in sorted(actors) if actor.endswith(COUNTRY_SUFFIXES) and actor not in chain.national_bodies
    ]
    if problems:
        raise ContentError(problems)
    return chain


def referral_graph(chain: Chain | None = None) -> nx.DiGraph:
    """The chain as a networkx DiGraph: step -> next step, and step -> each actor who carries it."""
    import networkx as nx

    chain = chain or load_chain()
    graph = nx.DiGraph()
    ordered = sorted(chain.steps, key=lambda step: step.order)
    for step in ordered:
        graph.add_node(step.id, kind="step", order=step.order)
        for actor in step.actors:
            graph.add_node(actor, kind="actor")
            graph.add_edge(step.id, actor, kind="carried_by")
    for before, after in itertools.pairwise(ordered):
        graph.add_edge(before.id, after.id, kind="next")
    return graph
