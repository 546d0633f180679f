"""What a plan costs against the budget: engaged actors and measures, beside the year's budget."""

from __future__ import annotations

from dataclasses import dataclass

from kit.mapping.effects import compile_plan
from kit.mapping.plan import load_plan


@dataclass(frozen=True)
class PlanCost:
    """Staff hours and money a plan needs in a year, beside the municipality's budget."""

    staff_hours: float
    money: float
    budget_hours: float
    budget_money: float

    @property
    def over_budget(self) -> bool:
        """True when either the hours or the money exceed the budget."""
        return self.staff_hours > self.budget_hours + 1e-9 or self.money > self.budget_money + 1e-9


def plan_cost(m, plan) -> PlanCost:
    """The cost of `plan` in municipality `m`: engaged actors plus each measure's fixed and per-target cost."""
    compiled = compile_plan(m, load_plan(plan))
    return PlanCost(compiled.staff_hours, compiled.money, m.budget.staff_hours, m.budget.money)

