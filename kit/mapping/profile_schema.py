"""The municipality profile schema (version 1); kit/mapping/PROFILES.md documents every field."""

from __future__ import annotations

from typing import Annotated, Literal

from msgspec import Meta

from kit.content.models import Model, Slug, Text
from kit.mapping.vocabulary import DistrictKind, Service

SCHEMA_VERSION = 1
Share = Annotated[float, Meta(ge=0, le=1)]
Count = Annotated[int, Meta(ge=0, le=1_000_000)]
CountryCode = Annotated[str, Meta(pattern="^[A-Z]{2}$")]
Month = Annotated[int, Meta(ge=1, le=12)]


class District(Model, frozen=True, kw_only=True):
    """A district: its name, kind, share of the population and (optionally) its cell on the map grid."""

    id: Slug
    name: Text
    kind: DistrictKind
    population_share: Annotated[float, Meta(gt=0, le=1)]
    position: tuple[Annotated[int, Meta(ge=0, le=20)], Annotated[int, Meta(ge=0, le=20)]] | None = None
    unemployment: Share = 0.07


class Landmark(Model, frozen=True, kw_only=True):
    """A named place of a table-4 type in a district (it counts towards that type's number)."""

    place_type: Slug
    district: Slug | None = None  # None: online, in no district
    name: Text


class SectorProfile(Model, frozen=True, kw_only=True):
    """Workplaces of one sector: how many, how large, how foreign-staffed, how often inspected."""

    per_1000: Annotated[float, Meta(ge=0, le=100)]
    mean_size: Annotated[float, Meta(ge=1, le=5000)]
    foreign_share: Share
    inspected_share: Share = 0.2
    municipal_contracts: Share = 0.0
    seasonal: bool = False
    season: tuple[Month, Month] | None = None  # for seasonal work: first and last month (may cross the new year)


class Exploitation(Model, frozen=True, kw_only=True):
    """The hidden exploitation the generator plants in a risk group (the learner never sees this)."""

    past: Count = 0
    ongoing: Count = 0
    upcoming: Count = 0
    victims: tuple[Annotated[int, Meta(ge=1, le=200)], Annotated[int, Meta(ge=1, le=200)]] = (1, 3)
    women_share: Share = 0.5
    minors_share: Share = 0.0
    nationalities: Annotated[dict[CountryCode, Annotated[float, Meta(ge=0)]], Meta(min_length=1)]
    place_types: list[Slug] = []
    sectors: list[Slug] = []
    season: tuple[Month, Month] | None = None


class GroupProfile(Model, frozen=True, kw_only=True):
    """A risk group as the municipality knows it (estimated size) and the exploitation planted in it."""

    estimated_size: Annotated[int, Meta(ge=0)] | None = None
    exploitation: Exploitation | None = None


class LocalActor(Model, frozen=True, kw_only=True):
    """An actor present locally: staff, whether already trained, and what engaging it costs a year."""

    staff: Annotated[int, Meta(ge=0, le=1_000_000)] = 1
    trained: bool = False
    engage_hours: Annotated[float, Meta(ge=0)] | None = None
    engage_money: Annotated[float, Meta(ge=0)] | None = None


class ServiceOffer(Model, frozen=True, kw_only=True):
    """A support service that exists: what it is, who provides it, how many people a month it takes."""

    service: Service
    provider: Slug
    capacity: Annotated[int, Meta(ge=0, le=100_000)]


class Budget(Model, frozen=True, kw_only=True):
    """What the municipality can put into the action plan for a year."""

    staff_hours: Annotated[float, Meta(ge=0)]
    money: Annotated[float, Meta(ge=0)]
    currency: Literal["EUR"] = "EUR"


class Profile(Model, frozen=True, kw_only=True):
    """A fictional municipality: the input of `kit.mapping.generate`."""

    id: Slug
    schema_version: Literal[1]
    name: Text
    description: Text
    country: Literal["SE", "NO", "PL", "LV", "FI"]
    role: Literal["destination", "origin", "transit"]
    population: Annotated[int, Meta(ge=1_000, le=5_000_000)]
    nationalities: Annotated[dict[CountryCode, Annotated[float, Meta(ge=0)]], Meta(min_length=1)]
    districts: Annotated[list[District], Meta(min_length=1, max_length=60)]
    places: dict[Slug, Count]
    landmarks: list[Landmark] = []
    sectors: dict[Slug, SectorProfile]
    groups: dict[Slug, GroupProfile]
    actors: Annotated[dict[Slug, LocalActor], Meta(min_length=1)]
    services: list[ServiceOffer] = []
    budget: Budget
    crime_prevention_plan: bool = False
    noise: Annotated[float, Meta(ge=0, le=10)] = 1.0
