"""What a case needs from a response: child protection, an interpreter, a reflection period, services."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

# Language of each country for the kit's purposes; Scandinavians understand each other.
_LANGUAGE = {
    "SE": "scandinavian", "NO": "scandinavian", "DK": "scandinavian", "FI": "fi", "EE": "et", "LV": "lv",
    "LT": "lt", "PL": "pl", "DE": "de", "GB": "en", "RU": "ru", "BY": "ru", "UA": "uk",
}
_FREE_MOVEMENT_OUTSIDE_EU = frozenset({"NO", "IS", "LI", "CH"})
_LABOUR_FORMS = frozenset({"forced_labour", "forced_begging", "forced_criminality", "slavery_or_servitude", "benefit_fraud"})
_DOCUMENT_INDICATORS = frozenset({
    "identity_documents_withheld_sexual", "identity_documents_withheld_labour", "identity_documents_withheld_begging",
})
ALWAYS_NEEDED = frozenset({"housing", "risk_assessment", "medical", "psychological", "legal", "material", "information_on_rights"})


@dataclass(frozen=True, slots=True)
class CaseNeeds:
    """Facts about a case that the plan rules depend on."""

    case_id: str
    minor: bool
    language_barrier: bool
    needs_residence: bool
    services: frozenset[str]


def language_barrier(nationality: str, country: str) -> bool:
    """True when the person's language is not the language of the country they are in."""
    return _LANGUAGE.get(nationality, nationality) != _LANGUAGE.get(country, country)


def has_right_of_residence(case: Any) -> bool:
    """EU/EEA citizens, nationals and those with valid papers have a right to stay."""
    from kit.cases.narrative import surface

    nationality = case.person.nationality
    eu = surface()["nationalities"].get(nationality, {}).get("eu", False)
    return nationality == case.setting.country or eu or nationality in _FREE_MOVEMENT_OUTSIDE_EU or "valid_papers" in case.features


def case_needs(case: Any) -> CaseNeeds:
    """The needs of `case` (cached per case id, person and setting)."""
    return _needs(case.id, case.person.nationality, case.setting.country, case.truth.minor,
                  tuple(case.truth.forms or case.resembles), tuple(case.truth.indicators), has_right_of_residence(case))


@functools.lru_cache(maxsize=4096)
def _needs(case_id: str, nationality: str, country: str, minor: bool, forms: tuple[str, ...],
           indicators: tuple[str, ...], resident: bool) -> CaseNeeds:
    barrier = language_barrier(nationality, country)
    services = set(ALWAYS_NEEDED)
    if barrier:
        services.add("interpretation")
    if not resident:
        services.add("residence_information")
    if _LABOUR_FORMS & set(forms):
        services.add("compensation_and_wages")
    if _DOCUMENT_INDICATORS & set(indicators):
        services.add("documents")
    return CaseNeeds(case_id, minor, barrier, not resident, frozenset(services))
