"""The principles quiz: overlapping principles are accepted with feedback, never silently.

The human-rights-based approach (chapter 1) and the protection of human rights in support
(chapter 5) overlap; so do both and non-discrimination. A situation that fits more than one
accepts each with feedback naming the closer principle; every other answer is scored as before.
"""

from __future__ import annotations

import pytest

from kit.nrm.principles_quiz import accepted_principles, score_situation

HUMAN_RIGHTS_PAIR = ("human_rights_based", "support_human_rights")


def test_the_two_human_rights_principles_are_told_apart_by_name(kb):
    core, support = (kb.get("principles", pid) for pid in HUMAN_RIGHTS_PAIR)
    for lang in ("sv", "en"):
        assert core.name.get(lang) != support.name.get(lang)
    assert support.name.sv.endswith("i stödet") and support.name.en.endswith("in support")
    assert any("kapitel 1" in point.sv for point in support.key_points)  # says what it applies


def test_a_situation_keyed_to_one_human_rights_principle_in_support_accepts_the_other(kb):
    for situation in kb.situations:
        if situation.principle in HUMAN_RIGHTS_PAIR and situation.ref.chapter == 5:
            other = next(p for p in HUMAN_RIGHTS_PAIR if p != situation.principle)
            assert other in accepted_principles(situation), situation.id


def test_less_help_for_non_eu_accepts_both_human_rights_principles_with_feedback(kb):
    situation = kb.get("situations", "less_help_for_non_eu")
    assert accepted_principles(situation) == ("non_discrimination", *HUMAN_RIGHTS_PAIR)
    keyed = score_situation(situation.id, "non_discrimination", "breaches")
    assert keyed.score == 1 and keyed.accepted_alternative is None and keyed.explanation == situation.explanation
    for principle in HUMAN_RIGHTS_PAIR:
        result = score_situation(situation.id, principle, "breaches")
        assert result.score == 1 and result.principle_correct and result.accepted_alternative == principle
        closer = kb.get("principles", "non_discrimination")
        for lang in ("sv", "en"):
            text = result.explanation.get(lang)
            assert text.endswith(situation.explanation.get(lang))  # the usual why, after the feedback
            assert ("icke-diskriminering" if lang == "sv" else "non-discrimination") in text
        assert closer.id == result.expected_principle
        assert score_situation(situation.id, principle, "follows").score == 0.5  # the relation still counts


@pytest.mark.parametrize("principle", ["confidentiality", "participation", None])
def test_a_principle_not_accepted_still_scores_wrong(principle):
    result = score_situation("less_help_for_non_eu", principle, "breaches")
    assert result.score == 0.5 and not result.principle_correct and result.accepted_alternative is None


def test_every_situation_scores_its_own_key_right_and_a_stored_old_answer_still_counts(kb):
    for situation in kb.situations:
        assert score_situation(situation.id, situation.principle, situation.relation).score == 1
        for principle in accepted_principles(situation):
            assert principle in kb.ids("principles")
    # an answer stored before the change names support_human_rights: still a known, scoreable principle
    assert score_situation("rights_restored_after_exploitation", "support_human_rights", "follows").score == 1
    assert score_situation("rights_restored_after_exploitation", "human_rights_based", "follows").score == 1


def test_a_situation_cannot_also_accept_its_own_principle():
    import msgspec

    from kit.content.models import Situation

    raw = {"id": "x", "ref": {"chapter": 5, "lines": [1493, 1497]}, "text": {"sv": "a", "en": "a"},
           "principle": "non_discrimination", "relation": "breaches", "explanation": {"sv": "b", "en": "b"},
           "also_accepted": [{"principle": "non_discrimination", "text": {"sv": "c", "en": "c"}}]}
    with pytest.raises(msgspec.ValidationError, match="repeats"):
        msgspec.convert(raw, Situation)
