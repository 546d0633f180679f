"""The mock local mapping (chapter 3) ending in a prevention action plan (chapter 6).

Synthetic municipalities from YAML profiles, the learner's MappingPlan, its scoring against
the hidden situations, and a one-year simulation. Public names are imported lazily so that
`import kit.mapping` stays cheap (no pandas, numpy or matplotlib until they are used).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kit.lazy_exports import lazy_getattr

if TYPE_CHECKING:  # the same names, eagerly, for type checkers
    from kit.mapping.channels import expected_detection as expected_detection
    from kit.mapping.costs import plan_cost as plan_cost
    from kit.mapping.expert import empty_plan as empty_plan
    from kit.mapping.expert import model_plan as model_plan
    from kit.mapping.expert import naive_plan as naive_plan
    from kit.mapping.expert import random_plan as random_plan
    from kit.mapping.generator import generate as generate
    from kit.mapping.giveaways import audit as audit
    from kit.mapping.labels import Labeller as Labeller
    from kit.mapping.labels import profile_label as profile_label
    from kit.mapping.municipality import Municipality as Municipality
    from kit.mapping.pictures import detection_curves as detection_curves
    from kit.mapping.pictures import detection_curves_description as detection_curves_description
    from kit.mapping.pictures import district_map as district_map
    from kit.mapping.pictures import district_map_description as district_map_description
    from kit.mapping.plan import Action as Action
    from kit.mapping.plan import GroupFinding as GroupFinding
    from kit.mapping.plan import MappingPlan as MappingPlan
    from kit.mapping.plan import PlanError as PlanError
    from kit.mapping.plan import load_plan as load_plan
    from kit.mapping.plan import plan_from_frames as plan_from_frames
    from kit.mapping.profile_check import check_profile_file as check_profile_file
    from kit.mapping.profiles import ProfileError as ProfileError
    from kit.mapping.profiles import load_profile as load_profile
    from kit.mapping.profiles import scaled as scaled
    from kit.mapping.profiles import shipped_profiles as shipped_profiles
    from kit.mapping.risk_and_measures import catalogue as catalogue
    from kit.mapping.scoring import Score as Score
    from kit.mapping.scoring import score_plan as score_plan
    from kit.mapping.simulation import simulate as simulate
    from kit.mapping.simulation import simulate_outcomes as simulate_outcomes

_EXPORTS = {
    "load_profile": "kit.mapping.profiles",
    "shipped_profiles": "kit.mapping.profiles",
    "scaled": "kit.mapping.profiles",
    "ProfileError": "kit.mapping.profiles",
    "check_profile_file": "kit.mapping.profile_check",
    "audit": "kit.mapping.giveaways",
    "generate": "kit.mapping.generator",
    "Municipality": "kit.mapping.municipality",
    "Labeller": "kit.mapping.labels",
    "profile_label": "kit.mapping.labels",
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
