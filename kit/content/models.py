"""Typed models of the knowledge base: every item is bilingual and points back to the seed."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Strength = Literal["strong", "medium", "weak"]
PalermoElementId = Literal["act", "means", "purpose"]


class Model(BaseModel):
    """Base of every content model: unknown fields are errors, instances are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Model):
    """A text in Swedish (the default) and English; both are required and non-empty."""

    sv: NonEmpty
    en: NonEmpty

    def get(self, lang: str) -> str:
        """The text in `lang` ("sv" or "en")."""
        if lang == "sv":
            return self.sv
        if lang == "en":
            return self.en
        raise ValueError(f"unknown language {lang!r}: use 'sv' or 'en'")


class Ref(Model):
    """Where an item comes from in the seed: chapter (0 = introduction), table, line range."""

    chapter: int = Field(ge=0, le=6)
    lines: tuple[int, int]
    table: int | None = Field(default=None, ge=1, le=8)

    @model_validator(mode="after")
    def _ordered(self) -> Ref:
        start, end = self.lines
        if start < 1 or end < start:
            raise ValueError(f"line range {start}-{end} must be ascending and start at 1 or later")
        return self

    def label(self, lang: str = "sv") -> str:
        """A short human reference, e.g. "kap. 3, tabell 1, rad 540–575"."""
        words = {"sv": ("kap.", "tabell", "rad", "inledning"), "en": ("ch.", "table", "lines", "introduction")}
        ch, table, lines, intro = words.get(lang, words["en"])
        parts = [intro if self.chapter == 0 else f"{ch} {self.chapter}"]
        if self.table is not None:
            parts.append(f"{table} {self.table}")
        parts.append(f"{lines} {self.lines[0]}–{self.lines[1]}")
        return ", ".join(parts)


class Item(Model):
    """A content item: a stable slug id and its reference to the seed."""

    id: Slug
    ref: Ref


class Point(Item):
    """One point of a list inside an item (a key point, a support item, a warning sign)."""

    text: Text


class Statement(Item):
    """A restated fact or list entry, optionally with a short label and a longer detail."""

    label: Text | None = None
    text: Text
    detail: Text | None = None


class Chapter(Item):
    """One of the six chapters (or the introduction, number 0) with what a learner gains."""

    number: int = Field(ge=0, le=6)
    title: Text
    summary: Text
    learning_goals: list[Text] = Field(default_factory=list)

    @model_validator(mode="after")
    def _own_chapter(self) -> Chapter:
        if self.ref.chapter != self.number:
            raise ValueError(f"ref.chapter {self.ref.chapter} differs from number {self.number}")
        return self


class Principle(Item):
    """A guiding principle: the four core principles (ch. 1) or the victim-support ones (ch. 5)."""

    group: Literal["core", "support"]
    name: Text
    summary: Text
    key_points: list[Text] = Field(default_factory=list)


class PalermoElement(Item):
    """One of the three elements of the Palermo definition: act, means, purpose."""

    id: PalermoElementId  # type: ignore[assignment]
    label: Text
    explanation: Text
    question: Text


class PalermoTerm(Item):
    """One act or one means of the Palermo definition (art. 3a); purposes are the forms."""

    element: Literal["act", "means"]
    label: Text
    explanation: Text


class LegalRule(Item):
    """A rule of international law the kit applies (consent, minors, non-punishment, ...)."""

    title: Text
    rule: Text
    explanation: Text
    instruments: list[Slug] = Field(default_factory=list)


class Instrument(Item):
    """A legal instrument (Palermo protocol, CoE convention, EU directive) and its key points."""

    name: Text
    short_name: Text
    year: int = Field(ge=1900, le=2100)
    binding: bool
    summary: Text
    key_points: list[Point] = Field(default_factory=list)


class Form(Item):
    """A form of exploitation (Palermo purpose) with the sectors the seed names for it."""

    label: Text
    description: Text
    sectors: list[Text] = Field(default_factory=list)
    instruments: list[Slug] = Field(default_factory=list)


class Indicator(Item):
    """An indicator question with its forms, the element it supports and a graded strength.

    The strength grade is the kit's own judgement in the style of the ILO/EC (2009)
    operational indicators; `strength_rationale` says why.
    """

    group: Literal["general", "sexual_exploitation", "labour_exploitation", "forced_begging_criminality"]
    forms: list[Slug] = Field(min_length=1)
    element: Literal["act", "means", "purpose", "context"]
    question: Text
    strength: Strength
    strength_rationale: Text


class Place(Item):
    """A place worth mapping (table 4) where victims or people at risk may be met."""

    label: Text
    category: Literal[
        "transport", "online", "public_space", "health", "services", "shelter", "education",
        "workplace", "authority", "commercial",
    ]
    forms: list[Slug] = Field(min_length=1)


class WarningSetting(Item):
    """A setting of table 8 with the warning signs to look for there."""

    setting: Text
    places: list[Slug] = Field(default_factory=list)
    signs: list[Sign] = Field(min_length=1)


class Sign(Item):
    """One warning sign, linked to the indicators it corresponds to."""

    text: Text
    indicators: list[Slug] = Field(default_factory=list)


class Actor(Item):
    """A local, national or private actor with the roles it can play against trafficking."""

    name: Text
    sector: Literal["municipal", "state", "civil_society", "private", "public", "international"]
    roles: list[
        Literal["identify", "refer", "support", "formally_identify", "investigate", "inspect",
                "prevent", "coordinate", "prosecute"]
    ] = Field(min_length=1)
    description: Text


class MappingTable(Item):
    """A mapping table (tables 1-3 and 5): questions to discuss and the actors to engage."""

    title: Text
    target_group: Text
    focus: Text
    forms: list[Slug] = Field(min_length=1)
    questions: list[Text] = Field(min_length=1)
    actors: list[Slug] = Field(min_length=1)


class Regime(Item):
    """How a country identifies victims and organises support, as the seed describes it."""

    country: Literal["SE", "NO", "PL", "LV", "FI"]
    name: Text
    formal_status: bool
    formal_identifiers: list[Slug] = Field(default_factory=list)
    potential_identifiers: list[Slug] = Field(min_length=1)
    support_providers: list[Slug] = Field(min_length=1)
    identification: Text
    support_system: Text


class SupportPhase(Item):
    """Acute or long-term support, with its usual duration."""

    label: Text
    description: Text
    duration_weeks: tuple[int, int] | None = None
    extendable: bool = False


class SupportType(Item):
    """A type of support (hotlines, crisis, long-term, return and reintegration) and its items."""

    label: Text
    phase: Slug
    items: list[Point] = Field(min_length=1)


class CountrySupportRow(Item):
    """A row of the origin- versus destination-country support table."""

    origin: Text | None = None
    destination: Text | None = None

    @model_validator(mode="after")
    def _one_side(self) -> CountrySupportRow:
        if self.origin is None and self.destination is None:
            raise ValueError("a row needs an origin or a destination text")
        return self


class PreventionMeasure(Item):
    """A preventive measure of chapter 6 (awareness, outreach, procurement, partnerships...)."""

    label: Text
    summary: Text
    key_points: list[Text] = Field(default_factory=list)
    actors: list[Slug] = Field(default_factory=list)


class GoodPractice(Item):
    """A good-practice example from the seed and what it teaches a municipality."""

    name: Text
    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
    period: str | None = None
    summary: Text
    lesson: Text
    actors: list[Slug] = Field(default_factory=list)
    forms: list[Slug] = Field(default_factory=list)


class MunicipalityAction(Item):
    """One of the actions each chapter says municipalities should take."""

    theme: Literal["mapping", "identification", "support", "prevention"]
    text: Text


class SummaryRow(Item):
    """A row of the closing summary table: purpose, actions, who."""

    theme: Literal["mapping", "identification", "support", "prevention"]
    purpose: Text
    actions: list[Text] = Field(min_length=1)
    who: list[Slug] = Field(min_length=1)


WarningSetting.model_rebuild()
