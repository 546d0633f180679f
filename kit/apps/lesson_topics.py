"""What each chapter's lesson teaches: chosen by topic, that is by what the chapter's app and
graded exercise ask, not by the chapter the guidelines happen to mention an item in.

Chapter 1 ends in the principles quiz (all ten principles), chapters 2 and 4 in the case
classifier (acts, means, forms, indicators, first contacts), chapter 5 in the referral planner
(chain steps, services, support types, regimes, actors), chapters 3 and 6 in the mapping simulator
(risk groups, places, actors, services, measures). A lesson is a list of sections; a section is a
heading, its entries (content items, chain steps, mapping catalogue items) and, for long lists,
the sub-groups they are shown in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import kit.mapping
from kit.content.knowledge_base import KnowledgeBase
from kit.content.models import Model, Ref, Slug, Text
from kit.mapping.vocabulary import SERVICES, service_ref
from kit.nrm.chain import load_chain

# The order a municipal worker looks for actors and indicators in (the classifier's order).
SECTOR_ORDER = ("municipal", "state", "civil_society", "private", "international", "public")
INDICATOR_ORDER = ("general", "sexual_exploitation", "labour_exploitation", "forced_begging_criminality", "further_signs")


class LessonEntry(Model, frozen=True, kw_only=True):
    """An entry of a lesson that is not a knowledge-base item (a service offered by an app)."""

    id: Slug
    label: Text
    detail: Text | None = None
    ref: Ref | None = None


@dataclass(frozen=True)
class Section:
    """A heading (`lesson.kind.<key>`), the entries under it and how they are grouped.

    `groups` maps a group key (shown with `group_label`) to its entries, in order; a section
    without groups has one unnamed group. `note` is a UI key shown above the entries."""

    key: str
    kind: str  # what the entries are: a knowledge-base kind, "chain_steps", "risk_groups", ...
    groups: dict[str | None, list[Any]]
    note: str | None = None
    group_label: Callable[[KnowledgeBase, str, str], str] | None = None

    @property
    def entries(self) -> list[Any]:
        return [entry for entries in self.groups.values() for entry in entries]


@dataclass(frozen=True)
class Topic:
    """A chapter's sections, and whether it shows national facts that date from 2016."""

    sections: list[Section] = field(default_factory=list)
    national_facts: bool = False


def chapter_topic(chapter: int, kb: KnowledgeBase) -> Topic:
    """The sections of `chapter`'s lesson (1-6); an unknown chapter has none."""
    builders: dict[int, Callable[[KnowledgeBase], Topic]] = {
        1: _principles_quiz, 2: _what_is_trafficking, 3: _local_mapping, 4: _identification,
        5: _assisting_victims, 6: _prevention,
    }
    builder = builders.get(chapter)
    return builder(kb) if builder else Topic()


# --- chapters --------------------------------------------------------------------------------------

def _principles_quiz(kb: KnowledgeBase) -> Topic:
    return Topic([
        _section("core_principles", "principles", [p for p in kb.principles if p.group == "core"]),
        _section("support_principles", "principles", [p for p in kb.principles if p.group == "support"]),
    ])


def _what_is_trafficking(kb: KnowledgeBase) -> Topic:
    return Topic([
        _section("palermo_elements", "palermo_elements", kb.items("palermo_elements")),
        *_palermo_terms(kb),
        _section("legal_rules", "legal_rules", kb.items("legal_rules")),
        _section("instruments", "instruments", kb.items("instruments")),
        _section("forms", "forms", kb.items("forms")),
        _indicators(kb),
        _actors(kb, kb.actors, note="lesson.note.first_contacts"),
    ], national_facts=True)


def _identification(kb: KnowledgeBase) -> Topic:
    return Topic([
        _section("identification_facts", "identification_facts", kb.items("identification_facts")),
        _section("vulnerability_factors", "vulnerability_factors", kb.items("vulnerability_factors")),
        _section("self_identification_barriers", "self_identification_barriers", kb.items("self_identification_barriers")),
        _section("early_identification_reasons", "early_identification_reasons", kb.items("early_identification_reasons")),
        _indicators(kb),
        _section("warning_settings", "warning_settings", kb.items("warning_settings")),
        _section("palermo_elements", "palermo_elements", kb.items("palermo_elements")),
        *_palermo_terms(kb),
        _section("forms", "forms", kb.items("forms")),
        _section("legal_rules", "legal_rules", [kb.get("legal_rules", rule) for rule in (
            "minor_no_means_required", "consent_irrelevant_when_means_used", "victims_identified_not_treated_as_offenders",
            "non_punishment")]),
        _section("suspicion_steps", "suspicion_steps", kb.items("suspicion_steps")),
        _section("regimes", "regimes", kb.items("regimes"), note="lesson.note.national_facts"),
        _actors(kb, kb.actors, note="lesson.note.first_contacts"),
        _section("good_practices", "good_practices", [g for g in kb.good_practices if g.ref.chapter == 4]),
        _section("municipality_actions", "municipality_actions", _actions(kb, "identification")),
    ], national_facts=True)


def _assisting_victims(kb: KnowledgeBase) -> Topic:
    chain = load_chain()
    concerns = {concern.id: concern for concern in kb.items("victim_concerns")}
    services = [LessonEntry(id=service_id, label=Text(sv=service.sv, en=service.en),
                            detail=_concerns_text(kb, [concerns[c] for c in service.concerns]) if service.concerns else None)
                for service_id, service in chain.services.items()]
    return Topic([
        _section("plan_principles", "principles", [kb.get("principles", "unconditional_support")]
                 + [p for p in kb.principles if p.group == "support"]),
        _section("chain_steps", "chain_steps", sorted(chain.steps, key=lambda step: step.order), note="lesson.note.chain_steps"),
        _section("support_phases", "support_phases", kb.items("support_phases")),
        _section("support_types", "support_types", kb.items("support_types")),
        _section("services", "chain_services", services, note="lesson.note.services"),
        _section("country_support", "country_support", kb.items("country_support")),
        _section("victim_concerns", "victim_concerns", kb.items("victim_concerns")),
        _section("legal_rules", "legal_rules", [kb.get("legal_rules", rule) for rule in (
            "unconditional_support", "reflection_period", "right_to_assistance", "right_to_compensation",
            "privacy_and_safety_in_proceedings", "minor_no_means_required")]),
        _section("regimes", "regimes", kb.items("regimes"), note="lesson.note.national_facts"),
        _actors(kb, kb.actors, note="lesson.note.plan_actors"),
        _section("municipality_actions", "municipality_actions", _actions(kb, "support")),
    ], national_facts=True)


def _local_mapping(kb: KnowledgeBase) -> Topic:
    cat = kit.mapping.catalogue()
    return Topic([
        _section("mapping_guidance", "mapping_guidance", kb.items("mapping_guidance")),
        _section("mapping_tables", "mapping_tables", kb.items("mapping_tables")),
        _section("risk_groups", "risk_groups", list(cat.risk_groups.values())),
        _section("places", "places", kb.items("places")),
        _mapping_services(kb),
        _actors(kb, _mapping_actors(kb, cat), note="lesson.note.mapping_actors"),
        _section("measures", "measures", list(cat.measures.values()), note="lesson.note.measures"),
        _section("municipality_actions", "municipality_actions", _actions(kb, "mapping")),
    ], national_facts=True)


def _prevention(kb: KnowledgeBase) -> Topic:
    cat = kit.mapping.catalogue()
    cited = {ref.partition(":")[2] for measure in cat.measures.values() for ref in measure.knowledge
             if ref.startswith("good_practices:")}
    return Topic([
        _section("root_causes", "root_causes", kb.items("root_causes")),
        _section("prevention_measures", "prevention_measures", kb.items("prevention_measures")),
        _section("procurement_clauses", "procurement_clauses", kb.items("procurement_clauses")),
        _section("measures", "measures", list(cat.measures.values()), note="lesson.note.measures"),
        _section("risk_groups", "risk_groups", list(cat.risk_groups.values())),
        _section("places", "places", kb.items("places")),
        _mapping_services(kb),
        _actors(kb, _mapping_actors(kb, cat), note="lesson.note.mapping_actors"),
        _section("good_practices", "good_practices", [g for g in kb.good_practices if g.ref.chapter == 6 or g.id in cited]),
        _section("municipality_actions", "municipality_actions", _actions(kb, "prevention")),
        _section("summary_table", "summary_table", kb.items("summary_table")),
    ], national_facts=True)


# --- building blocks -------------------------------------------------------------------------------

def _section(key: str, kind: str, entries: Sequence[Any], note: str | None = None) -> Section:
    return Section(key, kind, {None: list(entries)}, note)


def _palermo_terms(kb: KnowledgeBase) -> list[Section]:
    return [_section(f"palermo_{element}", "palermo_terms", [t for t in kb.palermo_terms if t.element == element])
            for element in ("act", "means")]


def _indicators(kb: KnowledgeBase) -> Section:
    present = {indicator.group for indicator in kb.indicators}
    order = [g for g in INDICATOR_ORDER if g in present] + sorted(present - set(INDICATOR_ORDER))
    groups: dict[str | None, list[Any]] = {g: [i for i in kb.indicators if i.group == g] for g in order}
    return Section("indicators", "indicators", groups, "lesson.note.indicators", _group_label)


def _actors(kb: KnowledgeBase, actors: Sequence[Any], note: str) -> Section:
    present = {actor.sector for actor in actors}
    order = [s for s in SECTOR_ORDER if s in present] + sorted(present - set(SECTOR_ORDER))
    groups: dict[str | None, list[Any]] = {s: [a for a in actors if a.sector == s] for s in order}
    return Section("actors", "actors", groups, note, _group_label)


def _group_label(kb: KnowledgeBase, group: str, lang: str) -> str:
    """The name of an indicator or actor group, as the classifier shows it."""
    key = f"classifier.group.{group}"
    return kb.ui(key, lang) if key in kb.ui_strings else kb.ui(f"value.{group}", lang).capitalize()


def _actions(kb: KnowledgeBase, theme: str) -> list[Any]:
    return [action for action in kb.municipality_actions if action.theme == theme]


def _mapping_actors(kb: KnowledgeBase, cat: Any) -> list[Any]:
    """Every actor a shipped municipality offers in the mapping, and those its tables name."""
    wanted = {actor for profile in kit.mapping.shipped_profiles() for actor in kit.mapping.load_profile(profile).actors}
    wanted |= {actor for actors in cat.expected.values() for actor in actors}
    return [actor for actor in kb.actors if actor.id in wanted]


def _mapping_services(kb: KnowledgeBase) -> Section:
    """The support services a municipality has or lacks in the mapping, each with the item it comes from."""
    entries = [LessonEntry(id=service, label=Text(sv=kb.ui(f"mapping.service.{service}", "sv"), en=kb.ui(f"mapping.service.{service}", "en")),
                           ref=service_ref(service))
               for service in SERVICES]
    return _section("services", "mapping_services", entries, note="lesson.note.mapping_services")


def _concerns_text(kb: KnowledgeBase, concerns: list[Any]) -> Text:
    labels = {lang: ", ".join(concern.label.get(lang).lower() for concern in concerns) for lang in ("sv", "en")}
    return Text(sv=kb.ui("lesson.answers_concerns", "sv", concerns=labels["sv"]),
                en=kb.ui("lesson.answers_concerns", "en", concerns=labels["en"]))
