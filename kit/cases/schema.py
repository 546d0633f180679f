"""The case schema (version 1): narrative templates, the person, the setting and the Palermo truth."""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec
from msgspec import Meta

from kit.content.models import Model, Ref, Slug, Slugs, Text

SCHEMA_VERSION = 1

Act = Literal["recruitment", "transport", "transfer", "harbouring", "receipt"]
Means = Literal[
    "threat_or_force", "other_coercion", "abduction", "fraud", "deception",
    "abuse_of_power_or_vulnerability", "payments_to_controller",
]
FormId = Literal[
    "sexual_exploitation", "forced_labour", "slavery_or_servitude", "organ_removal",
    "forced_begging", "forced_criminality", "sham_marriage", "benefit_fraud",
]
Gender = Literal["female", "male"]
CountryCode = Annotated[str, Meta(pattern="^[A-Z]{2}$")]
# Facts of a case that classic misconceptions latch on to (see kit/cases/misconceptions.py).
Feature = Literal[
    "consented",             # the person agreed to the journey, the work or the activity
    "not_locked_in",         # no locks or guards: the person could physically walk away
    "had_phone",             # the person had a phone or other means of contact
    "never_asked_for_help",  # the person did not ask anyone for help
    "valid_papers",          # the person had a valid residence or work permit
    "smuggled",              # the person entered the country with a smuggler's help
    "free_to_leave",         # the person was really free to leave or to say no
    "paid_something",        # the person received some pay
]
RecruitmentMethod = Literal[
    "Abduction", "EducationalFacility", "Familial", "Internet", "InternationalMarriageBroker",
    "IntimatePartner", "JobOffer", "PosingAsBenefactor", "PublicArea", "OfferOfAccommodation",
    "Shelter", "Smuggling", "Work", "Other", "Unknown",
]


class Source(Model, frozen=True, kw_only=True):
    """Where a case comes from: a case of the seed (with its lines), authored, or imported."""

    kind: Literal["seed", "authored", "imported"]
    ref: Ref | None = None


class Person(Model, frozen=True, kw_only=True):
    """The exploited person as the narrative presents them (roles only, never names)."""

    gender: Gender
    age: Annotated[int, Meta(ge=1, le=90)]
    nationality: CountryCode


class Setting(Model, frozen=True, kw_only=True):
    """Where the case takes place: the country, a town type and, optionally, a sector."""

    country: CountryCode
    town_type: Slug
    sector: Slug | None = None


class Circumstances(Model, frozen=True, kw_only=True):
    """Facts of the person's situation that decide which support steps a plan needs.

    The three child facts (`unaccompanied`, `lives_with_custodians`, `custodians_involved`) are
    false for an adult. Every case of the bank sets all five from its narrative; a case from
    elsewhere that leaves them out is read as a resident who speaks the language (the defaults,
    which contradict no nationality or age).
    """

    unaccompanied: bool = False          # a child in the country without a parent or other custodian
    lives_with_custodians: bool = False  # a child living with parents or other custodians
    custodians_involved: bool = False    # custodians take part in or allow the exploitation
    needs_interpreter: bool = False      # does not speak the setting's language well enough for a conversation
    resident: bool = True                # lives permanently in the country of the setting


CHILD_FACTS = ("unaccompanied", "lives_with_custodians", "custodians_involved")


class Variation(Model, frozen=True, kw_only=True):
    """What a variant may change: each list must include the case's own value."""

    genders: Annotated[list[Gender], Meta(min_length=1)]
    age_band: tuple[int, int]
    nationalities: Annotated[list[CountryCode], Meta(min_length=1)]
    town_types: list[Slug] = []
    sectors: list[Slug] = []


class Truth(Model, frozen=True, kw_only=True):
    """The answer key: what the Palermo model says about the case."""

    trafficking: bool
    minor: bool
    forms: list[FormId] = []
    act: list[Act] = []
    means: list[Means] = []
    purpose: list[FormId] = []
    indicators: Slugs = []
    first_referrals: Annotated[list[Slug], Meta(min_length=1)]  # required: who is contacted first
    acceptable_referrals: Slugs = []  # reasonable contacts, but not the first ones (partial credit)


class Case(Model, frozen=True, kw_only=True):
    """One case: narrative templates in both languages, the person, the truth and a teaching note."""

    id: Slug
    schema_version: Literal[1]
    title: Text
    narrative: Text
    source: Source
    difficulty: Annotated[int, Meta(ge=1, le=3)]
    person: Person
    setting: Setting
    circumstances: Circumstances = msgspec.field(default_factory=Circumstances)
    variation: Variation
    truth: Truth
    resembles: list[FormId] = []
    features: list[Feature] = []
    recruitment: list[RecruitmentMethod] = []
    teaching_note: Text
    contested: Text | None = None  # why experts may disagree on the key; shown beside the teaching note
    teaching_refs: Annotated[list[Ref], Meta(min_length=1)]
