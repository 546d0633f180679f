"""The stable id vocabularies that content, cases and answers share (see DESIGN.md)."""

from typing import Literal

LANGS: tuple[str, ...] = ("sv", "en")
DEFAULT_LANG = "sv"
Lang = Literal["sv", "en"]

PALERMO_ACTS: tuple[str, ...] = ("recruitment", "transport", "transfer", "harbouring", "receipt")
PALERMO_MEANS: tuple[str, ...] = (
    "threat_or_force",
    "other_coercion",
    "abduction",
    "fraud",
    "deception",
    "abuse_of_power_or_vulnerability",
    "payments_to_controller",
)
FORMS: tuple[str, ...] = (
    "sexual_exploitation",
    "forced_labour",
    "slavery_or_servitude",
    "organ_removal",
    "forced_begging",
    "forced_criminality",
    "sham_marriage",
    "benefit_fraud",
)
STRENGTHS: tuple[str, ...] = ("strong", "medium", "weak")
REGIME_COUNTRIES: tuple[str, ...] = ("SE", "NO", "PL", "LV", "FI")
