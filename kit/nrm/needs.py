"""What a case needs from a response, read from its circumstances: child protection, a guardian,
an interpreter, housing, a reflection period, a return offer or integration, and the services.

The facts come from the case's `circumstances` block (kit/cases/schema.py): whether a child is
unaccompanied, lives with custodians or has custodians involved in the exploitation, whether the
person needs an interpreter, and whether they live permanently in the country of the setting.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from kit.cases.narrative import surface
from kit.cases.schema import Circumstances

_FREE_MOVEMENT_OUTSIDE_EU = frozenset({"NO", "IS", "LI", "CH"})
_LABOUR_FORMS = frozenset({"forced_labour", "forced_begging", "forced_criminality", "slavery_or_servitude", "benefit_fraud"})
_DOCUMENT_INDICATORS = frozenset({
    "identity_documents_withheld_sexual", "identity_documents_withheld_labour", "identity_documents_withheld_begging",
})
ALWAYS_NEEDED = frozenset({"risk_assessment", "medical", "psychological", "legal", "information_on_rights"})
# Who a regime grants a reflection period. The CoE convention (ch. 2, lines 351-352) gives one to
# victims without a right to stay; Norway also gave one to EU citizens: the Romanians begging in
# Oslo were given a shelter and a reflection period (ch. 2, lines 424-428).
REFLECTION_FOR_EVERY_FOREIGN_VISITOR = frozenset({"NO"})


@dataclass(frozen=True, slots=True)
class CaseNeeds:
    """Facts about a case that the plan rules and the model plan depend on."""

    case_id: str
    minor: bool
    unaccompanied: bool
    lives_with_custodians: bool
    custodians_involved: bool
    language_barrier: bool
    resident: bool
    right_of_residence: bool
    services: frozenset[str]

    @property
    def needs_guardian(self) -> bool:
        """A guardian (god man / special representative) for a child here without custodians, or
        whose custodians take part in the exploitation (the kit's practice note)."""
        return self.minor and (self.unaccompanied or self.custodians_involved)

    @property
    def stays_at_home(self) -> bool:
        """A child who lives with custodians who are not involved: no sheltered housing by default."""
        return self.minor and self.lives_with_custodians and not self.custodians_involved

    @property
    def from_abroad(self) -> bool:
        """Not living permanently in the country: a safe return is offered (after a risk assessment)."""
        return not self.resident

    def reflection_granted(self, country: str) -> bool:
        """Whether the regime of `country` grants this person a reflection period."""
        if self.resident:
            return False
        return not self.right_of_residence or country in REFLECTION_FOR_EVERY_FOREIGN_VISITOR

    @property
    def needs_residence(self) -> bool:
        """Without a right to stay in the country (kept for callers that ask only this)."""
        return not self.resident and not self.right_of_residence


def has_right_of_residence(case: Any) -> bool:
    """Residents, nationals, EU/EEA citizens and those with valid papers have a right to stay."""
    nationality = case.person.nationality
    eu = surface()["nationalities"].get(nationality, {}).get("eu", False)
    return (_circumstances(case).resident or nationality == case.setting.country or eu
            or nationality in _FREE_MOVEMENT_OUTSIDE_EU or "valid_papers" in case.features)


def case_needs(case: Any) -> CaseNeeds:
    """The needs of `case` (cached per case id, person, setting and circumstances)."""
    facts = _circumstances(case)
    return _needs(case.id, case.truth.minor, facts.unaccompanied, facts.lives_with_custodians, facts.custodians_involved,
                  facts.needs_interpreter, facts.resident, has_right_of_residence(case),
                  tuple(case.truth.forms or case.resembles), tuple(case.truth.indicators))


def _circumstances(case: Any) -> Any:
    return getattr(case, "circumstances", None) or Circumstances()


@functools.lru_cache(maxsize=4096)
def _needs(case_id: str, minor: bool, unaccompanied: bool, lives_with_custodians: bool, custodians_involved: bool,
           interpreter: bool, resident: bool, right_of_residence: bool, forms: tuple[str, ...],
           indicators: tuple[str, ...]) -> CaseNeeds:
    at_home = minor and lives_with_custodians and not custodians_involved
    services = set(ALWAYS_NEEDED)
    if not at_home:  # a child at home with custodians who are not involved keeps their home and keep
        services |= {"housing", "material"}
    if interpreter:
        services.add("interpretation")
    if not right_of_residence:
        services.add("residence_information")
    if _LABOUR_FORMS & set(forms):
        services.add("compensation_and_wages")
    if _DOCUMENT_INDICATORS & set(indicators):
        services.add("documents")
    return CaseNeeds(case_id, minor, minor and unaccompanied, minor and lives_with_custodians,
                     minor and custodians_involved, interpreter, resident, right_of_residence, frozenset(services))
