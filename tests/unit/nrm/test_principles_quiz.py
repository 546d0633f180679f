"""The principles quiz: scoring and the situations' data."""

from __future__ import annotations

import pytest

from kit.content.knowledge_base import UnknownIdError
from kit.nrm.principles_quiz import score_situation


def test_scores_principle_and_relation_separately(kb):
    situation = kb.situations[0]
    assert score_situation(situation.id, situation.principle, situation.relation).score == 1.0
    assert score_situation(situation.id, situation.principle, "follows" if situation.relation == "breaches" else "breaches").score == 0.5
    assert score_situation(situation.id, None, None).score == 0.0
    with pytest.raises(UnknownIdError):
        score_situation("no_such_situation", None, None)


def test_the_situations_cover_every_principle_both_ways(kb):
    covered = {s.principle for s in kb.situations}
    assert covered == set(kb.ids("principles"))
    assert {s.relation for s in kb.situations} == {"follows", "breaches"}
