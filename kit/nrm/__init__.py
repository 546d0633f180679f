"""The referral chain (NRM): plans for a case under a country regime, their validation, a scenario.

Public names are imported lazily so that `import kit.nrm` stays cheap.
"""

from __future__ import annotations

from kit.lazy_exports import lazy_getattr

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
