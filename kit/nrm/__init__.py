"""The referral chain (NRM): plans for a case under a country regime, their validation, a scenario.

Public names are imported lazily so that `import kit.nrm` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kit.lazy_exports import lazy_getattr

if TYPE_CHECKING:  # the same names, eagerly, for type checkers
    from kit.nrm.chain import load_chain as load_chain
    from kit.nrm.chain import referral_graph as referral_graph
    from kit.nrm.plan import PlanError as PlanError
    from kit.nrm.plan import PlanStep as PlanStep
    from kit.nrm.plan import ResponsePlan as ResponsePlan
    from kit.nrm.plan import load_plan as load_plan
    from kit.nrm.reference_plan import model_plan as model_plan
    from kit.nrm.rules import Finding as Finding
    from kit.nrm.rules import validate_plan as validate_plan
    from kit.nrm.scenario import Scenario as Scenario

_EXPORTS = {
    "load_chain": "kit.nrm.chain",
    "referral_graph": "kit.nrm.chain",
    "ResponsePlan": "kit.nrm.plan",
    "PlanStep": "kit.nrm.plan",
    "load_plan": "kit.nrm.plan",
    "PlanError": "kit.nrm.plan",
    "validate_plan": "kit.nrm.rules",
    "Finding": "kit.nrm.rules",
    "model_plan": "kit.nrm.reference_plan",
    "Scenario": "kit.nrm.scenario",
}
__all__ = sorted(_EXPORTS)


__getattr__ = lazy_getattr(__name__, _EXPORTS)
