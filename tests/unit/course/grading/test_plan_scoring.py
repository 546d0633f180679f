"""The chapter 5 plan's score over the whole case bank and every country: the model plan scores 1,
a ladder of plans from empty to the model plan rises at every rung, and an empty plan, a one-step
plan (even one that lists every service) or a plan without services cannot pass."""

from __future__ import annotations

from itertools import pairwise

import msgspec
import pytest

from kit.course.grading.plan_scoring import PASS_SHARE, PLAN_WEIGHTS, plan_feedback, score_support_plan

REGIMES = ("SE", "NO", "PL", "LV", "FI")


def cases():
    from kit.cases.bank import load_bank

    return [case for case in load_bank().values() if case.truth.trafficking]


@pytest.fixture(scope="module")
def plans():
    from kit.nrm import model_plan

    return [(case, regime, msgspec.to_builtins(model_plan(case, regime).steps)) for case in cases() for regime in REGIMES]


def score(case, regime, steps) -> float:
    return score_support_plan(case, regime, steps)[0]


def test_the_model_plan_scores_full_for_every_case_and_country(plans):
    assert len(plans) >= 5 * 30
    for case, regime, steps in plans:
        total, parts, _ = score_support_plan(case, regime, steps)
        assert total == pytest.approx(1.0), (case.id, regime, parts)


def test_a_ladder_from_the_empty_plan_to_the_model_plan_rises_at_every_rung(plans):
    for case, regime, steps in plans:
        ladder = [score(case, regime, steps[:n]) for n in range(len(steps) + 1)]
        assert ladder[0] == 0.0
        assert all(lower < higher for lower, higher in pairwise(ladder)), (case.id, regime, ladder)


def test_an_empty_or_one_step_plan_or_a_plan_without_services_cannot_pass(plans):
    for case, regime, steps in plans:
        every_service = sorted({service for step in steps for service in step["services"]})
        assert score(case, regime, []) == 0.0
        for step in steps:
            assert score(case, regime, [step]) < PASS_SHARE, (case.id, regime, step)
            assert score(case, regime, [dict(step, services=every_service)]) < PASS_SHARE, (case.id, regime, step)
        assert score(case, regime, [dict(step, services=[]) for step in steps]) < PASS_SHARE, (case.id, regime)


def test_a_plan_that_breaks_a_principle_loses_credit(plans):
    for case, regime, steps in plans[:40]:
        conditioned = [dict(step, conditions=["cooperation_with_police"]) if step["step"] == "acute_support" else step
                       for step in steps]
        assert score(case, regime, conditioned) < 1.0


def test_weights_add_up_and_every_step_service_and_rule_has_a_group():
    assert sum(PLAN_WEIGHTS.values()) == pytest.approx(1.0)
    groups = plan_feedback()  # raises ContentError when a step, service or rule of kit.nrm has no group
    assert groups.phases and groups.support_types and groups.principle_kinds
