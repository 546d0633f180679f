"""Typed models of the knowledge base: every item is bilingual and points back to the seed."""

from __future__ import annotations

from typing import Annotated, Literal

from msgspec import Meta, Struct

SLUG_PATTERN = "^[a-z][a-z0-9_]*$"
Slug = Annotated[str, Meta(pattern=SLUG_PATTERN, max_length=64)]
NonEmpty = Annotated[str, Meta(pattern=r"\S")]  # at least one visible character
Slugs = list[Slug]
SomeSlugs = Annotated[list[Slug], Meta(min_length=1)]
Strength = Literal["strong", "medium", "weak"]
Role = Literal[
    "identify", "refer", "support", "formally_identify", "investigate", "inspect", "prevent", "coordinate", "prosecute"
]


class Model(Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """Base of every content model: unknown fields are errors, instances are immutable.

    Struct options other than kw_only are inherited; kw_only is repeated on every subclass, and so is
    frozen=True, which msgspec inherits but a type checker reads only where it is written.
    """


class Text(Model, frozen=True, kw_only=True):
    """A text in Swedish (the default) and English; both are required and non-empty.

    The kit's one bilingual type: content, UI strings, and feedback and findings (kit.content.feedback) all
    use it, never an (sv, en) tuple. Only decoding validates; a Text built in code must give both texts.
    """

    sv: NonEmpty
    en: NonEmpty

    def get(self, lang: str) -> str:
        """The text in `lang` ("sv" or "en")."""
        if lang == "sv":
            return self.sv
        if lang == "en":
            return self.en
        raise ValueError(f"unknown language {lang!r}: use 'sv' or 'en'")


class Ref(Model, frozen=True, kw_only=True):
    """Where an item comes from in the seed: chapter (0 = introduction), table, line range."""

    chapter: Annotated[int, Meta(ge=0, le=6)]
    lines: tuple[int, int]
    table: Annotated[int, Meta(ge=1, le=8)] | None = None

    def __post_init__(self) -> None:
        start, end = self.lines
        if start < 1 or end < start:
            raise ValueError(f"line range {start}-{end} must be ascending and start at 1 or later")

    def label(self, lang: str = "sv") -> str:
        """A short human reference, e.g. "kap. 3, tabell 1, rad 540–575"."""
        words = {"sv": ("kap.", "tabell", "rad", "inledning"), "en": ("ch.", "table", "lines", "introduction")}
        ch, table, lines, intro = words.get(lang, words["en"])
        parts = [intro if self.chapter == 0 else f"{ch} {self.chapter}"]
        if self.table is not None:
            parts.append(f"{table} {self.table}")
        parts.append(f"{lines} {self.lines[0]}–{self.lines[1]}")
        return ", ".join(parts)


class SinceNote(Model, frozen=True, kw_only=True):
    """What has changed since the guidelines were written (2016), in the kit's words, with the public
    source; the item it belongs to keeps the guidelines' own statement."""

    year: Annotated[int, Meta(ge=2017, le=2100)]
    text: Text
    source: Text


class Item(Model, frozen=True, kw_only=True):
    """A content item: a stable slug id, its reference to the seed and any "since the guidelines" notes."""

    id: Slug
    ref: Ref
    since: list[SinceNote] = []


class Point(Item, frozen=True, kw_only=True):
    """One point of a list inside an item (a key point, a support item, a warning sign)."""

    text: Text


class Statement(Item, frozen=True, kw_only=True):
    """A restated fact or list entry, optionally with a short label and a longer detail."""

    label: Text | None = None
    text: Text
    detail: Text | None = None


class Chapter(Item, frozen=True, kw_only=True):
    """One of the six chapters (or the introduction, number 0) with what a learner gains."""

    number: Annotated[int, Meta(ge=0, le=6)]
    title: Text
    summary: Text
    learning_goals: list[Text] = []

    def __post_init__(self) -> None:
        if self.ref.chapter != self.number:
            raise ValueError(f"ref.chapter {self.ref.chapter} differs from number {self.number}")


class Principle(Item, frozen=True, kw_only=True):
    """A guiding principle: the four core principles (ch. 1) or the victim-support ones (ch. 5)."""

    group: Literal["core", "support"]
    name: Text
    summary: Text
    key_points: list[Text] = []


class PalermoElement(Item, frozen=True, kw_only=True):
    """One of the three elements of the Palermo definition: act, means, purpose."""

    label: Text
    explanation: Text
    question: Text

    def __post_init__(self) -> None:
        if self.id not in ("act", "means", "purpose"):
            raise ValueError(f"id {self.id!r} must be act, means or purpose")


class PalermoTerm(Item, frozen=True, kw_only=True):
    """One act or one means of the Palermo definition (art. 3a); purposes are the forms."""

    element: Literal["act", "means"]
    label: Text
    explanation: Text


class LegalRule(Item, frozen=True, kw_only=True):
    """A rule of international law the kit applies (consent, minors, non-punishment, ...)."""

    title: Text
    rule: Text
    explanation: Text
    instruments: Slugs = []


class Instrument(Item, frozen=True, kw_only=True):
    """A legal instrument (Palermo protocol, CoE convention, EU directive) and its key points."""

    name: Text
    short_name: Text
    year: Annotated[int, Meta(ge=1900, le=2100)]
    binding: bool
    summary: Text
    key_points: list[Point] = []


class Form(Item, frozen=True, kw_only=True):
    """A form of exploitation (Palermo purpose) with the sectors the seed names for it."""

    label: Text
    description: Text
    sectors: list[Text] = []
    instruments: Slugs = []


class Indicator(Item, frozen=True, kw_only=True):
    """An indicator question with its forms, the element it supports and a graded strength.

    The strength grade is the kit's own judgement in the style of the ILO/EC (2009)
    operational indicators; `strength_rationale` says why. Group `further_signs` holds signs the
    seed points to outside its three indicator lists (its cases, table 8, the overall assessment).
    """

    group: Literal["general", "sexual_exploitation", "labour_exploitation", "forced_begging_criminality", "further_signs"]
    forms: SomeSlugs
    any_form: bool = False  # the seed gives it for `forms`, but it applies to every form: a case of any form may key it
    element: Literal["act", "means", "purpose", "context"]
    question: Text
    strength: Strength
    strength_rationale: Text


class Place(Item, frozen=True, kw_only=True):
    """A place worth mapping (table 4) where victims or people at risk may be met."""

    label: Text
    category: Literal[
        "transport", "online", "public_space", "health", "services", "shelter", "education",
        "workplace", "authority", "commercial",
    ]
    forms: SomeSlugs


class Sign(Item, frozen=True, kw_only=True):
    """One warning sign, linked to the indicators it corresponds to."""

    text: Text
    indicators: Slugs = []


class WarningSetting(Item, frozen=True, kw_only=True):
    """A setting of table 8 with the warning signs to look for there."""

    setting: Text
    places: Slugs = []
    signs: Annotated[list[Sign], Meta(min_length=1)]


class Actor(Item, frozen=True, kw_only=True):
    """A local, national or private actor with the roles it can play against trafficking."""

    name: Text
    sector: Literal["municipal", "state", "civil_society", "private", "public", "international"]
    roles: Annotated[list[Role], Meta(min_length=1)]
    description: Text


class MappingTable(Item, frozen=True, kw_only=True):
    """A mapping table (tables 1-3 and 5): questions to discuss and the actors to engage."""

    title: Text
    target_group: Text
    focus: Text
    forms: SomeSlugs
    questions: Annotated[list[Text], Meta(min_length=1)]
    actors: SomeSlugs


class Regime(Item, frozen=True, kw_only=True):
    """How a country identifies victims and organises support, as the seed describes it."""

    country: Literal["SE", "NO", "PL", "LV", "FI"]
    name: Text
    formal_status: bool
    formal_identifiers: Slugs = []
    potential_identifiers: SomeSlugs
    support_providers: SomeSlugs
    identification: Text
    support_system: Text


class SupportPhase(Item, frozen=True, kw_only=True):
    """Acute or long-term support, with its usual duration."""

    label: Text
    description: Text
    duration_weeks: tuple[int, int] | None = None
    extendable: bool = False


class SupportType(Item, frozen=True, kw_only=True):
    """A type of support (hotlines, crisis, long-term, return and reintegration) and its items."""

    label: Text
    phase: Slug
    items: Annotated[list[Point], Meta(min_length=1)]


class CountrySupportRow(Item, frozen=True, kw_only=True):
    """A row of the origin- versus destination-country support table."""

    origin: Text | None = None
    destination: Text | None = None

    def __post_init__(self) -> None:
        if self.origin is None and self.destination is None:
            raise ValueError("a row needs an origin or a destination text")


class PreventionMeasure(Item, frozen=True, kw_only=True):
    """A preventive measure of chapter 6 (awareness, outreach, procurement, partnerships...)."""

    label: Text
    summary: Text
    key_points: list[Text] = []
    actors: Slugs = []


class GoodPractice(Item, frozen=True, kw_only=True):
    """A good-practice example from the seed and what it teaches a municipality."""

    name: Text
    country: Annotated[str, Meta(pattern="^[A-Z]{2}$")]
    period: str | None = None
    summary: Text
    lesson: Text
    actors: Slugs = []
    forms: Slugs = []


class MunicipalityAction(Item, frozen=True, kw_only=True):
    """One of the actions each chapter says municipalities should take."""

    theme: Literal["mapping", "identification", "support", "prevention"]
    text: Text


class SummaryRow(Item, frozen=True, kw_only=True):
    """A row of the closing summary table: purpose, actions, who."""

    theme: Literal["mapping", "identification", "support", "prevention"]
    purpose: Text
    actions: Annotated[list[Text], Meta(min_length=1)]
    who: SomeSlugs




class AlsoAccepted(Model, frozen=True, kw_only=True):
    """A further principle a situation also fits; `text` is the feedback a learner who names it gets."""

    principle: Slug
    text: Text


class Situation(Item, frozen=True, kw_only=True):
    """A situation for the principles quiz: it follows or breaches one principle (and may also fit others)."""

    text: Text
    principle: Slug
    relation: Literal["follows", "breaches"]
    explanation: Text
    also_accepted: list[AlsoAccepted] = []

    def __post_init__(self) -> None:
        if any(other.principle == self.principle for other in self.also_accepted):
            raise ValueError(f"also_accepted repeats the situation's own principle {self.principle!r}")
