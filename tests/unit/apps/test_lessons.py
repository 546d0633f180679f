"""The chapter lessons teach what the chapter's app and graded exercise ask, in both languages.

What each app offers is read from the apps' own sources of options (the knowledge base for the
quiz and the classifier, the referral chain for the planner, the mapping catalogue and shipped
municipalities for the simulator) and from the ids the course assignments name in their prompts.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from kit.apps.lesson import lesson_html
from kit.apps.lesson_topics import chapter_topic

ROOT = Path(__file__).resolve().parents[3]
LANGS = ("sv", "en")
CHAPTERS = range(1, 7)


@pytest.fixture(scope="module")
def lessons():
    return {(chapter, lang): lesson_html(chapter, lang) for chapter in CHAPTERS for lang in LANGS}


def shown(page: str, text: str) -> bool:
    return html.escape(text, quote=False) in page


def item_shown(page: str, kind: str, item_id: str) -> bool:
    return f'data-kit-item="{kind}:{item_id}"' in page


# --- what each app offers, from the app's own sources ------------------------------------------------

def quiz_options(kb):
    """The principles quiz offers every principle (kit/apps/quiz.py: kb.principles)."""
    return [("principles", p.id, p.name) for p in kb.principles]


def classifier_options(kb):
    """The classifier offers every act and means, every form, every indicator and every actor
    (kit/apps/classifier.py: the checklists of its steps)."""
    return ([("palermo_terms", t.id, t.label) for t in kb.palermo_terms]
            + [("forms", f.id, f.label) for f in kb.forms]
            + [("indicators", i.id, i.question) for i in kb.indicators]
            + [("actors", a.id, a.name) for a in kb.actors])


def planner_options(kb):
    """The planner offers the chain's steps and services, the five regimes and every actor
    (kit/apps/planner_steps.py, kit/apps/planner.py); its services rest on the support types."""
    from kit.content.models import Text
    from kit.nrm.chain import load_chain

    chain = load_chain()
    return ([("chain_steps", s.id, s.label) for s in chain.steps]
            + [("chain_services", sid, Text(sv=s.sv, en=s.en)) for sid, s in chain.services.items()]
            + [("regimes", r.id, r.name) for r in kb.regimes]
            + [("support_types", t.id, t.label) for t in kb.support_types]
            + [("actors", a.id, a.name) for a in kb.actors])


def mapping_options(kb):
    """The simulator offers the catalogue's risk groups and measures, the place types of table 4,
    the support services and the actors of the shipped municipalities (kit/apps/mapping_*.py)."""
    from kit.content.models import Text
    from kit.mapping import catalogue, load_profile, shipped_profiles
    from kit.mapping.vocabulary import SERVICES

    cat = catalogue()
    actors = {actor for profile in shipped_profiles() for actor in load_profile(profile).actors}
    return ([("risk_groups", g.id, g.label) for g in cat.risk_groups.values()]
            + [("measures", m.id, m.label) for m in cat.measures.values()]
            + [("places", p.id, p.label) for p in kb.places]
            + [("mapping_services", s, Text(sv=kb.ui(f"mapping.service.{s}", "sv"), en=kb.ui(f"mapping.service.{s}", "en")))
               for s in SERVICES]
            + [("actors", a, kb.get("actors", a).name) for a in sorted(actors)])


APP_OPTIONS = {1: quiz_options, 2: classifier_options, 3: mapping_options, 4: classifier_options,
               5: planner_options, 6: mapping_options}


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_option_the_chapters_app_offers_is_in_its_lesson_in_both_languages(kb, lessons, chapter):
    options = APP_OPTIONS[chapter](kb)
    assert options
    missing = [f"{lang}: {kind}:{item_id} {label.get(lang)!r}" for kind, item_id, label in options for lang in LANGS
               if not (item_shown(lessons[chapter, lang], kind, item_id) and shown(lessons[chapter, lang], label.get(lang)))]
    assert not missing, f"chapter {chapter} lesson lacks {len(missing)} options:\n" + "\n".join(missing[:20])


def assignment_ids(kb, chapter):
    """(kind, id) of every item the chapter's assignment names in backticks in its prompts."""
    import yaml

    from kit.mapping import catalogue
    from kit.nrm.chain import load_chain

    known = {kind: set(kb.ids(kind)) for kind in ("principles", "palermo_terms", "forms", "indicators", "actors")}
    known["chain_steps"] = {step.id for step in load_chain().steps}
    known["measures"] = set(catalogue().measures)
    source = ROOT / "kit" / "course" / "data" / "assignments.yaml"
    assignment = next(a for a in yaml.safe_load(source.read_text(encoding="utf-8"))["assignments"] if a["chapter"] == chapter)
    prompts = " ".join(part["prompt"][lang] for part in assignment["parts"] for lang in LANGS)
    tokens = set(re.findall(r"`([a-z][a-z0-9_]*)`", prompts))
    return [(kind, token) for token in sorted(tokens) for kind, ids in known.items() if token in ids]


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_item_the_chapters_assignment_names_is_in_its_lesson(kb, lessons, chapter):
    named = assignment_ids(kb, chapter)
    for kind, item_id in named:
        for lang in LANGS:
            assert item_shown(lessons[chapter, lang], kind, item_id), f"chapter {chapter} ({lang}) lesson lacks {kind}:{item_id}"


def test_the_assignments_name_items_the_lessons_must_show():
    """The parsing above is not vacuous: chapter 2 names acts and means, chapter 5 chain steps."""
    from kit.content import load

    kb = load()
    assert {("palermo_terms", "recruitment"), ("palermo_terms", "payments_to_controller"), ("forms", "forced_begging")} \
        <= set(assignment_ids(kb, 2))
    assert {("chain_steps", "reasonable_grounds"), ("chain_steps", "long_term_support")} <= set(assignment_ids(kb, 5))


def test_chapter_two_shows_all_eight_forms_and_the_palermo_protocol(kb, lessons):
    for lang in LANGS:
        page = lessons[2, lang]
        assert all(item_shown(page, "forms", form) for form in kb.ids("forms"))
        assert item_shown(page, "instruments", "palermo_protocol")


def test_chapter_four_teaches_identification_as_a_process_and_an_overall_assessment(kb, lessons):
    for lang in LANGS:
        page = lessons[4, lang]
        for fact in ("process_not_event", "holistic_assessment", "two_phase_identification"):
            assert item_shown(page, "identification_facts", fact)
            assert shown(page, kb.get("identification_facts", fact).text.get(lang))
        for setting in kb.warning_settings:  # table 8 and its signs
            assert all(shown(page, sign.text.get(lang)) for sign in setting.signs)


def test_each_entry_shows_its_rule_and_its_lists_not_only_an_explanation(kb, lessons):
    for lang in LANGS:
        for rule in kb.legal_rules:
            pages = [lessons[c, lang] for c in CHAPTERS if item_shown(lessons[c, lang], "legal_rules", rule.id)]
            assert pages, f"legal rule {rule.id} is in no lesson"
            assert all(shown(page, rule.rule.get(lang)) and shown(page, rule.explanation.get(lang)) for page in pages)
        page = lessons[5, lang]
        for support_type in kb.support_types:  # the entitlements themselves, not only the heading
            assert all(shown(page, point.text.get(lang)) for point in support_type.items)
        for principle in kb.principles:
            assert all(shown(lessons[1, lang], point.get(lang)) for point in principle.key_points)
        for instrument in kb.instruments:
            assert all(shown(lessons[2, lang], point.text.get(lang)) for point in instrument.key_points)


def test_the_activity_stays_on_the_first_screen_and_each_kind_is_folded(lessons):
    for (chapter, _lang), page in lessons.items():
        more = page.index('<details class="kit-lesson-more">')
        assert page.index("<h1>") < more and page.index("<p>") < more  # title and summary before the fold
        assert page.rstrip().endswith("</details></div>")
        assert page.count('<details class="kit-lesson-kind"') == len([s for s in chapter_topic(chapter, _kb()).sections if s.entries])
        assert page.count("<details") == page.count("</details>")
        assert page.count("<li") == page.count("</li>")


def test_every_entry_in_a_lesson_keeps_its_seed_reference(lessons):
    kb = _kb()
    for chapter in CHAPTERS:
        for section in chapter_topic(chapter, kb).sections:
            for entry in section.entries:
                if section.kind == "chain_services":
                    continue  # the kit's service list: its section note names the support types it sums up
                ref = getattr(entry, "ref", None)
                assert ref is not None, f"{section.kind}:{entry.id} has no seed reference"
                for lang in LANGS:
                    assert shown(lessons[chapter, lang], ref.label(lang))


def test_since_the_guidelines_notes_are_shown_with_their_source_where_the_item_is(lessons):
    kb = _kb()
    noted = 0
    for chapter in CHAPTERS:
        for section in chapter_topic(chapter, kb).sections:
            for entry in section.entries:
                for note in getattr(entry, "since", None) or []:
                    noted += 1
                    for lang in LANGS:
                        page = lessons[chapter, lang]
                        assert shown(page, note.text.get(lang)) and shown(page, note.source.get(lang))
                        assert shown(page, kb.ui("lesson.since", lang, year=note.year))
    assert noted >= 5
    for lang in LANGS:  # the two changes a learner must meet: Sweden's coordinator, the 2024 directive
        assert "2024/1712" in lessons[2, lang] and "Jämställdhetsmyndigheten" in lessons[4, lang]
        assert "Jämställdhetsmyndigheten" in lessons[5, lang]


def test_lessons_with_national_facts_say_they_date_from_2016(lessons):
    kb = _kb()
    for chapter in (2, 4, 5):
        for lang in LANGS:
            assert shown(lessons[chapter, lang], kb.ui("lesson.dated", lang))
            assert shown(lessons[chapter, lang], kb.ui("lesson.note.national_facts", lang)) or chapter == 2


def _kb():
    from kit.content import load

    return load()
