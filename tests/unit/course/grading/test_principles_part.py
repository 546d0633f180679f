"""The course's principles part scores like the quiz: the key, or a principle the situation also
accepts (two human-rights principles can both fit), never anything else."""

from __future__ import annotations

from kit.content import load
from kit.course.cohort.learner_variants import LearnerVariant
from kit.course.grading.part_scoring import _principles


def test_a_principle_the_situation_also_accepts_scores_like_the_key():
    kb = load()
    situation = next(s for s in kb.situations if s.also_accepted)
    variant = LearnerVariant("ch1_principles", "s01", situations=(("s1", situation),))
    other = situation.also_accepted[0].principle
    wrong = next(p.id for p in kb.principles if p.id != situation.principle and all(o.principle != p.id for o in situation.also_accepted))
    key = _principles(variant, {"s1": {"principle": situation.principle, "relation": situation.relation}}, ())
    also = _principles(variant, {"s1": {"principle": other, "relation": situation.relation}}, ())
    miss = _principles(variant, {"s1": {"principle": wrong, "relation": situation.relation}}, ())
    assert key.score == also.score == 1.0
    assert miss.score == 0.5
