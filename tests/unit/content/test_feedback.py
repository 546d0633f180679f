"""kit.content.feedback: one Feedback type for cases, mapping and nrm findings, worded in either language from Text."""

from __future__ import annotations

import pytest

from kit.content import load
from kit.content.feedback import Feedback, ui_text
from kit.content.models import Text


def test_a_text_value_takes_the_side_of_the_language_asked_for():
    values = (("element", Text(sv="Handling", en="Act")), ("item", Text(sv="rekrytering", en="recruitment")))
    item = Feedback("element", "missed", "act", "feedback.missed", values)
    kb = load()
    assert item.message("sv") == kb.ui("feedback.missed", "sv", element="Handling", item="rekrytering")
    assert item.message("en") == kb.ui("feedback.missed", "en", element="Act", item="recruitment")
    assert item.message("sv") != item.message("en")


def test_a_fixed_text_is_shown_as_it_is():
    item = Feedback("misconception", "consent", None, "", fixed=Text(sv="på svenska", en="in English"))
    assert (item.message("sv"), item.message("en")) == ("på svenska", "in English")


def test_an_unknown_language_is_refused_not_guessed():
    fixed = Feedback("misconception", "consent", None, "", fixed=Text(sv="på svenska", en="in English"))
    filled = Feedback("element", "missed", "act", "feedback.missed", (("element", Text(sv="Handling", en="Act")), ("item", "x")))
    for item in (fixed, filled):
        with pytest.raises(ValueError, match="unknown language"):
            item.message("de")


def test_a_ui_string_in_both_languages_is_one_text():
    kb = load()
    text = ui_text("feedback.missed", element=Text(sv="Handling", en="Act"), item="x")
    assert text == Text(sv=kb.ui("feedback.missed", "sv", element="Handling", item="x"),
                        en=kb.ui("feedback.missed", "en", element="Act", item="x"))


def test_cases_mapping_and_nrm_give_the_same_kind_of_feedback():
    from kit.cases.scoring import Feedback as CaseFeedback
    from kit.mapping.feedback_wording import note
    from kit.nrm.rules import RULES, Finding

    assert CaseFeedback is Feedback
    assert type(note("input", "unknown_id", "actors", "mapping.feedback.unknown_id", section="x", item="y")) is Feedback
    rule = next(iter(RULES))
    finding = Finding(rule, RULES[rule][0], 0, (("condition", "testimony"),))
    assert isinstance(finding, Feedback)
    assert (finding.rule, finding.severity, finding.step) == (rule, RULES[rule][0], 0)
    assert finding.ref is RULES[rule][1]
    assert finding.message("sv", source=False) in finding.message("sv")
    assert finding.message("en").endswith(f"({finding.ref.label('en')})")


def test_feedback_is_a_frozen_value():
    item = Feedback("verdict", "verdict_right", None, "feedback.verdict_right")
    with pytest.raises(AttributeError):
        item.code = "other"  # type: ignore[misc]
