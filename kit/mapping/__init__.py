"""The mock local mapping (chapter 3) ending in a prevention action plan (chapter 6).

Synthetic municipalities from YAML profiles, the learner's MappingPlan, its scoring against
the hidden situations, and a one-year simulation. Public names are imported lazily so that
`import kit.mapping` stays cheap (no pandas, numpy or matplotlib until they are used).
"""

from __future__ import annotations

from kit.lazy_exports import lazy_getattr

_EXPORTS = {
    "load_profile": "kit.mapping.profiles",
    "shipped_profiles": "kit.mapping.profiles",
    "scaled": "kit.mapping.profiles",
    "ProfileError": "kit.mapping.profiles",
    "check_profile_file": "kit.mapping.profile_check",
    "audit": "kit.mapping.giveaways",
    "generate": "kit.mapping.generator",
    "Municipality": "kit.mapping.municipality",
    "catalogue": "kit.mapping.risk_and_measures",
    "MappingPlan": "kit.mapping.plan",
    "GroupFinding": "kit.mapping.plan",
    "Action": "kit.mapping.plan",
    "PlanError": "kit.mapping.plan",
    "load_plan": "kit.mapping.plan",
    "plan_from_frames": "kit.mapping.plan",
    "score_plan": "kit.mapping.scoring",
    "Score": "kit.mapping.scoring",
    "plan_cost": "kit.mapping.costs",
    "model_plan": "kit.mapping.expert",
    "naive_plan": "kit.mapping.expert",
    "random_plan": "kit.mapping.expert",
    "empty_plan": "kit.mapping.expert",
    "expected_detection": "kit.mapping.channels",
    "simulate": "kit.mapping.simulation",
    "simulate_outcomes": "kit.mapping.simulation",
    "district_map": "kit.mapping.pictures",
    "district_map_description": "kit.mapping.pictures",
    "detection_curves": "kit.mapping.pictures",
    "detection_curves_description": "kit.mapping.pictures",
}
__all__ = sorted(_EXPORTS)


__getattr__ = lazy_getattr(__name__, _EXPORTS)
