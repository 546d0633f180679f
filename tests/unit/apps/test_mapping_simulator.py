"""The mapping simulator without a browser: labels instead of ids in every language and profile,
plans that come back on reopening without false errors, one plan per chapter, results that follow
the language switch, and no score without a pseudonym."""

from __future__ import annotations

import html
import re

import msgspec
import pytest

RAW = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b|\bNaN\b|\bnan\b|\bNone\b|\(none\)|<NA>|\bnull\b")
SITE_ID = re.compile(r"\b[pwv]\d{1,5}\b")  # place, workplace and service ids of a generated municipality


@pytest.fixture
def db(tmp_path):
    return f"sqlite:///{tmp_path / 'answers.sqlite'}"


def simulator(db, **options):
    from kit.apps.mapping_simulator import MappingSimulator

    options.setdefault("profile", "inland_town")
    options.setdefault("seed", 1)
    return MappingSimulator(db_url=db, **options)


def fill_model_plan(sim) -> dict:
    """Enter the expert plan through the app's own inputs; the plan as entered."""
    from kit.mapping import model_plan

    plan = msgspec.to_builtins(model_plan(sim.municipality))
    for finding in plan["groups"]:
        sim.group_rows[finding["group"]].present.value = True
        sim.group_rows[finding["group"]].evidence.value = ", ".join(map(str, finding["evidence"]))
    for group, actors in plan["actors"].items():
        sim.group_rows[group].actors.value = actors
    sim.places.value = plan["places"]
    sim.resources.value, sim.gaps.value = plan["resources"], plan["gaps"]
    for action in plan["actions"]:
        sim.add_measure(action)
    return sim.plan_dict()


def texts(widget) -> list[str]:
    """Every text a person can see or hear in `widget` and below: HTML text and alt/aria labels,
    descriptions, placeholders, tooltips and every option label."""
    found: list[str] = []
    for name in ("description", "placeholder", "tooltip"):
        value = getattr(widget, name, None)
        if isinstance(value, str) and value:
            found.append(value)
    value = getattr(widget, "value", None)
    if type(widget).__name__ in ("HTML", "HTMLMath", "Label") and value:
        found += re.findall(r'(?:alt|aria-label|title|data-label)="([^"]*)"', value)
        found.append(html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r'src="data:[^"]*"', "", value))))
    found += [str(label) for label in getattr(widget, "_options_labels", ())]
    for child in getattr(widget, "children", ()):
        found += texts(child)
    return found


def raw_values(sim) -> list[str]:
    return sorted({m.group(0) for text in texts(sim.widget) for m in (*RAW.finditer(text), *SITE_ID.finditer(text))})


def test_the_expert_plan_entered_by_label_scores_fully_and_follows_the_language(db):
    sim = simulator(db, lang="en", participant="Ada")
    plan = fill_model_plan(sim)
    result = sim.score()
    assert result.total == 1.0
    assert sim.result_heading.value == "Feedback on the plan" and "✓" in sim.result.value and "Saved" in sim.save_line.value
    sim.run_year()
    assert "<img" in sim.year.value and 'alt="' in sim.year.value and sim.year_heading.value == "A year with and without your plan"
    sim.shell.set_language("sv")
    # results already on screen are drawn again in the new language, the choices stay
    assert sim.result_heading.value == "Återkoppling på planen" and "Poäng" in sim.result.value and "Score" not in sim.result.value
    assert sim.year_heading.value == "Ett år med och utan din plan"
    assert "Din plan" in sim.year.value and "Your plan" not in sim.year.value
    assert "Sparat" in sim.save_line.value and "Kartlägg kommunen" in sim.title.value
    assert sim.plan_dict() == plan


def test_actor_and_support_choices_switch_language_and_keep_what_was_chosen(db, kb):
    sim = simulator(db, lang="sv")
    row = sim.group_rows["foreign_workers_construction"]
    row.actors.value = ["local_police", "labour_inspectorate"]
    sim.gaps.value = ["crisis_legal_aid"]
    sv_police = kb.get("actors", "local_police").name.sv
    assert sv_police in row.actors._list.options[0][0] or any(sv_police in b.description for b in row.actors._chips.children)
    sim.shell.set_language("en")
    en_police, en_inspect = (kb.get("actors", a).name.en for a in ("local_police", "labour_inspectorate"))
    assert {chip.description for chip in row.actors._chips.children} == {en_police, en_inspect}
    assert all(label != kb.get("actors", value).name.sv or label == kb.get("actors", value).name.en
               for label, value in row.actors._list.options[1:])
    assert row.actors.value == ["local_police", "labour_inspectorate"] and sim.gaps.value == ["crisis_legal_aid"]
    assert sim.gaps._boxes["crisis_legal_aid"].description == kb.ui("mapping.service.crisis_legal_aid", "en")
    assert sim.gaps._boxes["crisis_legal_aid"].value is True


def test_a_saved_plan_with_resources_gaps_and_measures_comes_back_without_an_error(db):
    first = simulator(db, lang="sv", participant="Lina")
    plan = fill_model_plan(first)
    assert first.score().total == 1.0
    again = simulator(db, lang="sv", participant="lina ")  # phones capitalise; pseudonyms are folded
    status = again.shell.status.value
    assert "Välkommen tillbaka" in status and "gick fel" not in status and "kit-message-problem" not in status
    assert again.plan_dict() == plan
    assert again.resources.value and again.gaps.value and len(again.actions) == len(plan["actions"])
    assert again.result_heading.value == "Återkoppling på planen" and "Poäng" in again.result.value  # its feedback too


def test_a_stored_plan_naming_what_is_no_longer_offered_comes_back_without_it(db):
    from kit.store import open_store, pseudonym_key

    store = open_store(db)
    store.record(pseudonym_key("Kim"), "mapping_simulator", "inland_town:1", {
        "groups": [{"group": "no_such_group", "evidence": [1]}, {"group": "asylum_seekers", "evidence": [3, 13]}],
        "places": ["p01", "nowhere", "w999999"], "actors": {"asylum_seekers": ["migration_agency_x", "social_services"]},
        "resources": ["interpretation", "teleportation"], "gaps": ["crisis_legal_aid", 7],
        "actions": [{"measure": "no_such_measure"}, {"measure": "outreach", "targets": ["p01", "p404"], "count": 2},
                    "not even a dict"],
    }, score=0.1, lang="sv")
    sim = simulator(db, lang="en", participant="Kim")
    assert "went wrong" not in sim.shell.status.value
    assert sim.plan_dict() == {
        "groups": [{"group": "asylum_seekers", "evidence": [3, 13]}], "places": ["p01"],
        "actors": {"asylum_seekers": ["social_services"]}, "resources": ["interpretation"], "gaps": ["crisis_legal_aid"],
        "actions": [{"measure": "outreach", "targets": ["p01"], "count": 2}],
    }


def test_chapters_3_and_6_keep_their_own_plans(db):
    three = simulator(db, lang="en", participant="Ola", chapter=3)
    three.resources.value = ["interpretation"]
    three.score()
    six = simulator(db, lang="en", participant="Ola", chapter=6)
    assert six.resources.value == [] and six.result.value == ""  # chapter 6 does not open with chapter 3's plan
    assert six.result_heading.layout.display == "none" and "prevention action plan" in six.title.value
    six.gaps.value = ["crisis_legal_aid"]
    six.add_measure({"measure": "public_awareness"})
    six.score()
    assert simulator(db, participant="Ola", chapter=3).plan_dict()["gaps"] == []
    reopened = simulator(db, participant="Ola", chapter=6)
    assert reopened.gaps.value == ["crisis_legal_aid"] and reopened.resources.value == []
    assert [row.measure.value for row in reopened.actions] == ["public_awareness"]


def test_no_score_without_a_pseudonym_and_bad_evidence_is_explained_beside_the_button(db):
    sim = simulator(db, lang="en")
    assert sim.score() is None and sim.result.value == ""
    assert "pseudonym" in sim.save_line.value and "kit-message-problem" in sim.save_line.value
    sim.shell.pseudonym.value = "Noor"
    row = sim.group_rows["asylum_seekers"]
    row.present.value, row.evidence.value = True, "twelve, 3"
    assert sim.score() is None and sim.result.value == ""
    assert "signal numbers" in sim.problem.value and "Asylum" in sim.problem.value
    assert "Traceback" not in sim.problem.value and row.evidence.value == "twelve, 3"  # nothing lost
    sim.shell.set_language("sv")
    assert "signalnummer" in sim.problem.value  # the message follows the language too
    row.evidence.value = "3, 13"
    assert sim.score() is not None and sim.problem.value == ""


def test_places_are_found_by_the_words_a_person_reads(db):
    sim = simulator(db, lang="sv")
    picker = sim.places
    assert picker._mode == "search"
    picker._search.value = "centrum"
    found = [button.description for button in picker._found.children]
    assert found and all("centrum" in label.casefold() for label in found)
    assert all(label.endswith(", Centrum") for label in found[:4])  # whole words first: the district, then "Köpcentrum"
    picker._found.children[0].click()
    assert len(picker.value) == 1 and picker._chips.children[0].description.startswith("1. ")
    picker._search.value = "Ingenstans"
    assert not picker._found.children and "Inget alternativ matchar ”Ingenstans”" in picker._message.value
    picker._search.value = "asen bygg"  # accents and case do not matter: "Åsen", "Bygg"
    assert picker._found.children and all("Åsen" in b.description and "Bygg" in b.description for b in picker._found.children)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_no_raw_id_or_machine_value_is_shown_for_any_profile(db, lang):
    from kit.apps.mapping_simulator import TABLES
    from kit.mapping import model_plan, shipped_profiles

    sim = simulator(db, lang=lang, participant="Eve")
    for profile in shipped_profiles():
        sim.profile.value = profile
        plan = msgspec.to_builtins(model_plan(sim.municipality))
        for group, actors in plan["actors"].items():
            sim.group_rows[group].actors.value = actors
        for finding in plan["groups"]:
            sim.group_rows[finding["group"]].present.value = True
        sim.places.value = plan["places"]
        sim.places._search.value = "1"
        for kind_measure in sim.catalogue.measures:
            sim.add_measure({"measure": kind_measure})
        sim.actions[-1].targets.value = [value for _, value in sim.actions[-1].targets.options[:2]]
        for row in sim.actions:
            if row.targets._search is not None:
                row.targets._search.value = "a"
        sim.score()
        sim.run_year()
        for table in TABLES:
            sim.table.value = table
            assert raw_values(sim) == [], (profile, table)
        other = "en" if lang == "sv" else "sv"
        sim.shell.set_language(other)
        assert raw_values(sim) == [], (profile, other)
        sim.shell.set_language(lang)
        pickers = [sim.places, sim.resources, sim.gaps, *(r.actors for r in sim.group_rows.values()), *(r.targets for r in sim.actions)]
        for picker in pickers:
            assert all(label != value for label, value in picker.options), picker.title


def test_money_and_numbers_follow_the_language(db):
    sim = simulator(db, lang="sv")
    assert "60\u202f000 euro" in sim.budget.value and "60,000" not in sim.budget.value
    sim.shell.set_language("en")
    assert "EUR 60,000" in sim.budget.value
    sim.add_measure({"measure": "public_awareness"})
    assert "EUR" in sim.actions[0].about.value
